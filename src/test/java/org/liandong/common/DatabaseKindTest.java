package org.liandong.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Proves that LIANDONG_DB really selects the database the suite runs on. */
@QuarkusTest
class DatabaseKindTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void suiteRunsOnTheSelectedDatabase() throws Exception {
        String wanted = "postgresql".equals(System.getenv("LIANDONG_DB")) ? "PostgreSQL" : "H2";
        try (Connection c = dataSource.getConnection()) {
            assertEquals(wanted, c.getMetaData().getDatabaseProductName());
        }
    }
}

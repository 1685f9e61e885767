package org.liandong.room;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Room state and protocol stay plain: no sockets, no CDI, no database, no threads of their own. */
class RoomBoundariesTest {

    static final JavaClasses ROOM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liandong.room");

    @Test
    void roomStateAndProtocolDoNoIo() {
        noClasses()
                .that()
                .resideInAnyPackage("org.liandong.room.state..", "org.liandong.room.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "io.vertx..",
                        "io.smallrye..",
                        "jakarta.enterprise..",
                        "jakarta.persistence..",
                        "jakarta.transaction..",
                        "java.net..",
                        "java.util.concurrent..",
                        "org.liandong.room")
                .check(ROOM);
    }
}

package org.liandong.material;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liandong.support.Fixtures.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.MaterialFiles;

/**
 * The shared store for several nodes ({@code liandong.materials.store=database}): bytes in the
 * application's database. Run with {@code LIANDONG_DB=postgresql} for the real PostgreSQL.
 */
@QuarkusTest
@TestProfile(MaterialDatabaseStoreTest.DatabaseStore.class)
class MaterialDatabaseStoreTest {

    public static class DatabaseStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liandong.materials.store", "database", "liandong.materials.max-chunk", "2M");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private long rows(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private String storageKey(long fileId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select storage_key from material_file where id = ?")) {
            s.setLong(1, fileId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @Test
    void uploadsResumesAndServesFromTheDatabase() throws Exception {
        long p = MaterialUploadTestSupport.project("investment-approval");
        long item = MaterialUploadTestSupport.firstItem(p);

        byte[] small = MaterialFiles.pdf("database store", 2);
        long id = MaterialFiles.upload("applicant", p, item, small, "small.pdf");
        assertArrayEquals(
                small,
                as("applicant")
                        .get("/api/material-files/" + id + "/content")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());
        assertEquals(1, rows("select count(*) from material_blob_chunk where blob_key = ?", storageKey(id)));

        // 5 MiB in 2 MiB chunks; the second one is cut off halfway and sent again
        int size = 5 * 1024 * 1024;
        byte[] big = new byte[size];
        new Random(7).nextBytes(big);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        String upload = as("applicant")
                .body(Map.of("fileName", "drawing.pdf", "size", size))
                .post("/api/projects/" + p + "/materials/" + item + "/uploads")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String url = "/api/material-uploads/" + upload;
        int chunk = 2 * 1024 * 1024;
        chunk(url, big, 0, chunk).then().statusCode(200).body("offset", equalTo(chunk));
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("applicant:" + DemoDirectory.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT " + url + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth
                            + "\r\nContent-Type: application/octet-stream\r\n" + "Content-Range: bytes " + chunk + "-"
                            + (2 * chunk - 1) + "/" + size + "\r\nContent-Length: " + chunk + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(big, chunk, chunk / 2);
            out.flush();
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .untilAsserted(
                        () -> as("applicant").get(url).then().statusCode(200).body("offset", equalTo(chunk)));
        chunk(url, big, chunk, chunk).then().statusCode(200).body("offset", equalTo(2 * chunk));
        long fileId = chunk(url, big, 2 * chunk, size - 2 * chunk)
                .then()
                .statusCode(201)
                .body("sha256", equalTo(MaterialFiles.sha256(big)))
                .extract()
                .jsonPath()
                .getLong("id");
        assertEquals(
                0, rows("select count(*) from material_blob_chunk where blob_key like 's-%'"), "no staged rows left");
        assertArrayEquals(
                big,
                as("applicant")
                        .get("/api/material-files/" + fileId + "/content")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray());

        // stored bytes that no longer match their digest are never served
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("update material_blob_chunk set data = ? where blob_key = ? and seq = 0")) {
            byte[] changed = Arrays.copyOf(small, small.length);
            changed[changed.length - 10] ^= 1;
            s.setBytes(1, changed);
            s.setString(2, storageKey(id));
            assertEquals(1, s.executeUpdate());
        }
        as("applicant")
                .get("/api/material-files/" + id + "/content")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", containsString("integrity"));
    }

    private static io.restassured.response.Response chunk(String url, byte[] all, int offset, int length) {
        return given().auth()
                .preemptive()
                .basic("applicant", DemoDirectory.DEMO_PASSWORD)
                .contentType("application/octet-stream")
                .header("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + all.length)
                .body(Arrays.copyOfRange(all, offset, offset + length))
                .put(url);
    }
}

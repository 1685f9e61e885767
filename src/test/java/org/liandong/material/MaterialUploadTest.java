package org.liandong.material;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.MaterialFiles;

/** Bad input (nothing stored), limits before and while reading, resumable uploads and concurrent uploads. */
@QuarkusTest
class MaterialUploadTest {

    private static final String AUTH = "Basic "
            + Base64.getEncoder()
                    .encodeToString(("applicant:" + DemoDirectory.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static long project(String matterType) {
        return MaterialUploadTestSupport.project(matterType);
    }

    private static long firstItem(long project) {
        return MaterialUploadTestSupport.firstItem(project);
    }

    private static Response upload(long p, long item, byte[] bytes, String name) {
        return given().auth()
                .preemptive()
                .basic("applicant", DemoDirectory.DEMO_PASSWORD)
                .config(MaterialFiles.UTF8_NAMES)
                .multiPart("file", name, bytes, "application/pdf")
                .post("/api/projects/" + p + "/materials/" + item + "/files");
    }

    private static void assertNothingStored(long p, long item, long stagedBefore) {
        as("applicant")
                .get("/api/projects/" + p + "/materials/" + item + "/files")
                .then()
                .statusCode(200)
                .body("$", empty());
        as("applicant")
                .get("/api/projects/" + p)
                .then()
                .body("timeline.type", not(hasItem("material-uploaded")))
                .body("materials[0].status", equalTo("MISSING"));
        assertEquals(stagedBefore, staged(), "no staged leftovers");
    }

    private static long staged() {
        Path dir = Path.of("target/test-data/materials/staging");
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badFilesAreRefusedNamingTheFieldAndNothingIsStored() {
        long p = project("investment-approval");
        long item = firstItem(p);
        long before = staged();
        upload(p, item, Samples.elf(), "营业执照.pdf")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"))
                .body("detail", containsString("executable"));
        upload(p, item, Samples.shellScript(), "report.pdf")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("file"));
        upload(p, item, Samples.encryptedZip(), "drawings.zip")
                .then()
                .statusCode(400)
                .body("detail", containsString("encrypted"));
        upload(p, item, new byte[0], "empty.pdf")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("file"))
                .body("detail", containsString("empty"));
        byte[] pdf = MaterialFiles.pdf("name test", 1);
        for (String name : List.of(
                "../../etc/passwd.pdf", "a\\b.pdf", "bell\u0007.pdf", "evil\u202Efdp.exe", "x".repeat(296) + ".pdf")) {
            upload(p, item, pdf, name)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("fileName"));
        }
        assertNothingStored(p, item, before);
        // stored but not previewed: drawings and Office documents
        upload(p, item, Samples.dwg(), "总平面图.dwg")
                .then()
                .statusCode(201)
                .body("mediaType", equalTo("image/vnd.dwg"))
                .body("previewable", equalTo(false));
        as("city.nr").get("/api/projects/" + p).then().statusCode(200);
        given().auth()
                .preemptive()
                .basic("city.nr", DemoDirectory.DEMO_PASSWORD)
                .multiPart("file", "a.pdf", pdf)
                .post("/api/projects/" + p + "/materials/" + item + "/files")
                .then()
                .statusCode(403);
    }

    @Test
    void perMatterTypeLimitsAndTypesApply() throws Exception {
        long p = project("construction-permit"); // test profile: 1 MiB, PDF only
        long item = firstItem(p);
        long before = staged();
        upload(p, item, Samples.png(), "photo.png")
                .then()
                .statusCode(400)
                .body("detail", containsString("does not accept"));

        // declared too long: refused before the body is sent at all (we send only the headers)
        String head = "POST /api/projects/" + p + "/materials/" + item + "/files HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + AUTH + "\r\nContent-Type: multipart/form-data; boundary=b0undary\r\n"
                + "Content-Length: 5000000\r\n\r\n";
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(120_000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String reply = new String(s.getInputStream().readNBytes(1200), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
            assertTrue(reply.contains("application/problem+json") && reply.contains("\"field\":\"file\""), reply);
        }

        // no declared length (chunked): counted, refused, nothing kept
        byte[] big = new byte[2 * 1024 * 1024];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
        byte[] multipart = multipartBody("big.pdf", big);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/projects/" + p
                                        + "/materials/" + item + "/files"))
                                .header("Authorization", AUTH)
                                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(multipart)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"field\":\"file\""), r.body());
        assertNothingStored(p, item, before);
    }

    private static byte[] multipartBody(String name, byte[] content) {
        byte[] start = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(content, 0, all, start.length, content.length);
        System.arraycopy(end, 0, all, start.length + content.length, end.length);
        return all;
    }

    @Test
    void anInterruptedHundredMegabyteUploadResumesAndEndsWithTheRightDigest() throws Exception {
        long p = project("investment-approval");
        long item = firstItem(p);
        int size = 100 * 1024 * 1024;
        int chunk = 16 * 1024 * 1024;
        Path file = Files.createTempFile("resume", ".pdf");
        String expected = writeBigPdf(file, size);
        try {
            String id = as("applicant")
                    .body(Map.of("fileName", "总平面图-大.pdf", "size", size))
                    .post("/api/projects/" + p + "/materials/" + item + "/uploads")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/api/material-uploads/"))
                    .body("offset", equalTo(0))
                    .extract()
                    .jsonPath()
                    .getString("id");
            String url = "/api/material-uploads/" + id;
            putChunk(url, file, 0, chunk, size).then().statusCode(200).body("offset", equalTo(chunk));

            // the connection drops halfway through the second chunk
            String head = "PUT " + url + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + AUTH + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Range: bytes " + chunk + "-" + (2 * chunk - 1)
                    + "/" + size
                    + "\r\nContent-Length: " + chunk + "\r\n\r\n";
            try (Socket s = new Socket("localhost", RestAssured.port);
                    InputStream in = Files.newInputStream(file)) {
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                in.skipNBytes(chunk);
                out.write(in.readNBytes(chunk / 2));
                out.flush();
            }
            // nothing of the cut chunk counts; resume from the stored offset
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .untilAsserted(() ->
                            as("applicant").get(url).then().statusCode(200).body("offset", equalTo(chunk)));
            putChunk(url, file, 2 * chunk, chunk, size)
                    .then()
                    .statusCode(409)
                    .body("type", containsString("upload-offset"));
            Response last = null;
            for (long offset = chunk; offset < size; offset += chunk) {
                last = putChunk(url, file, offset, (int) Math.min(chunk, size - offset), size);
            }
            last.then()
                    .statusCode(201)
                    .body("sha256", equalTo(expected))
                    .body("size", equalTo(size))
                    .body("version", equalTo(1))
                    .body("mediaType", equalTo("application/pdf"));
            long fileId = last.jsonPath().getLong("id");
            as("applicant").get(url).then().statusCode(404); // the upload became the version

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(
                    as("applicant")
                            .get("/api/material-files/" + fileId + "/content")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asInputStream(),
                    sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            assertEquals(expected, HexFormat.of().formatHex(sha.digest()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Response putChunk(String url, Path file, long offset, int length, long size) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            bytes = in.readNBytes(length);
        }
        return given().auth()
                .preemptive()
                .basic("applicant", DemoDirectory.DEMO_PASSWORD)
                .contentType("application/octet-stream")
                .header("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + size)
                .body(bytes)
                .put(url);
    }

    /** A file that Tika takes for a PDF (it starts like one), with pseudo-random content; returns its SHA-256. */
    private static String writeBigPdf(Path file, int size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(15);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                if (written == 0) {
                    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, block, 0, 9);
                }
                out.write(block);
                sha.update(block);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void concurrentUploadsToOneItemMakeVersionsWithoutGapsAndADoubleSubmitMakesOne() throws Exception {
        long p = project("investment-approval");
        long item = firstItem(p);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Integer> versions = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> fs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    byte[] pdf = MaterialFiles.pdf("round " + round + " upload " + i, 1);
                    fs.add(pool.submit((Callable<Response>) () -> {
                        go.await();
                        return upload(p, item, pdf, "r" + pdf.length + ".pdf");
                    }));
                }
                go.countDown();
                for (Future<Response> f : fs) {
                    versions.add(
                            f.get().then().statusCode(201).extract().jsonPath().getInt("version"));
                }
            }
            versions.sort(Integer::compare);
            assertEquals(List.of(1, 2, 3, 4, 5, 6), versions);

            // the same bytes sent twice at once by the same person: one version
            byte[] same = MaterialFiles.pdf("double submit", 2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> fs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                fs.add(pool.submit((Callable<Response>) () -> {
                    go.await();
                    return upload(p, item, same, "same.pdf");
                }));
            }
            go.countDown();
            List<Integer> ids = new ArrayList<>();
            for (Future<Response> f : fs) {
                ids.add(f.get()
                        .then()
                        .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract()
                        .jsonPath()
                        .getInt("id"));
            }
            assertEquals(ids.get(0), ids.get(1));
            as("applicant")
                    .get("/api/projects/" + p + "/materials/" + item + "/files")
                    .then()
                    .body("version", org.hamcrest.Matchers.contains(7, 6, 5, 4, 3, 2, 1));
        } finally {
            pool.shutdownNow();
        }
    }
}

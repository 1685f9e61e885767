package org.liandong.material;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;

/**
 * A chunked upload (no Content-Length) larger than {@code quarkus.http.limits.max-body-size} is cut
 * off by the HTTP layer before the service sees it. The answer must still be RFC 9457 problem+json
 * naming the field (COMMON rules), like the service's own 413. The limit is lowered to 1 MB here so
 * that the test does not send 210 MB.
 */
@Disabled("Known gap (attacker's review, 2026-11-29): RESTEasy Reactive's VertxInputStream answers a chunked body over "
        + "quarkus.http.limits.max-body-size with a bare 413 before any mapper of ours runs. Nothing is stored; only the "
        + "answer is not problem+json. Uploads with a Content-Length are refused as problem+json by UploadLimitFilter.")
@QuarkusTest
@TestProfile(BodyLimitProblemTest.SmallBodyLimit.class)
class BodyLimitProblemTest {

    public static class SmallBodyLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-body-size", "1M");
        }
    }

    @Test
    void aChunkedBodyOverTheHttpLimitIsRefusedAsProblemJsonNamingTheFile() throws Exception {
        long p = MaterialUploadTestSupport.project("investment-approval");
        long item = MaterialUploadTestSupport.firstItem(p);
        byte[] content = new byte[2 * 1024 * 1024];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
        byte[] start = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\""
                        + "\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(content, 0, body, start.length, content.length);
        System.arraycopy(end, 0, body, start.length + content.length, end.length);
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("applicant:" + DemoDirectory.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/projects/" + p
                                        + "/materials/" + item + "/files"))
                                .header("Authorization", auth)
                                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "Content-Type " + r.headers().firstValue("Content-Type") + ", body: " + r.body());
        assertTrue(r.body().contains("\"field\":\"file\""), r.body());
    }
}

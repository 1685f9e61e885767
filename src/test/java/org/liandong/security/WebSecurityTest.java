package org.liandong.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liandong.decision.SessionFixture;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.Fixtures;

/**
 * Issue 11, "web security a browser expects", each finding with the input from the issue: brute
 * force on sign-in (form and Basic) and on the signing password, logout that must end the session,
 * CSRF through cached Basic credentials, missing security headers. Accounts made here are fresh,
 * and address-wide limits are tried from 127.0.0.2, so that the rest of the suite is not throttled.
 */
@QuarkusTest
class WebSecurityTest {

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 100_000));
    private static final String PASSWORD = "correct-horse-42";

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionFixture fixture;

    /** A fresh account (so that locking it out disturbs no other test); returns its username. */
    private static String freshAccount(String role, Long departmentId) {
        String username = "sec" + SERIAL.incrementAndGet();
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "username", username, "password", PASSWORD, "displayName", "安全测试 " + username, "roles", List.of(role)));
        if (departmentId != null) {
            body.put("departmentId", departmentId);
        }
        as("admin").body(body).post("/api/people").then().statusCode(201);
        return username;
    }

    private static Response formLogin(String username, String password, String... headerPairs) {
        var request = given().redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return request.post("/j_security_check");
    }

    @Test
    void thirtyWrongPasswordsThenTheRightOneIsRefusedOnTheFormAndOnBasic() {
        String form = freshAccount("COORDINATOR", null);
        for (int i = 0; i < 30; i++) {
            formLogin(form, "guess-" + i).then().statusCode(401);
        }
        formLogin(form, PASSWORD).then().statusCode(401);
        given().auth().preemptive().basic(form, PASSWORD).get("/api/me").then().statusCode(401);

        String basic = freshAccount("COORDINATOR", null);
        given().auth()
                .preemptive()
                .basic(basic, PASSWORD)
                .get("/api/me")
                .then()
                .statusCode(200); // successes cost nothing
        for (int i = 0; i < 30; i++) {
            given().auth()
                    .preemptive()
                    .basic(basic, "guess-" + i)
                    .get("/api/me")
                    .then()
                    .statusCode(401);
        }
        given().auth().preemptive().basic(basic, PASSWORD).get("/api/me").then().statusCode(401);
        formLogin(basic, PASSWORD).then().statusCode(401);
        // Other accounts from the same address are not locked out by one account's guesses.
        as("coordinator").get("/api/me").then().statusCode(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedDownToo() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertEquals(401, formLoginFrom("127.0.0.2", "nobody" + i, "guess"));
        }
        String fresh = freshAccount("COORDINATOR", null);
        assertEquals(401, formLoginFrom("127.0.0.2", fresh, PASSWORD), "the address is throttled");
        assertEquals(200, formLoginFrom("127.0.0.1", fresh, PASSWORD), "another address is not");
    }

    @Test
    void theSigningPasswordIsThrottledToo() {
        long nr = as("admin")
                .get("/api/people?role=OFFICIAL")
                .jsonPath()
                .getLong("find { it.username == 'city.nr' }.department.id");
        String official = freshAccount("OFFICIAL", nr);
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of(official), List.of(official));
        // A browser signs in once and signs with its session cookie: the re-asked password is the only check.
        String cookie =
                formLogin(official, PASSWORD).then().statusCode(200).extract().cookie("quarkus-credential");
        long opinion = given().cookie("quarkus-credential", cookie)
                .contentType("application/json")
                .body(Map.of("verdict", "APPROVE"))
                .post("/api/sessions/" + s.sessionId() + "/opinions")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        int refusedAsWrong = 0;
        for (int i = 0; i < 30; i++) {
            int status = given().cookie("quarkus-credential", cookie)
                    .contentType("application/json")
                    .body(Map.of("password", "guess-" + i))
                    .post("/api/opinions/" + opinion + "/sign")
                    .statusCode();
            if (status == 400) {
                refusedAsWrong++;
            } else {
                assertEquals(429, status);
            }
        }
        assertEquals(5, refusedAsWrong, "only the first five guesses are checked");
        given().cookie("quarkus-credential", cookie)
                .contentType("application/json")
                .body(Map.of("password", PASSWORD))
                .post("/api/opinions/" + opinion + "/sign")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", containsString("too-many-attempts"));
        // The guesses count against the account, so a fresh password sign-in for it is refused too.
        given().auth()
                .preemptive()
                .basic(official, PASSWORD)
                .get("/api/me")
                .then()
                .statusCode(401);
    }

    @Test
    void behindTheTlsProxyTheSessionCookieIsSecureAndNobodyElseCanClaimTls() throws Exception {
        String user = freshAccount("COORDINATOR", null);
        String viaProxy = String.join(
                "\n",
                formLogin(user, PASSWORD, "X-Forwarded-Proto", "https")
                        .then()
                        .statusCode(200)
                        .extract()
                        .headers()
                        .getValues("Set-Cookie"));
        assertTrue(viaProxy.contains("quarkus-credential=") && viaProxy.contains("Secure"), viaProxy);
        String plain = String.join(
                "\n",
                formLogin(user, PASSWORD)
                        .then()
                        .statusCode(200)
                        .extract()
                        .headers()
                        .getValues("Set-Cookie"));
        assertFalse(
                plain.contains("Secure"), "plain HTTP (the embedded demo) keeps a cookie the browser will send back");
        // 127.0.0.3 is not the trusted proxy: its X-Forwarded-Proto is ignored.
        String spoofed = rawFormLogin("127.0.0.3", user, PASSWORD, "X-Forwarded-Proto: https\r\n");
        assertTrue(
                spoofed.startsWith("HTTP/1.1 200")
                        && spoofed.contains("quarkus-credential=")
                        && !spoofed.contains("Secure"),
                spoofed);
    }

    @Test
    void logoutEndsTheSessionAndTheOldCookieIsRefused() {
        String user = freshAccount("COORDINATOR", null);
        String cookie =
                formLogin(user, PASSWORD).then().statusCode(200).extract().cookie("quarkus-credential");
        given().cookie("quarkus-credential", cookie)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo(user));
        given().cookie("quarkus-credential", cookie).post("/api/logout").then().statusCode(204);
        given().cookie("quarkus-credential", cookie).get("/api/me").then().statusCode(401);
        given().cookie("quarkus-credential", cookie).get("/api/projects").then().statusCode(401);
        // Signing in again gives a new session that works.
        String again =
                formLogin(user, PASSWORD).then().statusCode(200).extract().cookie("quarkus-credential");
        given().cookie("quarkus-credential", again).get("/api/me").then().statusCode(200);
        // Basic credentials are not a session: logout does not touch them.
        given().auth().preemptive().basic(user, PASSWORD).get("/api/me").then().statusCode(200);
    }

    @Test
    void crossSiteRequestsThatChangeDataAreRefusedEvenWithCachedBasicCredentials() {
        Map<String, Object> body = Fixtures.projectBody(Fixtures.personId("applicant"));
        as("coordinator")
                .header("Origin", "https://evil.example")
                .body(body)
                .post("/api/projects")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as("coordinator")
                .header("Sec-Fetch-Site", "cross-site")
                .body(body)
                .post("/api/projects")
                .then()
                .statusCode(403);
        as("coordinator")
                .header("Sec-Fetch-Site", "same-site")
                .body(body)
                .post("/api/projects")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                .header("Origin", "null")
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", "x")
                .post("/api/projects")
                .then()
                .statusCode(403);
        given().header("Origin", "https://evil.example")
                .formParam("j_username", "coordinator")
                .formParam("j_password", DemoDirectory.DEMO_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(403);
        // Reads stay possible (they change nothing), and our own pages may write.
        as("coordinator")
                .header("Sec-Fetch-Site", "cross-site")
                .get("/api/me")
                .then()
                .statusCode(200);
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        as("coordinator")
                .header("Origin", own)
                .header("Sec-Fetch-Site", "same-origin")
                .body(body)
                .post("/api/projects")
                .then()
                .statusCode(201);
        as("coordinator")
                .body(Fixtures.projectBody(Fixtures.personId("applicant")))
                .post("/api/projects")
                .then()
                .statusCode(201); // API client
    }

    @Test
    void everyPageAndApiAnswerCarriesTheSecurityHeaders() {
        for (Response r : List.of(
                given().get("/"),
                given().get("/js/app.js"),
                given().get("/api/me"),
                as("coordinator").get("/api/me"),
                given().get("/q/health"),
                formLogin("coordinator", "wrong"),
                given().get("/no-such-page"))) {
            r.then()
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer");
        }
    }

    /** A form sign-in sent from a given local address (Linux routes all of 127/8 to loopback). */
    private int formLoginFrom(String localAddress, String username, String password) throws Exception {
        return Integer.parseInt(
                rawFormLogin(localAddress, username, password, "").substring(9, 12));
    }

    /** A form sign-in over a raw socket from {@code localAddress}; returns the response head ("HTTP/1.1 200 ..."). */
    private String rawFormLogin(String localAddress, String username, String password, String extraHeaders)
            throws Exception {
        String form = "j_username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /j_security_check HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                            + "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + form)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = response.indexOf("\r\n\r\n");
            return headEnd < 0 ? response : response.substring(0, headEnd);
        }
    }
}

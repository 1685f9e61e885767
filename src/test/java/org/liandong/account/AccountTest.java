package org.liandong.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;

@QuarkusTest
class AccountTest {

    @Test
    void browserSignsInWithTheFormAndGetsAnHttpOnlyStrictCookie() {
        Response login = given().formParam("j_username", "coordinator")
                .formParam("j_password", DemoDirectory.DEMO_PASSWORD)
                .post("/j_security_check");
        login.then()
                .statusCode(200)
                .header("Set-Cookie", org.hamcrest.Matchers.containsStringIgnoringCase("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"));
        String cookie = login.getCookie("quarkus-credential");
        given().cookie("quarkus-credential", cookie)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("coordinator"))
                .body("roles", hasItem("COORDINATOR"))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    @Test
    void wrongPasswordIsRefusedWithoutRedirect() {
        given().redirects()
                .follow(false)
                .formParam("j_username", "coordinator")
                .formParam("j_password", "nope")
                .post("/j_security_check")
                .then()
                .statusCode(401);
    }

    /** Issue 11: a Basic challenge makes browsers cache credentials that a cross-site form can ride on. */
    @Test
    void nobodyGetsABasicChallenge() {
        given().header("X-Requested-With", "XMLHttpRequest")
                .get("/api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(null))
                .contentType("application/problem+json");
        given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(null));
        given().auth()
                .preemptive()
                .basic("nobody-at-all", "wrong")
                .get("/api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(null));
        given().get("/api/projects").then().statusCode(401).header("WWW-Authenticate", equalTo(null));
    }

    /** Issue 11: metrics and the API description are not for anonymous callers; health is, for load balancers. */
    @Test
    void operationsEndpointsNeedAnAdminExceptHealth() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem(containsString("Database")));
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi?format=json").then().statusCode(401);
        given().get("/q/swagger-ui/").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic("coordinator", DemoDirectory.DEMO_PASSWORD)
                .get("/q/metrics")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("admin", DemoDirectory.DEMO_PASSWORD)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes"));
        given().auth()
                .preemptive()
                .basic("admin", DemoDirectory.DEMO_PASSWORD)
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/projects"));
        given().get("/").then().statusCode(200).body(containsString("联动审批"));
    }
}

package org.liandong.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DirectoryResourceTest {

    @Test
    void demoDirectoryModelsZibo() {
        as("coordinator")
                .get("/api/regions?parent=370300&level=COUNTY")
                .then()
                .statusCode(200)
                .body("size()", equalTo(8))
                .body("code", hasItems("370302", "370303", "370304", "370305", "370306", "370321", "370322", "370323"))
                .body("find { it.code == '370323' }.nameZh", equalTo("沂源县"));
        as("coordinator")
                .get("/api/departments?region=370300")
                .then()
                .statusCode(200)
                .body("nameZh", hasItem("淄博市自然资源和规划局"));
        as("coordinator")
                .get("/api/people?role=OFFICIAL")
                .then()
                .statusCode(200)
                .body("find { it.username == 'chair' }.mayChair", equalTo(true));
    }

    @Test
    void adminWritesTheDirectoryOthersCannot() {
        Map<String, Object> town = Map.of(
                "code",
                "370302100",
                "level",
                "TOWN",
                "parentCode",
                "370302",
                "nameZh",
                "房镇镇",
                "nameEn",
                "Fangzhen Town");
        as("city.nr").body(town).post("/api/regions").then().statusCode(403).contentType("application/problem+json");
        as("coordinator").body(town).post("/api/regions").then().statusCode(403);
        given().contentType("application/json")
                .body(town)
                .post("/api/regions")
                .then()
                .statusCode(401);
        as("admin").body(town).post("/api/regions").then().statusCode(201).body("level", equalTo("TOWN"));
        as("admin").body(town).post("/api/regions").then().statusCode(409);

        Map<String, Object> dept = Map.of(
                "code",
                "370302-SW",
                "regionCode",
                "370302",
                "nameZh",
                "张店区水利局",
                "nameEn",
                "Zhangdian Water Resources Bureau");
        as("chair").body(dept).post("/api/departments").then().statusCode(403);
        long deptId = as("admin")
                .body(dept)
                .post("/api/departments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        Map<String, Object> person = Map.of(
                "username",
                "zhangdian.water",
                "password",
                "a-long-password",
                "displayName",
                "钱工",
                "email",
                "w@example.cn",
                "roles",
                List.of("OFFICIAL"),
                "departmentId",
                deptId,
                "mayChair",
                false);
        as("city.nr").body(person).post("/api/people").then().statusCode(403);
        as("admin")
                .body(person)
                .post("/api/people")
                .then()
                .statusCode(201)
                .body("department.code", equalTo("370302-SW"));
        given().auth()
                .preemptive()
                .basic("zhangdian.water", "a-long-password")
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("OFFICIAL"));
    }

    @Test
    void directoryRulesAreExplained() {
        as("admin")
                .body(Map.of("code", "37030210", "level", "TOWN", "parentCode", "370302", "nameZh", "x", "nameEn", "x"))
                .post("/api/regions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("code"));
        as("admin")
                .body(Map.of(
                        "code", "370399100", "level", "TOWN", "parentCode", "370399", "nameZh", "x", "nameEn", "x"))
                .post("/api/regions")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("parentCode"));
        as("admin")
                .body(Map.of("code", "370303100-X", "regionCode", "370303100", "nameZh", "x", "nameEn", "x"))
                .post("/api/departments")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("regionCode"));
        as("admin")
                .body(Map.of(
                        "username",
                        "no.dept",
                        "password",
                        "a-long-password",
                        "displayName",
                        "x",
                        "roles",
                        List.of("OFFICIAL")))
                .post("/api/people")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("departmentId"));
        as("admin")
                .body(Map.of(
                        "username", "short.pw", "password", "short", "displayName", "x", "roles", List.of("APPLICANT")))
                .post("/api/people")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("password"));
        as("admin")
                .body(Map.of(
                        "username",
                        "chair.applicant",
                        "password",
                        "a-long-password",
                        "displayName",
                        "x",
                        "roles",
                        List.of("APPLICANT"),
                        "mayChair",
                        true))
                .post("/api/people")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("mayChair"));
        as("admin")
                .body(Map.of(
                        "username",
                        "bad.role",
                        "password",
                        "a-long-password",
                        "displayName",
                        "x",
                        "roles",
                        List.of("KING")))
                .post("/api/people")
                .then()
                .statusCode(400)
                .body("detail", containsString("roles"));
    }
}

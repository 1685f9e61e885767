package org.liandong.material;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.personId;
import static org.liandong.support.Fixtures.projectBody;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.directory.DemoDirectory;
import org.liandong.support.MaterialFiles;

/** The materials flow through the API: online filing, versions, digest, review, one notice, acceptance, visibility. */
@QuarkusTest
class MaterialFlowTest {

    private static Response multipart(String user, long project, long item, byte[] bytes, String name) {
        return given().auth()
                .preemptive()
                .basic(user, DemoDirectory.DEMO_PASSWORD)
                .config(MaterialFiles.UTF8_NAMES)
                .multiPart("file", name, bytes, "application/pdf")
                .post("/api/projects/" + project + "/materials/" + item + "/files");
    }

    static long fileOnline(String user) {
        Map<String, Object> body = projectBody(personId("applicant"));
        if (user.equals("applicant")) {
            body.remove("applicantId"); // filing for oneself
        } else {
            body.put("proxyAgentId", personId(user));
        }
        return as(user).body(body)
                .post("/api/projects")
                .then()
                .statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("filedBy", equalTo(user.equals("applicant") ? "APPLICANT" : "PROXY_AGENT"))
                .body("timeline[0].actor", equalTo(user))
                .body("timeline[0].detail", containsString("filed online"))
                .extract()
                .jsonPath()
                .getLong("id");
    }

    static List<Integer> items(long project) {
        return as("coordinator").get("/api/projects/" + project).jsonPath().getList("materials.id");
    }

    @Test
    void applicantFilesUploadsVersionsAndGetsTheBytesWithTheirDigest() {
        long p = fileOnline("applicant");
        long item = items(p).get(0);
        byte[] v1 = MaterialFiles.pdf("application report", 3);
        String sha = MaterialFiles.sha256(v1);

        long id1 = multipart("applicant", p, item, v1, "项目申请报告.pdf")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/material-files/"))
                .body("version", equalTo(1))
                .body("fileName", equalTo("项目申请报告.pdf"))
                .body("size", equalTo(v1.length))
                .body("mediaType", equalTo("application/pdf"))
                .body("sha256", equalTo(sha))
                .body("previewable", equalTo(true))
                .body("uploadedBy.capacity", equalTo("APPLICANT"))
                .body("uploadedAt", notNullValue())
                .extract()
                .jsonPath()
                .getLong("id");
        // a double submit of the same upload is the same version
        multipart("applicant", p, item, v1, "项目申请报告.pdf")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id1))
                .body("version", equalTo(1));
        byte[] v2 = MaterialFiles.pdf("application report, revised", 4);
        multipart("applicant", p, item, v2, "项目申请报告-修订.pdf")
                .then()
                .statusCode(201)
                .body("version", equalTo(2));

        as("applicant")
                .get("/api/projects/" + p + "/materials/" + item + "/files")
                .then()
                .statusCode(200)
                .body("version", contains(2, 1));
        as("applicant")
                .get("/api/projects/" + p)
                .then()
                .body("materials[0].status", equalTo("PROVIDED"))
                .body("timeline.type", hasItem("material-uploaded"));

        Response content = as("applicant").get("/api/material-files/" + id1 + "/content");
        content.then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("ETag", equalTo("\"" + sha + "\""))
                .header(
                        "Repr-Digest",
                        equalTo("sha-256=:"
                                + Base64.getEncoder()
                                        .encodeToString(HexFormat.of().parseHex(sha)) + ":"))
                .header("Content-Disposition", containsString("filename*=UTF-8''"));
        assertArrayEquals(v1, content.asByteArray());
        as("applicant")
                .header("If-None-Match", "\"" + sha + "\"")
                .get("/api/material-files/" + id1 + "/content")
                .then()
                .statusCode(304);

        // strangers: 404, as if nothing were there
        as("applicant2")
                .get("/api/material-files/" + id1 + "/content")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("applicant2")
                .get("/api/projects/" + p + "/materials/" + item + "/files")
                .then()
                .statusCode(404);
        multipart("applicant2", p, item, MaterialFiles.pdf("not mine", 1), "x.pdf")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as("applicant2")
                .body(Map.of("fileName", "x.pdf", "size", 1000))
                .post("/api/projects/" + p + "/materials/" + item + "/uploads")
                .then()
                .statusCode(404);
        as("applicant")
                .get("/api/projects/" + p + "/materials/" + item + "/files")
                .then()
                .body("version", contains(2, 1));
        as("city.nr").get("/api/material-files/" + id1 + "/content").then().statusCode(404); // official, not invited
        as("observer").get("/api/material-files/" + id1 + "/content").then().statusCode(200);
    }

    @Test
    void reviewSendsOneNoticeForEveryItemAndAcceptanceNeedsAcceptedVersions() {
        long p = fileOnline("agent");
        List<Integer> items = items(p);
        long[] files = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            files[i] = multipart("agent", p, items.get(i), MaterialFiles.pdf("item " + i, 1), "item" + i + ".pdf")
                    .then()
                    .statusCode(201)
                    .body("uploadedBy.capacity", equalTo("PROXY_AGENT"))
                    .extract()
                    .jsonPath()
                    .getLong("id");
        }
        as("agent").post("/api/projects/" + p + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + p + "/pre-review").then().statusCode(200);
        int inboxBefore =
                as("applicant").get("/api/me/inbox").jsonPath().getList("id").size();

        String m = "/api/projects/" + p + "/materials/";
        as("coordinator")
                .body(Map.of("status", "NEEDS_CORRECTION"))
                .put(m + items.get(0))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reason"));
        as("coordinator")
                .body(Map.of("status", "NEEDS_CORRECTION", "fileId", files[0], "reason", "缺少法定代表人签字"))
                .put(m + items.get(0))
                .then()
                .statusCode(200);
        as("coordinator")
                .body(Map.of("status", "NEEDS_CORRECTION", "reason", "选址意见已过期"))
                .put(m + items.get(1))
                .then()
                .statusCode(200);
        as("coordinator")
                .body(Map.of("status", "ACCEPTED", "fileId", files[0]))
                .put(m + items.get(1))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("fileId")); // a version of another item
        as("applicant")
                .body(Map.of("status", "ACCEPTED", "fileId", files[1]))
                .put(m + items.get(1))
                .then()
                .statusCode(403);
        as("coordinator")
                .body(Map.of("remark", "请于10个工作日内补正"))
                .post(m + "correction-notice")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUPPLEMENTING"));

        List<Map<String, Object>> inbox =
                as("applicant").get("/api/me/inbox").jsonPath().getList("$");
        assertEquals(inboxBefore + 1, inbox.size(), "one notice, not one per item");
        String notice = (String) inbox.get(0).get("body");
        org.hamcrest.MatcherAssert.assertThat(notice, containsString("缺少法定代表人签字"));
        org.hamcrest.MatcherAssert.assertThat(notice, containsString("选址意见已过期"));
        as("agent").get("/api/me/inbox").then().body("[0].subject", containsString("Correction notice"));

        // the applicant side corrects both and resubmits; the coordinator accepts every item with a version
        long fixed0 = multipart("applicant", p, items.get(0), MaterialFiles.pdf("item 0 signed", 1), "item0-v2.pdf")
                .then()
                .statusCode(201)
                .body("version", equalTo(2))
                .extract()
                .jsonPath()
                .getLong("id");
        long fixed1 = multipart("applicant", p, items.get(1), MaterialFiles.pdf("item 1 renewed", 1), "item1-v2.pdf")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        as("applicant")
                .post("/api/projects/" + p + "/resubmit")
                .then()
                .statusCode(200)
                .body("status", equalTo("PRE_REVIEW"));
        MaterialFiles.accept(p, items.get(0), fixed0);
        MaterialFiles.accept(p, items.get(1), fixed1);
        MaterialFiles.accept(p, items.get(2), files[2]);
        as("coordinator")
                .post("/api/projects/" + p + "/accept")
                .then()
                .statusCode(409)
                .body("type", containsString("materials-incomplete"))
                .body("detail", containsString("营业执照"));
        MaterialFiles.accept(p, items.get(3), files[3]);
        as("coordinator")
                .post("/api/projects/" + p + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));

        // an accepted project takes no more uploads, and accepted versions are never replaced
        multipart("applicant", p, items.get(0), MaterialFiles.pdf("late", 1), "late.pdf")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("applicant")
                .body(Map.of("fileName", "late.pdf", "size", 1000))
                .post(m + items.get(0) + "/uploads")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("applicant").get(m + items.get(0) + "/files").then().body("version", contains(2, 1)); // nothing stored
        as("applicant")
                .get("/api/projects/" + p + "/materials/accepted")
                .then()
                .statusCode(200)
                .body("id", contains((int) fixed0, (int) fixed1, (int) files[2], (int) files[3]));
    }
}

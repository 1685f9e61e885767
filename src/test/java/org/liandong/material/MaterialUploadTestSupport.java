package org.liandong.material;

import static org.liandong.support.Fixtures.as;
import static org.liandong.support.Fixtures.personId;
import static org.liandong.support.Fixtures.projectBody;

import java.util.Map;
import org.liandong.support.Fixtures;

/** Projects filed online by the demo applicant, for the upload tests. */
final class MaterialUploadTestSupport {

    private MaterialUploadTestSupport() {}

    static long project(String matterType) {
        Map<String, Object> body = projectBody(personId("applicant"));
        body.remove("applicantId");
        body.put("matterType", matterType);
        return Fixtures.file("applicant", body);
    }

    static long firstItem(long project) {
        return as("applicant").get("/api/projects/" + project).jsonPath().getLong("materials[0].id");
    }
}

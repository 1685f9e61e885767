package org.liandong.decision;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.support.BrowserCase;

/**
 * e2e/decisions.mjs in Debian's Chromium: opinion form, signing, the chair's panel, the decision
 * page, the applicant's inbox and rating, and the public verification page. Screenshots land in
 * target/e2e-decisions/.
 */
@Tag("browser")
@QuarkusTest
class DecisionBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    SessionFixture fixture;

    @Test
    void opinionToVerifiedDecisionInTheBrowser() throws Exception {
        SessionFixture.Started s = fixture.start("applicant", "chair", List.of("city.drc"), List.of("city.drc"));
        BrowserCase.run(
                "decisions.mjs",
                base,
                Path.of("target/e2e-decisions"),
                Map.of("SESSION_ID", Long.toString(s.sessionId())));
    }
}

package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.support.BrowserCase;

/**
 * The room page in Chromium (e2e/room.mjs): fake cameras exchange video through the mesh, the
 * quorum banner gates the start, the lobby admits, chat arrives. Screenshots in target/e2e-room/.
 */
@Tag("browser")
@QuarkusTest
class RoomBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    RoomFixture fixture;

    @Test
    void theRoomPageWorksInRealBrowsers() throws Exception {
        long s = fixture.session();
        BrowserCase.run(
                "room.mjs",
                base,
                Path.of("target/e2e-room"),
                Map.of(
                        "SESSION", Long.toString(s),
                        "TOKEN_NR", fixture.token(s, "city.nr"),
                        "TOKEN_APPLICANT", fixture.token(s, "applicant")));
        assertEquals("IN_PROGRESS", fixture.status(s));
    }
}

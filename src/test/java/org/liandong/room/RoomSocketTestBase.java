package org.liandong.room;

import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.liandong.client.SignalingClient;

/**
 * What every room socket test starts from: real WebSocket clients ({@link RoomClients}) joining
 * sessions made by {@link RoomFixture} with real join tokens, all closed after each test.
 */
abstract class RoomSocketTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    final RoomClients clients = new RoomClients();

    /** {@code username} joins session {@code session} with a fresh join token. */
    SignalingClient join(long session, String username) {
        return clients.join(base, session, fixture.token(session, username));
    }

    @AfterEach
    void closeAll() {
        clients.closeAll();
    }
}

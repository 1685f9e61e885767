package org.liandong.room;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.liandong.client.SignalingClient;

/** The signaling clients one test opened, all closed after the test. */
final class RoomClients {

    private final List<SignalingClient> open = new ArrayList<>();

    /** Joins the session's room with this token and waits for the welcome. */
    SignalingClient join(URI base, long session, String token) {
        return track(SignalingClient.connect(base, session, token, null)).awaitWelcome();
    }

    SignalingClient track(SignalingClient c) {
        open.add(c);
        return c;
    }

    void closeAll() {
        open.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closed by the server in the test
            }
        });
        open.clear();
    }
}

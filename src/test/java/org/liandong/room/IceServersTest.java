package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liandong.room.media.IceServers;

/** TURN REST API credentials as coturn's use-auth-secret recomputes them. */
class IceServersTest {

    @Test
    void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
        String username = IceServers.turnUsername(Instant.ofEpochSecond(1_800_000_000L), "city.nr");
        assertEquals("1800000000:city.nr", username);
        // Reference value: printf '1800000000:city.nr' | openssl dgst -sha1 -hmac north-wind -binary | base64
        assertEquals("uouWi8VcJym8gSPpq9KBYbYP5Nk=", IceServers.turnPassword("north-wind", username));
    }
}

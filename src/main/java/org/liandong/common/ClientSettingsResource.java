package org.liandong.common;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * What the web app needs to show things as the service does, before anyone signs in: the zone in
 * which times are shown ({@code liandong.time.zone}, default Asia/Shanghai; all times in the API
 * are UTC instants) and the UI languages.
 */
@Path("/api/client-settings")
@PermitAll
public class ClientSettingsResource {

    /** {@code zone}: an IANA zone id; {@code languages}: BCP 47 tags, the first is the default. */
    public record ClientSettings(String zone, java.util.List<String> languages) {}

    private final TimeConfig time;

    ClientSettingsResource(TimeConfig time) {
        this.time = time;
    }

    @GET
    public ClientSettings settings() {
        return new ClientSettings(time.zone().getId(), java.util.List.of("zh-CN", "en"));
    }
}

package org.liandong.media;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class SessionRecordingRepository implements PanacheRepository<SessionRecording> {

    public List<SessionRecording> listBySession(long sessionId) {
        return list("sessionId = ?1 order by recordedAt, participant", sessionId);
    }

    public List<SessionRecording> listExpired(Instant now) {
        return list("expiresAt <= ?1", now);
    }
}

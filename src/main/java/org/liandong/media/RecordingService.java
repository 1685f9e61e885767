package org.liandong.media;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.liandong.cluster.ClusterJobs;
import org.liandong.common.AuditEvent;
import org.liandong.common.DurableFiles;
import org.liandong.common.ProblemException;
import org.liandong.room.media.MediaBackend;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;

/**
 * Recording of review sessions: the chair switches it on and off in the live room (sfu mode);
 * when it stops, every participant's recording is converted to a playable file and filed with
 * the session with its SHA-256. Expired recordings are deleted after the retention period.
 */
@ApplicationScoped
@Transactional
public class RecordingService {
    private static final Logger LOG = Logger.getLogger(RecordingService.class);

    private final MediaBackend media;
    private final SessionRepository sessions;
    private final SessionRecordingRepository recordings;
    private final MediaConfig config;
    private final Event<AuditEvent> audit;
    private final Clock clock;
    private final ClusterJobs jobs;

    RecordingService(
            MediaBackend media,
            SessionRepository sessions,
            SessionRecordingRepository recordings,
            MediaConfig config,
            Event<AuditEvent> audit,
            Clock clock,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.media = media;
        this.sessions = sessions;
        this.recordings = recordings;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** The session's chair, or a coordinator, may switch recording. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean mayRecord(long sessionId, String username, boolean coordinator) {
        return coordinator || session(sessionId).chair().username().equals(username);
    }

    /**
     * Switches recording on or off; switching off files the recordings made since it was switched on.
     *
     * @return what was filed (empty when switching on)
     */
    public List<RecordingView> switchRecording(long sessionId, boolean on, String actor) {
        session(sessionId);
        SfuRoom room = liveRoom(sessionId);
        try {
            room.record(on).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw ProblemException.conflict("recording-failed", "Janus did not switch recording: " + e.getMessage());
        }
        audit.fire(new AuditEvent(
                "session",
                String.valueOf(sessionId),
                on ? "recording-started" : "recording-stopped",
                actor,
                clock.instant(),
                Map.of()));
        return on ? List.of() : file(sessionId, room, actor);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RecordingView> listRecordings(long sessionId) {
        session(sessionId);
        return recordings.listBySession(sessionId).stream()
                .map(RecordingView::of)
                .toList();
    }

    /** The stored file of one recording of the session. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionRecording findRecording(long sessionId, long recordingId) {
        SessionRecording r = recordings.findById(recordingId);
        if (r == null || r.sessionId() != sessionId) {
            throw ProblemException.notFound("recording", recordingId);
        }
        return r;
    }

    /** On one node of the cluster per period (docs/cluster.md "Exactly once"). */
    @Scheduled(every = "6h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void purgeExpiredOnTimer() {
        jobs.runOnce("recording-retention", Duration.ofHours(5), this::purgeExpired);
    }

    /** Deletes recordings past their retention period, file and row. */
    void purgeExpired() {
        for (SessionRecording r : recordings.listExpired(clock.instant())) {
            try {
                Files.deleteIfExists(Path.of(r.path()));
            } catch (IOException e) {
                LOG.warnf("cannot delete expired recording %s: %s", r.path(), e.getMessage());
                continue;
            }
            recordings.delete(r);
            audit.fire(new AuditEvent(
                    "session",
                    String.valueOf(r.sessionId()),
                    "recording-expired",
                    "system",
                    clock.instant(),
                    Map.of("file", r.fileName(), "sha256", r.sha256())));
        }
    }

    private List<RecordingView> file(long sessionId, SfuRoom room, String actor) {
        Instant now = clock.instant();
        List<String> filed = recordings.listBySession(sessionId).stream()
                .map(SessionRecording::fileName)
                .toList();
        List<SfuRecordings.Recorded> made;
        try {
            made = room.recordings();
        } catch (IOException e) {
            throw ProblemException.conflict("recording-failed", "post-processing failed: " + e.getMessage());
        }
        SfuBackend sfu = (SfuBackend) media;
        for (SfuRecordings.Recorded r : made) {
            if (filed.contains(r.file().file().getFileName().toString())) {
                continue; // filed by an earlier stop; recordings are never filed twice
            }
            try {
                DurableFiles.sync(r.file().file()); // on disk before the row that announces it commits
            } catch (IOException e) {
                throw ProblemException.conflict(
                        "recording-failed", "the converted recording could not be stored: " + e.getMessage());
            }
            SessionRecording recording = new SessionRecording(
                    sessionId,
                    sfu.displayName(sessionId, r.peer()),
                    r.file(),
                    actor,
                    now,
                    now.plus(config.recordingRetention()));
            recordings.persist(recording);
            audit.fire(new AuditEvent(
                    "session",
                    String.valueOf(sessionId),
                    "recording-filed",
                    actor,
                    now,
                    Map.of(
                            "file",
                            recording.fileName(),
                            "sha256",
                            recording.sha256(),
                            "participant",
                            recording.participant())));
        }
        return listRecordings(sessionId);
    }

    private SfuRoom liveRoom(long sessionId) {
        if (!(media instanceof SfuBackend sfu)) {
            throw ProblemException.conflict("recording-needs-sfu", "recording needs the sfu media mode (Janus)");
        }
        SfuRoom room = sfu.room(sessionId);
        if (room == null) {
            throw ProblemException.conflict("room-not-live", "the session's room is not open");
        }
        return room;
    }

    private ReviewSession session(long sessionId) {
        ReviewSession s = sessions.findById(sessionId);
        if (s == null) {
            throw ProblemException.notFound("session", sessionId);
        }
        return s;
    }
}

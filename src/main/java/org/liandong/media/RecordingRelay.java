package org.liandong.media;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.liandong.cluster.ClusterConfig;
import org.liandong.cluster.ClusterRedis;
import org.liandong.cluster.RoomCommands;
import org.liandong.cluster.RoomLeases;
import org.liandong.common.Problem;
import org.liandong.common.ProblemException;
import org.liandong.room.media.MediaBackend;

/**
 * Recording on/off wherever the room lives (docs/cluster.md "Commands for a room on another node").
 * On one node, or when this node holds the room, it is {@link RecordingService#switchRecording}.
 * When another node holds the room's lease, the request goes to that node over Redis
 * ({@link RoomCommands#ask}, kind {@code recording}) and its answer (the recordings filed, or its
 * problem) is this node's answer; no answer within {@code liandong.cluster.request-timeout} is a 504,
 * Redis not answering a 503. Not transactional: the wait holds no database connection.
 */
@ApplicationScoped
public class RecordingRelay {

    private static final Logger LOG = Logger.getLogger(RecordingRelay.class);
    static final String KIND = "recording";

    private final RecordingService recordings;
    private final MediaBackend media;
    private final ClusterRedis redis;
    private final RoomLeases leases;
    private final RoomCommands commands;
    private final ClusterConfig cluster;
    private final ObjectMapper json;

    RecordingRelay(
            RecordingService recordings,
            MediaBackend media,
            ClusterRedis redis,
            RoomLeases leases,
            RoomCommands commands,
            ClusterConfig cluster,
            ObjectMapper json) {
        this.recordings = recordings;
        this.media = media;
        this.redis = redis;
        this.leases = leases;
        this.commands = commands;
        this.cluster = cluster;
        this.json = json;
    }

    /** Switches recording on the node that holds the room; answers what was filed (empty when switching on). */
    public List<RecordingView> switchRecording(long sessionId, boolean on, String actor) {
        Optional<String> owner = elsewhere(sessionId);
        if (owner.isEmpty()) {
            return recordings.switchRecording(sessionId, on, actor);
        }
        Optional<String> answer;
        try {
            answer = commands.ask(
                    new RoomCommands.RoomCommand(null, sessionId, KIND, null, null, owner.get(), on, actor),
                    cluster.requestTimeout());
        } catch (ClusterRedis.Unavailable e) {
            throw new ProblemException(
                    503,
                    "cluster-unavailable",
                    "Service Unavailable",
                    "the room lives on node " + owner.get() + " and Redis, which reaches it, does not answer; retry",
                    null,
                    null);
        }
        if (answer.isEmpty()) {
            throw new ProblemException(
                    504,
                    "room-owner-timeout",
                    "Gateway Timeout",
                    "node " + owner.get() + ", which holds the room, did not answer within "
                            + cluster.requestTimeout().toSeconds() + " s; the recording may or may not have"
                            + " switched: look at the room's badge and retry",
                    null,
                    null);
        }
        return read(answer.get());
    }

    /** The node holding the room's lease, when that is not this node and the room is not live here. */
    private Optional<String> elsewhere(long sessionId) {
        if (!redis.enabled() || !(media instanceof SfuBackend sfu) || sfu.room(sessionId) != null) {
            return Optional.empty();
        }
        try {
            return leases.holderNode(sessionId).filter(n -> !n.equals(leases.nodeId()));
        } catch (ClusterRedis.Unavailable e) {
            return Optional.empty(); // the room is not here; the local answer says so (409 room-not-live)
        }
    }

    /** The owner's side: runs the switch here and answers with the filed recordings or the problem. */
    void onStart(@Observes StartupEvent event) {
        commands.answer(KIND, c -> {
            ObjectNode out = json.createObjectNode();
            try {
                List<RecordingView> filed =
                        recordings.switchRecording(c.sessionId(), Boolean.TRUE.equals(c.on()), c.actor());
                out.put("status", 200).set("recordings", json.valueToTree(filed));
            } catch (ProblemException e) {
                out.put("status", e.status()).set("problem", json.valueToTree(e.toProblem(null)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "room %d: recording switch asked by %s failed", c.sessionId(), c.origin());
                out.put("status", 500)
                        .set(
                                "problem",
                                json.valueToTree(ProblemException.conflict(
                                                "recording-failed", "the owner node failed: " + e.getMessage())
                                        .toProblem(null)));
            }
            return out.toString();
        });
    }

    private List<RecordingView> read(String answer) {
        try {
            JsonNode a = json.readTree(answer);
            if (a.path("status").asInt() == 200) {
                return json.convertValue(a.get("recordings"), new TypeReference<List<RecordingView>>() {});
            }
            Problem p = json.treeToValue(a.get("problem"), Problem.class);
            int status = p.status() >= 500 ? 409 : p.status();
            String type = p.type() == null
                    ? "recording-failed"
                    : p.type().substring(p.type().lastIndexOf('/') + 1);
            throw new ProblemException(status, type, p.title(), p.detail(), null, null);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw ProblemException.conflict("recording-failed", "the owner's answer did not read: " + e.getMessage());
        }
    }
}

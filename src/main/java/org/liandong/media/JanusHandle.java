package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A handle attached to the VideoRoom plugin: one publisher or one subscriber of one participant.
 * Plugin errors ({@code error_code} in the plugin data) fail the returned futures with a
 * {@link JanusException}.
 */
public final class JanusHandle {
    private final JanusSession session;
    private final long id;

    JanusHandle(JanusSession session, long id) {
        this.session = session;
        this.id = id;
    }

    public long id() {
        return id;
    }

    public JanusSession session() {
        return session;
    }

    /**
     * Events Janus pushes for this handle: plugin events (publishers joining or leaving),
     * {@code webrtcup}, {@code media}, {@code hangup}, and Janus' own {@code trickle} candidates.
     */
    public void onEvent(Consumer<JsonNode> consumer) {
        session.onHandleEvent(id, consumer);
    }

    /** Sends a plugin message with an optional JSEP and answers with the plugin's reply. */
    public CompletableFuture<JanusReply> send(ObjectNode body, JsonNode jsep) {
        ObjectNode message = session.envelope("message").put("handle_id", id);
        message.set("body", body);
        if (jsep != null) {
            message.set("jsep", jsep);
        }
        return session.request(message, true).thenApply(answer -> {
            JsonNode data = answer.path("plugindata").path("data");
            if (data.has("error_code")) {
                throw new JanusException(
                        data.path("error_code").asInt(), data.path("error").asText());
            }
            JsonNode answerJsep = answer.get("jsep");
            return new JanusReply(data, answerJsep);
        });
    }

    /**
     * Relays one ICE candidate from the peer ({@code {candidate, sdpMid, sdpMLineIndex}}), or
     * the end of candidates when {@code candidate} is {@code null}.
     */
    public CompletableFuture<Void> trickle(JsonNode candidate) {
        ObjectNode message = session.envelope("trickle").put("handle_id", id);
        if (candidate == null) {
            message.putObject("candidate").put("completed", true);
        } else {
            message.set("candidate", candidate);
        }
        return session.request(message, false).thenApply(ignored -> null);
    }

    /** Leaves the room and stops media on this handle. */
    public CompletableFuture<Void> detach() {
        session.forgetHandle(id);
        if (!session.isAlive()) {
            return CompletableFuture.completedFuture(null);
        }
        return session.request(session.envelope("detach").put("handle_id", id), false)
                .thenApply(ignored -> null);
    }
}

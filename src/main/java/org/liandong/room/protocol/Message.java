package org.liandong.room.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import org.liandong.room.media.IceServer;

/**
 * Server → client messages of signaling protocol version {@value #VERSION} (docs/signaling.md).
 * Jackson writes each record with its {@code type} name first.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Message {

    int VERSION = 1;

    /** A participant as others see them. */
    record Peer(
            String id,
            long personId,
            String name,
            String role,
            Department department,
            boolean chair,
            boolean lobby,
            boolean away,
            boolean mic,
            boolean camera,
            boolean screen,
            boolean video) {}

    record Department(long id, String code, String nameZh, String nameEn) {}

    record Quorum(boolean met, List<Department> required, List<Department> present, List<Department> missing) {}

    record ChatLine(String from, String name, String text, Instant at) {}

    /** The room as a newcomer needs it; lobby members get only phase and agenda. */
    record Room(
            String phase,
            String chair,
            List<Peer> peers,
            List<Peer> lobby,
            List<String> hands,
            int agenda,
            Quorum quorum,
            List<ChatLine> chat,
            int publisherCap,
            String presenter,
            Doc doc) {}

    @JsonTypeName("welcome")
    record Welcome(
            int v,
            String you,
            Peer self,
            String role,
            boolean chair,
            boolean lobby,
            boolean resumed,
            boolean video,
            String mediaMode,
            List<IceServer> iceServers,
            Room room)
            implements Message {}

    @JsonTypeName("peer-joined")
    record PeerJoined(Peer peer) implements Message {}

    /** The peer's socket dropped; its seat is held for the grace period. */
    @JsonTypeName("peer-away")
    record PeerAway(String peer) implements Message {}

    /** The peer resumed its seat; renegotiate (ICE restart) with it. */
    @JsonTypeName("peer-back")
    record PeerBack(Peer peer) implements Message {}

    @JsonTypeName("peer-left")
    record PeerLeft(String peer, String reason) implements Message {}

    /**
     * offer, answer and candidate relayed from one peer, and the media server's own signaling
     * ({@code media-reset}, {@code media-error}, {@code recording}) from its virtual peers;
     * {@code data} (raw JSON text) is passed on untouched. {@code type} is a field here, so the
     * type name is not written a second time.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Relay(String type, String from, @JsonRawValue String data) implements Message {}

    @JsonTypeName("media")
    record Media(String peer, boolean mic, boolean camera, boolean screen) implements Message {}

    /** Whether a peer may send video (publisher cap and floor). */
    @JsonTypeName("video")
    record Video(String peer, boolean allowed) implements Message {}

    @JsonTypeName("hands")
    record Hands(List<String> queue) implements Message {}

    @JsonTypeName("chat")
    record Chat(String from, String name, String text, Instant at) implements Message {}

    /** To chair and room: who waits in the lobby. */
    @JsonTypeName("lobby")
    record Lobby(List<Peer> waiting) implements Message {}

    /** To a lobby member: you are now in the room (followed by a fresh welcome). */
    @JsonTypeName("admitted")
    record Admitted() implements Message {}

    /** To a room member sent back to the lobby by the chair. */
    @JsonTypeName("excused")
    record Excused() implements Message {}

    /** The chair asks you to turn your microphone off (the client complies and sends media). */
    @JsonTypeName("muted")
    record Muted(String by) implements Message {}

    /** You were removed; the socket closes next. */
    @JsonTypeName("removed")
    record Removed(String reason) implements Message {}

    @JsonTypeName("chair")
    record Chair(String peer) implements Message {}

    @JsonTypeName("agenda")
    record Agenda(int step) implements Message {}

    @JsonTypeName("quorum")
    record QuorumState(Quorum quorum) implements Message {}

    @JsonTypeName("phase")
    record PhaseChanged(String phase) implements Message {}

    // ---- the shared document (room/state/SharedDocument) ---------------------------------------

    /**
     * An accepted material version as the room shows it; clients read the bytes from
     * {@code GET /api/material-files/{fileId}/content}.
     */
    record Material(
            long fileId, long itemId, String name, int version, String fileName, String mediaType, String sha256) {}

    /** A rectangle on the page, each value a fraction (0..1) of the page's width or height from its top left. */
    record Rect(double x, double y, double w, double h) {}

    /** The open document: page (1-based), zoom (1 = fit width), pointer (or null) and the peer who moved it last. */
    record Doc(
            Material material,
            int page,
            double zoom,
            @JsonInclude(JsonInclude.Include.ALWAYS) Rect pointer,
            String by) {}

    /** The presenter opened a document ({@code doc}) or closed it ({@code doc: null}). */
    @JsonTypeName("doc")
    record DocState(@JsonInclude(JsonInclude.Include.ALWAYS) Doc doc) implements Message {}

    /** The presenter turned the page or zoomed; the pointer is cleared. */
    @JsonTypeName("doc-page")
    record DocPage(int page, double zoom, String by) implements Message {}

    /** The presenter's pointer moved ({@code rect}) or was cleared ({@code rect: null}). */
    @JsonTypeName("doc-pointer")
    record DocPointer(
            @JsonInclude(JsonInclude.Include.ALWAYS) Rect rect, String by) implements Message {}

    /** The chair handed presenting to {@code peer}, or took it back ({@code peer: null}: the chair presents). */
    @JsonTypeName("presenter")
    record Presenter(
            @JsonInclude(JsonInclude.Include.ALWAYS) String peer) implements Message {}

    @JsonTypeName("error")
    record Error(String code, String message, String ref) implements Message {}
}

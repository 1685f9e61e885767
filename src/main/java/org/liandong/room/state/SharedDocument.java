package org.liandong.room.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.liandong.room.protocol.Command;
import org.liandong.room.protocol.Message;

/**
 * The material the room reads together: which accepted file is open, at which page and zoom, where
 * the presenter points, and who presents. Held by {@link RoomState} (one per room, under its lock);
 * like it, a plain object with no I/O: each method answers with the message everyone in the room
 * must get, and RoomState addresses it to the room's members only (never the lobby).
 *
 * <p>Who presents: the peer the chair handed it to ({@code present}), or else the chair. A handed
 * presenter who leaves the room (excused to the lobby, gone, removed) gives it back to the chair.
 * The document stays open across presenter changes; closing it is the presenter's act.
 *
 * <p>Pointer messages are rate-limited here ({@value #POINTER_PER_SECOND} per second, token
 * bucket) on top of the connection's general limit: a pointer follows the mouse, and the room
 * should not relay more of them than a person can see.
 */
public final class SharedDocument {

    /** Sustained pointer updates per second the room relays; the browser sends at most 10. */
    public static final int POINTER_PER_SECOND = 20;

    private static final double POINTER_BURST = 20;

    private String presenter;
    private Message.Doc doc;
    private double pointerTokens = POINTER_BURST;
    private Instant pointerAt = Instant.EPOCH;

    /** The peer who may turn pages now: the handed presenter, else the chair (may be null). */
    public String presenter(String chair) {
        return presenter != null ? presenter : chair;
    }

    /** The explicitly handed presenter, or null while the chair presents. */
    public String handedTo() {
        return presenter;
    }

    /** What a room member's welcome carries: the open document at its page, or null. */
    public Message.Doc snapshot() {
        return doc;
    }

    /** Carried over from another node's snapshot (RoomState#restore). */
    void restore(String handedTo, Message.Doc open) {
        presenter = handedTo;
        doc = open;
    }

    /** The chair hands presenting to {@code peer}, or takes it back with null. */
    public Message.Presenter handTo(String peer) {
        presenter = peer;
        return new Message.Presenter(peer);
    }

    /** The presenter opens an accepted material ({@code material} null: not one of this session's). */
    public Message.DocState open(String from, String chair, Message.Material material, Command.DocOpen open) {
        requirePresenter(from, chair);
        if (material == null) {
            throw new Command.Invalid(
                    ErrorCode.UNKNOWN_MATERIAL,
                    "fileId: " + open.fileId() + " is not an accepted material of this session's project");
        }
        doc = new Message.Doc(material, open.page(), open.zoom(), null, from);
        return new Message.DocState(doc);
    }

    public Message.DocPage turn(String from, String chair, Command.DocPage page) {
        requirePresenter(from, chair);
        Message.Doc open = requireOpen();
        double zoom = page.zoom() != null ? page.zoom() : open.zoom();
        doc = new Message.Doc(open.material(), page.page(), zoom, null, from);
        return new Message.DocPage(page.page(), zoom, from);
    }

    /** Moves or clears (null rect) the pointer; over the rate it is refused with {@code rate-limited}. */
    public Message.DocPointer point(String from, String chair, Command.DocPointer pointer, Instant now) {
        requirePresenter(from, chair);
        Message.Doc open = requireOpen();
        double elapsed = Math.max(0, Duration.between(pointerAt, now).toNanos() / 1e9);
        pointerAt = now;
        pointerTokens = Math.min(POINTER_BURST, pointerTokens + elapsed * POINTER_PER_SECOND);
        if (pointerTokens < 1) {
            throw new Command.Invalid(ErrorCode.RATE_LIMITED, "pointer: at most " + POINTER_PER_SECOND + " per second");
        }
        pointerTokens -= 1;
        doc = new Message.Doc(open.material(), open.page(), open.zoom(), pointer.rect(), from);
        return new Message.DocPointer(pointer.rect(), from);
    }

    public Message.DocState close(String from, String chair) {
        requirePresenter(from, chair);
        requireOpen();
        doc = null;
        return new Message.DocState(null);
    }

    /**
     * A peer left the room (excused, gone, removed): a handed presenter gives presenting back to
     * the chair. Returns the message for the room, or null if nothing changed.
     */
    public Message.Presenter left(String peer) {
        if (!Objects.equals(peer, presenter)) {
            return null;
        }
        presenter = null;
        if (doc != null && doc.pointer() != null) {
            doc = new Message.Doc(doc.material(), doc.page(), doc.zoom(), null, doc.by());
        }
        return new Message.Presenter(null);
    }

    private void requirePresenter(String from, String chair) {
        if (!from.equals(presenter(chair))) {
            throw new Command.Invalid(ErrorCode.NOT_PRESENTER, "only the presenter may show documents; ask the chair");
        }
    }

    private Message.Doc requireOpen() {
        if (doc == null) {
            throw new Command.Invalid(ErrorCode.NO_DOCUMENT, "no document is open; send doc-open first");
        }
        return doc;
    }
}

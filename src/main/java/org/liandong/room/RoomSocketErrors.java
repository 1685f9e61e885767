package org.liandong.room;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/** Sorts socket failures into what a client did (logged once, no stack trace) and real faults. */
final class RoomSocketErrors {

    private RoomSocketErrors() {}

    /** The peer went away without a close frame: TCP reset, broken pipe, closed channel. */
    static boolean isAbruptDisconnect(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ClosedChannelException
                    || c instanceof IOException
                    || c instanceof VertxException
                            && String.valueOf(c.getMessage()).contains("Connection was closed")
                    || c instanceof IllegalStateException
                            && ("WebSocket is closed".equals(c.getMessage())
                                    || "Request has already been read".equals(c.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** A frame or message over the socket limit (Netty's decoder or Vert.x' aggregation said so). */
    static boolean isTooBig(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TooLongFrameException
                    || c instanceof CorruptedFrameException
                            && String.valueOf(c.getMessage()).toLowerCase().contains("max")
                    || String.valueOf(c.getMessage()).contains("max message size") // Vert.x aggregating fragments
                    || String.valueOf(c.getMessage()).contains("exceeds the max")) {
                return true;
            }
        }
        return false;
    }
}

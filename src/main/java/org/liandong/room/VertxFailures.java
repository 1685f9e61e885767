package org.liandong.room;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Vert.x' handler of last resort, taking over from Quarkus' one (which logs every failure at ERROR
 * with a stack trace): a socket that a client reset right after the WebSocket 101 makes the
 * framework's handler setup throw "WebSocket is closed" on the event loop (issue 11, ghost seat).
 * That is a client going away, logged at DEBUG in one line; the seat it may have taken is released by
 * {@link RoomRegistry#expireSeats()}. Everything else is still logged at ERROR with its stack.
 */
@Singleton
class VertxFailures {

    private static final Logger LOG = Logger.getLogger("io.quarkus.vertx.core.runtime.VertxCoreRecorder");
    private static final Logger MUTINY = Logger.getLogger("io.quarkus.mutiny.runtime.MutinyInfrastructure");

    void install(@Observes StartupEvent start, Vertx vertx) {
        vertx.exceptionHandler(failure -> {
            if (RoomSocketErrors.isAbruptDisconnect(failure)) {
                LOG.debugf("a client went away mid-setup: %s", failure.toString());
            } else {
                LOG.error("Uncaught exception received by Vert.x", failure);
            }
        });
        // The same for Mutiny's dropped failures: an upgrade whose client reset before the
        // admission check finished fails with "Request has already been read".
        Infrastructure.setDroppedExceptionHandler(failure -> {
            if (RoomSocketErrors.isAbruptDisconnect(failure)) {
                MUTINY.debugf("a client went away mid-upgrade: %s", failure.toString());
            } else {
                MUTINY.error("Mutiny had to drop the following exception", failure);
            }
        });
    }
}

package org.liandong.media;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The configured Janus hosts. {@link #place()} hands a new room to the alive host carrying the
 * fewest rooms (connecting lazily); a host whose session is lost is reported to
 * {@code onHostLost} so that its rooms can be re-created on another host. A dead host is tried
 * again only after {@code retryDeadAfter}, or sooner when no other host answers (a lone Janus
 * that was restarted).
 */
public final class JanusPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JanusPool.class);

    /** One Janus host and the number of rooms placed on it. Guarded by the pool's monitor. */
    public static final class Host {
        private final URI uri;
        private JanusSession session;
        private int rooms;
        private long deadSinceNanos = -1;

        Host(URI uri) {
            this.uri = uri;
        }

        public URI uri() {
            return uri;
        }

        /** The open Janus session on this host (alive unless the host was just lost). */
        public synchronized JanusSession session() {
            return session;
        }

        public synchronized int rooms() {
            return rooms;
        }
    }

    private final List<Host> hosts;
    private final JanusSettings settings;
    private final ScheduledExecutorService timer;
    private final Consumer<Host> onHostLost;
    private final Duration retryDeadAfter;

    public JanusPool(
            List<URI> uris,
            JanusSettings settings,
            ScheduledExecutorService timer,
            Duration retryDeadAfter,
            Consumer<Host> onHostLost) {
        this.hosts = uris.stream().map(Host::new).toList();
        this.settings = settings;
        this.timer = timer;
        this.retryDeadAfter = retryDeadAfter;
        this.onHostLost = onHostLost;
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** Reserves a room on the least loaded reachable host; fails when no host answers. */
    public Host place() {
        for (Host host : candidates()) {
            try {
                JanusSession session = sessionOf(host);
                synchronized (host) {
                    if (session.isAlive()) {
                        host.rooms++;
                        return host;
                    }
                }
            } catch (CompletionException | IllegalStateException e) {
                LOG.warnf("Janus %s unreachable: %s", host.uri, e.getMessage());
                synchronized (host) {
                    host.deadSinceNanos = System.nanoTime();
                }
            }
        }
        throw new JanusException(
                0,
                "no Janus host reachable among " + hosts.stream().map(Host::uri).toList());
    }

    /** Gives back a room reserved with {@link #place()}. */
    public void release(Host host) {
        synchronized (host) {
            host.rooms = Math.max(0, host.rooms - 1);
        }
    }

    /** The host's current session, if it has one that is alive. */
    public Optional<JanusSession> aliveSession(Host host) {
        synchronized (host) {
            return Optional.ofNullable(host.session).filter(JanusSession::isAlive);
        }
    }

    /**
     * The host's session, opened if it has none (blocks up to the request timeout: call off any
     * room's executor); empty when the host does not answer.
     */
    public Optional<JanusSession> connect(Host host) {
        try {
            return Optional.of(sessionOf(host));
        } catch (RuntimeException e) {
            LOG.debugf("Janus %s unreachable: %s", host.uri, e.getMessage());
            return Optional.empty();
        }
    }

    /** Alive (or due for a retry) hosts, least loaded first; recently dead ones last, as a last resort. */
    private List<Host> candidates() {
        long now = System.nanoTime();
        Comparator<Host> recentlyDeadLast = Comparator.comparing(h -> {
            synchronized (h) {
                return h.deadSinceNanos >= 0 && now - h.deadSinceNanos <= retryDeadAfter.toNanos();
            }
        });
        return hosts.stream()
                .sorted(recentlyDeadLast.thenComparingInt(Host::rooms))
                .toList();
    }

    private JanusSession sessionOf(Host host) {
        synchronized (host) {
            if (host.session != null && host.session.isAlive()) {
                return host.session;
            }
        }
        JanusSession opened = JanusSession.open(host.uri, settings, timer, (lost, cause) -> lost(host, lost))
                .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .join();
        synchronized (host) {
            if (host.session != null && host.session.isAlive()) {
                opened.close(); // another caller won the race
                return host.session;
            }
            host.session = opened;
            host.deadSinceNanos = -1;
            host.rooms = 0;
            return opened;
        }
    }

    private void lost(Host host, JanusSession session) {
        synchronized (host) {
            if (host.session != session) {
                return;
            }
            host.deadSinceNanos = System.nanoTime();
            host.rooms = 0;
        }
        onHostLost.accept(host);
    }

    @Override
    public void close() {
        for (Host host : hosts) {
            JanusSession session;
            synchronized (host) {
                session = host.session;
                host.session = null;
            }
            if (session != null) {
                session.close();
            }
        }
    }
}

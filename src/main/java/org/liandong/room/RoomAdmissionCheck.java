package org.liandong.room;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import org.liandong.session.Admission;

/**
 * Refuses a room socket before the upgrade: a foreign Origin (cross-site WebSocket hijacking:
 * browsers send cookies with any page's socket), then anyone without a valid join token or
 * invitation for this session. The admission travels to {@link RoomSocket} in user data.
 */
@ApplicationScoped
public class RoomAdmissionCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(RoomAdmissionCheck.class);
    private static final long HELD_RETRY_MS = 250;
    /** A holder's lease that grew by more than this between two tries was renewed (clock noise aside). */
    private static final long RENEWAL_SEEN_MS = 50;

    private static final Map<String, List<String>> RETRY_SOON = Map.of("Retry-After", List.of("1"));

    private final SessionGateway sessions;
    private final RoomConfig config;
    private final RoomLimits limits;
    private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();

    private final RoomRegistry rooms;
    private final org.liandong.cluster.ClusterConfig cluster;
    /** {@code quarkus.http.root-path}, ending with a slash. */
    private final String rootPath;

    RoomAdmissionCheck(
            SessionGateway sessions,
            RoomConfig config,
            RoomLimits limits,
            RoomRegistry rooms,
            org.liandong.cluster.ClusterConfig cluster,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/")
                    String rootPath) {
        this.rootPath = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        this.rooms = rooms;
        this.cluster = cluster;
        this.sessions = sessions;
        this.config = config;
        this.limits = limits;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.equals(RoomSocket.class.getName());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin != null && !allowed(origin, request)) {
            refused(403, "foreign origin " + origin);
            return CheckResult.rejectUpgrade(403);
        }
        long sessionId;
        try {
            sessionId = Long.parseLong(context.pathParam("sessionId"));
        } catch (NumberFormatException e) {
            return CheckResult.rejectUpgrade(404);
        }
        if (!request.path().equals(rootPath + "rooms/" + sessionId)) {
            // The proxy routes a room by a hash of the raw path: any other spelling of it (/rooms/007,
            // /rooms/%37, /x/../rooms/7) would reach a node of the caller's choosing, whose refused
            // upgrade asks the room's owner to hand it over: a way to make a meeting reconnect at will.
            refused(404, "room path not canonical: " + request.path());
            return CheckResult.rejectUpgrade(404);
        }
        String token = request.getParam("token");
        return context.securityIdentity()
                .map(identity ->
                        identity.isAnonymous() ? null : identity.getPrincipal().getName())
                .onFailure()
                .recoverWithNull()
                .chain(username -> admit(
                        context,
                        sessionId,
                        token,
                        username,
                        System.nanoTime() + cluster.leaseTtl().plusSeconds(1).toNanos(),
                        -1));
    }

    /**
     * Admits on a worker thread (it reads the database). Several nodes: while another node holds the
     * room's lease ({@link RoomRegistry.HeldElsewhere}) the upgrade is held and tried again every
     * {@value #HELD_RETRY_MS} ms, as long as that lease only runs down (its holder is dead) and at
     * most until {@code deadline} (the lease TTL plus a second): it runs out within that, and the
     * room opens here, so reconnecting clients are not sent into their backoff by a 503 (the
     * kill-to-resumed figure, docs/cluster.md). A lease that grows back was renewed: its holder lives,
     * and the proxy no longer sends the room to it. The holder is asked to hand the room over, and
     * this upgrade gets 503 with Retry-After 1.
     *
     * @param leaseLeft the holder's remaining lease (ms) at the previous try; -1 at the first
     */
    private Uni<CheckResult> admit(
            HttpUpgradeContext context, long sessionId, String token, String username, long deadline, long leaseLeft) {
        return Uni.createFrom()
                .item(() -> admitOnce(context, sessionId, token, username))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(RoomRegistry.HeldElsewhere.class)
                .recoverWithUni(failure -> {
                    long left = ((RoomRegistry.HeldElsewhere) failure).leaseLeftMillis;
                    boolean renewed = leaseLeft >= 0 && left > leaseLeft + RENEWAL_SEEN_MS;
                    if (!renewed && System.nanoTime() < deadline) {
                        return Uni.createFrom()
                                .voidItem()
                                .onItem()
                                .delayIt()
                                .by(Duration.ofMillis(HELD_RETRY_MS))
                                .chain(() -> admit(context, sessionId, token, username, deadline, left));
                    }
                    RoomRegistry.HeldElsewhere held = (RoomRegistry.HeldElsewhere) failure;
                    rooms.askHandOver(sessionId);
                    refused(503, "room " + sessionId + ": " + held.getMessage() + " (hand-over asked)");
                    return Uni.createFrom().item(CheckResult.rejectUpgradeSync(503, RETRY_SOON));
                });
    }

    private CheckResult admitOnce(HttpUpgradeContext context, long sessionId, String token, String username) {
        try {
            Admission admission = sessions.admit(sessionId, token, username);
            if (cluster.enabled()) {
                // Several nodes: the room opens here only with its lease (docs/cluster.md).
                rooms.room(sessionId);
            }
            long wait = limits.upgrade(admission);
            if (wait > 0) {
                refused(429, admission.username() + " reconnects too fast to room " + sessionId);
                return CheckResult.rejectUpgradeSync(429, Map.of("Retry-After", List.of(Long.toString(wait))));
            }
            context.userData().put(RoomSocket.ADMISSION, admission);
            return CheckResult.permitUpgradeSync();
        } catch (RoomRegistry.HeldElsewhere held) {
            throw held;
        } catch (SessionGateway.RoomRefused refused) {
            refused(refused.status(), "room " + sessionId + ": " + refused.getMessage());
            if (refused.status() == 503) {
                return CheckResult.rejectUpgradeSync(503, RETRY_SOON);
            }
            return CheckResult.rejectUpgradeSync(refused.status());
        }
    }

    /**
     * A refused upgrade is the client's business, not an event for the log: each at DEBUG, and once
     * a minute one INFO line with the counts by status (1,000 refusals make one line, not 1,000).
     */
    private void refused(int status, String why) {
        LOG.debugf("room socket refused (%d): %s", status, why);
        refusals.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void logRefusals() {
        StringBuilder counts = new StringBuilder();
        long total = 0;
        for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(refusals).entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                total += n;
                counts.append(counts.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append(": ")
                        .append(n);
            }
        }
        if (total > 0) {
            LOG.infof("room socket upgrades refused in the last minute: %d (%s); details at DEBUG", total, counts);
        }
    }

    /** Same origin as the request (scheme, host and port), or configured explicitly. */
    private boolean allowed(String origin, HttpServerRequest request) {
        if (config.allowedOrigins().map(list -> list.contains(origin)).orElse(false)) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            String host = request.authority() == null
                    ? request.getHeader("Host")
                    : request.authority().toString();
            return host != null
                    && host.equalsIgnoreCase(o.getRawAuthority())
                    && List.of("http", "https").contains(o.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package org.liandong.room;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses a room socket before the upgrade: a foreign Origin (cross-site WebSocket hijacking:
 * browsers send cookies with any page's socket), then anyone without a valid join token or
 * invitation for this session. The admission travels to {@link RoomSocket} in user data.
 */
@ApplicationScoped
public class RoomAdmissionCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(RoomAdmissionCheck.class);

    private final SessionGateway sessions;
    private final RoomConfig config;

    RoomAdmissionCheck(SessionGateway sessions, RoomConfig config) {
        this.sessions = sessions;
        this.config = config;
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
            LOG.infof("room socket refused: foreign origin %s", origin);
            return CheckResult.rejectUpgrade(403);
        }
        long sessionId;
        try {
            sessionId = Long.parseLong(context.pathParam("sessionId"));
        } catch (NumberFormatException e) {
            return CheckResult.rejectUpgrade(404);
        }
        String token = request.getParam("token");
        return context.securityIdentity()
                .map(identity -> identity.isAnonymous() ? null : identity.getPrincipal().getName())
                .onFailure().recoverWithNull()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(username -> {
                    try {
                        context.userData().put(RoomSocket.ADMISSION, sessions.admit(sessionId, token, username));
                        return CheckResult.permitUpgradeSync();
                    } catch (SessionGateway.RoomRefused refused) {
                        LOG.infof("room %d socket refused (%d): %s", sessionId, refused.status(), refused.getMessage());
                        return CheckResult.rejectUpgradeSync(refused.status());
                    }
                });
    }

    /** Same origin as the request (scheme, host and port), or configured explicitly. */
    private boolean allowed(String origin, HttpServerRequest request) {
        if (config.allowedOrigins().map(list -> list.contains(origin)).orElse(false)) {
            return true;
        }
        try {
            URI o = URI.create(origin);
            String host = request.authority() == null ? request.getHeader("Host") : request.authority().toString();
            return host != null && host.equalsIgnoreCase(o.getRawAuthority()) && List.of("http", "https").contains(o.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

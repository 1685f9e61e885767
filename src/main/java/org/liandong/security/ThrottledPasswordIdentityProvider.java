package org.liandong.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.jpa.runtime.JpaIdentityProvider;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Checks every username/password sign-in (form post to /j_security_check and HTTP Basic) against
 * the {@link LoginThrottle} before the account store (Quarkus Security JPA) verifies it, and
 * counts each failure. It runs first because of its priority and hands the request on unchanged.
 */
@ApplicationScoped
@Unremovable // looked up by Quarkus Security among all identity providers, never injected by type
public class ThrottledPasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final LoginThrottle throttle;
    private final Instance<JpaIdentityProvider> accounts;

    ThrottledPasswordIdentityProvider(LoginThrottle throttle, Instance<JpaIdentityProvider> accounts) {
        this.throttle = throttle;
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /**
     * Providers are asked highest priority first. The account store Quarkus generates (Security
     * JPA) takes the default {@code SYSTEM_FIRST + 1}; at SYSTEM_FIRST this provider came second,
     * so the right password was accepted however throttled the account was. It must come first.
     */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String address = ClientAddress.of(HttpSecurityUtils.getRoutingContextAttribute(request));
        if (!throttle.allows(username, address)) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("too many failed sign-in attempts; wait and try again"));
        }
        return accounts.get()
                .authenticate(request, context)
                .onFailure()
                .invoke(e -> throttle.failed(username, address))
                .onItem()
                .ifNull()
                .failWith(() -> {
                    throttle.failed(username, address);
                    return new AuthenticationFailedException();
                });
    }

    /** The client's address as Vert.x sees it (the TCP peer, or the forwarded one behind a trusted proxy). */
    static final class ClientAddress {
        private ClientAddress() {}

        static String of(RoutingContext rc) {
            if (rc == null || rc.request().remoteAddress() == null) {
                return "unknown";
            }
            return rc.request().remoteAddress().hostAddress();
        }
    }
}

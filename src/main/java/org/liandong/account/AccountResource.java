package org.liandong.account;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.liandong.directory.PersonView;
import org.liandong.security.SessionRevocation;

/**
 * The caller's own account. Sign-in itself is Quarkus form authentication
 * ({@code POST /j_security_check} with {@code j_username}, {@code j_password}), which sets an
 * encrypted session cookie; API clients may instead send HTTP Basic credentials on every call.
 */
@Path("/api")
public class AccountResource {

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String cookieName;

    private final CurrentUser me;
    private final SecurityIdentity identity;
    private final SessionRevocation revocation;

    AccountResource(CurrentUser me, SecurityIdentity identity, SessionRevocation revocation) {
        this.me = me;
        this.identity = identity;
        this.revocation = revocation;
    }

    @GET
    @Path("me")
    @Authenticated
    public PersonView me() {
        return PersonView.of(me.person());
    }

    /**
     * Ends the caller's browser sessions: recorded server-side, so the old cookie is refused on
     * every node even if a copy of it is replayed, and the cookie is expired in this browser.
     */
    @POST
    @Path("logout")
    public Response logout(RoutingContext ctx) {
        if (!identity.isAnonymous()) {
            revocation.signOut(identity.getPrincipal().getName());
        }
        ctx.response()
                .addCookie(Cookie.cookie(cookieName, "")
                        .setPath("/")
                        .setMaxAge(0)
                        .setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
        return Response.noContent().build();
    }
}

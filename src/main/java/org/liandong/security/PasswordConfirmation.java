package org.liandong.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.liandong.common.ProblemException;

/**
 * Re-asking a signed-in person's password before a consequential act (signing an opinion), under
 * the same {@link LoginThrottle} as sign-in: a stolen session cannot guess the password either.
 */
@ApplicationScoped
public class PasswordConfirmation {

    public static final String TYPE_TOO_MANY = "too-many-attempts";

    private final LoginThrottle throttle;
    private final CurrentVertxRequest request;

    PasswordConfirmation(LoginThrottle throttle, CurrentVertxRequest request) {
        this.throttle = throttle;
        this.request = request;
    }

    /**
     * @throws ProblemException 429 {@value #TYPE_TOO_MANY} while attempts are throttled; 400 naming
     *                          {@code field} when the password does not match
     */
    public void confirm(String username, String passwordHash, String password, String field) {
        String address = ThrottledPasswordIdentityProvider.ClientAddress.of(request.getCurrent());
        if (!throttle.allows(username, address)) {
            throw new ProblemException(
                    429,
                    TYPE_TOO_MANY,
                    "Too Many Requests",
                    "too many wrong passwords; wait a few minutes and try again",
                    java.util.List.of(new org.liandong.common.Problem.FieldError(field, "too many wrong attempts")),
                    null);
        }
        if (password == null || !BcryptUtil.matches(password, passwordHash)) {
            throttle.failed(username, address);
            throw ProblemException.invalid(field, "does not match your account; signing needs your password");
        }
    }
}

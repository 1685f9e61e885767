package org.liandong.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * Brute-force protection for every password check: sign-in by form or HTTP Basic
 * ({@link ThrottledPasswordIdentityProvider}) and the password that signing an opinion re-asks.
 * Each failed attempt takes a token from two Bucket4j token buckets, one for the account and one
 * for the client address; while either is empty, attempts are refused without checking the
 * password (so no bcrypt work either). Two limits per bucket make the back-off: a short burst per
 * minute, then a slower hourly rate. Successful attempts cost nothing, so API clients sending Basic
 * credentials on every call are never slowed down.
 *
 * <p>Honest limits: buckets live in this node's memory (bounded, idle ones expire after an hour),
 * so N nodes allow N times the rate and a restart forgets them; the address is the TCP peer unless
 * {@code quarkus.http.proxy.proxy-address-forwarding} is set behind a trusted proxy. An attacker
 * can lock an account out for as long as they keep failing for it: the price of refusing guesses.
 */
@ApplicationScoped
public class LoginThrottle {

    private final SecurityConfig.Throttle limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    LoginThrottle(SecurityConfig config) {
        this.limits = config.throttle();
    }

    /** Whether another password attempt for {@code username} from {@code address} may be checked now. */
    public boolean allows(String username, String address) {
        return account(username).getAvailableTokens() > 0 && address(address).getAvailableTokens() > 0;
    }

    /** Counts a failed attempt against both the account and the address. */
    public void failed(String username, String address) {
        account(username).tryConsume(1);
        address(address).tryConsume(1);
    }

    private Bucket account(String username) {
        String key = "account:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
        return buckets.get(key, k -> bucket(limits.accountBurst(), limits.accountPerHour()));
    }

    private Bucket address(String address) {
        return buckets.get("address:" + address, k -> bucket(limits.addressBurst(), limits.addressPerHour()));
    }

    private Bucket bucket(int burst, int perHour) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(burst, limits.burstWindow())
                        .build())
                .addLimit(Bandwidth.builder()
                        .capacity(perHour)
                        .refillGreedy(perHour, Duration.ofHours(1))
                        .build())
                .build();
    }
}

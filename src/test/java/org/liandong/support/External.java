package org.liandong.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an external component (Janus, coturn, Chromium, PostgreSQL) call
 * {@link #require}: on a newcomer's machine a missing component skips the test loudly; in CI
 * ({@code CI=true}) it fails, so that a broken install never passes as green.
 */
public final class External {
    private External() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (locally) or fails (CI) unless {@code available}; {@code hint} says how to install it. */
    public static void require(boolean available, String component, String hint) {
        if (available) {
            return;
        }
        String message = component + " is not available: " + hint;
        if (inCi()) {
            Assertions.fail(message + " (CI=true, so this fails instead of skipping)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /** True when {@code command} is on the PATH. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new java.io.File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}

package org.liandong.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards for tests that need a component a newcomer's machine may lack (PostgreSQL, Janus,
 * coturn, Chromium). Off CI the test is skipped with a loud message; under {@code CI=true} it
 * fails, because .ci/run must provide every component.
 */
public final class Requires {

    private Requires() {}

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, on CI, fails) unless {@code condition} holds. */
    public static void component(String name, boolean present, String howToGetIt) {
        if (present) {
            return;
        }
        String message = "*** " + name + " is not available: " + howToGetIt + " ***";
        if (onCi()) {
            Assertions.fail(message + " (CI=true: .ci/run must provide it)");
        }
        System.err.println(message + " -- SKIPPING");
        Assumptions.abort(message);
    }

    public static void executable(String name, String path, String howToGetIt) {
        component(name, Files.isExecutable(Path.of(path)), howToGetIt);
    }

    public static void port(String name, String host, int port, String howToGetIt) {
        component(name, listening(host, port), howToGetIt);
    }

    public static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}

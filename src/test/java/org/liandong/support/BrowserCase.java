package org.liandong.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one browser script of e2e/ (playwright-core driving Debian's Chromium) against a test
 * instance and fails the calling test unless the script ran every step: it must finish within
 * {@code -De2e.timeoutMinutes} (15 by default: the materials case took over 10 on a 2-core machine at
 * load average 20), print its {@code E2E-RESULTS} line and exit 0. Skips (fails under CI=true) when
 * Chromium, Node.js or playwright-core is missing. Screenshots and {@code run.log} land in
 * {@code shots}; the script gets {@code BASE_URL} and {@code SCREENSHOT_DIR} besides {@code env}.
 */
public final class BrowserCase {

    private BrowserCase() {}

    /** Acts on the script's output so far while it runs. */
    @FunctionalInterface
    public interface WhileRunning {
        void accept(String output) throws Exception;
    }

    /** Runs {@code e2e/<script>}; returns its whole output. */
    public static String run(String script, URL base, Path shots, Map<String, String> env) throws Exception {
        return run(script, base, shots, env, output -> {});
    }

    /**
     * As {@link #run(String, URL, Path, Map)}, handing the output so far to {@code whileRunning}
     * every 200 ms: for scripts that ask the test to act mid-run (SfuBrowserTest kills Janus).
     */
    public static String run(String script, URL base, Path shots, Map<String, String> env, WhileRunning whileRunning)
            throws Exception {
        Requires.executable("Chromium", "/usr/bin/chromium", "apt-get install chromium");
        NodeScript.require("playwright-core");
        Files.createDirectories(shots);
        try (var old = Files.list(shots)) { // only this run's screenshots in the folder
            for (Path f : old.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
        Path log = shots.resolve("run.log");
        Map<String, String> all = new HashMap<>(env);
        all.put("BASE_URL", base.toString().replaceAll("/$", ""));
        all.put("SCREENSHOT_DIR", shots.toString());
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/" + script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(all);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.getLong("e2e.timeoutMinutes", 15));
        try {
            while (p.isAlive() && System.nanoTime() < deadline) {
                whileRunning.accept(Files.readString(log, StandardCharsets.UTF_8));
                p.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (Exception | AssertionError e) {
            // The test's own step failed: the script (and its Chromium) must not outlive the test.
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            System.out.println(Files.readString(log, StandardCharsets.UTF_8));
            throw e;
        }
        boolean done = !p.isAlive();
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(done, script + " timed out");
        assertTrue(output.contains("E2E-RESULTS"), script + " did not report its steps");
        assertEquals(0, p.exitValue(), "a browser step failed; see " + shots + " and the output above");
        return output;
    }
}

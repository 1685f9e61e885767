package org.liandong.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of e2e/ with Node.js, its output kept in a log file. {@link #require} skips the
 * calling test (fails it under CI=true) when Node.js or an npm package it needs is missing.
 */
public final class NodeScript {

    /** What the script did: exit code (-1 if it was killed after the timeout) and its whole output. */
    public record Result(int exit, String output) {}

    private NodeScript() {}

    /** Node.js on the PATH and each of {@code packages} installed in e2e/node_modules. */
    public static void require(String... packages) {
        Requires.component("node", onPath(), "install Node.js 18+");
        for (String p : packages) {
            Requires.component(p, Files.isDirectory(Path.of("e2e/node_modules", p)), "run 'npm ci' in e2e/");
        }
    }

    public static Result run(String script, List<String> args, Map<String, String> env, Path log, Duration timeout)
            throws Exception {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Result(done ? p.exitValue() : -1, output);
    }

    private static boolean onPath() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}

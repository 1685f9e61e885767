package org.liandong.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Poppler's {@code pdfsig} (Debian poppler-utils), the independent checker of our PDF signatures. */
public final class Pdfsig {

    private static final String PATH = "/usr/bin/pdfsig";

    private Pdfsig() {}

    /** Skips loudly (fails under CI=true) without pdfsig. */
    public static void require() {
        Requires.executable("pdfsig", PATH, "apt-get install poppler-utils");
    }

    /** pdfsig's report on the file. */
    public static String report(byte[] pdf) {
        try {
            Path file = Files.createTempFile("liandong-pdfsig", ".pdf");
            try {
                Files.write(file, pdf);
                Process p = new ProcessBuilder(PATH, file.toString())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("pdfsig hung");
                }
                return out;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** pdfsig says the one signature is valid and covers the whole document. */
    public static boolean validAndWhole(String report) {
        return report.contains("Signature Validation: Signature is Valid.") && report.contains("Total document signed");
    }
}

package org.liandong.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.liandong.common.DurableFiles;

/**
 * The audit chain's head anchored outside the rows it covers: a small file beside the data holding
 * the sequence number and hash of the last entry this node committed, with an HMAC-SHA256 made with
 * {@code liandong.audit.checkpoint-key}. {@link AuditLog} advances it after every commit that
 * appended entries, before the commit returns to the caller (so before any client hears of it), and
 * the file is written with fsync and an atomic rename.
 *
 * <p>What it proves: entries up to the checkpoint existed; a chain that now ends earlier, or whose
 * entry at that number has another hash, was truncated or rewritten (also by a crash that lost
 * committed rows). Honest limits: it covers what <em>this node</em> committed (each node keeps its
 * own file); a commit whose checkpoint write failed is logged, not undone; someone who can both
 * rewrite the database and read the key can forge it.
 */
@ApplicationScoped
public class AuditCheckpoint {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoint.class);

    /** What the file says. {@code signatureValid} false means it was altered or made with another key. */
    public record Checkpoint(long seq, String hash, boolean signatureValid) {}

    private final Path file;
    private final byte[] key;
    private final boolean databaseCleanedAtStart;
    private Checkpoint current;
    private boolean loaded;

    AuditCheckpoint(
            AuditConfig config,
            @ConfigProperty(name = "liandong.data-dir") Path dataDir,
            @ConfigProperty(name = "quarkus.flyway.clean-at-start", defaultValue = "false") boolean cleanAtStart) {
        this.file = config.checkpointFile().orElse(dataDir.resolve("audit").resolve("checkpoint"));
        // Generated in the demo, required in production (security/SecretsPolicy), so always present at run time.
        this.key = config.checkpointKey()
                .orElseThrow(() -> new IllegalStateException("liandong.audit.checkpoint-key is not set"))
                .getBytes(StandardCharsets.UTF_8);
        this.databaseCleanedAtStart = cleanAtStart;
    }

    /** A database wiped on purpose at start (tests) starts a new chain: its old anchor goes too. */
    void onStart(@Observes StartupEvent ev) throws IOException {
        if (databaseCleanedAtStart) {
            Files.deleteIfExists(file);
            synchronized (this) {
                current = null;
                loaded = true;
            }
        }
    }

    /** The checkpoint as the file says now (read afresh: it may have been tampered with), if any. */
    public synchronized Optional<Checkpoint> read() {
        return Optional.ofNullable(load());
    }

    /** Records that entries up to {@code seq} (with {@code hash}) are committed; never moves back. */
    synchronized void advance(long seq, String hash) {
        if (!loaded) {
            current = load();
            loaded = true;
        }
        if (current != null && current.signatureValid() && current.seq() >= seq) {
            return;
        }
        try {
            DurableFiles.write(
                    file,
                    (body(seq, hash) + "mac=" + mac(body(seq, hash)) + "\n").getBytes(StandardCharsets.UTF_8),
                    null);
            current = new Checkpoint(seq, hash, true);
        } catch (IOException e) {
            LOG.errorf("audit checkpoint %s not written (entry %d is committed): %s", file, seq, e.getMessage());
        }
    }

    private Checkpoint load() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            long seq = Long.parseLong(field(text, "seq"));
            String hash = field(text, "hash");
            boolean valid = MessageDigest.isEqual(
                    mac(body(seq, hash)).getBytes(StandardCharsets.US_ASCII),
                    field(text, "mac").getBytes(StandardCharsets.US_ASCII));
            return new Checkpoint(seq, hash, valid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint " + file, e);
        } catch (RuntimeException unreadable) {
            return new Checkpoint(0, "", false);
        }
    }

    private static String body(long seq, String hash) {
        return "liandong-audit-checkpoint-v1\nseq=" + seq + "\nhash=" + hash + "\n";
    }

    private static String field(String text, String name) {
        return text.lines()
                .filter(l -> l.startsWith(name + "="))
                .findFirst()
                .map(l -> l.substring(name.length() + 1))
                .orElseThrow(() -> new IllegalArgumentException(name));
    }

    private String mac(String body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}

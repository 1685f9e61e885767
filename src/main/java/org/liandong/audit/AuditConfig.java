package org.liandong.audit;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the audit chain's head is anchored outside the database. Environment: LIANDONG_AUDIT_*. */
@ConfigMapping(prefix = "liandong.audit")
public interface AuditConfig {

    /**
     * The checkpoint file: the last entry this node committed (sequence number and hash), with an
     * HMAC-SHA256. Default {@code <liandong.data-dir>/audit/checkpoint}. Keep it on a persistent
     * volume that the database's administrators cannot write.
     */
    Optional<Path> checkpointFile();

    /**
     * HMAC key of the checkpoint file (32+ characters). Generated under the data dir in the
     * embedded demo; required in production (see README "Security").
     */
    Optional<String> checkpointKey();
}

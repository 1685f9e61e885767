package org.liandong.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Answer of {@code /api/decisions/verify}. {@code genuine}: a decision with this number was issued
 * here <em>and</em> the file (or digest) is byte for byte the issued PDF; then {@code unaltered} is
 * true and the rest describes the decision ({@code sealValid}: the seal's signature over the issued
 * PDF checks out with its certificate). Anything else is exactly {@code {"genuine":false}}: whether
 * the number exists, and what it decided, is told only to a holder of the document.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(
        String number,
        boolean genuine,
        Boolean unaltered,
        Boolean sealValid,
        String sha256,
        String issuedSha256,
        String issuer,
        Instant issuedAt,
        Outcome outcome,
        String projectCode,
        String sealFingerprint,
        String message) {

    /** The one answer for an unknown number, a wrong digest or an altered file. */
    public static VerificationView notGenuine() {
        return new VerificationView(null, false, null, null, null, null, null, null, null, null, null, null);
    }
}

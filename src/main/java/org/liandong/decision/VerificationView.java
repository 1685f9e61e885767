package org.liandong.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Answer of {@code /api/decisions/verify}. {@code genuine}: a decision with this number was
 * issued here; {@code unaltered}: the file (or digest) is byte for byte the issued PDF;
 * {@code sealValid}: the seal's signature over the issued PDF checks out with its certificate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationView(String number, boolean genuine, boolean unaltered, boolean sealValid, String sha256,
                               String issuedSha256, String issuer, Instant issuedAt, Outcome outcome, String projectCode,
                               String sealFingerprint, String message) {
}

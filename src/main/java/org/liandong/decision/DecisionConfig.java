package org.liandong.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Decisions: numbering, combining rules, the issuing body and its seal. */
@ConfigMapping(prefix = "liandong.decision")
public interface DecisionConfig {

    /** Prefix of decision numbers, rendered {@code <prefix>〔<year>〕<serial>号}; numbering restarts at 1 each year per prefix. */
    @WithDefault("淄联审")
    String numberPrefix();

    /** The issuing body, printed as the document's header and seal. */
    @WithDefault("淄博市行政审批服务局")
    String issuer();

    /** Combining rule for matter types not listed in {@link #rules()}. */
    @WithDefault("REJECT_PREVAILS")
    CombiningRule defaultRule();

    /** Combining rule per matter type code, e.g. {@code liandong.decision.rules."eia-approval"=SUPPLEMENT_FIRST}. */
    Map<String, CombiningRule> rules();

    SealConfig seal();

    /**
     * RFC 3161 time-stamp authority (HTTP URL). When set, every issued PDF's signature gets a
     * time-stamp token (PAdES baseline B-T) and issuing fails if the authority does not answer;
     * when absent, signatures are PAdES B-B (the signing time is the one claimed in the PDF).
     */
    Optional<URI> tsaUrl();

    /**
     * The SM2/OFD profile: when on, every decision (and notice) is also issued as OFD (GB/T 33190)
     * with an SM2/SM3 e-seal (GB/T 38540), served at {@code /api/decisions/{id}/document.ofd},
     * next to the PAdES PDF, which is always issued.
     */
    @WithDefault("true")
    boolean ofd();

    default CombiningRule ruleFor(String matterType) {
        return rules().getOrDefault(matterType, defaultRule());
    }

    /** The issuing body's signing key. */
    interface SealConfig {
        /**
         * PKCS#12 keystore holding the seal key and certificate. When absent (the embedded
         * default) one is generated on first use under {@code <liandong.data-dir>/seal/seal.p12}
         * with a self-signed certificate; production configures the body's real keystore.
         */
        Optional<Path> keystore();

        /** Keystore and key password. Set a real one in production. */
        @WithDefault("liandong-embedded-seal")
        String password();

        /** Alias of the key entry in the keystore (and in {@link #sm2Keystore()}). */
        @WithDefault("seal")
        String alias();

        /**
         * PKCS#12 keystore holding the SM2 seal key and certificate that seal OFD documents
         * ({@link #ofd()}), opened with {@link #password()}. When absent (the embedded default) one is
         * generated on first use under {@code <liandong.data-dir>/seal/seal-sm2.p12} with a
         * self-signed SM3withSM2 certificate; production configures the body's real one.
         */
        Optional<Path> sm2Keystore();
    }
}

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

        /** Alias of the key entry in the keystore. */
        @WithDefault("seal")
        String alias();
    }
}

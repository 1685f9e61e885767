package org.liandong.document;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The issuing body's signing key and its certificate chain (signer first), as a PDF or a
 * manifest is signed with it.
 */
public record SealKey(PrivateKey key, List<X509Certificate> chain) {

    public SealKey {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a seal key needs its certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** JCA signature algorithm for the key: SHA-256 with RSA or ECDSA. */
    public String algorithm() {
        return "SHA256with" + ("EC".equals(key.getAlgorithm()) ? "ECDSA" : key.getAlgorithm());
    }
}

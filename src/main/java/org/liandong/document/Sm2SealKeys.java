package org.liandong.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.liandong.common.DurableFiles;

/**
 * The SM2 seal key (curve sm2p256v1, GB/T 32918) and its X.509 certificate signed SM3withSM2
 * (GM/T 0015), kept in a PKCS#12 keystore, which sign OFD documents ({@link SealedOfds}).
 * Loaded once per keystore by {@code org.liandong.decision.Seal}; the embedded default generates
 * a self-signed one on first use (like the RSA seal keystore), production configures the body's
 * keystore ({@code liandong.decision.seal.sm2-keystore}, required by SecretsPolicy when
 * {@code liandong.decision.ofd} is on). Through BouncyCastle: the JDK has no SM2.
 */
public final class Sm2SealKeys {

    /** BouncyCastle, used by instance (not registered globally): SM2, SM3 and PKCS#12 with SM2 keys. */
    static final Provider BC = new BouncyCastleProvider();

    private Sm2SealKeys() {}

    /**
     * The key entry {@code alias} of the PKCS#12 keystore at {@code path}. When the file is absent
     * and {@code generateIfAbsent}, a fresh SM2 key with a ten-year self-signed certificate naming
     * {@code issuer} is written there first (owner-only; two nodes racing keep one key).
     *
     * @throws IllegalStateException when the keystore is absent (and may not be generated), does
     *                               not open with {@code password}, or has no such key entry
     */
    public static SealKey load(
            Path path, boolean generateIfAbsent, char[] password, String alias, String issuer, Instant now) {
        try {
            if (!Files.exists(path)) {
                if (!generateIfAbsent) {
                    throw new IllegalStateException("SM2 seal keystore " + path + " does not exist");
                }
                // As Seal's RSA key: dated by the earlier of the service and wall clocks (CMS signing times are wall
                // clock).
                DurableFiles.createOnce(
                        path,
                        generate(
                                password,
                                alias,
                                issuer,
                                java.util.Collections.min(java.util.List.of(now, Instant.now()))),
                        DurableFiles.OWNER_ONLY);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12", BC);
            try (InputStream in = Files.newInputStream(path)) {
                ks.load(in, password);
            }
            if (!ks.isKeyEntry(alias)) {
                throw new IllegalStateException("SM2 seal keystore " + path + " has no key entry '" + alias + "'");
            }
            return new SealKey(
                    (PrivateKey) ks.getKey(alias, password), List.of((X509Certificate) ks.getCertificate(alias)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SM2 seal keystore " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the SM2 seal keystore " + path, e);
        }
    }

    /** A PKCS#12 keystore, as bytes, with a fresh SM2 key and its self-signed certificate under {@code alias}. */
    static byte[] generate(char[] password, String alias, String issuer, Instant now)
            throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "Liandong")
                .addRDN(BCStyle.CN, issuer)
                .build();
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter()
                    .setProvider(BC)
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    name,
                                    BigInteger.valueOf(now.toEpochMilli()),
                                    Date.from(now.minus(Duration.ofDays(1))),
                                    Date.from(now.plus(Duration.ofDays(3650))),
                                    name,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder("SM3withSM2")
                                    .setProvider(BC)
                                    .build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("SM3withSM2 is not available", e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12", BC);
        ks.load(null, null);
        ks.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }
}

package org.liandong.decision;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.liandong.common.DurableFiles;
import org.liandong.document.SealKey;
import org.liandong.document.Sm2SealKeys;

/**
 * The issuing body's seal: the key in a PKCS#12 keystore that signs issued PDFs (an embedded
 * PAdES signature, see {@link org.liandong.document.PadesSigner}). Documents issued before that
 * carry a detached signature over their exact bytes, still checked by {@link #verify}.
 * Verification uses the certificate stored with each decision, so a document stays verifiable
 * after the body rotates its key. The embedded default generates a
 * self-signed RSA key on first use; that proves integrity and origin from this installation, not
 * a CA-backed identity (configure the body's real keystore for that). The SM2 key that seals OFD
 * documents is kept the same way in a second keystore ({@link #sm2Key()}).
 */
@ApplicationScoped
public class Seal {

    private final DecisionConfig config;
    private final Path dataDir;
    private final Clock clock;
    private volatile PrivateKey key;
    private volatile X509Certificate certificate;

    Seal(DecisionConfig config, @ConfigProperty(name = "liandong.data-dir") Path dataDir, Clock clock) {
        this.config = config;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** The key and certificate that sign issued documents. */
    public SealKey key() {
        load();
        return new SealKey(key, java.util.List.of(certificate));
    }

    private volatile SealKey sm2;

    /** The SM2 key and certificate that seal issued OFD documents (see {@link org.liandong.document.Sm2SealKeys}). */
    public SealKey sm2Key() {
        SealKey k = sm2;
        if (k == null) {
            synchronized (this) {
                if (sm2 == null) {
                    Path path = config.seal()
                            .sm2Keystore()
                            .orElse(dataDir.resolve("seal").resolve("seal-sm2.p12"));
                    sm2 = Sm2SealKeys.load(
                            path,
                            config.seal().sm2Keystore().isEmpty(),
                            config.seal().password().toCharArray(),
                            config.seal().alias(),
                            config.issuer(),
                            clock.instant());
                }
                k = sm2;
            }
        }
        return k;
    }

    /** Whether {@code signature} over {@code document} was made with the key of {@code certificatePem}. */
    public static boolean verify(byte[] document, String signature, String certificatePem) {
        try {
            X509Certificate cert = parse(certificatePem);
            Signature s = Signature.getInstance(algorithm(cert.getPublicKey().getAlgorithm()));
            s.initVerify(cert.getPublicKey());
            s.update(document);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The current seal certificate, PEM. */
    public String certificatePem() {
        load();
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of a PEM certificate's DER bytes, hex: short enough to print on a document. */
    public static String fingerprint(String certificatePem) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(parse(certificatePem).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored PEM certificate. */
    public static X509Certificate parseCertificate(String pem) {
        try {
            return parse(pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored seal certificate does not parse", e);
        }
    }

    private static X509Certificate parse(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String algorithm(String keyAlgorithm) {
        return "SHA256with" + ("EC".equals(keyAlgorithm) ? "ECDSA" : keyAlgorithm);
    }

    private synchronized void load() {
        if (key != null) {
            return;
        }
        Path path = config.seal().keystore().orElse(dataDir.resolve("seal").resolve("seal.p12"));
        char[] password = config.seal().password().toCharArray();
        try {
            if (!Files.exists(path)) {
                if (config.seal().keystore().isPresent()) {
                    throw new IllegalStateException("seal keystore " + path + " does not exist");
                }
                generate(path, password);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path)) {
                ks.load(in, password);
            }
            String alias = config.seal().alias();
            if (!ks.isKeyEntry(alias)) {
                throw new IllegalStateException("seal keystore " + path + " has no key entry '" + alias + "'");
            }
            certificate = (X509Certificate) ks.getCertificate(alias);
            key = (PrivateKey) ks.getKey(alias, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seal keystore " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the seal keystore " + path, e);
        }
    }

    /** A fresh RSA key with a ten-year self-signed certificate naming the issuing body. */
    private void generate(Path path, char[] password) throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "Liandong")
                .addRDN(BCStyle.CN, config.issuer())
                .build();
        // Validity starts a day before the earlier of the service clock and the wall clock: CMS signing
        // times come from the wall clock (BouncyCastle), and a service clock set ahead (the tests' clock,
        // a skewed host) must not date the certificate after a signature made with it.
        Instant now = java.util.Collections.min(List.of(clock.instant(), Instant.now()));
        AlgorithmIdentifier sha256WithRsa =
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now.toEpochMilli())));
        tbs.setSignature(sha256WithRsa);
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(3650)))));
        tbs.setSubjectPublicKeyInfo(
                SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        TBSCertificate body = tbs.generateTBSCertificate();
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pair.getPrivate());
        s.update(body.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector cert = new ASN1EncodableVector();
        cert.add(body);
        cert.add(sha256WithRsa);
        cert.add(new DERBitString(s.sign()));
        Certificate certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(new DERSequence(cert).getEncoded(ASN1Encoding.DER)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(config.seal().alias(), pair.getPrivate(), password, new Certificate[] {certificate});
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ks.store(out, password);
        // Durable before anything is sealed with it, owner-only, and two nodes racing keep one key.
        DurableFiles.createOnce(path, out.toByteArray(), DurableFiles.OWNER_ONLY);
    }
}

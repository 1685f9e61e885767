package org.liandong.document;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 time-stamp authority on a loopback port, built from BouncyCastle's TSP classes
 * and the JDK's HTTP server: enough for the signing code to talk HTTP to something that is not
 * itself. Also a Quarkus test resource that points {@code liandong.decision.tsa-url} at it.
 */
public class TestTsa implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    /** Test policy OID (a private arc; real TSAs name their own policy). */
    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");
    /** Tokens granted by any instance in this JVM, so a Quarkus test can see its TSA was used. */
    public static final AtomicInteger GRANTED = new AtomicInteger();

    private HttpServer server;
    private SealKey key;

    /** Starts the authority on a free loopback port. */
    public TestTsa open() {
        try {
            key = TestPki.tsa();
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", key.key(), key.certificate()),
                    new JcaDigestCalculatorProviderBuilder()
                            .build()
                            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    POLICY);
            tokens.addCertificates(new JcaCertStore(List.of(key.certificate())));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            AtomicInteger serial = new AtomicInteger();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/tsa", exchange -> {
                try (InputStream in = exchange.getRequestBody();
                        OutputStream out = exchange.getResponseBody()) {
                    byte[] reply;
                    synchronized (responses) {
                        reply = responses
                                .generate(
                                        new TimeStampRequest(in.readAllBytes()),
                                        BigInteger.valueOf(serial.incrementAndGet()),
                                        new Date())
                                .getEncoded();
                    }
                    GRANTED.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                    exchange.sendResponseHeaders(200, reply.length);
                    out.write(reply);
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                    throw new IOException(e);
                }
            });
            server.start();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("test TSA did not start", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    public SealKey key() {
        return key;
    }

    @Override
    public Map<String, String> start() {
        open();
        return Map.of("liandong.decision.tsa-url", url().toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public void close() {
        stop();
    }
}

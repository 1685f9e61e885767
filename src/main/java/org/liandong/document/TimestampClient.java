package org.liandong.document;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks an RFC 3161 time-stamp authority to stamp a SHA-256 imprint, over HTTP
 * ({@code application/timestamp-query} → {@code application/timestamp-reply}, RFC 3161 §3.4).
 * The reply is checked against the request (imprint, nonce, status) before it is used.
 */
final class TimestampClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final SecureRandom NONCES = new SecureRandom();

    private TimestampClient() {}

    /** A token over SHA-256 of {@code data}; fails (so the issue rolls back) if the authority does not grant one. */
    static TimeStampToken stamp(URI tsa, byte[] data) {
        try {
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(data);
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint, new BigInteger(64, NONCES));
            HttpResponse<byte[]> reply = HTTP.send(
                    HttpRequest.newBuilder(tsa)
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("time-stamp authority " + tsa + " answered HTTP " + reply.statusCode());
            }
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw new IllegalStateException(
                        "time-stamp authority " + tsa + " granted no token: " + response.getStatusString());
            }
            return response.getTimeStampToken();
        } catch (IOException e) {
            throw new IllegalStateException("time-stamp authority " + tsa + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + tsa, e);
        } catch (TSPException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("time-stamp authority " + tsa + " sent an unusable reply", e);
        }
    }
}

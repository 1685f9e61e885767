package org.liandong.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Releases several HTTP requests at the same instant (a {@link CyclicBarrier}), to test that a
 * rule guarded by a check holds when the checks run concurrently.
 */
public final class Race {

    private Race() {}

    /** Runs every call at once and returns the responses in the order given. */
    @SafeVarargs
    public static List<Response> release(Supplier<Response>... calls) {
        return release(List.of(calls));
    }

    public static List<Response> release(List<Supplier<Response>> calls) {
        CyclicBarrier barrier = new CyclicBarrier(calls.size());
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Supplier<Response> call : calls) {
                Callable<Response> c = () -> {
                    barrier.await();
                    return call.get();
                };
                futures.add(pool.submit(c));
            }
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Exactly {@code winners} responses have {@code status}; every other one is a 409 problem
     * (never a 500). Returns the losers' problem types.
     */
    public static List<String> assertOneOfAKind(List<Response> responses, int status, int winners) {
        List<String> loserTypes = new ArrayList<>();
        int won = 0;
        for (Response r : responses) {
            if (r.statusCode() == status) {
                won++;
                continue;
            }
            assertEquals(409, r.statusCode(), "a loser gets 409, got " + r.statusCode() + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            loserTypes.add(r.jsonPath().getString("type"));
        }
        assertEquals(
                winners,
                won,
                "winners among " + responses.stream().map(Response::statusCode).toList());
        return loserTypes;
    }
}

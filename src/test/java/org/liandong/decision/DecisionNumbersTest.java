package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DecisionNumbersTest {

    @Inject
    DecisionNumbers numbers;

    @Test
    void formatsAndParsesTheOfficialShape() {
        DecisionNumber n = new DecisionNumber("淄联审", 2026, 17);
        assertEquals("淄联审〔2026〕17号", n.toString());
        assertEquals(n, DecisionNumber.parse("淄联审〔2026〕17号"));
    }

    @Test
    void concurrentIssuersGetConsecutiveDistinctNumbersEvenForANewYear() throws Exception {
        String prefix = "测并发" + System.nanoTime() % 1000;
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return QuarkusTransaction.requiringNew().call(() -> {
                        int serial = numbers.next(prefix, 2026).serial();
                        Thread.sleep(150); // hold the lock as a real issue (rendering, sealing) does
                        return serial;
                    });
                }));
            }
            start.countDown();
            Set<Integer> serials = new TreeSet<>();
            for (Future<Integer> f : results) {
                serials.add(f.get());
            }
            assertEquals(Set.of(1, 2, 3, 4), serials);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRolledBackIssueGivesItsNumberBack() {
        String prefix = "测回滚" + System.nanoTime() % 1000;
        assertEquals(
                1,
                QuarkusTransaction.requiringNew()
                        .call(() -> numbers.next(prefix, 2026).serial()));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                numbers.next(prefix, 2026);
                throw new IllegalStateException("rendering failed");
            });
        } catch (IllegalStateException expected) {
            // the number must not be lost
        }
        assertEquals(
                2,
                QuarkusTransaction.requiringNew()
                        .call(() -> numbers.next(prefix, 2026).serial()));
        assertEquals(
                1,
                QuarkusTransaction.requiringNew()
                        .call(() -> numbers.next(prefix, 2027).serial()),
                "each year starts at 1");
    }
}

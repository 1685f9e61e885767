package org.liandong.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liandong.support.Fixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * Optimistic locking on the project aggregate: concurrent checklist updates either succeed or get
 * a 409 problem; none is lost silently and none becomes a 500.
 */
@QuarkusTest
class ConcurrentChangeTest {

    @Test
    void concurrentUpdatesAreNeverLostSilently() throws Exception {
        long id = Fixtures.registerProject("applicant");
        as("coordinator").post("/api/projects/" + id + "/submit").then().statusCode(200);
        as("coordinator").post("/api/projects/" + id + "/pre-review").then().statusCode(200);
        List<Integer> items =
                as("coordinator").get("/api/projects/" + id).jsonPath().getList("materials.id");

        Map<Integer, Integer> statusByItem = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            CyclicBarrier barrier = new CyclicBarrier(items.size());
            ExecutorService pool = Executors.newFixedThreadPool(items.size());
            List<Future<Response>> futures = new ArrayList<>();
            for (Integer item : items) {
                Callable<Response> call = () -> {
                    barrier.await();
                    return as("coordinator")
                            .body(Map.of("status", "PROVIDED", "note", "round"))
                            .put("/api/projects/" + id + "/materials/" + item);
                };
                futures.add(pool.submit(call));
            }
            for (int i = 0; i < items.size(); i++) {
                Response r = futures.get(i).get();
                assertTrue(
                        r.statusCode() == 200 || r.statusCode() == 409, "got " + r.statusCode() + ": " + r.asString());
                if (r.statusCode() == 409) {
                    assertEquals("application/problem+json", r.contentType());
                }
                statusByItem.merge(items.get(i), r.statusCode() == 200 ? 1 : 0, Integer::sum);
            }
            pool.shutdown();
        }
        // Every item whose update was acknowledged at least once is PROVIDED; the others are untouched.
        List<Map<String, Object>> stored =
                as("coordinator").get("/api/projects/" + id).jsonPath().getList("materials");
        for (Map<String, Object> m : stored) {
            String expected = statusByItem.get((Integer) m.get("id")) > 0 ? "PROVIDED" : "MISSING";
            assertEquals(expected, m.get("status"), "item " + m.get("id"));
        }
        assertTrue(statusByItem.values().stream().anyMatch(n -> n > 0), "at least one update went through");
        System.out.println("acknowledged updates per item: " + statusByItem);
    }
}

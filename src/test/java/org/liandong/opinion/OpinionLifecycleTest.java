package org.liandong.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liandong.common.ProblemException;
import org.liandong.directory.Department;
import org.liandong.directory.Person;
import org.liandong.directory.Region;
import org.liandong.directory.RegionLevel;
import org.liandong.directory.Role;
import org.liandong.project.ProjectLifecycleTest;

/**
 * A department opinion's lifecycle as a table (issue 10, point 4): DRAFT → SIGNED → SUPERSEDED (by
 * a signed correction). Every action in every state; a refusal is a 409 that changes nothing, and
 * a signed opinion's content hash never moves.
 */
class OpinionLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");
    static final OpinionContent APPROVE =
            new OpinionContent(Verdict.APPROVE, "符合规划", List.of(), List.of(), null, List.of());
    static final OpinionContent REFUSE =
            new OpinionContent(Verdict.REJECT, "不符合规划", List.of(), List.of(), null, List.of());

    static Person official;

    static final Map<String, Consumer<Opinion>> ACTIONS = Map.of(
            "edit", o -> o.edit(official, REFUSE),
            "sign", o -> o.sign(official, NOW),
            "correct", o -> o.correct(official, "更正", REFUSE, NOW));

    /** state → action → status after it; a missing pair is refused. */
    static final Map<OpinionStatus, Map<String, OpinionStatus>> ALLOWED = Map.of(
            OpinionStatus.DRAFT, Map.of("edit", OpinionStatus.DRAFT, "sign", OpinionStatus.SIGNED),
            // The correction is a new draft; this one stays in force until the correction is signed.
            OpinionStatus.SIGNED, Map.of("correct", OpinionStatus.SIGNED),
            OpinionStatus.SUPERSEDED, Map.of());

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (OpinionStatus s : OpinionStatus.values()) {
            for (String action : ACTIONS.keySet().stream().sorted().toList()) {
                pairs.add(Arguments.of(s, action));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyPair")
    void everyActionInEveryState(OpinionStatus state, String action) throws Exception {
        Opinion o = opinionIn(state);
        Map<String, OpinionStatus> legal = ALLOWED.get(state);
        if (legal.containsKey(action)) {
            ACTIONS.get(action).accept(o);
            assertEquals(legal.get(action), o.status());
        } else {
            String hash = o.contentHash();
            Verdict verdict = o.verdict();
            ProblemException refused = assertThrows(
                    ProblemException.class, () -> ACTIONS.get(action).accept(o));
            assertEquals(409, refused.status(), refused.getMessage());
            assertEquals(state, o.status(), "a refusal changes nothing");
            assertEquals(verdict, o.verdict());
            assertEquals(hash, o.contentHash());
        }
    }

    @Test
    void signingACorrectionSupersedesTheOpinionItCorrects() throws Exception {
        Opinion first = opinionIn(OpinionStatus.SIGNED);
        Opinion correction = first.correct(official, "更正", REFUSE, NOW);
        assertEquals(2, correction.revision());
        assertEquals(OpinionStatus.SIGNED, first.status(), "still in force until the correction is signed");
        correction.sign(official, NOW);
        assertEquals(OpinionStatus.SUPERSEDED, first.status());
        assertNotNull(correction.contentHash());
    }

    static Opinion opinionIn(OpinionStatus state) throws Exception {
        Region city = new Region("370300", RegionLevel.CITY, "370000", "淄博市", "Zibo");
        Department department = new Department("370300-nr", city, "淄博市自然资源和规划局", "Natural Resources");
        ProjectLifecycleTest.set(department, "id", 7L);
        official = new Person("official", "password-123", "official", null, Set.of(Role.OFFICIAL), department, false);
        ProjectLifecycleTest.set(official, "id", 2L);
        Opinion o = new Opinion(11L, official, APPROVE, NOW);
        switch (state) {
            case DRAFT -> {}
            case SIGNED -> o.sign(official, NOW);
            case SUPERSEDED -> {
                o.sign(official, NOW);
                o.correct(official, "更正", REFUSE, NOW).sign(official, NOW);
            }
        }
        assertEquals(state, o.status());
        return o;
    }
}

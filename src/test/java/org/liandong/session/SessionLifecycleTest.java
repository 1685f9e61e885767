package org.liandong.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
import org.liandong.project.ProjectStatus;

/**
 * The review session's lifecycle as a table (issue 10, point 4): every action tried in every state.
 * A legal move lands in the state the table names; an illegal one is a 409 problem that changes
 * nothing and records nothing. No database: the entity keeps its own rules.
 */
class SessionLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");
    /** Past the scheduled end (NOW + 1 h, for 1 h) plus the grace: when the system concludes. */
    static final Instant AFTER_CLOSE = NOW.plus(Duration.ofHours(4));

    static final Duration GRACE = Duration.ofMinutes(30);

    static Person chair;
    static Person official;
    static Person another;
    static Department department;

    static final Map<String, Consumer<ReviewSession>> ACTIONS = new HashMap<>(Map.of(
            "includeDepartment", s -> s.includeDepartment(department, false),
            "invite", s -> s.invite(another, SessionRole.OFFICIAL, department, "t", NOW),
            "withdrawInvitation", s -> s.withdrawInvitation(official.id(), "reason", "t", NOW),
            "reschedule", s -> s.reschedule(NOW.plus(Duration.ofHours(2)), Duration.ofHours(1), "reason", "t", NOW),
            "cancel", s -> s.cancel("reason", "t", NOW),
            "open", s -> s.open(chair, NOW),
            "start", s -> s.start(chair, List.of(), GRACE, NOW),
            "conclude", s -> s.conclude(chair, NOW),
            "concludeAtClose", s -> s.concludeAtClose(GRACE, AFTER_CLOSE),
            "editAgenda", s -> s.editAgenda(List.of("议程", "合议"), "t", NOW)));

    static {
        ACTIONS.put("beginAgendaStep", s -> s.beginAgendaStep(1, "t", NOW));
    }

    /** state → action → state after it; a missing pair is refused. Null: allowed, status unchanged. */
    static final Map<SessionStatus, Map<String, SessionStatus>> ALLOWED = new EnumMap<>(SessionStatus.class);

    static {
        for (SessionStatus s : SessionStatus.values()) {
            if (!s.isTerminal()) {
                for (String unchanged : List.of("includeDepartment", "invite", "withdrawInvitation", "editAgenda")) {
                    allow(s, unchanged, null);
                }
            }
        }
        allow(SessionStatus.SCHEDULED, "reschedule", null);
        allow(SessionStatus.SCHEDULED, "cancel", SessionStatus.CANCELLED);
        allow(SessionStatus.SCHEDULED, "open", SessionStatus.OPEN);
        allow(SessionStatus.OPEN, "cancel", SessionStatus.CANCELLED);
        allow(SessionStatus.OPEN, "start", SessionStatus.IN_PROGRESS);
        allow(SessionStatus.IN_PROGRESS, "conclude", SessionStatus.CONCLUDED);
        allow(SessionStatus.IN_PROGRESS, "concludeAtClose", SessionStatus.CONCLUDED);
        allow(SessionStatus.IN_PROGRESS, "beginAgendaStep", null);
    }

    static void allow(SessionStatus from, String action, SessionStatus to) {
        ALLOWED.computeIfAbsent(from, s -> new HashMap<>()).put(action, to);
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (SessionStatus s : SessionStatus.values()) {
            for (String action : ACTIONS.keySet().stream().sorted().toList()) {
                pairs.add(Arguments.of(s, action));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyPair")
    void everyActionInEveryState(SessionStatus state, String action) throws Exception {
        ReviewSession s = sessionIn(state);
        Map<String, SessionStatus> legal = ALLOWED.getOrDefault(state, Map.of());
        if (legal.containsKey(action)) {
            ACTIONS.get(action).accept(s);
            SessionStatus expected = legal.get(action);
            assertEquals(expected == null ? state : expected, s.status());
        } else {
            int events = s.history().size();
            ProblemException refused = assertThrows(
                    ProblemException.class, () -> ACTIONS.get(action).accept(s));
            assertEquals(409, refused.status(), refused.getMessage());
            assertEquals(state, s.status(), "a refusal changes nothing");
            assertEquals(events, s.history().size(), "a refusal records nothing");
        }
    }

    @Test
    void startingMovesTheProjectUnderReviewAndOnlyTheChairOrACoordinatorRunsIt() throws Exception {
        ReviewSession s = sessionIn(SessionStatus.OPEN);
        assertEquals(
                403,
                assertThrows(ProblemException.class, () -> s.start(official, List.of(), GRACE, NOW))
                        .status());
        s.start(chair, List.of(), GRACE, NOW);
        assertEquals(ProjectStatus.IN_REVIEW, s.project().status());
    }

    @Test
    void aSessionPastItsEndPlusGraceCannotStartAndIsNotConcludedBeforeIt() throws Exception {
        ReviewSession open = sessionIn(SessionStatus.OPEN);
        ProblemException over =
                assertThrows(ProblemException.class, () -> open.start(chair, List.of(), GRACE, AFTER_CLOSE));
        assertEquals(409, over.status());
        assertTrue(over.getMessage().contains("was due to end"), over.getMessage());
        assertEquals(SessionStatus.OPEN, open.status());
        ReviewSession running = sessionIn(SessionStatus.IN_PROGRESS);
        assertEquals(
                409,
                assertThrows(ProblemException.class, () -> running.concludeAtClose(GRACE, NOW))
                        .status());
        assertEquals(SessionStatus.IN_PROGRESS, running.status());
    }

    /** Walks a fresh session (for an accepted project, one official invited) to {@code state}. */
    static ReviewSession sessionIn(SessionStatus state) throws Exception {
        Region city = new Region("370300", RegionLevel.CITY, "370000", "淄博市", "Zibo");
        department = new Department("370300-nr", city, "淄博市自然资源和规划局", "Natural Resources");
        ProjectLifecycleTest.set(department, "id", 7L);
        chair = person(1L, "chair", Role.OFFICIAL);
        official = person(2L, "official", Role.OFFICIAL);
        another = person(3L, "another", Role.OFFICIAL);
        ReviewSession s = new ReviewSession(
                ProjectLifecycleTest.projectIn(ProjectStatus.ACCEPTED),
                "联审",
                NOW.plus(Duration.ofHours(1)),
                Duration.ofHours(1),
                chair,
                List.of(),
                "t",
                NOW);
        ProjectLifecycleTest.set(s, "id", 11L);
        s.invite(official, SessionRole.OFFICIAL, department, "t", NOW);
        List<String> path = switch (state) {
            case SCHEDULED -> List.of();
            case OPEN -> List.of("open");
            case IN_PROGRESS -> List.of("open", "start");
            case CONCLUDED -> List.of("open", "start", "conclude");
            case CANCELLED -> List.of("cancel");
        };
        path.forEach(step -> ACTIONS.get(step).accept(s));
        assertEquals(state, s.status());
        return s;
    }

    private static Person person(long id, String username, Role role) throws Exception {
        Person p = new Person(username, "password-123", username, null, Set.of(role), department, true);
        ProjectLifecycleTest.set(p, "id", id);
        return p;
    }
}

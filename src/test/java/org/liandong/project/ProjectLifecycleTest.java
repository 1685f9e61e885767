package org.liandong.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.directory.Region;
import org.liandong.directory.RegionLevel;

/**
 * The project lifecycle as a table: every action tried in every state. A legal move lands in the
 * state the table names; an illegal one is a 409 problem that changes nothing. No database: the
 * entity keeps its own rules.
 */
public class ProjectLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");

    /** The actions a project offers, by name. */
    static final Map<String, Consumer<Project>> ACTIONS = Map.of(
            "submit", p -> p.submit("t", NOW),
            "startPreReview", p -> p.startPreReview("t", NOW),
            "setMaterialStatus", p -> p.setMaterialStatus(1L, MaterialStatus.NOT_APPLICABLE, null, "t", NOW),
            "accept", p -> p.accept("t", NOW), // with a settled checklist where legal (see projectIn)
            "requestSupplement", p -> p.requestSupplement("t", "notice", NOW),
            "requireSupplementByDecision", p -> p.requireSupplementByDecision("t", "淄联审〔2026〕1号", NOW),
            "resubmit", p -> p.resubmit("t", NOW),
            "startReview", p -> p.startReview("t", NOW),
            "decide", p -> p.decide("t", "淄联审〔2026〕1号", NOW),
            "withdraw", p -> p.withdraw("t", "reason", NOW));

    /** state → action → state after it; a missing pair is refused. Null: allowed, status unchanged. */
    static final Map<ProjectStatus, Map<String, ProjectStatus>> ALLOWED = new EnumMap<>(ProjectStatus.class);

    static {
        allow(ProjectStatus.DRAFT, "submit", ProjectStatus.SUBMITTED);
        allow(ProjectStatus.SUBMITTED, "startPreReview", ProjectStatus.PRE_REVIEW);
        allow(ProjectStatus.PRE_REVIEW, "setMaterialStatus", null);
        allow(ProjectStatus.PRE_REVIEW, "accept", ProjectStatus.ACCEPTED);
        allow(ProjectStatus.PRE_REVIEW, "requestSupplement", ProjectStatus.SUPPLEMENTING);
        allow(ProjectStatus.SUPPLEMENTING, "setMaterialStatus", null);
        allow(ProjectStatus.SUPPLEMENTING, "resubmit", ProjectStatus.PRE_REVIEW); // not yet accepted here
        allow(ProjectStatus.ACCEPTED, "startReview", ProjectStatus.IN_REVIEW);
        allow(ProjectStatus.IN_REVIEW, "requireSupplementByDecision", ProjectStatus.SUPPLEMENTING);
        allow(ProjectStatus.IN_REVIEW, "decide", ProjectStatus.DECIDED);
        for (ProjectStatus s : ProjectStatus.values()) {
            if (!s.isTerminal()) {
                allow(s, "withdraw", ProjectStatus.WITHDRAWN);
            }
        }
    }

    static void allow(ProjectStatus from, String action, ProjectStatus to) {
        ALLOWED.computeIfAbsent(from, s -> new java.util.HashMap<>()).put(action, to);
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ProjectStatus s : ProjectStatus.values()) {
            for (String action : ACTIONS.keySet().stream().sorted().toList()) {
                pairs.add(Arguments.of(s, action));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyPair")
    void everyActionInEveryState(ProjectStatus state, String action) throws Exception {
        Project p = projectIn(state);
        Map<String, ProjectStatus> legal = ALLOWED.getOrDefault(state, Map.of());
        if (legal.containsKey(action)) {
            ACTIONS.get(action).accept(p);
            ProjectStatus expected = legal.get(action);
            assertEquals(expected == null ? state : expected, p.status());
        } else {
            int events = p.events().size();
            ProblemException refused = assertThrows(
                    ProblemException.class, () -> ACTIONS.get(action).accept(p));
            assertEquals(409, refused.status(), refused.getMessage());
            assertEquals(state, p.status(), "a refusal changes nothing");
            assertEquals(events, p.events().size(), "a refusal records nothing");
        }
    }

    /** A supplement required by the decision returns to ACCEPTED on resubmission: the clock had started. */
    @org.junit.jupiter.api.Test
    void resubmissionAfterAcceptanceReturnsToAccepted() throws Exception {
        Project p = projectIn(ProjectStatus.IN_REVIEW);
        p.requireSupplementByDecision("chair", "淄联审〔2026〕1号", NOW);
        p.resubmit("applicant", NOW);
        assertEquals(ProjectStatus.ACCEPTED, p.status());
    }

    @org.junit.jupiter.api.Test
    void acceptanceIsRefusedWhileAnyMaterialIsOpen() throws Exception {
        Project p = newProject();
        p.submit("t", NOW);
        p.startPreReview("t", NOW);
        assertEquals(
                409,
                assertThrows(ProblemException.class, () -> p.accept("t", NOW)).status());
        assertEquals(ProjectStatus.PRE_REVIEW, p.status());
    }

    /** Walks a fresh project to {@code state} through its own methods. */
    public static Project projectIn(ProjectStatus state) throws Exception {
        Project p = newProject();
        List<Consumer<Project>> path = switch (state) {
            case DRAFT -> List.of();
            case SUBMITTED -> List.of(ACTIONS.get("submit"));
            case PRE_REVIEW -> List.of(ACTIONS.get("submit"), ACTIONS.get("startPreReview"));
            case SUPPLEMENTING ->
                List.of(ACTIONS.get("submit"), ACTIONS.get("startPreReview"), ACTIONS.get("requestSupplement"));
            case ACCEPTED ->
                List.of(
                        ACTIONS.get("submit"),
                        ACTIONS.get("startPreReview"),
                        ACTIONS.get("setMaterialStatus"),
                        ACTIONS.get("accept"));
            case IN_REVIEW ->
                List.of(
                        ACTIONS.get("submit"),
                        ACTIONS.get("startPreReview"),
                        ACTIONS.get("setMaterialStatus"),
                        ACTIONS.get("accept"),
                        ACTIONS.get("startReview"));
            case DECIDED ->
                List.of(
                        ACTIONS.get("submit"),
                        ACTIONS.get("startPreReview"),
                        ACTIONS.get("setMaterialStatus"),
                        ACTIONS.get("accept"),
                        ACTIONS.get("startReview"),
                        ACTIONS.get("decide"));
            case WITHDRAWN -> List.of(ACTIONS.get("withdraw"));
        };
        path.forEach(step -> step.accept(p));
        if (state == ProjectStatus.PRE_REVIEW) {
            ACTIONS.get("setMaterialStatus").accept(p); // settled: accept is legal; its refusal while open is below
        }
        assertEquals(state, p.status());
        return p;
    }

    /** A project whose one checklist item has id 1, as if stored. */
    static Project newProject() throws Exception {
        Constructor<MatterType> c = MatterType.class.getDeclaredConstructor();
        c.setAccessible(true);
        MatterType type = c.newInstance();
        set(type, "code", "investment-approval");
        set(type, "materials", new ArrayList<>(List.of("项目申请报告")));
        Region county = new Region("370303", RegionLevel.COUNTY, "370300", "淄川区", "Zichuan");
        Person applicant = new Person("applicant", "password-123", "申请人", null, Set.of(), null, false);
        Project p = new Project(
                ProjectCode.parse("2026-370303-44-03-000001"),
                "项目",
                "企业",
                "91370303MA3C12345X",
                new BigDecimal("1.00"),
                county,
                "C26",
                type,
                applicant,
                null,
                FiledBy.COORDINATOR,
                "t",
                NOW);
        set(p.materials().get(0), "id", 1L);
        return p;
    }

    public static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}

package org.liandong.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liandong.common.ProblemException;

/**
 * One checklist item's pre-review lifecycle as a table (issue 10): every action tried on an item in
 * every {@link MaterialStatus}, with the project in pre-review. A legal action lands in the status the
 * table names; an illegal one is a problem that changes nothing. Whether the checklist is open at all
 * (per project status) is {@link ProjectLifecycleTest}'s table; the acceptance rules per version are
 * MaterialFlowTest's, against the database.
 */
class MaterialItemLifecycleTest {

    static final long ITEM = 1L;

    /** The actions on one item, by name: a new version uploaded, or the coordinator's review. */
    static final Map<String, Consumer<Project>> ACTIONS = Map.of(
            "upload", p -> p.materialUploaded(ITEM, "v1", "applicant", ProjectLifecycleTest.NOW),
            "accept", p -> p.acceptMaterial(ITEM, 42L, "v1", "coordinator", ProjectLifecycleTest.NOW),
            "needsCorrection",
                    p -> p.setMaterialStatus(
                            ITEM, MaterialStatus.NEEDS_CORRECTION, "盖章页缺失", "coordinator", ProjectLifecycleTest.NOW),
            "notApplicable",
                    p -> p.setMaterialStatus(
                            ITEM, MaterialStatus.NOT_APPLICABLE, null, "coordinator", ProjectLifecycleTest.NOW),
            "missing",
                    p -> p.setMaterialStatus(
                            ITEM, MaterialStatus.MISSING, null, "coordinator", ProjectLifecycleTest.NOW),
            // Acceptance always names the version it accepts (acceptMaterial), never a bare status.
            "acceptWithoutVersion",
                    p -> p.setMaterialStatus(
                            ITEM, MaterialStatus.ACCEPTED, null, "coordinator", ProjectLifecycleTest.NOW));

    /** status → action → status after it; a missing pair is refused with {@code REFUSED_WITH}. */
    static final Map<MaterialStatus, Map<String, MaterialStatus>> ALLOWED = new EnumMap<>(MaterialStatus.class);

    /** The HTTP status of each refusal: an accepted item takes no new upload (409, "material-accepted"). */
    static final Map<String, Integer> REFUSED_WITH = Map.of("upload", 409, "acceptWithoutVersion", 400);

    static {
        for (MaterialStatus s : MaterialStatus.values()) {
            if (s != MaterialStatus.ACCEPTED) {
                allow(s, "upload", MaterialStatus.PROVIDED); // a new version waits for review
            }
            // The coordinator may always re-decide during pre-review, including taking back an acceptance.
            allow(s, "accept", MaterialStatus.ACCEPTED);
            allow(s, "needsCorrection", MaterialStatus.NEEDS_CORRECTION);
            allow(s, "notApplicable", MaterialStatus.NOT_APPLICABLE);
            allow(s, "missing", MaterialStatus.MISSING);
        }
    }

    static void allow(MaterialStatus from, String action, MaterialStatus to) {
        ALLOWED.computeIfAbsent(from, s -> new java.util.HashMap<>()).put(action, to);
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (MaterialStatus s : MaterialStatus.values()) {
            for (String action : ACTIONS.keySet().stream().sorted().toList()) {
                pairs.add(Arguments.of(s, action));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} on an item {0}")
    @MethodSource("everyPair")
    void everyActionInEveryStatus(MaterialStatus status, String action) throws Exception {
        Project p = itemIn(status);
        MaterialItem item = p.material(ITEM);
        MaterialStatus expected = ALLOWED.get(status).get(action);
        if (expected != null) {
            ACTIONS.get(action).accept(p);
            assertEquals(expected, item.status());
            assertEquals(expected == MaterialStatus.ACCEPTED ? Long.valueOf(42L) : null, item.acceptedFileId());
            assertEquals(
                    expected == MaterialStatus.ACCEPTED || expected == MaterialStatus.NOT_APPLICABLE, item.isSettled());
        } else {
            int events = p.events().size();
            Long accepted = item.acceptedFileId();
            ProblemException refused = assertThrows(
                    ProblemException.class, () -> ACTIONS.get(action).accept(p));
            assertEquals(REFUSED_WITH.get(action), refused.status(), refused.getMessage());
            assertEquals(status, item.status(), "a refusal changes nothing");
            assertEquals(accepted, item.acceptedFileId(), "a refusal keeps the accepted version");
            assertEquals(events, p.events().size(), "a refusal records nothing");
        }
    }

    /** A fresh project in pre-review whose item 1 is in {@code status}, reached through the project's methods. */
    static Project itemIn(MaterialStatus status) throws Exception {
        Project p = ProjectLifecycleTest.newProject();
        p.submit("t", ProjectLifecycleTest.NOW);
        p.startPreReview("t", ProjectLifecycleTest.NOW);
        switch (status) {
            case MISSING -> {}
            case PROVIDED -> ACTIONS.get("upload").accept(p);
            case ACCEPTED -> ACTIONS.get("accept").accept(p);
            case NEEDS_CORRECTION -> ACTIONS.get("needsCorrection").accept(p);
            case NOT_APPLICABLE -> ACTIONS.get("notApplicable").accept(p);
        }
        assertEquals(status, p.material(ITEM).status());
        if (status != MaterialStatus.ACCEPTED) {
            assertNull(p.material(ITEM).acceptedFileId());
        }
        return p;
    }
}

package org.liandong.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liandong.directory.Role;

/** The actions the API offers (ProjectView.allowedActions) are the ones its rules accept (issue 10). */
class ProjectActionTest {

    private static List<String> offered(ProjectStatus status, Role... roles) {
        Set<Role> held = Set.of(roles);
        return ProjectAction.allowed(status, held::contains);
    }

    @Test
    void eachReaderIsOfferedWhatTheirRolesMayDoInTheProjectsStatus() {
        assertEquals(List.of("submit", "withdraw"), offered(ProjectStatus.DRAFT, Role.APPLICANT));
        assertEquals(List.of("pre-review", "withdraw"), offered(ProjectStatus.SUBMITTED, Role.COORDINATOR));
        assertEquals(
                List.of("accept", "request-supplement", "withdraw"),
                offered(ProjectStatus.PRE_REVIEW, Role.COORDINATOR));
        assertEquals(List.of("withdraw"), offered(ProjectStatus.PRE_REVIEW, Role.PROXY_AGENT));
        assertEquals(List.of("resubmit", "withdraw"), offered(ProjectStatus.SUPPLEMENTING, Role.APPLICANT));
        assertEquals(
                List.of("withdraw"),
                offered(ProjectStatus.IN_REVIEW, Role.COORDINATOR),
                "only the decision moves a project under review");
        assertEquals(List.of(), offered(ProjectStatus.DECIDED, Role.COORDINATOR, Role.APPLICANT));
        for (ProjectStatus s : ProjectStatus.values()) {
            assertEquals(
                    List.of(), offered(s, Role.ADMIN, Role.OFFICIAL, Role.OBSERVER), "no project actions for " + s);
        }
    }

    @Test
    void everyActionIsAPostOnTheProjectResource() {
        List<String> posted = Arrays.stream(ProjectResource.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(POST.class) && m.isAnnotationPresent(Path.class))
                .map(m -> m.getAnnotation(Path.class).value())
                .toList();
        for (ProjectAction a : ProjectAction.values()) {
            assertTrue(posted.contains("projects/{id}/" + a.path()), a + " has no POST projects/{id}/" + a.path());
        }
    }
}

package org.liandong.project;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.liandong.directory.Role;

/**
 * What a person can do to a project through the API, from which statuses, and in which roles: the
 * one home of these rules (issue 10). {@link Project} moves by {@link #from()}, {@link ProjectService}
 * checks {@link #roles()}, and {@link ProjectView#allowedActions()} offers the result, so the web
 * app shows exactly the buttons the server will accept. Moves that only the system makes (a session
 * starting, a decision issued) stay on {@link Project}. {@link #path()} is the last segment of
 * {@code POST /api/projects/{id}/{path}}.
 */
public enum ProjectAction {
    SUBMIT("submit", EnumSet.of(ProjectStatus.DRAFT), Roles.PARTY_OR_STAFF),
    PRE_REVIEW("pre-review", EnumSet.of(ProjectStatus.SUBMITTED), Roles.STAFF),
    ACCEPT("accept", EnumSet.of(ProjectStatus.PRE_REVIEW), Roles.STAFF),
    /** The one-time notice at pre-review; under review only the combined decision may ask for a supplement. */
    REQUEST_SUPPLEMENT("request-supplement", EnumSet.of(ProjectStatus.PRE_REVIEW), Roles.STAFF),
    RESUBMIT("resubmit", EnumSet.of(ProjectStatus.SUPPLEMENTING), Roles.PARTY_OR_STAFF),
    /** Not once decided: a decision stands (it can only be corrected by a new one). */
    WITHDRAW(
            "withdraw",
            EnumSet.complementOf(EnumSet.of(ProjectStatus.DECIDED, ProjectStatus.WITHDRAWN)),
            Roles.PARTY_OR_STAFF);

    private final String path;
    private final Set<ProjectStatus> from;
    private final Set<Role> roles;

    ProjectAction(String path, Set<ProjectStatus> from, Set<Role> roles) {
        this.path = path;
        this.from = from;
        this.roles = roles;
    }

    public String path() {
        return path;
    }

    public Set<ProjectStatus> from() {
        return EnumSet.copyOf(from);
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    /** Whether someone holding a role for which {@code holds} is true may do this. */
    public boolean allowedTo(Predicate<Role> holds) {
        return roles.stream().anyMatch(holds);
    }

    /** The paths of the actions open to such a person on a project in {@code status}, in lifecycle order. */
    public static List<String> allowed(ProjectStatus status, Predicate<Role> holds) {
        return Arrays.stream(values())
                .filter(a -> a.from.contains(status) && a.allowedTo(holds))
                .map(ProjectAction::path)
                .toList();
    }

    private static final class Roles {
        static final Set<Role> STAFF = EnumSet.of(Role.COORDINATOR);
        static final Set<Role> PARTY_OR_STAFF = EnumSet.of(Role.COORDINATOR, Role.APPLICANT, Role.PROXY_AGENT);
    }
}

package org.liandong.material;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import org.liandong.account.CurrentUser;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;
import org.liandong.project.Project;

/**
 * Who may do what with materials, in one place. Whatever a caller may not see answers 404, so
 * that its existence does not leak.
 * <ul>
 *   <li>coordinator, admin, observer: every version of every project;</li>
 *   <li>applicant, proxy agent: every version of their own projects, and versions their projects
 *       accept by reference;</li>
 *   <li>official: only <em>accepted</em> versions of projects with a session they are invited to
 *       (invitation not withdrawn, session not cancelled);</li>
 *   <li>upload: the project's applicant or proxy agent, or a coordinator (at the counter).</li>
 * </ul>
 */
@RequestScoped
public class MaterialAccess {

    private final CurrentUser me;
    private final MaterialFileRepository files;

    MaterialAccess(CurrentUser me, MaterialFileRepository files) {
        this.me = me;
        this.files = files;
    }

    /** The project if the caller may upload to it: 404 for a stranger's, 403 for a role that never uploads. */
    public Project forUpload(Project p, long projectId) {
        if (p == null || !me.mayAccess(p::concerns)) {
            throw ProblemException.notFound("project", projectId);
        }
        if (!me.isPartyOnly() && !me.is(Role.COORDINATOR)) {
            throw ProblemException.forbidden("only the applicant, the proxy agent or a coordinator uploads materials");
        }
        return p;
    }

    /** Whether the caller sees every version of this project's items (not only accepted ones). */
    public boolean seesAllVersions(Project p) {
        return seesEverything() || (me.isPartyOnly() && p.concerns(me.id()));
    }

    public boolean maySee(MaterialFile f) {
        if (seesAllVersions(f.project())) {
            return true;
        }
        List<Project> accepting = files.projectsAccepting(f.id());
        if (me.isPartyOnly()) {
            return accepting.stream().anyMatch(p -> p.concerns(me.id()));
        }
        return me.is(Role.OFFICIAL) && files.invitedToSessionOf(me.id(), accepting);
    }

    /** Whether the caller may read the accepted materials of this project (its list of accepted versions). */
    public boolean maySeeAccepted(Project p) {
        return seesAllVersions(p)
                || (me.is(Role.OFFICIAL) && files.invitedToSessionOf(me.id(), new ArrayList<>(List.of(p))));
    }

    private boolean seesEverything() {
        return me.is(Role.COORDINATOR) || me.is(Role.ADMIN) || me.is(Role.OBSERVER);
    }
}

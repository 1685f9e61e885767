package org.liandong.account;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.LongPredicate;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.directory.Role;

/** The signed-in person for this request, loaded once. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final PersonRepository people;
    private Person person;

    CurrentUser(SecurityIdentity identity, PersonRepository people) {
        this.identity = identity;
        this.people = people;
    }

    public Person person() {
        if (person == null) {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            person = people.findByUsername(identity.getPrincipal().getName()).orElseThrow(UnauthorizedException::new);
        }
        return person;
    }

    public long id() {
        return person().id();
    }

    public boolean is(Role role) {
        return identity.hasRole(role.roleName());
    }

    /**
     * The applicant side never sees the deliberation: department opinions before the decision, the
     * minutes, recordings, attendance records, draft decisions (issue 11; README "Who sees what in
     * the room"). The one check every such path calls.
     *
     * @param what what is withheld, for the 403 problem's detail
     * @throws ProblemException 403 for an applicant or proxy agent
     */
    public void requireStaffFor(String what) {
        if (isPartyOnly()) {
            throw ProblemException.forbidden("the applicant side does not see " + what);
        }
    }

    /**
     * Whether the caller may see a thing that {@code concerns} the people it names (a project, its
     * sessions and decisions): staff by their role; the applicant side only what concerns them.
     * Callers answer 404 otherwise, so a stranger cannot tell that the thing exists.
     */
    public boolean mayAccess(LongPredicate concerns) {
        return !isPartyOnly() || concerns.test(id());
    }

    /** The person to restrict a listing to: the caller on the applicant side; null (everyone) for staff. */
    public Long partyScope() {
        return isPartyOnly() ? id() : null;
    }

    /** Applicants and proxy agents see only what concerns them; everyone else sees by role. */
    public boolean isPartyOnly() {
        return (is(Role.APPLICANT) || is(Role.PROXY_AGENT))
                && !is(Role.ADMIN)
                && !is(Role.COORDINATOR)
                && !is(Role.OFFICIAL)
                && !is(Role.OBSERVER);
    }
}

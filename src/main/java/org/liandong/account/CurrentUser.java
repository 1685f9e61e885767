package org.liandong.account;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
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

    /** Applicants and proxy agents see only what concerns them; everyone else sees by role. */
    public boolean isPartyOnly() {
        return (is(Role.APPLICANT) || is(Role.PROXY_AGENT))
                && !is(Role.ADMIN) && !is(Role.COORDINATOR) && !is(Role.OFFICIAL) && !is(Role.OBSERVER);
    }
}

package org.liandong.directory;

import java.util.Set;

public record PersonView(
        Long id,
        String username,
        String displayName,
        String email,
        Set<Role> roles,
        DepartmentView department,
        boolean mayChair,
        long version) {

    public static PersonView of(Person p) {
        return new PersonView(
                p.id(),
                p.username(),
                p.displayName(),
                p.email(),
                p.roles(),
                p.department() == null ? null : DepartmentView.of(p.department()),
                p.mayChair(),
                p.version());
    }
}

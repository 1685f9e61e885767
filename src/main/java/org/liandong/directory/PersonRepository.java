package org.liandong.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class PersonRepository implements PanacheRepository<Person> {

    public Optional<Person> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** People with a role (matched on the comma-separated role list), optionally in one department. */
    public List<Person> list(Role role, Long departmentId) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (role != null) {
            q.append(" and concat(',', roles, ',') like :role");
            p.put("role", "%," + role.roleName() + ",%");
        }
        if (departmentId != null) {
            q.append(" and department.id = :dept");
            p.put("dept", departmentId);
        }
        return find(q + " order by username", p).list();
    }
}

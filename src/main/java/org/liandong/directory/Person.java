package org.liandong.directory;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.liandong.common.ProblemException;

/**
 * A person in the directory, and their local account. The password is stored only as a bcrypt
 * hash (modular crypt format), which Quarkus Security JPA checks at sign-in.
 */
@Entity
@Table(name = "person")
@UserDefinition
public class Person {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Username
    public String username;

    @Password
    @Column(name = "password_hash")
    public String passwordHash;
    /** Comma-separated security role names, see {@link Role#roleName()}. */
    @Roles
    public String roles;

    @Column(name = "display_name")
    private String displayName;

    private String email;
    /** Officials belong to exactly one department; other roles to none. */
    @ManyToOne
    private Department department;
    /** Whether this official may chair a review session. */
    @Column(name = "may_chair")
    private boolean mayChair;

    @Version
    private long version;

    protected Person() {}

    public Person(
            String username,
            String password,
            String displayName,
            String email,
            Set<Role> roles,
            Department department,
            boolean mayChair) {
        this.username = username;
        update(displayName, email, roles, department, mayChair); // rules first: no bcrypt work for a refused person
        this.passwordHash = BcryptUtil.bcryptHash(password);
    }

    /** Changes everything but the account name; keeps the rules that tie roles, department and chairing together. */
    public void update(String displayName, String email, Set<Role> roles, Department department, boolean mayChair) {
        if (roles.contains(Role.OFFICIAL) && department == null) {
            throw ProblemException.invalid("departmentId", "an official needs a department");
        }
        if (mayChair && !roles.contains(Role.OFFICIAL)) {
            throw ProblemException.invalid("mayChair", "only an official may chair");
        }
        this.displayName = displayName;
        this.email = email;
        this.roles = roles.stream().map(Role::roleName).sorted().collect(Collectors.joining(","));
        this.department = roles.contains(Role.OFFICIAL) ? department : null;
        this.mayChair = mayChair;
    }

    public void changePassword(String password) {
        this.passwordHash = BcryptUtil.bcryptHash(password);
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(","))
                .filter(s -> !s.isBlank())
                .map(Role::ofName)
                .forEach(set::add);
        return set;
    }

    public boolean hasRole(Role role) {
        return roles().contains(role);
    }

    public Department department() {
        return department;
    }

    public boolean mayChair() {
        return mayChair;
    }

    public long version() {
        return version;
    }
}

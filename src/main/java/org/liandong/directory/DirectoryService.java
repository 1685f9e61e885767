package org.liandong.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.liandong.common.ProblemException;

/** Keeps the directory: regions, departments and people. Writes are for admins (enforced by the resources). */
@ApplicationScoped
@Transactional
public class DirectoryService {

    private final RegionRepository regions;
    private final DepartmentRepository departments;
    private final PersonRepository people;

    DirectoryService(RegionRepository regions, DepartmentRepository departments, PersonRepository people) {
        this.regions = regions;
        this.departments = departments;
        this.people = people;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Region> listRegions(RegionLevel level, String parentCode) {
        return regions.list(level, parentCode);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Region> findRegion(String code) {
        return regions.findByIdOptional(code);
    }

    public Region createRegion(RegionRequest r) {
        if (r.code().length() != r.level().codeLength()) {
            throw ProblemException.invalid(
                    "code", "a " + r.level() + " code has " + r.level().codeLength() + " digits");
        }
        if (regions.findByIdOptional(r.code()).isPresent()) {
            throw ProblemException.conflict("duplicate", "region " + r.code() + " already exists");
        }
        RegionLevel parentLevel = r.level().parent();
        if (parentLevel == null) {
            if (r.parentCode() != null) {
                throw ProblemException.invalid("parentCode", "a province has no parent");
            }
        } else {
            Region parent = r.parentCode() == null ? null : regions.findById(r.parentCode());
            if (parent == null || parent.level() != parentLevel) {
                throw ProblemException.invalid("parentCode", "must be an existing " + parentLevel + " region");
            }
        }
        Region region = new Region(r.code(), r.level(), r.parentCode(), r.nameZh(), r.nameEn());
        regions.persist(region);
        return region;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Department> listDepartments(String regionCode) {
        return departments.listByRegion(regionCode);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Department> findDepartment(long id) {
        return departments.findByIdOptional(id);
    }

    public Department createDepartment(DepartmentRequest r) {
        if (departments.findByCode(r.code()).isPresent()) {
            throw ProblemException.conflict("duplicate", "department " + r.code() + " already exists");
        }
        Region region = regions.findByIdOptional(r.regionCode())
                .filter(g -> g.level().hostsDepartments())
                .orElseThrow(() -> ProblemException.invalid("regionCode", "must be an existing city or county region"));
        Department d = new Department(r.code(), region, r.nameZh(), r.nameEn());
        departments.persist(d);
        return d;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Person> listPeople(Role role, Long departmentId) {
        return people.list(role, departmentId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Person> findPerson(long id) {
        return people.findByIdOptional(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Person> findPersonByUsername(String username) {
        return people.findByUsername(username);
    }

    public Person createPerson(PersonRequest r) {
        if (r.password() == null) {
            throw ProblemException.invalid("password", "is required for a new person");
        }
        if (people.findByUsername(r.username()).isPresent()) {
            throw ProblemException.conflict("duplicate", "username " + r.username() + " is taken");
        }
        Person p = new Person(
                r.username(), r.password(), r.displayName(), r.email(), r.roles(), checkedDepartment(r), r.mayChair());
        people.persist(p);
        return p;
    }

    public Optional<Person> updatePerson(long id, PersonRequest r) {
        return people.findByIdOptional(id).map(p -> {
            if (!p.username().equals(r.username())) {
                throw ProblemException.invalid("username", "cannot be changed");
            }
            apply(p, r);
            if (r.password() != null) {
                p.changePassword(r.password());
            }
            return p;
        });
    }

    private void apply(Person p, PersonRequest r) {
        p.update(r.displayName(), r.email(), r.roles(), checkedDepartment(r), r.mayChair());
    }

    /** The request's department, if any; the rules tying roles, department and chairing live on {@link Person}. */
    private Department checkedDepartment(PersonRequest r) {
        if (r.departmentId() == null) {
            return null;
        }
        return departments
                .findByIdOptional(r.departmentId())
                .orElseThrow(() -> ProblemException.invalid("departmentId", "no such department"));
    }
}

package org.liandong.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DepartmentRepository implements PanacheRepository<Department> {

    public Optional<Department> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public List<Department> listByRegion(String regionCode) {
        return regionCode == null ? list("order by code") : list("region.code = ?1 order by code", regionCode);
    }
}

package org.liandong.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RegionRepository implements PanacheRepositoryBase<Region, String> {

    public List<Region> list(RegionLevel level, String parentCode) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        if (level != null) {
            q.append(" and level = :level");
            p.put("level", level);
        }
        if (parentCode != null) {
            q.append(" and parentCode = :parent");
            p.put("parent", parentCode);
        }
        return find(q + " order by code", p).list();
    }
}

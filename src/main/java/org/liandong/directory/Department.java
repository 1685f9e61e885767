package org.liandong.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An approving body at city or county level, e.g. the Zichuan District Natural Resources Bureau. */
@Entity
@Table(name = "department")
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** Short stable code, unique, used in URLs and seed data (e.g. {@code 370303-NR}). */
    private String code;

    @ManyToOne(optional = false)
    private Region region;

    @Column(name = "name_zh")
    private String nameZh;

    @Column(name = "name_en")
    private String nameEn;

    @Version
    private long version;

    protected Department() {}

    public Department(String code, Region region, String nameZh, String nameEn) {
        if (!region.level().hostsDepartments()) {
            throw new IllegalArgumentException("departments belong to city or county regions");
        }
        this.code = code;
        this.region = region;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public void rename(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public Region region() {
        return region;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public long version() {
        return version;
    }
}

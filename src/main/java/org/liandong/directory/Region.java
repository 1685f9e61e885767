package org.liandong.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An administrative division, identified by its official division code. Reference data: not versioned. */
@Entity
@Table(name = "region")
public class Region {

    @Id
    private String code;

    @Enumerated(EnumType.STRING)
    private RegionLevel level;

    @Column(name = "parent_code")
    private String parentCode;

    @Column(name = "name_zh")
    private String nameZh;

    @Column(name = "name_en")
    private String nameEn;

    protected Region() {}

    public Region(String code, RegionLevel level, String parentCode, String nameZh, String nameEn) {
        this.code = code;
        this.level = level;
        this.parentCode = parentCode;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String code() {
        return code;
    }

    public RegionLevel level() {
        return level;
    }

    public String parentCode() {
        return parentCode;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}

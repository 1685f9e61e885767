package org.liandong.directory;

/** The five administrative levels, top down, with the length of their division codes. */
public enum RegionLevel {
    PROVINCE(6),
    CITY(6),
    COUNTY(6),
    TOWN(9),
    VILLAGE(12);

    private final int codeLength;

    RegionLevel(int codeLength) {
        this.codeLength = codeLength;
    }

    public int codeLength() {
        return codeLength;
    }

    /** The level directly above, or null for a province. */
    public RegionLevel parent() {
        return this == PROVINCE ? null : values()[ordinal() - 1];
    }

    /** Departments belong to city or county level regions only. */
    public boolean hostsDepartments() {
        return this == CITY || this == COUNTY;
    }
}

package org.liandong.directory;

public record DepartmentView(
        Long id, String code, String regionCode, RegionLevel regionLevel, String nameZh, String nameEn, long version) {

    public static DepartmentView of(Department d) {
        return new DepartmentView(
                d.id(), d.code(), d.region().code(), d.region().level(), d.nameZh(), d.nameEn(), d.version());
    }
}

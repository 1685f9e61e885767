package org.liandong.directory;

public record RegionView(String code, RegionLevel level, String parentCode, String nameZh, String nameEn) {

    static RegionView of(Region r) {
        return new RegionView(r.code(), r.level(), r.parentCode(), r.nameZh(), r.nameEn());
    }
}

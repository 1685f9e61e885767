package org.liandong.room.state;

/** A department as the room shows it (quorum list, tiles). */
public record DepartmentRef(long id, String code, String nameZh, String nameEn) {}

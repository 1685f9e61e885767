package org.liandong.project;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of approval matter from the service guide: its statutory time limit in working days and
 * the materials it requires. Reference data shipped by migrations.
 */
@Entity
@Table(name = "matter_type")
public class MatterType {

    @Id
    private String code;

    @Column(name = "name_zh")
    private String nameZh;

    @Column(name = "name_en")
    private String nameEn;

    @Column(name = "time_limit_days")
    private int timeLimitDays;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "matter_type_material", joinColumns = @JoinColumn(name = "matter_type_code"))
    @OrderColumn(name = "position")
    @Column(name = "name")
    private List<String> materials = new ArrayList<>();

    protected MatterType() {}

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public int timeLimitDays() {
        return timeLimitDays;
    }

    public List<String> materials() {
        return List.copyOf(materials);
    }
}

package org.liandong.project;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One line of a project's materials checklist. Changed only through {@link Project}. */
@Entity
@Table(name = "project_material")
public class MaterialItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    private Project project;
    private int position;
    private String name;
    @Enumerated(EnumType.STRING)
    private MaterialStatus status;
    @jakarta.persistence.Column(length = org.liandong.common.TextLimits.MATERIAL_NOTE)
    private String note;

    protected MaterialItem() {
    }

    MaterialItem(Project project, int position, String name) {
        this.project = project;
        this.position = position;
        this.name = name;
        this.status = MaterialStatus.MISSING;
    }

    void set(MaterialStatus status, String note) {
        this.status = status;
        this.note = note;
    }

    public Long id() {
        return id;
    }

    public int position() {
        return position;
    }

    public String name() {
        return name;
    }

    public MaterialStatus status() {
        return status;
    }

    public String note() {
        return note;
    }
}

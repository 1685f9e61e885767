package org.liandong.project;

import jakarta.persistence.Column;
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

    @Column(name = "accepted_file_id")
    private Long acceptedFileId;

    protected MaterialItem() {}

    MaterialItem(Project project, int position, String name) {
        this.project = project;
        this.position = position;
        this.name = name;
        this.status = MaterialStatus.MISSING;
    }

    void set(MaterialStatus status, String note) {
        this.status = status;
        this.note = note;
        if (status != MaterialStatus.ACCEPTED) {
            this.acceptedFileId = null;
        }
    }

    void accept(long fileId, String note) {
        set(MaterialStatus.ACCEPTED, note);
        this.acceptedFileId = fileId;
    }

    /**
     * Whether this item no longer stands in the way of acceptance: marked not applicable, or
     * accepted with a file version (its own, or one the system holds for the same enterprise).
     */
    public boolean isSettled() {
        return status == MaterialStatus.NOT_APPLICABLE || (status == MaterialStatus.ACCEPTED && acceptedFileId != null);
    }

    /** The accepted file version, if the item is accepted. */
    public Long acceptedFileId() {
        return acceptedFileId;
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

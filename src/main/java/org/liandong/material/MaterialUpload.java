package org.liandong.material;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.liandong.directory.Person;
import org.liandong.project.MaterialItem;
import org.liandong.project.Project;

/**
 * A resumable upload in progress: created with the file's name and length, filled by
 * {@code Content-Range} chunks staged in the store under {@link #id()}, and deleted when the last
 * chunk makes it a {@link MaterialFile} (or when it is cancelled). How much has arrived is the
 * store's staged length, so a chunk that was written but not acknowledged is never counted twice.
 */
@Entity
@Table(name = "material_upload")
public class MaterialUpload {

    @Id
    private String id;

    @ManyToOne(optional = false)
    private Project project;

    @ManyToOne(optional = false)
    private MaterialItem item;

    @ManyToOne(optional = false)
    private Person uploader;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "declared_size")
    private long declaredSize;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected MaterialUpload() {}

    MaterialUpload(
            String id,
            Project project,
            MaterialItem item,
            Person uploader,
            String fileName,
            long declaredSize,
            Instant createdAt) {
        this.id = id;
        this.project = project;
        this.item = item;
        this.uploader = uploader;
        this.fileName = fileName;
        this.declaredSize = declaredSize;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public Project project() {
        return project;
    }

    public MaterialItem item() {
        return item;
    }

    public Person uploader() {
        return uploader;
    }

    public String fileName() {
        return fileName;
    }

    public long declaredSize() {
        return declaredSize;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

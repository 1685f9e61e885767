package org.liandong.material;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.liandong.directory.Person;
import org.liandong.project.MaterialItem;
import org.liandong.project.Project;

/**
 * One uploaded version of one checklist item: immutable once stored. Its bytes are in the
 * {@code MaterialStore} under {@code storageKey} (generated, never derived from the file name,
 * which is display text only). Versions of an item are numbered 1, 2, 3 … without gaps (unique
 * key on item and version; the item's row is locked while the next number is taken). The one field
 * set later is the page count, derived from those same bytes when first needed.
 */
@Entity
@Table(name = "material_file")
public class MaterialFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Project project;

    @ManyToOne(optional = false)
    private MaterialItem item;

    private int version;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "size_bytes")
    private long size;

    @Column(name = "media_type")
    private String mediaType;

    private String sha256;

    @Column(name = "storage_key")
    private String storageKey;

    @ManyToOne(optional = false)
    private Person uploadedBy;

    @Column(name = "uploaded_at")
    private Instant uploadedAt;
    /** Read from the bytes the first time a page is cited: null not read yet, 0 not known. */
    @Column(name = "page_count")
    private Integer pageCount;

    protected MaterialFile() {}

    MaterialFile(
            Project project,
            MaterialItem item,
            int version,
            StoredFile file,
            String storageKey,
            Person uploadedBy,
            Instant uploadedAt) {
        this.project = project;
        this.item = item;
        this.version = version;
        this.fileName = file.fileName();
        this.size = file.size();
        this.mediaType = file.mediaType();
        this.sha256 = file.sha256();
        this.storageKey = storageKey;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    /** "项目申请报告 … 第2版 report.pdf" style label for timelines and documents. */
    public String label() {
        return item.name() + " v" + version + " " + fileName + " (SHA-256 " + sha256.substring(0, 12) + ")";
    }

    public Long id() {
        return id;
    }

    public Project project() {
        return project;
    }

    public MaterialItem item() {
        return item;
    }

    public int version() {
        return version;
    }

    public String fileName() {
        return fileName;
    }

    public long size() {
        return size;
    }

    public String mediaType() {
        return mediaType;
    }

    public String sha256() {
        return sha256;
    }

    public String storageKey() {
        return storageKey;
    }

    public Person uploadedBy() {
        return uploadedBy;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    /** Pages, if read yet (0: not known for this file). */
    public java.util.Optional<Integer> pageCount() {
        return java.util.Optional.ofNullable(pageCount);
    }

    /** Records the page count read from the bytes; set once (the bytes never change). */
    void recordPageCount(int pages) {
        if (pageCount == null) {
            pageCount = pages;
        }
    }
}

package org.liandong.opinion;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A stored {@link Citation}. */
@Embeddable
public class OpinionCitation {

    private String target;

    @Column(name = "target_index")
    private int targetIndex;

    @Column(name = "material_file_id")
    private long materialFileId;

    private int page;
    private String region;

    protected OpinionCitation() {}

    OpinionCitation(Citation c) {
        this.target = c.on();
        this.targetIndex = c.index();
        this.materialFileId = c.materialFileId();
        this.page = c.page();
        this.region = c.region();
    }

    public Citation toCitation() {
        return new Citation(target, targetIndex, materialFileId, page, region);
    }

    public String target() {
        return target;
    }

    public int targetIndex() {
        return targetIndex;
    }

    public long materialFileId() {
        return materialFileId;
    }

    public int page() {
        return page;
    }

    public String region() {
        return region;
    }
}

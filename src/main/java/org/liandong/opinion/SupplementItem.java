package org.liandong.opinion;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.liandong.common.TextLimits;

/** A material the department asks the applicant to supply or correct, and what is wrong with it. */
@Embeddable
public class SupplementItem {

    @Column(length = TextLimits.SUPPLEMENT_MATERIAL)
    private String material;

    @Column(length = TextLimits.SUPPLEMENT_PROBLEM)
    private String problem;

    protected SupplementItem() {}

    public SupplementItem(String material, String problem) {
        this.material = material;
        this.problem = problem;
    }

    public String material() {
        return material;
    }

    public String problem() {
        return problem;
    }
}

package org.liandong.opinion;

import jakarta.persistence.Embeddable;

/** A material the department asks the applicant to supply or correct, and what is wrong with it. */
@Embeddable
public class SupplementItem {

    private String material;
    private String problem;

    protected SupplementItem() {
    }

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

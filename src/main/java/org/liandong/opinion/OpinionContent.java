package org.liandong.opinion;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.liandong.common.ProblemException;
import org.liandong.common.TextLimits;

/**
 * What a department says, validated: reasons are required unless the verdict is APPROVE;
 * conditions belong to (and are required by) APPROVE_WITH_CONDITIONS; supplement items to
 * REQUEST_SUPPLEMENT. Field names match {@link OpinionRequest} so problems point at the form.
 */
public record OpinionContent(Verdict verdict, String reasons, List<String> conditions, List<Item> supplementItems,
                             String legalBasis) {

    public record Item(@Size(max = TextLimits.SUPPLEMENT_MATERIAL) String material,
                       @Size(max = TextLimits.SUPPLEMENT_PROBLEM) String problem) {
    }

    public static OpinionContent of(OpinionRequest r) {
        if (r.verdict() == null) {
            throw ProblemException.invalid("verdict", "choose a verdict");
        }
        String reasons = blankToNull(r.reasons());
        if (r.verdict() != Verdict.APPROVE && reasons == null) {
            throw ProblemException.invalid("reasons", "give the reasons for " + r.verdict().zh());
        }
        List<String> conditions = r.conditions() == null ? List.of()
                : r.conditions().stream().map(OpinionContent::blankToNull).filter(c -> c != null).toList();
        if (r.verdict() == Verdict.APPROVE_WITH_CONDITIONS && conditions.isEmpty()) {
            throw ProblemException.invalid("conditions", "list at least one condition");
        }
        if (r.verdict() != Verdict.APPROVE_WITH_CONDITIONS && !conditions.isEmpty()) {
            throw ProblemException.invalid("conditions", "conditions belong to an approval with conditions");
        }
        List<Item> items = r.supplementItems() == null ? List.of() : r.supplementItems();
        for (int i = 0; i < items.size(); i++) {
            if (blankToNull(items.get(i).material()) == null) {
                throw ProblemException.invalid("supplementItems[" + i + "].material", "name the material");
            }
        }
        items = items.stream().map(i -> new Item(i.material().strip(), blankToNull(i.problem()))).toList();
        if (r.verdict() == Verdict.REQUEST_SUPPLEMENT && items.isEmpty()) {
            throw ProblemException.invalid("supplementItems", "list every material the applicant must supply");
        }
        if (r.verdict() != Verdict.REQUEST_SUPPLEMENT && !items.isEmpty()) {
            throw ProblemException.invalid("supplementItems", "supplement items belong to a supplement request");
        }
        return new OpinionContent(r.verdict(), reasons, conditions, items, blankToNull(r.legalBasis()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

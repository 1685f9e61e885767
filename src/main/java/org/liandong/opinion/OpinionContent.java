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
public record OpinionContent(
        Verdict verdict,
        String reasons,
        List<String> conditions,
        List<Item> supplementItems,
        String legalBasis,
        List<Citation> citations) {

    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile(
            "(0(?:\\.\\d{1,4})?|1(?:\\.0{1,4})?)(?:,(0(?:\\.\\d{1,4})?|1(?:\\.0{1,4})?)){3}");

    public record Item(
            @Size(max = TextLimits.SUPPLEMENT_MATERIAL) String material,
            @Size(max = TextLimits.SUPPLEMENT_PROBLEM) String problem) {}

    public static OpinionContent of(OpinionRequest r) {
        if (r.verdict() == null) {
            throw ProblemException.invalid("verdict", "choose a verdict");
        }
        String reasons = blankToNull(r.reasons());
        if (r.verdict() != Verdict.APPROVE && reasons == null) {
            throw ProblemException.invalid(
                    "reasons", "give the reasons for " + r.verdict().zh());
        }
        List<String> conditions = r.conditions() == null
                ? List.of()
                : r.conditions().stream()
                        .map(OpinionContent::blankToNull)
                        .filter(c -> c != null)
                        .toList();
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
        items = items.stream()
                .map(i -> new Item(i.material().strip(), blankToNull(i.problem())))
                .toList();
        if (r.verdict() == Verdict.REQUEST_SUPPLEMENT && items.isEmpty()) {
            throw ProblemException.invalid("supplementItems", "list every material the applicant must supply");
        }
        if (r.verdict() != Verdict.REQUEST_SUPPLEMENT && !items.isEmpty()) {
            throw ProblemException.invalid("supplementItems", "supplement items belong to a supplement request");
        }
        return new OpinionContent(
                r.verdict(),
                reasons,
                conditions,
                items,
                blankToNull(r.legalBasis()),
                citations(r.citations(), conditions.size(), items.size()));
    }

    /** Each citation names a list, an index inside it, a material version and a page; a region stays inside the page. */
    private static List<Citation> citations(List<Citation> given, int conditions, int items) {
        if (given == null) {
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            Citation c = given.get(i);
            String at = "citations[" + i + "]";
            if (c == null) {
                throw ProblemException.invalid(at, "is empty");
            }
            int size;
            if (Citation.CONDITIONS.equals(c.on())) {
                size = conditions;
            } else if (Citation.SUPPLEMENT_ITEMS.equals(c.on())) {
                size = items;
            } else {
                throw ProblemException.invalid(at + ".on", "is conditions or supplementItems");
            }
            if (c.index() == null || c.index() < 0 || c.index() >= size) {
                throw ProblemException.invalid(at + ".index", "is not a position in " + c.on());
            }
            if (c.materialFileId() == null) {
                throw ProblemException.invalid(at + ".materialFileId", "name the material version");
            }
            if (c.page() == null || c.page() < 1 || c.page() > 100_000) {
                throw ProblemException.invalid(at + ".page", "is a page number from 1");
            }
            if (c.region() != null && !c.region().isBlank()) {
                String r = c.region().replace(" ", "");
                if (!REGION.matcher(r).matches()) {
                    throw ProblemException.invalid(
                            at + ".region", "is x,y,width,height as fractions of the page (0-1)");
                }
                String[] v = r.split(",");
                if (Double.parseDouble(v[0]) + Double.parseDouble(v[2]) > 1.0001
                        || Double.parseDouble(v[1]) + Double.parseDouble(v[3]) > 1.0001) {
                    throw ProblemException.invalid(at + ".region", "reaches beyond the page");
                }
            }
        }
        return given.stream()
                .map(c -> new Citation(
                        c.on(),
                        c.index(),
                        c.materialFileId(),
                        c.page(),
                        c.region() == null || c.region().isBlank()
                                ? null
                                : c.region().replace(" ", "")))
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package org.liandong.decision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.liandong.opinion.Verdict;

/**
 * Combines the signed opinions of one session into one outcome. Pure: no I/O, no clock; the
 * service feeds it what is signed and acts on the result.
 * <ul>
 *   <li>refuses (lists who is missing) while any required department has no signed opinion;</li>
 *   <li>the outcome is the strongest verdict under the matter type's {@link CombiningRule};</li>
 *   <li>conditions are the union over all opinions, duplicates (ignoring case and spacing) once;</li>
 *   <li>supplement items from every department merge into ONE notice: the same material asked by
 *       two departments is one item naming both and every distinct problem.</li>
 * </ul>
 */
public final class DecisionPolicy {

    /** One signed opinion as the policy sees it. */
    public record Ballot(
            long departmentId,
            String departmentName,
            Verdict verdict,
            List<String> conditions,
            List<Ask> supplementItems) {}

    /** A material a department asks for, and what is wrong with it. */
    public record Ask(String material, String problem) {}

    /** One line of the one-time supplement notice. */
    public record NoticeItem(String material, List<String> problems, List<String> departments) {}

    /** The combined result. {@code conditions} and {@code notice} are empty unless the outcome needs them. */
    public record Combined(Outcome outcome, List<String> conditions, List<NoticeItem> notice) {}

    private final CombiningRule rule;

    public DecisionPolicy(CombiningRule rule) {
        this.rule = rule;
    }

    /** Names of required departments without a signed opinion, in the order given. */
    public static List<String> missing(Map<Long, String> required, Collection<Ballot> ballots) {
        Set<Long> signed = new LinkedHashSet<>();
        ballots.forEach(b -> signed.add(b.departmentId()));
        return required.entrySet().stream()
                .filter(e -> !signed.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /**
     * @param required departments that must have signed, id → name
     * @param ballots  the current signed opinion of each department that signed (at most one each)
     * @throws MissingOpinions if a required department has not signed
     */
    public Combined combine(Map<Long, String> required, List<Ballot> ballots) {
        List<String> missing = missing(required, ballots);
        if (!missing.isEmpty()) {
            throw new MissingOpinions(missing);
        }
        if (ballots.isEmpty()) {
            throw new MissingOpinions(List.of());
        }
        Verdict strongest = rule.precedence().stream()
                .filter(v -> ballots.stream().anyMatch(b -> b.verdict() == v))
                .findFirst()
                .orElseThrow();
        Outcome outcome = Outcome.of(strongest);
        List<String> conditions = outcome == Outcome.APPROVED_WITH_CONDITIONS ? unionOfConditions(ballots) : List.of();
        List<NoticeItem> notice = outcome == Outcome.SUPPLEMENT_REQUIRED ? mergedNotice(ballots) : List.of();
        return new Combined(outcome, conditions, notice);
    }

    private static List<String> unionOfConditions(List<Ballot> ballots) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Ballot b : ballots) {
            for (String c : b.conditions()) {
                byKey.putIfAbsent(key(c), c.strip());
            }
        }
        return List.copyOf(byKey.values());
    }

    private static List<NoticeItem> mergedNotice(List<Ballot> ballots) {
        Map<String, String> material = new LinkedHashMap<>();
        Map<String, Set<String>> problems = new LinkedHashMap<>();
        Map<String, Set<String>> departments = new LinkedHashMap<>();
        for (Ballot b : ballots) {
            for (Ask a : b.supplementItems()) {
                String k = key(a.material());
                material.putIfAbsent(k, a.material().strip());
                Set<String> p = problems.computeIfAbsent(k, x -> new LinkedHashSet<>());
                if (a.problem() != null
                        && !a.problem().isBlank()
                        && p.stream().noneMatch(existing -> key(existing).equals(key(a.problem())))) {
                    p.add(a.problem().strip());
                }
                departments.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(b.departmentName());
            }
        }
        List<NoticeItem> items = new ArrayList<>();
        material.forEach(
                (k, m) -> items.add(new NoticeItem(m, List.copyOf(problems.get(k)), List.copyOf(departments.get(k)))));
        return items;
    }

    /** Two texts that differ only in case, spacing or trailing punctuation are the same item. */
    static String key(String text) {
        return text.strip()
                .replaceAll("[\\s\\u3000]+", "")
                .replaceAll("[。.;；,，]+$", "")
                .toLowerCase(Locale.ROOT);
    }

    /** Thrown while required departments have not signed; carries their names. */
    public static final class MissingOpinions extends RuntimeException {
        private final List<String> departments;

        MissingOpinions(List<String> departments) {
            super(
                    departments.isEmpty()
                            ? "no signed opinion yet"
                            : "no signed opinion yet from: " + String.join("、", departments));
            this.departments = departments;
        }

        public List<String> departments() {
            return departments;
        }
    }
}

package org.liandong.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.liandong.notification.Notification;
import org.liandong.project.MaterialStatus;
import org.liandong.project.ProjectStatus;

/**
 * Every code the server sends for a person to read has a string in both UI languages in
 * webapp/js/i18n.js: timeline event types (found in the sources, so a new event fails here until
 * it is translated), inbox kinds, project statuses and the problem types of 409 answers.
 */
class I18nKeysTest {

    private static final Path I18N = Path.of("webapp/js/i18n.js");
    private static final Pattern KEY = Pattern.compile("'([\\w.\\-]+)'\\s*:");
    /** record(now, "type", …) and move(…, "type", …): the first string literal of the call. */
    private static final Pattern EVENT = Pattern.compile("[.\\s](?:record|move)\\(([^;\"@]*?)\"([a-z][a-z_-]*)\"");

    private static final Pattern CONFLICT = Pattern.compile("conflict\\(\"([a-z-]+)\"");

    @Test
    void everyTimelineEventInboxKindStatusAndProblemTypeIsTranslatedInBothLanguages() throws IOException {
        String js = Files.readString(I18N);
        int en = js.indexOf("\n  en: {");
        assertTrue(en > 0, "i18n.js has an en block");
        Set<String> zh = keys(js.substring(0, en));
        Set<String> english = keys(js.substring(en));

        Set<String> events = new TreeSet<>();
        Set<String> problems = new TreeSet<>(
                List.of("validation", "duplicate", "concurrent-change", "forbidden", "not-found", "clash"));
        for (String source : sources()) {
            Matcher m = EVENT.matcher(source);
            while (m.find()) {
                if (m.group(2).equals("material-")) {
                    Arrays.stream(MaterialStatus.values())
                            .forEach(s -> events.add("material-" + s.name().toLowerCase(Locale.ROOT)));
                } else {
                    events.add(m.group(2));
                }
            }
            Matcher c = CONFLICT.matcher(source);
            while (c.find()) {
                problems.add(c.group(1));
            }
        }
        assertTrue(
                events.size() >= 25 && events.contains("supplement-requested"), "found the timeline events: " + events);

        List<String> needed = new ArrayList<>();
        events.forEach(e -> needed.add("event." + e));
        problems.forEach(p -> needed.add("problem." + p));
        Arrays.stream(Notification.Kind.values()).forEach(k -> needed.add("inbox.kind." + k.name()));
        Arrays.stream(ProjectStatus.values()).forEach(s -> needed.add("status." + s.name()));
        Arrays.stream(MaterialStatus.values()).forEach(s -> needed.add("material." + s.name()));

        List<String> missing = new ArrayList<>();
        for (String key : needed) {
            if (!zh.contains(key)) {
                missing.add("zh-CN " + key);
            }
            if (!english.contains(key)) {
                missing.add("en " + key);
            }
        }
        assertTrue(missing.isEmpty(), "untranslated in webapp/js/i18n.js: " + missing);
    }

    private static Set<String> keys(String block) {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(block);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static List<String> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.add(Files.readString(p));
            }
            return out;
        }
    }
}

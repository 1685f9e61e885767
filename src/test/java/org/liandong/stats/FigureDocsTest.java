package org.liandong.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/statistics.md states every figure as Figure defines it: the docs cannot drift from the code. */
class FigureDocsTest {

    @Test
    void everyFigureIsDocumentedWithItsDefinition() throws Exception {
        String docs = Files.readString(Path.of("docs/statistics.md"));
        for (Figure f : Figure.values()) {
            assertTrue(
                    docs.contains("| `" + f.field + "` | " + f.nameZh + " " + f.nameEn + " |"),
                    "docs/statistics.md lacks " + f.field);
            assertTrue(docs.contains(f.definitionEn), "docs/statistics.md has an outdated definition of " + f.field);
            assertTrue(
                    docs.contains(f.definitionZh),
                    "docs/statistics.md has an outdated Chinese definition of " + f.field);
        }
    }
}

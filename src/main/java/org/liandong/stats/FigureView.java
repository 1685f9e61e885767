package org.liandong.stats;

import java.util.Arrays;
import java.util.List;

/** {@code GET /api/statistics/figures}: the definition of every figure, for the UI and third parties. */
public record FigureView(
        String field,
        String nameZh,
        String nameEn,
        String unitZh,
        String unitEn,
        String definitionZh,
        String definitionEn,
        String source) {

    static List<FigureView> all() {
        return Arrays.stream(Figure.values())
                .map(f -> new FigureView(
                        f.field,
                        f.nameZh,
                        f.nameEn,
                        f.unit.zh,
                        f.unit.en,
                        f.definitionZh,
                        f.definitionEn,
                        f.source.description))
                .toList();
    }
}

package org.liandong.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 17: the minutes give each recording a chapter mark per agenda step, as an offset into the file. */
class MinutesChaptersTest {

    static final List<String> AGENDA = List.of("开场", "申请人陈述", "部门审查", "合议");
    static final Instant START = Instant.parse("2026-11-27T02:00:00Z");

    @Test
    void eachStepBegunWhileRecordingIsMarkedAtItsOffset() {
        Instant recordingStart = START.plusSeconds(30);
        Map<Integer, Instant> began = Map.of(
                0, START, // before the recording began: no mark
                1, START.plusSeconds(95),
                2, START.plusSeconds(3 * 3600 + 30 + 61),
                3, START.plusSeconds(5 * 3600)); // after the file was filed: no mark
        assertEquals(
                List.of("2 申请人陈述 00:01:05", "3 部门审查 03:01:01"),
                DecisionDocuments.chapters(AGENDA, began, recordingStart, START.plusSeconds(4 * 3600)));
    }

    @Test
    void aRecordingWithoutAKnownStartHasNoMarks() {
        assertEquals(List.of(), DecisionDocuments.chapters(AGENDA, Map.of(0, START), null, START.plusSeconds(60)));
    }
}

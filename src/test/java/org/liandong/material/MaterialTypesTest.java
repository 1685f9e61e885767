package org.liandong.material;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.common.ProblemException;
import org.liandong.support.MaterialFiles;

/** Types from content alone: what is recognised, and what is refused whatever the configuration. */
class MaterialTypesTest {

    private static String detect(byte[] b) throws IOException {
        return MaterialTypes.detect(
                Arrays.copyOf(b, Math.min(b.length, MaterialTypes.HEAD)), () -> new ByteArrayInputStream(b));
    }

    private static String refusal(byte[] b) {
        ProblemException e = assertThrows(ProblemException.class, () -> detect(b));
        assertEquals("file", e.toProblem(null).errors().get(0).field());
        return e.getMessage();
    }

    @Test
    void recognisesTheAllowedKindsByTheirBytes() throws IOException {
        assertEquals("application/pdf", detect(MaterialFiles.pdf("x", 1)));
        assertEquals("image/png", detect(Samples.png()));
        assertEquals("image/vnd.dwg", detect(Samples.dwg()));
        assertEquals(MaterialTypes.OFD, detect(Samples.ofd()));
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", detect(Samples.docx()));
        assertEquals(
                "image/vnd.dxf",
                detect("  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\nAC1015\n  0\nENDSEC\n  0\nEOF\n"
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesExecutablesScriptsAndArchives() {
        assertTrue(refusal(Samples.elf()).contains("executable"));
        assertTrue(refusal(Samples.shellScript()).contains("script"));
        assertTrue(refusal(Samples.encryptedZip()).contains("encrypted"));
        assertTrue(refusal(Samples.zip(Map.of("a.txt", "plain"))).contains("archive"));
        assertTrue(refusal(Samples.zip(Map.of("META-INF/MANIFEST.MF", "Main-Class: x", "x.class", "cafebabe")))
                .contains("Java"));
    }
}

package org.liandong.document;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A TrueType font cut down to the glyphs one document uses, for formats whose libraries embed
 * whole font files (ofdrw): every other glyph's outline is dropped (its 'loca' entry becomes
 * empty) while glyph ids, 'cmap' (including format 12, characters outside the BMP), metrics and
 * every other table stay as they are, so the text maps to the same glyphs as in the full font.
 * FontBox's subsetter renumbers glyphs and writes a BMP-only cmap (it refuses CJK Extension B–F),
 * hence this. Follows the OpenType 'glyf', 'loca' and 'head' layout (ISO/IEC 14496-22 §5.3).
 */
final class GlyphSubset {

    private GlyphSubset() {}

    /**
     * @param font   a TrueType (glyf-outline) font file
     * @param glyphs the glyph ids to keep (glyph 0, .notdef, and compound glyphs' parts are added)
     * @return the font with only those outlines; 'loca' in the long format, checksums recomputed
     * @throws IllegalArgumentException when the font has no 'glyf' outlines
     */
    static byte[] keep(byte[] font, BitSet glyphs) {
        ByteBuffer in = ByteBuffer.wrap(font);
        int numTables = in.getShort(4) & 0xFFFF;
        Map<String, int[]> tables = new HashMap<>(); // tag -> {record offset, table offset, length}
        String[] order = new String[numTables];
        for (int i = 0; i < numTables; i++) {
            int rec = 12 + 16 * i;
            String tag = new String(font, rec, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            order[i] = tag;
            tables.put(tag, new int[] {rec, in.getInt(rec + 8), in.getInt(rec + 12)});
        }
        if (!tables.containsKey("glyf")
                || !tables.containsKey("loca")
                || !tables.containsKey("head")
                || !tables.containsKey("maxp")) {
            throw new IllegalArgumentException("not a TrueType font with glyf outlines");
        }
        int head = tables.get("head")[1];
        int glyf = tables.get("glyf")[1];
        int loca = tables.get("loca")[1];
        int numGlyphs = in.getShort(tables.get("maxp")[1] + 4) & 0xFFFF;
        boolean longLoca = in.getShort(head + 50) != 0;
        long[] offsets = new long[numGlyphs + 1];
        for (int g = 0; g <= numGlyphs; g++) {
            offsets[g] = longLoca ? in.getInt(loca + 4 * g) & 0xFFFFFFFFL : (in.getShort(loca + 2 * g) & 0xFFFFL) * 2;
        }

        BitSet kept = new BitSet(numGlyphs);
        Deque<Integer> todo = new ArrayDeque<>();
        todo.add(0);
        glyphs.stream().filter(g -> g < numGlyphs).forEach(todo::add);
        while (!todo.isEmpty()) {
            int g = todo.pop();
            if (kept.get(g)) {
                continue;
            }
            kept.set(g);
            int start = (int) (glyf + offsets[g]);
            if (offsets[g + 1] > offsets[g] && in.getShort(start) < 0) { // compound: queue its components
                int p = start + 10;
                int flags;
                do {
                    flags = in.getShort(p) & 0xFFFF;
                    int component = in.getShort(p + 2) & 0xFFFF;
                    if (component < numGlyphs) {
                        todo.add(component);
                    }
                    p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
                    p += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
                } while ((flags & 0x0020) != 0);
            }
        }

        java.io.ByteArrayOutputStream newGlyf = new java.io.ByteArrayOutputStream();
        ByteBuffer newLoca = ByteBuffer.allocate(4 * (numGlyphs + 1));
        for (int g = 0; g < numGlyphs; g++) {
            newLoca.putInt(newGlyf.size());
            if (kept.get(g) && offsets[g + 1] > offsets[g]) {
                newGlyf.write(font, (int) (glyf + offsets[g]), (int) (offsets[g + 1] - offsets[g]));
                while (newGlyf.size() % 4 != 0) {
                    newGlyf.write(0);
                }
            }
        }
        newLoca.putInt(newGlyf.size());

        Map<String, byte[]> bodies = new HashMap<>();
        for (String tag : order) {
            int[] t = tables.get(tag);
            bodies.put(tag, java.util.Arrays.copyOfRange(font, t[1], t[1] + t[2]));
        }
        bodies.put("glyf", newGlyf.toByteArray());
        bodies.put("loca", newLoca.array());
        ByteBuffer headBody = ByteBuffer.wrap(bodies.get("head"));
        headBody.putShort(50, (short) 1); // indexToLocFormat: long
        headBody.putInt(8, 0); // checkSumAdjustment, set below

        int size = 12 + 16 * numTables;
        for (String tag : order) {
            size += (bodies.get(tag).length + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(font, 0, 12);
        int offset = 12 + 16 * numTables;
        int headAt = 0;
        for (int i = 0; i < numTables; i++) {
            byte[] body = bodies.get(order[i]);
            out.position(12 + 16 * i);
            out.put(order[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.putInt(checksum(body));
            out.putInt(offset);
            out.putInt(body.length);
            out.position(offset);
            out.put(body);
            if (order[i].equals("head")) {
                headAt = offset;
            }
            offset += (body.length + 3) & ~3;
        }
        out.putInt(headAt + 8, (int) (0xB1B0AFBAL - (checksum(out.array()) & 0xFFFFFFFFL)));
        return out.array();
    }

    /** The OpenType table checksum: the sum of big-endian uint32 words, the last one zero-padded. */
    private static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 4) {
            long word = 0;
            for (int j = 0; j < 4; j++) {
                word = (word << 8) | (i + j < data.length ? data[i + j] & 0xFF : 0);
            }
            sum += word;
        }
        return (int) sum;
    }
}

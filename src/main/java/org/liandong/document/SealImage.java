package org.liandong.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Draws the red round seal (公章 style: a ring, the issuing body's name along the upper arc, a
 * five-pointed star, the seal's purpose across the bottom) as a transparent raster image, placed in
 * the signature widget. It is a picture of the seal only: what proves the document is the
 * embedded signature beside it.
 */
final class SealImage {

    static final Color RED = new Color(0xC8, 0x10, 0x2E);

    private SealImage() {}

    /** A {@code size}×{@code size} ARGB image. */
    static BufferedImage draw(String issuer, String purpose, int size, byte[] cjkFont) {
        Font base;
        try {
            base = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(cjkFont));
        } catch (FontFormatException e) {
            throw new IllegalStateException("the seal font is not TrueType", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(RED);
            double c = size / 2.0;
            float ring = size * 0.035f;
            g.setStroke(new BasicStroke(ring));
            g.draw(new java.awt.geom.Ellipse2D.Double(ring, ring, size - 2 * ring, size - 2 * ring));
            g.fill(star(c, c, size * 0.15, size * 0.06));

            // The name along the upper arc, from lower left over the top to lower right (about 240°).
            Font arcFont = base.deriveFont(Font.PLAIN, size * 0.12f);
            g.setFont(arcFont);
            int[] cps = issuer.codePoints().toArray();
            double radius = c - ring * 2 - size * 0.12 * 0.55;
            double sweep = Math.toRadians(Math.min(250, 22.0 * cps.length));
            double start = -Math.PI / 2 - sweep / 2;
            for (int i = 0; i < cps.length; i++) {
                double a = cps.length == 1 ? -Math.PI / 2 : start + sweep * i / (cps.length - 1);
                String ch = new String(cps, i, 1);
                AffineTransform saved = g.getTransform();
                g.translate(c + radius * Math.cos(a), c + radius * Math.sin(a));
                g.rotate(a + Math.PI / 2);
                int w = g.getFontMetrics().stringWidth(ch);
                g.drawString(ch, -w / 2f, g.getFontMetrics().getAscent() / 2.5f);
                g.setTransform(saved);
            }
            Font bottom = base.deriveFont(Font.PLAIN, size * 0.09f);
            g.setFont(bottom);
            int w = g.getFontMetrics().stringWidth(purpose);
            g.drawString(purpose, (float) (c - w / 2.0), (float) (c + size * 0.30));
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Path2D star(double cx, double cy, double outer, double inner) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double x = cx + r * Math.cos(a);
            double y = cy + r * Math.sin(a);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }
}

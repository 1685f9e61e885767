package org.liandong.stats;

import java.time.Instant;

/** A bulletin in the list ({@code GET /api/statistics/bulletins}); the files are under {@code /bulletins/{month}.pdf|.html|.xlsx}. */
public record BulletinView(String month, Instant publishedAt, String publishedBy, String pdfSha256, long decided) {}

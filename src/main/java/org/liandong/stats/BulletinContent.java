package org.liandong.stats;

import java.time.Instant;

/**
 * What a bulletin froze when it was published: the month's statistics (all counties), its ranking,
 * and the statistics of the six months up to it (for the trend). Stored as JSON in stats_bulletin.
 */
public record BulletinContent(
        String month,
        String issuer,
        Instant publishedAt,
        StatisticsView statistics,
        RankingView ranking,
        StatisticsView halfYear) {}

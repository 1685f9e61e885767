package org.liandong.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.liandong.cluster.ClusterJobs;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.common.TimeConfig;
import org.liandong.document.PdfRenderer;
import org.liandong.project.WorkingDayCalendar;

/**
 * Publishes and serves the monthly bulletin (一月一通报). Publishing computes the month's figures
 * once, freezes them as JSON, renders the PDF and stores both with the PDF's SHA-256, in one
 * transaction with its audit entry. A published month is never published again (409), and its
 * HTML, PDF and XLSX always come from the frozen figures. Due: on the first working day of each
 * month for the month before, checked by {@link #publishDue()}.
 */
@ApplicationScoped
@Transactional
public class BulletinService {

    private static final Logger LOG = Logger.getLogger(BulletinService.class);

    private final EntityManager em;
    private final ClusterJobs jobs;
    private final StatisticsService statistics;
    private final StatisticsConfig config;
    private final PdfRenderer pdf;
    private final ObjectMapper json;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;
    private final Clock clock;
    private final Event<AuditEvent> audit;

    BulletinService(
            EntityManager em,
            StatisticsService statistics,
            StatisticsConfig config,
            PdfRenderer pdf,
            ObjectMapper json,
            WorkingDayCalendar calendar,
            TimeConfig time,
            Clock clock,
            Event<AuditEvent> audit,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.em = em;
        this.statistics = statistics;
        this.config = config;
        this.pdf = pdf;
        this.json = json;
        this.calendar = calendar;
        this.zone = time.zone();
        this.clock = clock;
        this.audit = audit;
    }

    /** Publishes the bulletin of a finished month. 409 {@code month-not-over} or {@code bulletin-published}. */
    public BulletinView publish(YearMonth month, String actor) {
        if (!month.isBefore(YearMonth.now(clock.withZone(zone)))) {
            throw ProblemException.conflict("month-not-over", month + " is not over yet in " + zone);
        }
        if (em.find(Bulletin.class, month.toString()) != null) {
            throw ProblemException.conflict(
                    "bulletin-published",
                    "the bulletin of " + month + " is published; it is a record and is not recomputed");
        }
        BulletinContent content = new BulletinContent(
                month.toString(),
                config.bulletin().issuer(),
                clock.instant(),
                statistics.statistics(Period.of(month), null),
                statistics.ranking(month),
                statistics.statistics(new Period(month.minusMonths(5), month), null));
        byte[] document = pdf.render(BulletinDocuments.html(content, zone));
        Bulletin b = new Bulletin(
                month.toString(), write(content), document, sha256(document), content.publishedAt(), actor);
        em.persist(b);
        em.flush(); // a second node publishing the same month fails here on the primary key
        audit.fire(new AuditEvent(
                "bulletin",
                month.toString(),
                "published",
                actor,
                content.publishedAt(),
                Map.of("pdfSha256", b.pdfSha256())));
        return view(b, content);
    }

    /** On one node of the cluster (docs/cluster.md "Exactly once"); the check itself is idempotent too. */
    @Scheduled(
            cron = "${liandong.statistics.bulletin.cron:0 30 8 * * ?}",
            timeZone = "${liandong.time.zone:Asia/Shanghai}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void publishDueOnTimer() {
        jobs.runOnce("bulletin", java.time.Duration.ofHours(1), this::publishDue);
    }

    /**
     * Publishes last month's bulletin if it is due: today (in the service zone) is on or after the
     * first working day of this month and it is not published yet. Catching up after downtime is
     * therefore automatic.
     */
    void publishDue() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        YearMonth last = YearMonth.from(today).minusMonths(1);
        LocalDate firstWorkingDay = today.withDayOfMonth(1);
        while (!calendar.isWorkingDay(firstWorkingDay)) {
            firstWorkingDay = firstWorkingDay.plusDays(1);
        }
        if (today.isBefore(firstWorkingDay) || em.find(Bulletin.class, last.toString()) != null) {
            return;
        }
        publish(last, "system");
        LOG.infof("published the bulletin of %s", last);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<BulletinView> listBulletins() {
        return em.createQuery("from Bulletin b order by b.month desc", Bulletin.class).getResultList().stream()
                .map(b -> view(b, read(b)))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Bulletin> findBulletin(YearMonth month) {
        return Optional.ofNullable(em.find(Bulletin.class, month.toString()));
    }

    /** The HTML of a published bulletin, from its frozen figures. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> html(YearMonth month) {
        return findBulletin(month).map(b -> BulletinDocuments.html(read(b), zone));
    }

    /** Every table of a published bulletin as one workbook, from its frozen figures. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<byte[]> xlsx(YearMonth month) {
        return findBulletin(month).map(b -> {
            BulletinContent c = read(b);
            return SpreadsheetWriter.xlsx(StatisticsTables.all(c.statistics(), c.ranking()));
        });
    }

    private static BulletinView view(Bulletin b, BulletinContent c) {
        return new BulletinView(
                b.month(),
                b.publishedAt(),
                b.publishedBy(),
                b.pdfSha256(),
                c.statistics().total().decided());
    }

    private String write(BulletinContent c) {
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bulletin content cannot be written", e);
        }
    }

    BulletinContent read(Bulletin b) {
        try {
            return json.readValue(b.content(), BulletinContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bulletin " + b.month() + " cannot be read", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

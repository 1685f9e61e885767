package org.liandong.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.liandong.account.CurrentUser;
import org.liandong.audit.AuditEntry;
import org.liandong.audit.AuditLog;
import org.liandong.common.ProblemException;
import org.liandong.common.TimeConfig;
import org.liandong.decision.Decision;
import org.liandong.decision.DecisionRepository;
import org.liandong.decision.DecisionService;
import org.liandong.decision.MinutesService;
import org.liandong.decision.Seal;
import org.liandong.directory.Role;
import org.liandong.document.SealKey;
import org.liandong.media.SessionRecordingRepository;
import org.liandong.opinion.OpinionRepository;
import org.liandong.opinion.OpinionView;
import org.liandong.project.ProjectRepository;
import org.liandong.session.AttendanceService;
import org.liandong.session.AttendanceView;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;

/**
 * The case archive of a project: one ZIP a records office can keep and check without Liandong.
 * It holds every decision/notice PDF, every frozen minutes version, each session's opinions with
 * their revisions, attendance (CSV and JSON), the recordings manifest with digests, the audit
 * entries of the case with their chain hashes, {@code SHA256SUMS} (the {@code sha256sum -c}
 * format) over all of them, {@code SHA256SUMS.p7s} (a detached CMS signature over SHA256SUMS by
 * the seal key, DER) and {@code seal.pem}. Check offline:
 * {@code openssl cms -verify -binary -inform DER -in SHA256SUMS.p7s -content SHA256SUMS -CAfile seal.pem -purpose any -out /dev/null && sha256sum -c SHA256SUMS}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CaseArchiveService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CaseArchiveService.class);

    static final String SUMS = "SHA256SUMS";
    static final String SUMS_SIGNATURE = "SHA256SUMS.p7s";
    static final String CERTIFICATE = "seal.pem";

    private final ProjectRepository projects;
    private final SessionRepository sessions;
    private final DecisionRepository decisions;
    private final MinutesService minutes;
    private final OpinionRepository opinions;
    private final AttendanceService attendance;
    private final SessionRecordingRepository recordings;
    private final AuditLog audit;
    private final Seal seal;
    private final CurrentUser me;
    private final TimeConfig time;
    private final ObjectMapper json;

    CaseArchiveService(
            ProjectRepository projects,
            SessionRepository sessions,
            DecisionRepository decisions,
            MinutesService minutes,
            OpinionRepository opinions,
            AttendanceService attendance,
            SessionRecordingRepository recordings,
            AuditLog audit,
            Seal seal,
            CurrentUser me,
            TimeConfig time,
            ObjectMapper json) {
        this.projects = projects;
        this.sessions = sessions;
        this.decisions = decisions;
        this.minutes = minutes;
        this.opinions = opinions;
        this.attendance = attendance;
        this.recordings = recordings;
        this.audit = audit;
        this.seal = seal;
        this.me = me;
        this.time = time;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The archive of one project (coordinator, observer), as ZIP bytes. */
    public byte[] archive(long projectId) {
        if (!(me.is(Role.COORDINATOR) || me.is(Role.OBSERVER))) {
            throw ProblemException.forbidden("only coordinators and observers export case archives");
        }
        var project =
                projects.findByIdOptional(projectId).orElseThrow(() -> ProblemException.notFound("project", projectId));
        Map<String, byte[]> files = new TreeMap<>();
        List<AuditEntry> trail =
                new ArrayList<>(audit.history("project", project.id().toString()));
        for (Decision d : decisions.listByProject(projectId)) {
            String base =
                    "decisions/" + d.number().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + d.id();
            files.put(base + ".pdf", d.pdf());
            trail.addAll(audit.history("decision", d.id().toString()));
        }
        for (ReviewSession s : sessions.search(null, null, projectId, null, 1000)) {
            long id = s.id();
            String dir = "sessions/" + id + "/";
            minutes.stored(id).forEach(m -> {
                files.put(dir + "minutes-v" + m.version() + ".pdf", m.pdf());
                trail.addAll(audit.history("minutes", m.id().toString()));
            });
            files.put(
                    dir + "opinions.json",
                    write(opinions.listBySession(id).stream()
                            .map(OpinionView::of)
                            .toList()));
            var present = attendance.listAttendance(id);
            files.put(dir + "attendance.json", write(present));
            files.put(
                    dir + "attendance.csv",
                    AttendanceView.csv(present, time.zone()).getBytes(StandardCharsets.UTF_8));
            files.put(
                    dir + "recordings.json",
                    write(recordings.listBySession(id).stream()
                            .map(r -> Map.of(
                                    "participant",
                                    r.participant(),
                                    "fileName",
                                    r.fileName(),
                                    "sha256",
                                    r.sha256(),
                                    "bytes",
                                    r.bytes(),
                                    "recordedAt",
                                    r.recordedAt().toString()))
                            .toList()));
            trail.addAll(audit.history("session", Long.toString(id)));
        }
        trail.sort(java.util.Comparator.comparingLong(AuditEntry::seq));
        files.put(
                "audit/entries.json",
                write(trail.stream()
                        .map(e -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("seq", e.seq());
                            m.put("at", e.at().toString());
                            m.put("entityType", e.entityType());
                            m.put("entityId", e.entityId());
                            m.put("action", e.action());
                            m.put("actor", e.actor());
                            m.put("data", e.data());
                            m.put("prevHash", e.prevHash());
                            m.put("hash", e.hash());
                            return m;
                        })
                        .toList()));

        StringBuilder sums = new StringBuilder();
        files.forEach((name, bytes) -> sums.append(DecisionService.sha256(bytes))
                .append("  ")
                .append(name)
                .append('\n'));
        byte[] manifest = sums.toString().getBytes(StandardCharsets.UTF_8);
        SealKey key = seal.key();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                put(zip, f.getKey(), f.getValue());
            }
            put(zip, SUMS, manifest);
            put(zip, SUMS_SIGNATURE, sign(manifest, key));
            put(zip, CERTIFICATE, seal.certificatePem().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Checks an uploaded archive: the manifest's signature verifies with the certificate inside
     * it, that certificate is one this installation sealed with, and every file matches its line.
     */
    public ArchiveCheckView verify(byte[] zipBytes) {
        if (zipBytes == null || zipBytes.length == 0) {
            throw ProblemException.invalid("file", "send the archive ZIP as the request body");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), zip.readAllBytes());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw ProblemException.invalid("file", "not a readable ZIP archive");
        }
        byte[] manifest = files.remove(SUMS);
        byte[] signature = files.remove(SUMS_SIGNATURE);
        files.remove(CERTIFICATE);
        if (manifest == null || signature == null) {
            return new ArchiveCheckView(
                    false, false, List.of(), List.of(SUMS + " or " + SUMS_SIGNATURE), List.of(), "no signed manifest");
        }
        boolean signed = signatureValid(manifest, signature);
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> listed = new TreeMap<>();
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            if (line.length() > 66) {
                listed.put(line.substring(66), line.substring(0, 64));
            }
        }
        listed.forEach((name, sha) -> {
            byte[] f = files.get(name);
            if (f == null) {
                missing.add(name);
            } else if (!DecisionService.sha256(f).equals(sha)) {
                changed.add(name);
            }
        });
        List<String> extra =
                files.keySet().stream().filter(n -> !listed.containsKey(n)).toList();
        boolean intact = signed && changed.isEmpty() && missing.isEmpty() && extra.isEmpty();
        return new ArchiveCheckView(
                intact,
                signed,
                changed,
                missing,
                extra,
                intact
                        ? "every file matches the signed manifest"
                        : !signed ? "the manifest's seal does not verify" : "files differ from the signed manifest");
    }

    private boolean signatureValid(byte[] manifest, byte[] signature) {
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            SignerInformation signer =
                    cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            var matches = cms.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return false;
            }
            X509CertificateHolder holder =
                    (X509CertificateHolder) matches.iterator().next();
            X509Certificate ours = seal.key().certificate();
            boolean known = java.util.Arrays.equals(holder.getEncoded(), ours.getEncoded())
                    || decisions.sealCertificates().stream().anyMatch(pem -> {
                        try {
                            return java.util.Arrays.equals(
                                    Seal.parseCertificate(pem).getEncoded(), holder.getEncoded());
                        } catch (Exception e) {
                            return false;
                        }
                    });
            return known && signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
        } catch (Exception e) {
            LOG.debugf(e, "archive manifest seal does not verify");
            return false; // not a CMS signature, or it does not verify
        }
    }

    private static byte[] sign(byte[] manifest, SealKey key) {
        try {
            CMSSignedDataGenerator g = new CMSSignedDataGenerator();
            g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(key.algorithm()).build(key.key()), key.certificate()));
            g.addCertificates(new JcaCertStore(key.chain()));
            return g.generate(new CMSProcessableByteArray(manifest), false).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("signing the archive manifest failed", e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // reproducible entries: the manifest, not the ZIP's clock, dates the archive
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}

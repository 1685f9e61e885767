package org.liandong.material;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.Problem;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.material.store.MaterialStore;
import org.liandong.notification.Notification;
import org.liandong.notification.Outbox;
import org.liandong.project.MaterialItem;
import org.liandong.project.MaterialStatus;
import org.liandong.project.Project;
import org.liandong.project.ProjectRepository;
import org.liandong.project.ProjectService;
import org.liandong.project.ProjectView;
import org.liandong.session.ReviewSession;
import org.liandong.session.SessionRepository;

/**
 * Material file versions: upload (one request, or resumable in {@code Content-Range} chunks),
 * listing, serving with a re-checked digest, review, reuse by reference and the one correction
 * notice.
 * <p>
 * An upload never holds a database transaction while bytes move: the checks run in one short
 * transaction, the bytes are staged in the {@link MaterialStore} (checked: size, type from the
 * content, SHA-256), and a second short transaction locks the project, numbers the version,
 * publishes the staged bytes and stores the row. Anything that fails before that last commit
 * leaves no version (staged bytes are discarded, a just-published object deleted).
 * <p>
 * A double submit of the same upload makes one version: if the item's newest version has the same
 * SHA-256 and uploader, that version is returned (200, not 201) and nothing new is stored.
 */
@ApplicationScoped
public class MaterialService {

    private static final Logger LOG = Logger.getLogger(MaterialService.class);

    private final MaterialStore store;
    private final MaterialFileRepository files;
    private final MaterialUploadRepository uploads;
    private final ProjectRepository projects;
    private final ProjectService projectService;
    private final SessionRepository sessions;
    private final MaterialAccess access;
    private final MaterialConfig config;
    private final CurrentUser me;
    private final Outbox outbox;
    private final Clock clock;
    private final Event<AuditEvent> audit;
    private final Map<String, ReentrantLock> uploadLocks = new ConcurrentHashMap<>();

    MaterialService(
            MaterialStore store,
            MaterialFileRepository files,
            MaterialUploadRepository uploads,
            ProjectRepository projects,
            ProjectService projectService,
            SessionRepository sessions,
            MaterialAccess access,
            MaterialConfig config,
            CurrentUser me,
            Outbox outbox,
            Clock clock,
            Event<AuditEvent> audit) {
        this.store = store;
        this.files = files;
        this.uploads = uploads;
        this.projects = projects;
        this.projectService = projectService;
        this.sessions = sessions;
        this.access = access;
        this.config = config;
        this.me = me;
        this.outbox = outbox;
        this.clock = clock;
        this.audit = audit;
    }

    /** The outcome of an upload: the version, and whether it was created now (false: a repeat of the newest). */
    public record Stored(MaterialFileView file, boolean created) {}

    /** Where an upload goes and what it may be; checked in a short transaction before any byte moves. */
    private record Target(long projectId, long itemId, long maxBytes, List<String> allowed) {}

    // ---- upload in one request ------------------------------------------------------------------

    /**
     * Stores {@code temp} (the request's multipart part, already on disk) as the next version of an item.
     *
     * @throws ProblemException 404 unknown or foreign project/item, 409 materials closed or item accepted,
     *                          413 over the matter type's limit, 400 empty, bad name or refused type
     */
    public Stored upload(long projectId, long itemId, Path temp, String fileName) {
        Target t = target(projectId, itemId);
        String name = FileNames.check(fileName, "fileName");
        long size = size(temp);
        requireSize(size, t.maxBytes(), "file");
        String type = detect(t, () -> Files.newInputStream(temp));
        String staging = UUID.randomUUID().toString();
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(temp), sha)) {
            store.append(staging, 0, in);
        } catch (IOException e) {
            discard(staging);
            throw new UncheckedIOException(e);
        }
        return commit(
                t, staging, new StoredFile(name, size, type, HexFormat.of().formatHex(sha.digest())), null);
    }

    /**
     * The problem for a request body declared longer than the target project's matter type allows
     * (multipart framing adds a little to the file: only what cannot fit is refused), or empty.
     */
    public Optional<ProblemException> declaredLengthProblem(long projectId, long contentLength) {
        long max = QuarkusTransaction.requiringNew()
                .call(() -> projects.findByIdOptional(projectId)
                        .map(p -> config.maxBytesFor(p.matterType().code()))
                        .orElse(config.largestMaxBytes()));
        return contentLength > max + 64 * 1024
                ? Optional.of(tooLarge(
                        "file", "is declared " + contentLength + " bytes long, over the limit of " + max + " bytes"))
                : Optional.empty();
    }

    // ---- resumable upload (Content-Range chunks) --------------------------------------------------

    /** Begins a resumable upload of {@code size} bytes. Nothing is stored but the upload's row. */
    public UploadView startUpload(long projectId, long itemId, UploadRequest r) {
        Target t = target(projectId, itemId);
        String name = FileNames.check(r.fileName(), "fileName");
        requireSize(r.size(), t.maxBytes(), "size");
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            Project p = projects.findById(projectId);
            uploads.persist(
                    new MaterialUpload(id, p, p.material(itemId), me.person(), name, r.size(), clock.instant()));
        });
        return new UploadView(id, projectId, itemId, name, r.size(), 0, url(id));
    }

    /** Where a resumable upload stands: how many bytes are stored. 404 unless it is the caller's. */
    public UploadView uploadStatus(String uploadId) {
        MaterialUpload u = ownUpload(uploadId);
        // under the upload's lock: a chunk being received is not yet counted (409 busy until it ends)
        return withUploadLock(uploadId, () -> view(u, stagedLength(uploadId)));
    }

    /** Cancels a resumable upload: its staged bytes and row go. */
    public void cancelUpload(String uploadId) {
        ownUpload(uploadId);
        withUploadLock(uploadId, () -> {
            discard(uploadId);
            QuarkusTransaction.requiringNew().run(() -> uploads.deleteById(uploadId));
            return null;
        });
    }

    /** One chunk: either the upload's new state, or the version it became with its last chunk. */
    public record ChunkResult(UploadView upload, Stored stored) {}

    /**
     * Appends one chunk. {@code contentRange} is {@code bytes <first>-<last>/<size>} (RFC 9110
     * §14.4); {@code first} must be the stored offset (else 409, with the offset in the detail).
     * A chunk cut short stores nothing of itself. The last chunk turns the upload into a version.
     */
    public ChunkResult appendChunk(String uploadId, String contentRange, Long contentLength, InputStream body) {
        MaterialUpload u = ownUpload(uploadId);
        ContentRange range = ContentRange.parse(contentRange);
        if (range.total() != u.declaredSize()) {
            throw ProblemException.invalid(
                    "Content-Range", "total " + range.total() + " differs from the declared size " + u.declaredSize());
        }
        long length = range.length();
        if (length > config.maxChunk().asLongValue()) {
            throw tooLarge(
                    "Content-Range",
                    "a chunk may hold at most " + config.maxChunk().asLongValue() + " bytes");
        }
        if (contentLength != null && contentLength != length) {
            throw ProblemException.invalid(
                    "Content-Length", "is " + contentLength + " but Content-Range covers " + length + " bytes");
        }
        long projectId = u.project().id();
        long itemId = u.item().id();
        return withUploadLock(uploadId, () -> {
            long offset = stagedLength(uploadId);
            if (range.first() != offset) {
                throw ProblemException.conflict(
                        "upload-offset",
                        "this upload has " + offset + " bytes stored; send the chunk starting at " + offset);
            }
            long stored;
            try {
                stored = store.append(uploadId, offset, new ExactLengthInputStream(body, length));
            } catch (IOException e) {
                throw ProblemException.invalid(
                        "body",
                        "the chunk was cut short or too long (" + e.getMessage()
                                + "); nothing of it was stored, resume at " + offset);
            }
            if (stored < u.declaredSize()) {
                return new ChunkResult(view(u, stored), null);
            }
            Target t = target(projectId, itemId);
            return new ChunkResult(null, finish(t, uploadId, u.fileName(), stored));
        });
    }

    /** The staged upload is complete: hash it, check its type, make it a version, drop the upload row. */
    private Stored finish(Target t, String uploadId, String name, long size) {
        try {
            String type = detect(t, () -> store.openStaged(uploadId));
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(store.openStaged(uploadId), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return commit(
                    t, uploadId, new StoredFile(name, size, type, HexFormat.of().formatHex(sha.digest())), uploadId);
        } catch (ProblemException e) {
            // a refused file will not become acceptable by resuming: the upload ends here
            discard(uploadId);
            QuarkusTransaction.requiringNew().run(() -> uploads.deleteById(uploadId));
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- commit of a checked, staged file -------------------------------------------------------

    private Stored commit(Target t, String staging, StoredFile file, String uploadRow) {
        String key = UUID.randomUUID().toString();
        boolean[] published = {false};
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                // Row lock first, then load (so the state is fresh), then bump the version: uploads to one project
                // queue up here instead of failing, version numbers are taken one at a time, and a concurrent
                // review (ProjectService.act) sees the change.
                projects.getEntityManager()
                        .createNativeQuery("select id from project where id = ?1 for update")
                        .setParameter(1, t.projectId())
                        .getResultList();
                Project p = projects.findById(t.projectId());
                projects.getEntityManager().lock(p, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                Person uploader = me.person();
                Optional<MaterialFile> newest = files.newest(t.itemId());
                if (newest.isPresent()
                        && newest.get().sha256().equals(file.sha256())
                        && newest.get().uploadedBy().id().equals(uploader.id())) {
                    discard(staging);
                    if (uploadRow != null) {
                        uploads.deleteById(uploadRow);
                    }
                    return new Stored(view(newest.get()), false);
                }
                MaterialItem item = p.material(t.itemId());
                int version = newest.map(f -> f.version() + 1).orElse(1);
                Instant now = clock.instant();
                MaterialFile f = new MaterialFile(
                        p, item, version, file, key, projects.getEntityManager().merge(uploader), now);
                p.materialUploaded(item.id(), f.label(), uploader.username(), now);
                store.publish(staging, key);
                published[0] = true;
                files.persist(f);
                if (uploadRow != null) {
                    uploads.deleteById(uploadRow);
                }
                files.flush();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("projectId", p.id());
                data.put("itemId", item.id());
                data.put("version", version);
                data.put("sha256", file.sha256());
                data.put("size", file.size());
                data.put("mediaType", file.mediaType());
                audit.fire(
                        new AuditEvent("material-file", f.id().toString(), "uploaded", uploader.username(), now, data));
                return new Stored(view(f), true);
            });
        } catch (RuntimeException e) {
            if (published[0]) {
                deleteObject(key);
            } else if (uploadRow == null) {
                discard(staging);
            }
            throw unwrap(e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------

    /** An item's versions, newest first: all of them for staff and the project's parties, the accepted one for invited officials. */
    public List<MaterialFileView> listVersions(long projectId, long itemId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = projects.findByIdOptional(projectId)
                    .orElseThrow(() -> ProblemException.notFound("project", projectId));
            if (access.seesAllVersions(p)) {
                p.material(itemId);
                return files.listByItem(itemId).stream().map(this::view).toList();
            }
            if (!access.maySeeAccepted(p)) {
                throw ProblemException.notFound("project", projectId);
            }
            Long accepted = p.material(itemId).acceptedFileId();
            return accepted == null ? List.<MaterialFileView>of() : List.of(view(files.findById(accepted)));
        });
    }

    /** The versions a project's checklist is accepted with, for whoever may read them (invited officials included). */
    public List<MaterialFileView> listAccepted(long projectId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = projects.findByIdOptional(projectId)
                    .filter(access::maySeeAccepted)
                    .orElseThrow(() -> ProblemException.notFound("project", projectId));
            return files.listAcceptedFor(p.id()).stream().map(this::view).toList();
        });
    }

    /** The accepted materials of a session's project: what invited officials read before the session. */
    public List<MaterialFileView> listForSession(long sessionId) {
        long projectId = QuarkusTransaction.requiringNew()
                .call(() -> sessions.findByIdOptional(sessionId)
                        .map(ReviewSession::project)
                        .map(Project::id)
                        .orElseThrow(() -> ProblemException.notFound("session", sessionId)));
        try {
            return listAccepted(projectId);
        } catch (ProblemException e) {
            throw ProblemException.notFound("session", sessionId);
        }
    }

    /** Versions the system already holds for the same enterprise (accepted on its other projects): acceptable by reference. */
    public List<MaterialFileView> listReusable(long projectId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = projects.findByIdOptional(projectId)
                    .orElseThrow(() -> ProblemException.notFound("project", projectId));
            if (!access.seesAllVersions(p)) {
                throw ProblemException.notFound("project", projectId);
            }
            return files.listReusable(p.creditCode(), p.id()).stream()
                    .map(this::view)
                    .toList();
        });
    }

    public MaterialFileView getFile(long fileId) {
        return QuarkusTransaction.requiringNew().call(() -> view(visibleFile(fileId)));
    }

    /** A version's bytes, whose SHA-256 has just been checked again against the recorded one. */
    public record Content(MaterialFileView file, InputStream bytes) {}

    /**
     * Opens a version's bytes after reading them once to check the recorded SHA-256: a version whose
     * stored bytes no longer match is never served (500, logged), so a digest header is never a lie.
     */
    public Content openContent(long fileId) {
        MaterialFile f = QuarkusTransaction.requiringNew().call(() -> visibleFile(fileId));
        MaterialFileView v = view(f);
        try {
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(store.open(f.storageKey()), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(f.sha256())) {
                LOG.errorf(
                        "Material file %d (%s): stored bytes have SHA-256 %s, recorded %s",
                        fileId, f.storageKey(), actual, f.sha256());
                throw new ProblemException(
                        500,
                        "integrity",
                        "Internal error",
                        "the stored bytes of this file no longer match its recorded SHA-256; it is not served",
                        null,
                        null);
            }
            return new Content(v, store.open(f.storageKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- review -----------------------------------------------------------------------------------

    /**
     * The coordinator reviews one item: accept a version (the item's own, or by reference one
     * accepted for the same enterprise elsewhere), ask for a correction with a reason, or mark it
     * not applicable. Nothing is sent yet: {@link #sendCorrectionNotice} sends one notice for all.
     */
    public ProjectView review(long projectId, long itemId, MaterialReviewRequest r) {
        String reason =
                r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = projects.findByIdOptional(projectId)
                    .orElseThrow(() -> ProblemException.notFound("project", projectId));
            p.material(itemId);
            Instant now = clock.instant();
            return switch (r.status()) {
                case ACCEPTED -> {
                    if (r.fileId() == null) {
                        throw ProblemException.invalid("fileId", "name the version to accept");
                    }
                    MaterialFile f = acceptable(p, itemId, r.fileId());
                    String label = f.project().id().equals(p.id())
                            ? f.label()
                            : f.label() + " — by reference to project "
                                    + f.project().projectCode();
                    yield act(projectId, (project, u) -> project.acceptMaterial(itemId, f.id(), label, u, now));
                }
                case NEEDS_CORRECTION -> {
                    if (reason == null) {
                        throw ProblemException.invalid("reason", "say what the applicant must correct");
                    }
                    String text = r.fileId() == null
                            ? reason
                            : files.findByIdOptional(r.fileId())
                                    .filter(f -> f.item().id().equals(itemId))
                                    .map(f -> "v" + f.version() + ": " + reason)
                                    .orElseThrow(
                                            () -> ProblemException.invalid("fileId", "is not a version of this item"));
                    yield act(
                            projectId,
                            (project, u) ->
                                    project.setMaterialStatus(itemId, MaterialStatus.NEEDS_CORRECTION, text, u, now));
                }
                default ->
                    act(projectId, (project, u) -> project.setMaterialStatus(itemId, r.status(), reason, u, now));
            };
        });
    }

    /**
     * Sends ONE correction notice (一次性告知) listing every item marked as needing correction with
     * its reason, to the applicant and the proxy agent, and moves the project to SUPPLEMENTING (the
     * project's supplement rule: the statutory clock, if running, pauses). 409 if no item needs correction.
     */
    public ProjectView sendCorrectionNotice(long projectId, String remark) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = projects.findByIdOptional(projectId)
                    .orElseThrow(() -> ProblemException.notFound("project", projectId));
            List<MaterialItem> wanting = p.materials().stream()
                    .filter(m -> m.status() == MaterialStatus.NEEDS_CORRECTION)
                    .toList();
            if (wanting.isEmpty()) {
                throw ProblemException.conflict(
                        "nothing-to-correct", "no checklist item is marked as needing correction");
            }
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < wanting.size(); i++) {
                body.append(i + 1)
                        .append(". ")
                        .append(wanting.get(i).name())
                        .append("：")
                        .append(wanting.get(i).note())
                        .append('\n');
            }
            if (remark != null && !remark.isBlank()) {
                body.append('\n').append(remark.strip()).append('\n');
            }
            String notice = body.toString().strip();
            ProjectView view = act(projectId, (project, u) -> project.requestSupplement(u, notice, clock.instant()));
            String subject = "一次性补正告知 Correction notice: " + p.projectCode() + " " + p.name();
            String text = "请一次性补正以下材料 Please correct all of the following materials:\n" + notice;
            outbox.post(p.applicant(), null, Notification.Kind.NOTICE, subject, text, null);
            if (p.proxyAgent() != null) {
                outbox.post(p.proxyAgent(), null, Notification.Kind.NOTICE, subject, text, null);
            }
            return view;
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private ProjectView act(long projectId, java.util.function.BiConsumer<Project, String> change) {
        return projectService.act(projectId, change).orElseThrow(() -> ProblemException.notFound("project", projectId));
    }

    /** A version that may be accepted for {@code itemId} of {@code p}: its own, or one accepted for the same enterprise. */
    private MaterialFile acceptable(Project p, long itemId, long fileId) {
        MaterialFile f = files.findByIdOptional(fileId)
                .orElseThrow(() -> ProblemException.invalid("fileId", "no such file version"));
        if (f.project().id().equals(p.id())) {
            if (!f.item().id().equals(itemId)) {
                throw ProblemException.invalid("fileId", "is a version of another checklist item");
            }
            return f;
        }
        boolean reusable = f.project().creditCode().equals(p.creditCode())
                && !files.projectsAccepting(f.id()).isEmpty();
        if (!reusable) {
            throw ProblemException.invalid(
                    "fileId", "is neither a version of this item nor a document accepted for the same enterprise");
        }
        return f;
    }

    private Target target(long projectId, long itemId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Project p = access.forUpload(projects.findByIdOptional(projectId).orElse(null), projectId);
            MaterialItem item = p.material(itemId);
            p.requireMaterialsOpen();
            if (item.status() == MaterialStatus.ACCEPTED) {
                throw ProblemException.conflict("material-accepted", item.name() + " is already accepted");
            }
            String matter = p.matterType().code();
            return new Target(projectId, itemId, config.maxBytesFor(matter), config.allowedTypesFor(matter));
        });
    }

    private String detect(Target t, MaterialTypes.Source source) {
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(MaterialTypes.HEAD);
            String type = MaterialTypes.detect(head, source);
            MaterialTypes.requireAllowed(type, t.allowed());
            return type;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MaterialFile visibleFile(long fileId) {
        return files.findByIdOptional(fileId)
                .filter(access::maySee)
                .orElseThrow(() -> ProblemException.notFound("material file", fileId));
    }

    private MaterialUpload ownUpload(String uploadId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            MaterialUpload u = uploads.findByIdOptional(uploadId)
                    .filter(x -> x.uploader().id().equals(me.id()))
                    .orElseThrow(() -> ProblemException.notFound("upload", uploadId));
            u.project().id();
            u.item().id();
            return u;
        });
    }

    private MaterialFileView view(MaterialFile f) {
        return MaterialFileView.of(f, config.previewableTypes().contains(f.mediaType()));
    }

    private static UploadView view(MaterialUpload u, long offset) {
        return new UploadView(
                u.id(), u.project().id(), u.item().id(), u.fileName(), u.declaredSize(), offset, url(u.id()));
    }

    private static String url(String uploadId) {
        return "/api/material-uploads/" + uploadId;
    }

    private <T> T withUploadLock(String uploadId, Supplier<T> work) {
        ReentrantLock lock = uploadLocks.computeIfAbsent(uploadId, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw ProblemException.conflict("upload-busy", "another chunk of this upload is being received");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
            uploadLocks.remove(uploadId, lock);
        }
    }

    private long stagedLength(String uploadId) {
        try {
            return store.stagedLength(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void discard(String staging) {
        try {
            store.discardStaged(staging);
        } catch (IOException e) {
            LOG.warnf("Could not discard staged upload %s: %s", staging, e.getMessage());
        }
    }

    private void deleteObject(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            LOG.warnf("Could not delete unreferenced material object %s: %s", key, e.getMessage());
        }
    }

    private static void requireSize(long size, long max, String field) {
        if (size <= 0) {
            throw ProblemException.invalid(field, "is empty");
        }
        if (size > max) {
            throw tooLarge(field, "is " + size + " bytes, over the limit of " + max + " bytes");
        }
    }

    static ProblemException tooLarge(String field, String message) {
        return new ProblemException(
                413,
                "too-large",
                "Content Too Large",
                field + ": " + message,
                List.of(new Problem.FieldError(field, message)),
                null);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** QuarkusTransaction wraps what the work threw; give callers (and the problem mapper) the original. */
    private static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
        }
        return e;
    }
}

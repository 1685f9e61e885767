package org.liandong.material;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.liandong.common.ProblemException;
import org.liandong.material.store.MaterialStore;

/**
 * Material versions as other features name them: the versions a project is accepted with (what a
 * session reviews, and what its decision lists), and page references from opinions, printed as
 * "material, version, file, page, region, SHA-256 prefix" so that a reader finds the exact page
 * of the exact bytes.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MaterialReferences {

    /** How many hex digits of the SHA-256 a printed reference shows (64 bits: enough to tell versions apart by eye). */
    public static final int SHA_PREFIX = 16;

    /** One version as a document lists it; {@code sha256} in full. */
    public record VersionLine(long fileId, String item, int version, String fileName, String sha256) {}

    /** A page reference: {@code region} is {@code x,y,width,height} as fractions of the page (0–1), or null for the whole page. */
    public record PageRef(long materialFileId, int page, String region) {}

    private final MaterialFileRepository files;
    private final MaterialStore store;

    MaterialReferences(MaterialFileRepository files, MaterialStore store) {
        this.files = files;
        this.store = store;
    }

    /** The versions the project's checklist is accepted with, in checklist order. */
    public List<VersionLine> acceptedVersions(long projectId) {
        return files.listAcceptedFor(projectId).stream()
                .map(MaterialReferences::line)
                .toList();
    }

    /** The given versions, in the given order (unknown ids are skipped). */
    public List<VersionLine> versions(List<Long> fileIds) {
        return fileIds.stream()
                .map(files::findByIdOptional)
                .flatMap(java.util.Optional::stream)
                .map(MaterialReferences::line)
                .toList();
    }

    /**
     * 400 naming {@code <at>.materialFileId} unless the version is one the project is accepted with
     * (what officials reviewed), or {@code <at>.page} if the version has fewer pages than {@code page}.
     * The page count is read from the bytes once, at the first citation of the version, and kept on it.
     *
     * @param at the citation's place in the request, e.g. {@code citations[0]}
     */
    public void requireCitable(long projectId, long fileId, int page, String at) {
        MaterialFile f = files.listAcceptedFor(projectId).stream()
                .filter(x -> x.id() == fileId)
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid(
                        at + ".materialFileId", "cite an accepted material version of this project"));
        int pages = pageCount(f);
        if (pages > 0 && page > pages) {
            throw ProblemException.invalid(
                    at + ".page",
                    "page " + page + " is beyond the last page: " + f.item().name() + " v" + f.version() + " has "
                            + pages + (pages == 1 ? " page" : " pages"));
        }
    }

    private int pageCount(MaterialFile f) {
        if (f.pageCount().isEmpty()) {
            try (InputStream in = store.open(f.storageKey())) {
                f.recordPageCount(PageCounter.count(f.mediaType(), in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return f.pageCount().orElse(0);
    }

    /** "〔见：项目申请报告 第2版《report.pdf》第3页（区域 0.1,0.2,0.5,0.3）SHA-256 a0aaf86aefdca3d9〕". */
    public String cite(PageRef ref) {
        MaterialFile f = files.findByIdOptional(ref.materialFileId())
                .orElseThrow(
                        () -> new IllegalStateException("cited material file " + ref.materialFileId() + " is gone"));
        return "〔见：" + f.item().name() + " 第" + f.version() + "版《" + f.fileName() + "》第" + ref.page() + "页"
                + (ref.region() == null ? "" : "（区域 " + ref.region() + "）") + " SHA-256 "
                + f.sha256().substring(0, SHA_PREFIX).toLowerCase(Locale.ROOT) + "〕";
    }

    private static VersionLine line(MaterialFile f) {
        return new VersionLine(f.id(), f.item().name(), f.version(), f.fileName(), f.sha256());
    }
}

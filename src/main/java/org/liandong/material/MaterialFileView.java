package org.liandong.material;

import java.time.Instant;

/**
 * One file version as the API shows it.
 *
 * @param size        bytes
 * @param mediaType   detected from the content (Apache Tika), never from the name
 * @param sha256      lower-case hex SHA-256 of the bytes (also the content's {@code ETag} and {@code Repr-Digest})
 * @param previewable whether a browser shows it (PDF with pdf.js, JPEG/PNG directly); otherwise download only
 * @param uploadedBy  who uploaded it and in which capacity on this project (APPLICANT, PROXY_AGENT, COORDINATOR)
 * @param contentUrl  where the bytes are served
 */
public record MaterialFileView(
        Long id,
        long projectId,
        long itemId,
        String itemName,
        int version,
        String fileName,
        long size,
        String mediaType,
        String sha256,
        boolean previewable,
        Uploader uploadedBy,
        Instant uploadedAt,
        String contentUrl) {

    public record Uploader(Long id, String displayName, String capacity) {}

    static MaterialFileView of(MaterialFile f, boolean previewable) {
        String capacity = f.project().applicant().id().equals(f.uploadedBy().id())
                ? "APPLICANT"
                : f.project().proxyAgent() != null
                                && f.project()
                                        .proxyAgent()
                                        .id()
                                        .equals(f.uploadedBy().id())
                        ? "PROXY_AGENT"
                        : "COORDINATOR";
        return new MaterialFileView(
                f.id(),
                f.project().id(),
                f.item().id(),
                f.item().name(),
                f.version(),
                f.fileName(),
                f.size(),
                f.mediaType(),
                f.sha256(),
                previewable,
                new Uploader(f.uploadedBy().id(), f.uploadedBy().displayName(), capacity),
                f.uploadedAt(),
                "/api/material-files/" + f.id() + "/content");
    }
}

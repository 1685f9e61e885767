package org.liandong.material;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Materials: where the bytes live and what may be uploaded. Sizes accept suffixes ({@code 200M}
 * = 200 MiB). {@code quarkus.http.limits.max-body-size} must stay above the largest {@code max-size}
 * (multipart adds a few hundred bytes), or the HTTP layer refuses bodies before Liandong can.
 */
@ConfigMapping(prefix = "liandong.materials")
public interface MaterialConfig {

    /** Which {@code MaterialStore} keeps the bytes. */
    enum StoreKind {
        /** Under {@link #dir()} on this node's disk: the embedded default, one node. */
        FILES,
        /** In the application's database (PostgreSQL), shared by every node. */
        DATABASE
    }

    /** {@code files} (default, one node) or {@code database} (several nodes sharing PostgreSQL). */
    @WithDefault("files")
    StoreKind store();

    /** Root directory of the files store. */
    @WithDefault("${liandong.data-dir}/materials")
    Path dir();

    /** Largest file, unless a matter type says otherwise. */
    @WithDefault("200M")
    MemorySize maxSize();

    /**
     * Media types (as detected from the content) that may be uploaded, unless a matter type says
     * otherwise. Default: PDF, OFD, JPEG, PNG, TIFF, and - stored but not previewed - DWG, DXF and
     * Office documents (legacy binary and OOXML).
     */
    @WithDefault("application/pdf,application/ofd,image/jpeg,image/png,image/tiff,image/vnd.dwg,image/vnd.dxf,"
            + "application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint,application/x-tika-msoffice,"
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
            + "application/vnd.openxmlformats-officedocument.presentationml.presentation")
    List<String> allowedTypes();

    /** Types a browser shows directly (pdf.js for PDF, an img element for images); others are download-only. */
    @WithDefault("application/pdf,image/jpeg,image/png")
    Set<String> previewableTypes();

    /** Largest chunk of a resumable upload (one {@code PUT} with {@code Content-Range}). */
    @WithDefault("32M")
    MemorySize maxChunk();

    /**
     * Per matter type code, e.g. {@code liandong.materials.matter-types."construction-permit".max-size=500M}
     * and {@code ...allowed-types=application/pdf,image/vnd.dwg}.
     */
    Map<String, MatterLimits> matterTypes();

    interface MatterLimits {
        Optional<MemorySize> maxSize();

        Optional<List<String>> allowedTypes();
    }

    default long maxBytesFor(String matterType) {
        MatterLimits m = matterTypes().get(matterType);
        return (m == null ? Optional.<MemorySize>empty() : m.maxSize())
                .orElse(maxSize())
                .asLongValue();
    }

    default List<String> allowedTypesFor(String matterType) {
        MatterLimits m = matterTypes().get(matterType);
        return (m == null ? Optional.<List<String>>empty() : m.allowedTypes()).orElse(allowedTypes());
    }

    /** The largest limit of any matter type: what a request may declare before its project is known. */
    default long largestMaxBytes() {
        return matterTypes().values().stream()
                .map(m -> m.maxSize().map(MemorySize::asLongValue).orElse(0L))
                .reduce(maxSize().asLongValue(), Math::max);
    }
}

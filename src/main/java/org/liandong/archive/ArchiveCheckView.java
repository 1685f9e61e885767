package org.liandong.archive;

import java.util.List;

/**
 * Answer of {@code POST /api/archives/verify}. {@code intact}: the manifest's seal verifies and
 * every file matches it; {@code changed}, {@code missing}, {@code extra} name the files that do not.
 */
public record ArchiveCheckView(
        boolean intact,
        boolean manifestSealValid,
        List<String> changed,
        List<String> missing,
        List<String> extra,
        String message) {}

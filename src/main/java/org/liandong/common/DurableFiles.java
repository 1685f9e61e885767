package org.liandong.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that must be on disk before we acknowledge anything that depends on them (a generated
 * key, an audit checkpoint, a filed recording). A write goes to a temporary file in the same
 * directory, is forced to the device ({@code fsync}), renamed over the target in one step, and the
 * directory entry is forced too: after a crash or power cut the target holds either the old or the
 * new content, never a torn mix.
 */
public final class DurableFiles {

    /** Owner read/write only: for secrets. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DurableFiles() {}

    /** Replaces {@code target} with {@code content} atomically and durably; {@code perms} may be null. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = tempBeside(target, perms);
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /**
     * Creates {@code target} with {@code content} only if it does not exist yet (two nodes or two
     * threads racing: exactly one wins); returns what the file holds afterwards.
     */
    public static byte[] createOnce(Path target, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = tempBeside(target, perms);
        try {
            Files.write(tmp, content);
            sync(tmp);
            try {
                Files.createLink(target, tmp); // fails if the target exists: no overwrite of another's secret
            } catch (java.nio.file.FileAlreadyExistsException lost) {
                return Files.readAllBytes(target);
            } catch (UnsupportedOperationException noHardLinks) {
                if (Files.exists(target)) {
                    return Files.readAllBytes(target);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
        return content;
    }

    /** Forces a file written by someone else (e.g. an external converter) to the device. */
    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /** An empty temporary file in the target's directory (same file system: the rename is atomic). */
    private static Path tempBeside(Path target, Set<PosixFilePermission> perms) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        if (perms != null) {
            setPermissions(tmp, perms);
        }
        return tmp;
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException notSupported) {
            // Some file systems (and Windows) refuse to open directories; the rename is then as durable as they allow.
        }
    }

    private static void setPermissions(Path p, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file system: rely on the directory's access control.
        }
    }
}

package org.liandong.material.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The embedded default: bytes under a directory on this node's disk ({@code staging/<key>.part},
 * {@code objects/<2 chars>/<key>}). Appends write at the staged end and {@code fsync}; a failed
 * append truncates back to where it started. Publishing renames atomically within one file system
 * and then {@code fsync}s the directory, so an acknowledged version survives a crash. One node only:
 * several nodes need a shared store ({@link DatabaseMaterialStore}).
 */
public class FileMaterialStore implements MaterialStore {

    private static final int BUFFER = 1 << 16;

    private final Path staging;
    private final Path objects;

    public FileMaterialStore(Path root) {
        this.staging = root.resolve("staging");
        this.objects = root.resolve("objects");
        try {
            Files.createDirectories(staging);
            Files.createDirectories(objects);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the material store under " + root.toAbsolutePath(), e);
        }
    }

    @Override
    public long stagedLength(String stagingKey) throws IOException {
        Path p = staged(stagingKey);
        return Files.exists(p) ? Files.size(p) : 0;
    }

    @Override
    public long append(String stagingKey, long offset, InputStream data) throws IOException {
        Path p = staged(stagingKey);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() != offset) {
                throw new IllegalStateException("staged " + ch.size() + " bytes, not " + offset);
            }
            long position = offset;
            try {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = data.read(buffer)) > 0) {
                    ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                    while (b.hasRemaining()) {
                        position += ch.write(b, position);
                    }
                }
                ch.force(true);
                return position;
            } catch (IOException | RuntimeException e) {
                ch.truncate(offset); // all or nothing: a cut chunk leaves no partial bytes behind
                ch.force(true);
                throw e;
            }
        }
    }

    @Override
    public InputStream openStaged(String stagingKey) throws IOException {
        return Files.newInputStream(staged(stagingKey));
    }

    @Override
    public void publish(String stagingKey, String key) throws IOException {
        Path target = object(key);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            throw new IllegalStateException("object " + key + " exists; objects are never overwritten");
        }
        try {
            Files.move(staged(stagingKey), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the material store's staging and objects directories must be on one file system", e);
        }
        fsyncDirectory(target.getParent());
        fsyncDirectory(staging);
    }

    @Override
    public void discardStaged(String stagingKey) throws IOException {
        Files.deleteIfExists(staged(stagingKey));
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path p = object(key);
        if (!Files.exists(p)) {
            throw new NoSuchFileException("object " + key);
        }
        return Files.newInputStream(p);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(object(key));
    }

    private Path staged(String key) {
        return staging.resolve(MaterialStore.checkKey(key) + ".part");
    }

    private Path object(String key) {
        MaterialStore.checkKey(key);
        return objects.resolve(key.substring(0, Math.min(2, key.length()))).resolve(key);
    }

    /** Makes a rename durable (POSIX: the directory entry is only on disk after the directory is synced). */
    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) { // Windows cannot open directories
                throw e;
            }
        }
    }
}

package org.liandong.material.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Bytes in the application's database, table {@code material_blob_chunk}, in rows of at most
 * {@value #CHUNK} bytes: the store for several nodes, since they already share PostgreSQL (the
 * legal record) and need nothing else installed. Each append is one transaction (all rows or
 * none, durable on commit); publishing renames the staged rows in one {@code UPDATE}. Reading
 * fetches one row per query, so neither side ever holds more than one chunk in memory.
 * Caveat: material bytes grow the database and its backups; an S3 API store is the next step if
 * that becomes a burden (none could be installed here to test one against).
 */
public class DatabaseMaterialStore implements MaterialStore {

    static final int CHUNK = 1 << 20;

    private final DataSource dataSource;

    public DatabaseMaterialStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long stagedLength(String stagingKey) throws IOException {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select coalesce(sum(octet_length(data)), 0) from material_blob_chunk where blob_key = ?")) {
                s.setString(1, staged(stagingKey));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public long append(String stagingKey, long offset, InputStream data) throws IOException {
        String key = staged(stagingKey);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    long length;
                    int seq;
                    try (PreparedStatement s =
                            c.prepareStatement("select coalesce(sum(octet_length(data)), 0), count(*) "
                                    + "from material_blob_chunk where blob_key = ?")) {
                        s.setString(1, key);
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            length = r.getLong(1);
                            seq = r.getInt(2);
                        }
                    }
                    if (length != offset) {
                        throw new IllegalStateException("staged " + length + " bytes, not " + offset);
                    }
                    try (PreparedStatement insert = c.prepareStatement(
                            "insert into material_blob_chunk (blob_key, seq, data) values (?, ?, ?)")) {
                        byte[] buffer = new byte[CHUNK];
                        int n;
                        while ((n = data.readNBytes(buffer, 0, CHUNK)) > 0) {
                            insert.setString(1, key);
                            insert.setInt(2, seq++);
                            insert.setBytes(3, n == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, n));
                            insert.executeUpdate();
                            length += n;
                        }
                    }
                    return length;
                }
            });
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    @Override
    public InputStream openStaged(String stagingKey) {
        return new ChunkStream(staged(stagingKey));
    }

    @Override
    public void publish(String stagingKey, String key) throws IOException {
        update(
                "update material_blob_chunk set blob_key = ? where blob_key = ?",
                MaterialStore.checkKey(key),
                staged(stagingKey));
    }

    @Override
    public void discardStaged(String stagingKey) throws IOException {
        update("delete from material_blob_chunk where blob_key = ?", staged(stagingKey));
    }

    @Override
    public InputStream open(String key) throws IOException {
        ChunkStream in = new ChunkStream(MaterialStore.checkKey(key));
        if (!in.fetch()) {
            throw new java.nio.file.NoSuchFileException("object " + key);
        }
        return in;
    }

    @Override
    public void delete(String key) throws IOException {
        update("delete from material_blob_chunk where blob_key = ?", MaterialStore.checkKey(key));
    }

    private static String staged(String stagingKey) {
        return "s-" + MaterialStore.checkKey(stagingKey);
    }

    private void update(String sql, String... args) throws IOException {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection();
                        PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        s.setString(i + 1, args[i]);
                    }
                    s.executeUpdate();
                } catch (SQLException e) {
                    throw new UncheckedIOException(new IOException(e));
                }
            });
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) throws IOException {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return work.run(c);
                }
            });
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    private static IOException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException ise) {
                throw ise;
            }
            if (t instanceof IOException io) {
                return io;
            }
        }
        return new IOException(e);
    }

    /** Reads a blob one row at a time. */
    private final class ChunkStream extends InputStream {
        private final String key;
        private int seq;
        private byte[] current = new byte[0];
        private int pos;
        private boolean done;

        ChunkStream(String key) {
            this.key = key;
        }

        /** Loads the next row; false at the end. */
        boolean fetch() throws IOException {
            byte[] next = query(c -> {
                try (PreparedStatement s =
                        c.prepareStatement("select data from material_blob_chunk where blob_key = ? and seq = ?")) {
                    s.setString(1, key);
                    s.setInt(2, seq);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? r.getBytes(1) : null;
                    }
                }
            });
            if (next == null) {
                done = true;
                return false;
            }
            seq++;
            current = next;
            pos = 0;
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length) {
                if (done || !fetch()) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}

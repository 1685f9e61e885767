package org.liandong.material;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Yields exactly {@code length} bytes of a request body and fails (so that the store keeps
 * nothing of the chunk) if the body ends sooner - a dropped connection - or carries more.
 */
final class ExactLengthInputStream extends FilterInputStream {

    private final long length;
    private long read;

    ExactLengthInputStream(InputStream in, long length) {
        super(in);
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (read == length) {
            if (in.read() >= 0) {
                throw new IOException("the body is longer than Content-Range says");
            }
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, length - read));
        if (n < 0) {
            throw new EOFException("the body ended after " + read + " of " + length + " bytes");
        }
        read += n;
        return n;
    }
}

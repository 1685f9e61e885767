package org.liandong.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade over a plain TCP socket, for what well-behaved clients never do: reset the
 * connection (SO_LINGER 0, so close sends RST) right after the 101, or half-send a request.
 */
public final class RawUpgrade implements AutoCloseable {

    private final Socket socket;

    private RawUpgrade(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the base URL's host and port. */
    public static RawUpgrade connect(URI base) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        s.setSoTimeout(10_000);
        return new RawUpgrade(s);
    }

    /** Sends the upgrade request for a room and returns the status line of the answer. */
    public String upgrade(URI base, long sessionId, String token) throws IOException {
        send("GET /rooms/" + sessionId + "?token=" + token + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        return readHeaders().split("\r\n", 2)[0];
    }

    public void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads up to the blank line that ends the response headers. */
    private String readHeaders() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** True once the server has closed its side (read returns end of stream or the socket reset). */
    public boolean closedByServer() {
        try {
            socket.setSoTimeout(200);
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Resets the connection: RST instead of FIN, with no WebSocket close frame. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

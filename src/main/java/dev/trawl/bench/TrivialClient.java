package dev.trawl.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The least client that can load the sim web: one keep-alive HTTP/1.1 connection, a GET at a time, the
 * body read by its {@code Content-Length} and nothing else (no parsing, no pool, no DNS). What it reaches
 * per second is the server's capacity, not a crawler's. Not thread-safe: one connection per thread.
 */
final class TrivialClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String hostHeader;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to {@code address:port}, sending {@code host:port} as the Host header.
     */
    TrivialClient(String address, String host, int port) throws IOException {
        this.hostHeader = host + ":" + port;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
        // small: the capacity meter keeps thousands of these open at once (twice io-wide's 2,000 in flight)
        this.in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        this.out = socket.getOutputStream();
    }

    /** GETs {@code path} and returns the body; any status is fine, the server answered. */
    byte[] get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: trawl-bench\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long length = -1;
        String line = line();
        if (!line.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: '" + line + "'");
        }
        while (!(line = line()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Long.parseLong(line.substring(colon + 1).strip());
            }
        }
        if (length < 0) {
            throw new IOException("response to " + path + " has no Content-Length; the trivial client needs one");
        }
        return in.readNBytes((int) length);
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed mid-response");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

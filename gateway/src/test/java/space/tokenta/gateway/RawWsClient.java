package space.tokenta.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare WebSocket client over a socket with a small receive buffer: it reads only when asked and
 * never answers pings, so tests can play a client that stopped reading or went silent.
 */
final class RawWsClient implements AutoCloseable {
    static final int OP_TEXT = 1;
    static final int OP_CLOSE = 8;
    private static final int MAX_FRAME_BYTES = 16 << 20;
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    RawWsClient(final int port, final int receiveBufferBytes) throws IOException {
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        final String key = Base64.getEncoder().encodeToString("tokenta-raw-test".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            if (head.length() > 8_192) {
                throw new IOException("handshake answer too long");
            }
            head.append((char) in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head);
        }
    }

    /** Sends one masked text frame (clients must mask). */
    void sendText(final String text) throws IOException {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final byte[] mask = {0x11, 0x22, 0x33, 0x44};
        final java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.write(0x80 | OP_TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            if (payload.length > 0xffff) {
                throw new IOException("test frames stay under 64 KiB");
            }
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask);
        for (int n = 0; n < payload.length; n++) {
            frame.write(payload[n] ^ mask[n & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    Frame readFrame() throws IOException {
        final int b0 = in.readUnsignedByte();
        final int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("frame length " + length);
        }
        final byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads frames until a close frame (bounded by {@code maxFrames}); null when the stream ends first. */
    Frame readUntilClose(final int maxFrames) throws IOException {
        for (int n = 0; n < maxFrames; n++) {
            final Frame f;
            try {
                f = readFrame();
            } catch (final java.io.EOFException e) {
                return null;
            }
            if (f.opcode() == OP_CLOSE) {
                return f;
            }
        }
        throw new IOException("no close frame within " + maxFrames + " frames");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

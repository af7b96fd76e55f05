package dev.orrery.transport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An OutputStream that hands complete lines (UTF-8, without {@code \n} or a trailing {@code \r}) to an
 * {@link OutputSink} as they arrive; {@link #close()} flushes an unterminated last line. Written by one
 * thread at a time (one stream of one channel).
 */
final class LineSplitter extends OutputStream {
    /** A "line" longer than this (binary output, a progress bar without newlines) is handed over in pieces. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private final OutputSink sink;
    private final boolean stderr;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    LineSplitter(OutputSink sink, boolean stderr) {
        this.sink = sink;
        this.stderr = stderr;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            pending.write(b);
            if (pending.size() >= MAX_LINE_BYTES) {
                emit();
            }
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n' || pending.size() + (i - start) >= MAX_LINE_BYTES) {
                pending.write(bytes, start, i - start);
                emit();
                start = bytes[i] == '\n' ? i + 1 : i;
            }
        }
        pending.write(bytes, start, off + len - start);
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        sink.line(stderr, line);
    }

    @Override
    public synchronized void close() {
        if (!closed && pending.size() > 0) {
            emit();
        }
        closed = true;
    }
}

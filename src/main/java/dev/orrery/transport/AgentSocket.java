package dev.orrery.transport;

import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A connection to an ssh-agent over its Unix domain socket, with the JDK's own Unix sockets (Java 16+), so no
 * native library is needed. MINA's {@link AbstractAgentProxy} speaks the agent protocol; this class only
 * carries its messages. {@link #getIdentities()} answers in the order a {@link AgentKeys} plan chose. One
 * connection per login; not thread-safe (MINA uses it from one authentication at a time).
 */
final class AgentSocket extends AbstractAgentProxy {
    private static final int MAX_ANSWER = 256 * 1024;

    private final SocketChannel channel;
    private final List<PublicKey> order;

    private AgentSocket(SocketChannel channel, List<PublicKey> order) {
        super(null);
        this.channel = channel;
        this.order = order;
    }

    /** Connects to the agent at {@code socket}; {@code order} lists the keys to offer, in order (null: all). */
    static AgentSocket connect(Path socket, List<PublicKey> order) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new AgentSocket(channel, order);
    }

    /** The agent's keys, in the agent's order, with their comments. */
    List<Map.Entry<PublicKey, String>> allIdentities() throws IOException {
        List<Map.Entry<PublicKey, String>> all = new ArrayList<>();
        super.getIdentities().forEach(all::add);
        return all;
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        List<Map.Entry<PublicKey, String>> all = allIdentities();
        if (order == null) {
            return all;
        }
        List<Map.Entry<PublicKey, String>> chosen = new ArrayList<>();
        for (PublicKey wanted : order) {
            all.stream().filter(e -> AgentKeys.same(e.getKey(), wanted)).findFirst().ifPresent(chosen::add);
        }
        return chosen;
    }

    @Override
    protected Buffer request(Buffer buffer) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = read(4);
        int size = length.getInt();
        if (size <= 0 || size > MAX_ANSWER) {
            throw new IOException("ssh-agent answered with a message of " + size + " bytes");
        }
        return new ByteArrayBuffer(read(size).array());
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(n);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new EOFException("ssh-agent closed the connection");
            }
        }
        in.flip();
        return in;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            super.close();
        }
    }
}

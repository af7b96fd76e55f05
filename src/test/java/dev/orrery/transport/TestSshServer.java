package dev.orrery.transport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded MINA SSH server for tests, as MINA's own tests do it: 127.0.0.1, port 0, a generated ed25519
 * host key, public-key login for the given keys, commands through {@code sh -c} in {@code home}, SFTP rooted at
 * {@code home}. Counts sessions so tests can check reuse.
 */
final class TestSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final Path home;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-sshd");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sessions = new AtomicInteger();
    private final Set<String> users = new CopyOnWriteArraySet<>();

    private TestSshServer(Path home, List<KeyPair> hostKeys, int port, List<PublicKey> authorized) throws IOException {
        this.home = home;
        this.hostKey = hostKeys.get(0);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator((user, key, session) -> {
            users.add(user);
            return authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        });
        server.setCommandFactory((channel, command) -> new SandboxCommand(command, home, threads));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(home));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
    }

    static TestSshServer start(Path home, PublicKey... authorized) throws Exception {
        return new TestSshServer(home, List.of(newKey()), 0, List.of(authorized));
    }

    /** A server with several host keys; the first is {@link #hostKey()}. */
    static TestSshServer start(Path home, List<KeyPair> hostKeys, PublicKey... authorized) throws Exception {
        return new TestSshServer(home, hostKeys, 0, List.of(authorized));
    }

    static KeyPair newKey() throws Exception {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    int port() {
        return server.getPort();
    }

    PublicKey hostKey() {
        return hostKey.getPublic();
    }

    Path home() {
        return home;
    }

    /** Sessions opened so far (including ones that failed to log in). */
    int sessionsCreated() {
        return sessions.get();
    }

    /** User names that tried to log in. */
    Set<String> users() {
        return Set.copyOf(users);
    }

    /** Closes every session, as a server restart or a network cut between tasks would. */
    void dropSessions() {
        server.getActiveSessions().forEach(s -> s.close(true));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        threads.shutdownNow();
    }
}

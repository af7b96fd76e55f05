package dev.orrery.transport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Sandbox hosts: for each inventory host marked {@code sandbox: true}, an embedded SSH server (Apache MINA
 * SSHD) on 127.0.0.1 and a free port, started on first use. Commands run with {@code sh -c} as the current
 * user in {@code <workspace>/.orrery/sandbox/<host>/} (also HOME and the SFTP root). The host key
 * ({@link #hostKeyFile}, outside every host's folder) and the one client key ({@code client_ed25519}) are
 * generated once and kept;
 * the server accepts only that client key. Because Orrery created the host keys it records them in its own
 * {@code .orrery/sandbox/known_hosts}, under the alias {@code orrery-sandbox-<host>}; clients still verify the
 * key against that file like any other host. The folder is the host's whole file system as Orrery sees it:
 * SFTP is rooted at it (an upload to {@code /www} lands in {@code <folder>/www}) and the transport maps workdirs
 * the same way ({@link SandboxPaths}). It is a folder, not a jail: commands run as the current user and can
 * reach anything that user can. Thread-safe; {@link #close()} stops every server.
 */
public final class SandboxHosts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxHosts.class);
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    /** Where a running sandbox host listens and how to log in to it. */
    public record Endpoint(String host, int port, Path folder, Path clientKey, Path knownHosts, String hostKeyAlias) {
    }

    private final Path sandboxRoot;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final ExecutorService threads;
    private KeyPair clientKey;
    private boolean closed;

    private record Running(SshServer server, Endpoint endpoint) {
    }

    public SandboxHosts(Path workspaceRoot) {
        this.sandboxRoot = workspaceRoot.toAbsolutePath().normalize().resolve(".orrery").resolve("sandbox");
        this.threads = Executors.newCachedThreadPool(daemonThreads());
    }

    /** {@code <workspace>/.orrery/sandbox/<host>/}: the host's working folder. */
    public Path folderOf(String host) throws TransportException {
        return sandboxRoot.resolve(checkedName(host));
    }

    public Path knownHostsFile() {
        return sandboxRoot.resolve("known_hosts");
    }

    public Path clientKeyFile() {
        return sandboxRoot.resolve("client_ed25519");
    }

    /**
     * {@code .orrery/sandbox/.host-keys/<host>_host_key}: outside every host's folder (no host name starts with a
     * dot), so no step or upload of a sandbox host reaches its own key through the folder it works in.
     */
    public Path hostKeyFile(String host) throws TransportException {
        return sandboxRoot.resolve(".host-keys").resolve(checkedName(host) + "_host_key");
    }

    /** A key an older version kept in the host's folder ({@code <host>/host_key}) moves out of it, unchanged. */
    private Path movedHostKey(String host) throws TransportException {
        Path file = hostKeyFile(host);
        Path old = folderOf(host).resolve("host_key");
        Path oldPub = old.resolveSibling("host_key.pub");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file) && Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(old, file);
                if (Files.isRegularFile(oldPub, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(oldPub, file.resolveSibling(file.getFileName() + ".pub"));
                }
            }
            Files.deleteIfExists(old);
            Files.deleteIfExists(oldPub);
        } catch (IOException e) {
            throw new TransportException("could not keep the host key of sandbox host " + host + " in " + file
                    + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Starts the host's server if it is not running yet; returns where it listens. */
    public synchronized Endpoint start(String host) throws TransportException {
        if (closed) {
            throw new TransportException("sandbox hosts are closed");
        }
        Running r = running.get(host);
        if (r != null && r.server().isOpen()) {
            return r.endpoint();
        }
        Path folder = folderOf(host);
        try {
            Files.createDirectories(folder);
            if (clientKey == null) {
                clientKey = KeyFiles.loadOrGenerate(clientKeyFile(), "orrery-sandbox-client");
            }
            KeyPair hostKey = KeyFiles.loadOrGenerate(movedHostKey(host), "orrery-sandbox-" + host);
            String alias = "orrery-sandbox-" + host;
            trust(alias, hostKey.getPublic());
            SshServer server = server(folder, hostKey, clientKey.getPublic());
            server.start();
            Endpoint endpoint = new Endpoint(host, server.getPort(), folder, clientKeyFile(), knownHostsFile(), alias);
            running.put(host, new Running(server, endpoint));
            LOG.info("sandbox host {} listening on 127.0.0.1:{} in {}", host, endpoint.port(), folder);
            return endpoint;
        } catch (IOException e) {
            throw new TransportException("could not start sandbox host " + host + " in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Names of the sandbox hosts currently running, in start order. */
    public synchronized List<String> runningHosts() {
        return List.copyOf(running.keySet());
    }

    /** Stops one host's server (its sessions drop); the next {@link #start} brings it back on a new port. */
    public synchronized void stop(String host) {
        Running r = running.remove(host);
        if (r != null) {
            stopQuietly(r);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        running.values().forEach(SandboxHosts::stopQuietly);
        running.clear();
        threads.shutdownNow();
    }

    private SshServer server(Path folder, KeyPair hostKey, PublicKey client) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(client, key));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new SandboxCommand(command, folder, threads));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.setFileSystemAccessor(new SandboxFiles(folder));
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(folder));
        return server;
    }

    /** Orrery generated this key, so it records it in its own known_hosts (replacing an older key it made). */
    private void trust(String alias, PublicKey key) throws IOException {
        KnownHosts known = new KnownHosts(knownHostsFile());
        if (!(known.check(alias, 22, key) instanceof KnownHosts.Known)) {
            known.replace(alias, 22, key);
        }
    }

    private static void stopQuietly(Running r) {
        try {
            r.server().stop(true);
        } catch (IOException e) {
            LOG.warn("stopping sandbox host {} failed: {}", r.endpoint().host(), e.getMessage());
        }
    }

    private static String checkedName(String host) throws TransportException {
        if (host == null || !HOST_NAME.matcher(host).matches() || host.equals("..")) {
            throw new TransportException("'" + host + "' cannot be a sandbox host name (letters, digits, . _ - only)");
        }
        return host;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

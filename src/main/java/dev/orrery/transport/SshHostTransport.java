package dev.orrery.transport;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * SSH to one host: one authenticated session, opened on first use and reused by every step (each step gets
 * its own exec channel, so several may run at once); if the session dropped between steps the next step
 * reconnects. Thread-safe.
 */
final class SshHostTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(SshHostTransport.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final long WAIT_SLICE_MS = 200;
    private static final long HANDSHAKE_RETRY_PAUSE_MS = 300;
    private static final AttributeRepository.AttributeKey<ProxyCommand> PROXY_COMMAND =
            new AttributeRepository.AttributeKey<>();
    /** A ProxyCommand that failed may still be writing why when the login notices: wait this long for it. */
    private static final Duration PROXY_END_WAIT = Duration.ofSeconds(2);

    /** The jump host to go through (null: connect directly); resolved at connect time, as the target is. */
    @FunctionalInterface
    interface JumpSource {
        JumpSource DIRECT = () -> null;

        SshHostTransport resolve() throws TransportException;
    }

    /** Finds out where the host is; for sandbox hosts this starts the server. */
    @FunctionalInterface
    interface TargetSource {
        SshTarget resolve() throws TransportException;
    }

    /** A sandbox host's folder (checking the host's name). */
    @FunctionalInterface
    interface FolderSource {
        Path folder() throws TransportException;
    }

    private final String hostName;
    private final String kind;
    private final TargetSource targets;
    private final JumpSource jumps;
    private final HostKeyPolicy hostKeyPolicy;
    private final IdentityKeys identityKeys;
    private final TransportSettings settings;
    private final FolderSource sandboxFolder;
    private ClientSession session;
    private SshTarget connectedTarget;
    private int connects;

    SshHostTransport(String hostName, String kind, TargetSource targets, HostKeyPolicy hostKeyPolicy,
                     IdentityKeys identityKeys, TransportSettings settings, FolderSource sandboxFolder) {
        this(hostName, kind, targets, JumpSource.DIRECT, hostKeyPolicy, identityKeys, settings, sandboxFolder);
    }

    SshHostTransport(String hostName, String kind, TargetSource targets, JumpSource jumps, HostKeyPolicy hostKeyPolicy,
                     IdentityKeys identityKeys, TransportSettings settings, FolderSource sandboxFolder) {
        this.jumps = jumps;
        this.hostName = hostName;
        this.kind = kind;
        this.targets = targets;
        this.hostKeyPolicy = hostKeyPolicy;
        this.identityKeys = identityKeys;
        this.settings = settings;
        this.sandboxFolder = sandboxFolder;
    }

    @Override
    public int exec(String command, Map<String, String> env, String workdir, OutputSink sink, Duration timeout)
            throws TransportException, InterruptedException {
        String script;
        try {
            String folder = sandboxFolder == null ? workdir : SandboxPaths.workdir(sandboxFolder.folder(), workdir);
            script = Shell.stepScript(command, env, folder, workdir);
        } catch (IllegalArgumentException e) {
            throw new TransportException(e.getMessage(), e);
        }
        ClientSession s = session();
        ChannelExec channel;
        try {
            channel = openExec(s, script, sink);
        } catch (IOException first) {
            if (s.isOpen() && !s.isClosing()) {
                throw new TransportException("could not start a command on " + hostName + ": " + first.getMessage(), first);
            }
            // The session died between steps and nobody noticed yet: the command never started, so retry once.
            LOG.info("session to {} was closed; reconnecting", hostName);
            s = reconnect(s);
            try {
                channel = openExec(s, script, sink);
            } catch (IOException second) {
                throw new TransportException("could not start a command on " + hostName + ": " + second.getMessage(), second);
            }
        }
        return awaitExit(channel, s, timeout);
    }

    /**
     * Opens an exec channel running {@link Shell#STEP_RUNNER} and writes the step script to its input, which stays
     * open until the step ends (closing it stops the step). The exec request, which the SSH library logs, carries
     * nothing but that fixed command line: no environment requests, no command, no workdir.
     */
    private ChannelExec openExec(ClientSession s, String script, OutputSink sink) throws IOException {
        ChannelExec channel;
        try {
            channel = s.createExecChannel(Shell.STEP_RUNNER);
        } catch (IllegalStateException closing) {
            // MINA refuses new channels on a session the server is closing right now: same as a dead session.
            throw new IOException(closing.getMessage(), closing);
        }
        channel.setOut(new LineSplitter(sink, false));
        channel.setErr(new LineSplitter(sink, true));
        try {
            channel.open().verify(settings.connectTimeout());
            OutputStream input = channel.getInvertedIn();
            input.write(script.getBytes(StandardCharsets.UTF_8));
            input.flush();
            return channel;
        } catch (IOException e) {
            // without its whole script the shell runs nothing (the script is one block): this step never started
            channel.close(true);
            throw e;
        }
    }

    private int awaitExit(ChannelExec channel, ClientSession s, Duration timeout)
            throws TransportException, InterruptedException {
        // a latch rather than channel.waitFor, which swallows interrupts: a stopped runner must stop its steps
        CountDownLatch closed = new CountDownLatch(1);
        channel.addCloseFutureListener(future -> closed.countDown());
        try {
            if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                stop(channel);
                throw new TransportException("timed out after " + Durations.human(timeout));
            }
        } catch (InterruptedException e) {
            stop(channel);
            throw new InterruptedException("interrupted while running on " + hostName);
        } finally {
            if (channel.isOpen()) {
                channel.close(true);
            }
        }
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            throw new TransportException("the command on " + hostName + " was killed by signal " + signal);
        }
        if (!s.isOpen() || s.isClosing()) {
            throw new TransportException("connection to " + hostName + " dropped while running");
        }
        throw new TransportException(hostName + " closed the command's channel without an exit status");
    }

    /**
     * Stops a running step: end of file on its input makes the step script's watchdog TERM the step's process
     * group, then KILL it after {@link Shell#STOP_GRACE}. Works for any login, root included (OpenSSH refuses
     * "signal" requests for root), and needs no second channel. Waits, boundedly, for the shell to end, so that
     * a stopped step is over when this returns.
     */
    private void stop(ChannelExec channel) {
        try {
            channel.getInvertedIn().close();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), StepProcess.STOP_WAIT_MS);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not stop the step on {}: {}", hostName, e.getMessage());
        }
    }

    @Override
    public void upload(Path localSource, String remoteDestination, String workdir, String owner, String mode,
                       Duration timeout) throws TransportException, InterruptedException {
        Upload.checkOwner(owner);
        Upload.parseMode(mode);
        Upload plan = Upload.plan(localSource, remoteDestination, workdir);
        if (sandboxFolder != null) {
            for (Upload.Item item : plan.items()) {
                SandboxPaths.inside(item.remote(), "upload destination");
            }
        }
        ClientSession s = session();
        SftpClient sftp;
        try {
            sftp = SftpClientFactory.instance().createSftpClient(s);
        } catch (IOException first) {
            if (s.isOpen() && !s.isClosing()) {
                throw new TransportException("could not open SFTP on " + hostName + ": " + first.getMessage(), first);
            }
            s = reconnect(s);
            try {
                sftp = SftpClientFactory.instance().createSftpClient(s);
            } catch (IOException second) {
                throw new TransportException("could not open SFTP on " + hostName + ": " + second.getMessage(), second);
            }
        }
        try (SftpClient client = sftp) {
            plan.copy(new SftpDestination(client), mode, timeout);
        } catch (IOException e) {
            throw new TransportException("SFTP to " + hostName + " failed: " + e.getMessage(), e);
        }
        if (owner != null && !owner.isBlank()) {
            chown(owner, plan.roots(), timeout);
        }
    }

    private void chown(String owner, List<String> paths, Duration timeout)
            throws TransportException, InterruptedException {
        List<String> quoted = new ArrayList<>();
        for (String p : paths) {
            quoted.add(Shell.quote(sandboxFolder == null ? p : SandboxPaths.workdir(sandboxFolder.folder(), p)));
        }
        String args = String.join(" ", quoted);
        List<String> errors = new ArrayList<>();
        int exit = exec("chown -R " + Shell.quote(owner) + " " + args, Map.of(), null,
                (stderr, text) -> errors.add(text), timeout);
        if (exit != 0) {
            throw new TransportException("chown " + owner + " failed on " + hostName + " (exit " + exit + "): "
                    + String.join(" / ", errors));
        }
    }

    /** The session, connecting and logging in if there is none or it was closed. */
    synchronized ClientSession session() throws TransportException, InterruptedException {
        if (session != null && session.isOpen() && !session.isClosing()) {
            return session;
        }
        if (session != null) {
            LOG.info("session to {} was closed; reconnecting", hostName);
            session.close(true);
            session = null;
        }
        try {
            session = connect();
        } catch (HandshakeDropped first) {
            // sshd drops surplus simultaneous handshakes (MaxStartups): one more try after a pause
            LOG.info("{}; trying once more", first.getMessage());
            Thread.sleep(HANDSHAKE_RETRY_PAUSE_MS);
            session = connect();
        }
        return session;
    }

    /** The server closed the connection before login completed, without refusing anything. */
    private static final class HandshakeDropped extends TransportException {
        HandshakeDropped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private synchronized ClientSession reconnect(ClientSession dead) throws TransportException, InterruptedException {
        if (session == dead) {
            dead.close(true);
            session = null;
        }
        return session();
    }

    private ClientSession connect() throws TransportException, InterruptedException {
        SshTarget target = targets.resolve();
        AgentKeys agentKeys = AgentKeys.plan(target.identityAgent(), target.identities(), target.identitiesOnly());
        List<IdentityKeys.Loaded> loaded = identityKeys.load(agentKeys.filesToLoad());
        List<KeyPair> keys = new ArrayList<>();
        loaded.forEach(l -> keys.addAll(UserCertificates.withCertificates(l.keys(), l.file(), target.certificates())));
        HostKeyCheck check = new HostKeyCheck(target, hostKeyPolicy);
        SshClient client = SharedSshClient.get(settings.keepAlive());
        ClientSession s;
        try {
            // Through a jump host, the TCP connection goes to a forward on the jump host's session; the host key
            // is still checked against the target's own name and port.
            SshHostTransport jump = jumps.resolve();
            if (jump == null && target.proxyCommand() != null) {
                s = connectThroughCommand(client, target, check);
            } else if (jump == null) {
                s = client.connect(target.user(), target.address(), target.port(), SharedSshClient.contextFor(check),
                        null).verify(connectTimeout(target)).getSession();
            } else {
                // The forward lives as long as this session (closing its listener earlier can cut the forwarded
                // connection while its channel is still opening on the jump host).
                ExplicitPortForwardingTracker forward = jump.forwardTo(target.address(), target.port());
                try {
                    SshdSocketAddress local = forward.getBoundAddress();
                    s = client.connect(target.user(), local.getHostName(), local.getPort(),
                            SharedSshClient.contextFor(check), null).verify(connectTimeout(target)).getSession();
                } catch (IOException | RuntimeException e) {
                    forward.close();
                    throw e;
                }
                s.addCloseFutureListener(closed -> closeQuietly(forward));
            }
        } catch (IOException e) {
            throw unreachable(target, e);
        }
        if (target.keepAlive() != null) {
            // ssh_config's ServerAliveInterval for this host; the service reads it when login completes
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(s, target.keepAlive());
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(s, target.keepAlive());
        }
        try {
            s.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys));
            s.setAttribute(SharedSshClient.AGENT_KEYS, agentKeys);
            // MINA offers agent keys before the session's own only when asked to
            s.setAttribute(UserAuthPublicKey.USE_DEFAULT_IDENTITIES, !agentKeys.agentOrder().isEmpty());
            awaitLogin(s, s.auth(), check);
        } catch (InterruptedException e) {
            s.close(true);
            throw e;
        } catch (IOException | RuntimeException e) {
            ProxyCommand proxy = s.getAttribute(PROXY_COMMAND); // read before close, which clears attributes
            s.close(true);
            if (check.refusal() != null) {
                throw new TransportException(check.refusal(), e);
            }
            if (proxy != null && proxy.ended(PROXY_END_WAIT)) {
                throw new TransportException(target.nameAndWhere() + " unreachable through " + proxy.failure(), e);
            }
            if (isTimeout(e)) {
                throw new TransportException("timed out after " + Durations.human(settings.authTimeout())
                        + " logging in to " + target.nameAndWhere(), e);
            }
            if (isAuthRejection(e)) {
                throw new TransportException("authentication failed for " + target.user() + "@" + hostName
                        + " with keys " + describeKeys(loaded, agentKeys), e);
            }
            throw new HandshakeDropped("connection to " + target.nameAndWhere() + " failed during login: "
                    + reason(e), e);
        }
        synchronized (this) {
            connects++;
            connectedTarget = target;
        }
        LOG.debug("connected to {} as {}", target.nameAndWhere(), target.user());
        return s;
    }

    private Duration connectTimeout(SshTarget target) {
        return target.connectTimeout() != null ? target.connectTimeout() : settings.connectTimeout();
    }

    /**
     * Waits for key exchange and authentication at most {@code authTimeout}, not counting the time the host key
     * policy spends deciding (a person may be reading a fingerprint in the GUI).
     */
    private void awaitLogin(ClientSession s, AuthFuture auth, HostKeyCheck check)
            throws IOException, InterruptedException {
        long budget = settings.authTimeout().toNanos();
        long deadline = System.nanoTime() + budget;
        while (!auth.await(WAIT_SLICE_MS)) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while logging in to " + hostName);
            }
            if (check.asking()) {
                deadline = Math.max(deadline, System.nanoTime() + budget);
            } else if (System.nanoTime() > deadline) {
                throw new java.net.SocketTimeoutException("login timeout");
            }
        }
        if (!auth.isSuccess()) {
            Throwable failure = auth.getException();
            if (failure instanceof IOException io) {
                throw io;
            }
            throw new IOException(failure != null ? failure.getMessage() : "authentication failed", failure);
        }
    }

    private static String describeKeys(List<IdentityKeys.Loaded> loaded, AgentKeys agentKeys) {
        if (agentKeys.note() != null) {
            List<String> all = new ArrayList<>(List.of(agentKeys.note()));
            loaded.stream().map(IdentityKeys.Loaded::description).forEach(all::add);
            return String.join(", ", all).transform(text -> "[" + text + "]");
        }
        if (loaded.isEmpty()) {
            return "[] (none found: name one with identity-file in the inventory, IdentityFile in ~/.ssh/config, "
                    + "or create ~/.ssh/id_ed25519)";
        }
        return loaded.stream().map(IdentityKeys.Loaded::description).collect(Collectors.joining(", ", "[", "]"));
    }

    private TransportException unreachable(SshTarget target, IOException e) {
        String why;
        Throwable root = rootCause(e);
        if (root instanceof ConnectException) {
            why = "connection refused";
        } else if (root instanceof UnknownHostException) {
            why = "unknown host name " + target.address();
        } else if (root instanceof NoRouteToHostException) {
            why = "no route to host";
        } else if (isTimeout(e)) {
            why = "no answer within " + Durations.human(connectTimeout(target));
        } else {
            return new HandshakeDropped(target.nameAndWhere() + " unreachable: " + reason(e), e);
        }
        return new TransportException(target.nameAndWhere() + " unreachable: " + why, e);
    }

    private static boolean isAuthRejection(Throwable e) {
        String message = String.valueOf(rootCause(e).getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("no more authentication methods") || message.contains("authentication failed");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof InterruptedIOException
                    || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String reason(Throwable e) {
        Throwable root = rootCause(e);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** How many times this transport logged in (1 when every step reused the first session). */
    synchronized int connectCount() {
        return connects;
    }

    /**
     * Opens a forward from a loopback port of this machine, through this host's session, to {@code host:port} (as
     * MINA's own ProxyJump does), for one connection: the listener is closed once the next hop's session exists.
     */
    ExplicitPortForwardingTracker forwardTo(String host, int port) throws TransportException, InterruptedException {
        ClientSession s = session();
        try {
            return s.createLocalPortForwardingTracker(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress(host, port));
        } catch (IOException e) {
            throw new TransportException("jump host " + hostName + " could not forward to " + host + ":" + port + ": "
                    + reason(e), e);
        }
    }

    private ClientSession connectThroughCommand(SshClient client, SshTarget target, HostKeyCheck check)
            throws TransportException, IOException {
        ProxyCommand proxy = ProxyCommand.start(target.proxyCommand(), hostName, connectTimeout(target));
        ClientSession s;
        try {
            s = client.connect(target.user(), "127.0.0.1", proxy.address().getPort(), SharedSshClient.contextFor(check),
                    null).verify(connectTimeout(target)).getSession();
        } catch (IOException | RuntimeException e) {
            String why = proxy.failure();
            proxy.close();
            throw new TransportException(target.nameAndWhere() + " unreachable through " + why, e);
        }
        s.addCloseFutureListener(closed -> proxy.close());
        s.setAttribute(PROXY_COMMAND, proxy);
        return s;
    }

    private static void closeQuietly(ExplicitPortForwardingTracker forward) {
        try {
            forward.close();
        } catch (IOException e) {
            LOG.debug("closing a jump forward failed: {}", e.getMessage());
        }
    }

    synchronized void disconnect() {
        if (session != null) {
            session.close(true);
            session = null;
        }
    }

    @Override
    public synchronized String describe() {
        if (connectedTarget == null) {
            return kind + " " + hostName;
        }
        return kind + " " + ("ssh".equals(kind) ? connectedTarget.user() + "@" : "") + connectedTarget.where();
    }

    /** SFTP as an upload destination; creates folders one level at a time. */
    private static final class SftpDestination implements Upload.Destination {
        private final SftpClient sftp;

        SftpDestination(SftpClient sftp) {
            this.sftp = sftp;
        }

        @Override
        public boolean isDirectory(String remote) throws IOException {
            try {
                return sftp.stat(remote).isDirectory();
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        public void mkdir(String remote) throws IOException {
            sftp.mkdir(remote);
        }

        @Override
        public void put(Path local, String remote) throws IOException {
            sftp.put(local, remote);
        }

        @Override
        public void chmod(String remote, int mode) throws IOException {
            sftp.setStat(remote, new SftpClient.Attributes().perms(mode));
        }
    }
}

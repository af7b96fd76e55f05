package dev.orrery.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ssh_config's {@code ProxyCommand}: a command ({@code ssh -W %h:%p bastion}, a cloud CLI) whose standard input and
 * output carry the SSH connection. MINA connects to sockets only, so the command's stdio is bridged to one
 * connection on a loopback port that accepts exactly one client and then stops listening. The command's stderr
 * is kept for the error message when it fails. Closing ends the command.
 */
final class ProxyCommand implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);
    private static final int STDERR_KEPT = 2000;

    private final Process process;
    private final ServerSocket listener;
    private final StringBuffer stderr = new StringBuffer();
    private volatile Socket client;
    private volatile Thread stderrReader;

    private ProxyCommand(Process process, ServerSocket listener) {
        this.process = process;
        this.listener = listener;
    }

    /** Starts {@code sh -c command} and a one-connection loopback listener bridged to it. */
    static ProxyCommand start(String command, String hostName, Duration acceptWithin) throws TransportException {
        ServerSocket listener;
        Process process;
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listener.setSoTimeout((int) acceptWithin.toMillis());
        } catch (IOException e) {
            throw new TransportException("ProxyCommand for " + hostName + ": cannot listen on loopback: "
                    + e.getMessage(), e);
        }
        try {
            process = new ProcessBuilder("sh", "-c", command).start();
        } catch (IOException e) {
            closeQuietly(listener);
            throw new TransportException("ProxyCommand for " + hostName + " could not start: " + e.getMessage(), e);
        }
        ProxyCommand proxy = new ProxyCommand(process, listener);
        proxy.pump("proxy-accept-" + hostName, proxy::acceptAndBridge);
        proxy.stderrReader = proxy.pump("proxy-stderr-" + hostName, proxy::keepStderr);
        return proxy;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** Whether the command ended (waiting at most {@code wait}); then its stderr has been read to the end. */
    boolean ended(Duration wait) {
        try {
            if (!process.waitFor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return false;
            }
            Thread reader = stderrReader;
            if (reader != null) {
                reader.join(wait.toMillis());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The command's own explanation when it failed (its stderr, and its exit code once it ended). */
    String failure() {
        String exit = process.isAlive() ? "" : " (exit " + process.exitValue() + ")";
        String said = stderr.toString().strip();
        return "ProxyCommand" + exit + (said.isEmpty() ? "" : ": " + said);
    }

    private void acceptAndBridge() {
        try (ServerSocket only = listener) {
            client = only.accept();
        } catch (SocketTimeoutException e) {
            LOG.debug("nobody connected to the ProxyCommand bridge");
            process.destroy();
            return;
        } catch (IOException e) {
            process.destroy();
            return;
        }
        pump("proxy-out", () -> copy(process.getInputStream(), socketOut()));
        copy(socketIn(), process.getOutputStream());
    }

    private OutputStream socketOut() {
        try {
            return client.getOutputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private InputStream socketIn() {
        try {
            return client.getInputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void keepStderr() {
        byte[] buffer = new byte[512];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                if (stderr.length() < STDERR_KEPT) {
                    stderr.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the command ended
        }
    }

    /** Copies until either side ends, then closes both, so the other direction ends too. */
    private void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[32 * 1024];
        try (from; to) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ProxyCommand bridge ended: {}", e.getMessage());
        } finally {
            close();
        }
    }

    private Thread pump(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        Socket c = client;
        if (c != null) {
            closeQuietly(c);
        }
        process.destroy();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed: {}", c, e.getMessage());
        }
    }
}

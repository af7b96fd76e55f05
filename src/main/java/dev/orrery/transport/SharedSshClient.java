package dev.orrery.transport;

import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one {@link SshClient} of the process, started on first use and kept for the life of the JVM (its
 * threads are daemons). Per-host settings travel with each connection: the {@link HostKeyCheck} as a
 * connection-context attribute the shared server-key verifier dispatches to, keys set on each session.
 * The client itself trusts nothing, reads no ~/.ssh files and offers no password: public keys only.
 */
final class SharedSshClient {
    static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();
    /** The agent keys one login offers, set on its session before authentication. */
    static final AttributeKey<AgentKeys> AGENT_KEYS = new AttributeKey<>();

    private static SshClient client;

    private SharedSshClient() {
    }

    static synchronized SshClient get(Duration keepAlive) {
        if (client == null) {
            SshClient c = SshClient.setUpDefaultClient();
            c.setServerKeyVerifier((session, address, key) -> verify(session, key));
            c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            c.setFilePasswordProvider(FilePasswordProvider.EMPTY);
            c.setAgentFactory(new PlannedAgents());
            c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
            if (!keepAlive.isZero()) {
                CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, keepAlive);
                CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(c, keepAlive);
                CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, 3);
            }
            CoreModuleProperties.SOCKET_KEEPALIVE.set(c, true);
            // small request/reply packets (channel open, exec, a step script, exit status): no Nagle delays
            CoreModuleProperties.TCP_NODELAY.set(c, true);
            c.addSessionListener(new SessionListener() {
                @Override
                public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
                    HostKeyCheck check = session instanceof ClientSession cs ? checkOf(cs) : null;
                    if (check != null) {
                        proposal.put(KexProposalOption.SERVERKEYS,
                                check.preferKnownTypes(proposal.get(KexProposalOption.SERVERKEYS)));
                    }
                }
            });
            c.start();
            client = c;
        }
        return client;
    }

    /** Connects to the agent a session's {@link AgentKeys} names, offering only the keys it chose. */
    private static final class PlannedAgents implements SshAgentFactory {
        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of(); // Orrery never forwards the agent to hosts
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
            AgentKeys plan = session.getAttribute(AGENT_KEYS);
            if (plan == null || plan.agent() == null || plan.agentOrder().isEmpty()) {
                return null;
            }
            return AgentSocket.connect(plan.agent(), plan.agentOrder());
        }

        @Override
        public SshAgentServer createServer(ConnectionService service) {
            throw new UnsupportedOperationException("Orrery does not serve an agent");
        }
    }

    static AttributeRepository contextFor(HostKeyCheck check) {
        return AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check);
    }

    private static boolean verify(ClientSession session, java.security.PublicKey key) {
        HostKeyCheck check = checkOf(session);
        return check != null && check.verify(key);
    }

    private static HostKeyCheck checkOf(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(HOST_KEY_CHECK);
    }
}

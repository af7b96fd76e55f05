package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resource as a flat map of fields, the unit of the diff and of committed state:
 * <pre>
 * targets                 db-1, web            (comma-separated, as written)
 * inputs.port             5432
 * inputs.password         sha256:9f86d0...      (secret: a digest, never the value)
 * inputs.password.secret  true
 * inputs.db_port.link     database.port         (a linked input; its value is the resolved one)
 * actions.run.1           mkdir -p db           (steps, 1-based, secrets masked)
 * actions.run.retries     2                     (only when set; also actions.X.timeout)
 * wait-for                database, cache
 * env.APP_ENV             production            (masked)
 * workdir                 /srv/app              (masked)
 * attributes.type         continuous            (component and job attributes, masked)
 * </pre>
 * Secret values appear in no field: inputs become {@code sha256:<hex>} and every other field is masked with
 * {@link Secrets#MASK} (both the raw value and its single-quoted shell form). Stateless and thread-safe.
 */
public final class Snapshots {
    public static final String TARGETS = "targets";
    public static final String WAIT_FOR = "wait-for";
    public static final String WORKDIR = "workdir";
    static final String SECRET_SUFFIX = ".secret";
    static final String LINK_SUFFIX = ".link";
    static final String SEPARATOR = ", ";

    private Snapshots() {
    }

    /** The snapshot of {@code resource} as the workspace describes it. */
    public static ResourceSnapshot of(Resource resource) {
        List<String> secrets = maskable(resource);
        Map<String, String> fields = new LinkedHashMap<>();
        if (!resource.targets().isEmpty()) {
            fields.put(TARGETS, String.join(SEPARATOR, resource.targets()));
        }
        for (Input input : resource.inputs().values()) {
            String key = "inputs." + input.name();
            if (input.secret()) {
                fields.put(key, digest(input.value()));
                fields.put(key + SECRET_SUFFIX, "true");
            } else {
                fields.put(key, Secrets.mask(nullToEmpty(input.value()), secrets));
            }
            if (input.isLink()) {
                fields.put(key + LINK_SUFFIX, input.linkResource() + "." + input.linkInput());
            }
        }
        for (Action action : resource.actions().values()) {
            String key = "actions." + action.name() + ".";
            for (int i = 0; i < action.steps().size(); i++) {
                fields.put(key + (i + 1), Secrets.mask(action.steps().get(i).summary(), secrets));
            }
            if (action.retries() != 0) {
                fields.put(key + "retries", Integer.toString(action.retries()));
            }
            if (action.timeout() != null) {
                fields.put(key + "timeout", action.timeout().toString());
            }
        }
        if (!resource.waitFor().isEmpty()) {
            fields.put(WAIT_FOR, String.join(SEPARATOR, resource.waitFor()));
        }
        resource.env().forEach((k, v) -> fields.put("env." + k, Secrets.mask(nullToEmpty(v), secrets)));
        if (resource.workdir() != null) {
            fields.put(WORKDIR, Secrets.mask(resource.workdir(), secrets));
        }
        resource.attributes().forEach((k, v) -> fields.put("attributes." + k, Secrets.mask(nullToEmpty(v), secrets)));
        return new ResourceSnapshot(resource.name(), resource.kind(), fields, resource.tags());
    }

    /**
     * {@code sha256:<hex>} of a whole snapshot (kind, fields, tags): equal snapshots have equal fingerprints.
     * {@code ""} for null (a resource that is not deployed).
     */
    public static String fingerprint(ResourceSnapshot snapshot) {
        if (snapshot == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(snapshot.fields().size() * 32);
        text.append(snapshot.name()).append('\0').append(snapshot.kind()).append('\0');
        snapshot.fields().forEach((k, v) -> text.append(k).append('=').append(v).append('\0'));
        snapshot.tags().stream().sorted().forEach(t -> text.append('#').append(t).append('\0'));
        return digest(text.toString());
    }

    /** {@code sha256:<hex>} of a secret value: equal values compare equal, the value is not recoverable. */
    public static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(nullToEmpty(value).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** True when {@code field} holds a secret in either snapshot (its value must be shown masked). */
    public static boolean isSecret(String field, ResourceSnapshot... snapshots) {
        for (ResourceSnapshot s : snapshots) {
            if (s != null && "true".equals(s.fields().get(field + SECRET_SUFFIX))) {
                return true;
            }
        }
        return false;
    }

    /** Secret values and the forms they take once substituted into shell text. */
    static List<String> maskable(Resource resource) {
        List<String> out = new ArrayList<>();
        for (String secret : resource.secretValues()) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            out.add(secret);
            String quoted = secret.replace("'", "'\\''");
            if (!quoted.equals(secret)) {
                out.add(quoted);
            }
        }
        return out;
    }

    /** The values of a comma-separated list field ({@link #TARGETS}, {@link #WAIT_FOR}); empty when absent. */
    static List<String> list(ResourceSnapshot snapshot, String field) {
        String value = snapshot.fields().get(field);
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(SEPARATOR));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

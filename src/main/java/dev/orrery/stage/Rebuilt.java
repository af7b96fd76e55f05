package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource rebuilt from its snapshot, for plans that touch a resource the files no longer define (a removal,
 * a rollback to a release that had it). Steps come back as written in the snapshot, so a step that used a
 * secret carries the mask, not the value; references to resources that no longer exist are dropped.
 */
final class Rebuilt {
    private static final Pattern ACTION_FIELD = Pattern.compile("actions\\.(.+)\\.(\\d+|retries|timeout)");
    private static final Pattern COPY = Pattern.compile(
            "copy (.+?) → (.+?)(?: \\(chown (.+?)\\))?(?: \\(mode (.+?)\\))?");

    private Rebuilt() {
    }

    static Resource resource(ResourceSnapshot s, Set<String> existing) {
        Map<String, String> f = s.fields();
        Map<String, Input> inputs = new LinkedHashMap<>();
        Map<String, Map<Integer, Step>> steps = new LinkedHashMap<>();
        Map<String, Integer> retries = new LinkedHashMap<>();
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.entrySet()) {
            String key = e.getKey();
            Matcher action = ACTION_FIELD.matcher(key);
            if (action.matches()) {
                String name = action.group(1);
                steps.computeIfAbsent(name, n -> new java.util.TreeMap<>());
                switch (action.group(2)) {
                    case "retries" -> retries.put(name, Integer.parseInt(e.getValue()));
                    case "timeout" -> timeouts.put(name, Duration.parse(e.getValue()));
                    default -> steps.get(name).put(Integer.parseInt(action.group(2)), step(e.getValue()));
                }
            } else if (key.startsWith("inputs.") && !key.endsWith(Snapshots.SECRET_SUFFIX)
                    && !key.endsWith(Snapshots.LINK_SUFFIX)) {
                String name = key.substring("inputs.".length());
                boolean secret = Snapshots.isSecret(key, s);
                String link = f.get(key + Snapshots.LINK_SUFFIX);
                String linkResource = null;
                String linkInput = null;
                if (link != null && existing.contains(link.substring(0, link.lastIndexOf('.')))) {
                    linkResource = link.substring(0, link.lastIndexOf('.'));
                    linkInput = link.substring(link.lastIndexOf('.') + 1);
                }
                inputs.put(name, new Input(name, secret ? dev.orrery.model.Secrets.MASK : e.getValue(), linkResource,
                        linkInput, secret, SourceRef.NONE));
            } else if (key.startsWith("env.")) {
                env.put(key.substring("env.".length()), e.getValue());
            } else if (key.startsWith("attributes.")) {
                attributes.put(key.substring("attributes.".length()), e.getValue());
            }
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        steps.forEach((name, byIndex) -> actions.put(name, new Action(name, List.copyOf(byIndex.values()),
                retries.getOrDefault(name, 0), timeouts.get(name), SourceRef.NONE)));
        List<String> waitFor = Snapshots.list(s, Snapshots.WAIT_FOR).stream().filter(existing::contains).toList();
        return new Resource(s.name(), s.kind(), Snapshots.list(s, Snapshots.TARGETS), s.tags(), inputs, actions,
                waitFor, env, f.get(Snapshots.WORKDIR), attributes, SourceRef.NONE);
    }

    private static Step step(String summary) {
        Matcher copy = COPY.matcher(summary);
        if (copy.matches()) {
            return new Step.Transfer(copy.group(1), copy.group(2), copy.group(3), copy.group(4));
        }
        return new Step.Exec(summary);
    }
}

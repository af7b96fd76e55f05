package dev.orrery.gui.graph;

import dev.orrery.model.Action;
import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small named workspaces for the view-model tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Resource resource(String name, ResourceKind kind, List<String> waitFor) {
        return new Resource(name, kind, List.of("all"), Set.of(), Map.of(),
                Map.of("run", new Action("run", List.of(), 0, null, SourceRef.NONE)), waitFor, Map.of(), null,
                Map.of(), new SourceRef(Path.of(name + ".yaml"), 1, 1));
    }

    /** db ← api ← web (web waits for api, api for db), cache alone, plus two hosts tagged "all". */
    static Workspace chain() {
        return workspace(resource("db", ResourceKind.RESOURCE, List.of()),
                resource("api", ResourceKind.RESOURCE, List.of("db")),
                resource("web", ResourceKind.RESOURCE, List.of("api")),
                resource("cache", ResourceKind.RESOURCE, List.of()));
    }

    static Workspace workspace(Resource... resources) {
        List<Host> hosts = List.of(host("h1"), host("h2"));
        return new Workspace(Path.of("ws"), hosts, List.of(resources), new LinkedHashMap<>());
    }

    static Host host(String name) {
        return new Host(name, "127.0.0.1", 0, null, null, null, Set.of("all"), true, false, SourceRef.NONE);
    }

    /** A workspace with one resource's wait-for list replaced (what a file edit does). */
    static Workspace withWaitFor(Workspace ws, String resource, List<String> waitFor) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : ws.resources()) {
            out.add(!r.name().equals(resource) ? r : new Resource(r.name(), r.kind(), r.targets(), r.tags(),
                    r.inputs(), r.actions(), waitFor, r.env(), r.workdir(), r.attributes(), r.source()));
        }
        return new Workspace(ws.root(), ws.hosts(), out, ws.files());
    }
}

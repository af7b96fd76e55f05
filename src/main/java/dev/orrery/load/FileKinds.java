package dev.orrery.load;

import dev.orrery.model.Workspace.FileKind;

import java.util.List;
import java.util.Optional;

/** Recognises a file's kind by its content, never by its name. */
final class FileKinds {
    static final List<String> MARKERS = List.of("hosts", "resources", "config-version", "components");

    private FileKinds() {
    }

    /**
     * A top-level list is an orchestration; a mapping with {@code config-version} or {@code components} is a
     * component file, with {@code hosts} an inventory, with {@code resources} a resources file.
     */
    static Optional<FileKind> detect(YamlNode root) {
        if (root instanceof YamlNode.Sequence) {
            return Optional.of(FileKind.ORCHESTRATION);
        }
        if (!(root instanceof YamlNode.Mapping mapping)) {
            return Optional.empty();
        }
        if (mapping.entry("config-version").isPresent() || mapping.entry("components").isPresent()) {
            return Optional.of(FileKind.COMPONENTS);
        }
        if (mapping.entry("hosts").isPresent()) {
            return Optional.of(FileKind.INVENTORY);
        }
        if (mapping.entry("resources").isPresent()) {
            return Optional.of(FileKind.RESOURCES);
        }
        return Optional.empty();
    }
}

package dev.errand.agent.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.tools.AgentTool;
import dev.errand.tools.ToolName;
import dev.errand.tools.schema.ArgumentSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools the agent knows, by name, each with the JSON Schema of its arguments. Entries are sorted by
 * name, so the model, {@code /help} and the logs see the same order however the tools were found.
 */
public final class ToolCatalog {

    /** A tool and the schema derived from its argument record. */
    public record Entry(AgentTool<?, ?> tool, ObjectNode schema) {
    }

    private final Map<ToolName, Entry> entries;

    public ToolCatalog(Collection<? extends AgentTool<?, ?>> tools) {
        Map<ToolName, Entry> byName = new LinkedHashMap<>();
        List<AgentTool<?, ?>> sorted = new ArrayList<>(tools);
        sorted.sort(Comparator.comparing(tool -> tool.name().value()));
        for (AgentTool<?, ?> tool : sorted) {
            Entry previous = byName.put(tool.name(), new Entry(tool, ArgumentSchemas.of(tool.argumentsType())));
            if (previous != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name() + ": "
                        + previous.tool().getClass().getName() + " and " + tool.getClass().getName());
            }
        }
        this.entries = Collections.unmodifiableMap(byName);
    }

    public Optional<Entry> find(ToolName name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Collection<Entry> entries() {
        return entries.values();
    }
}

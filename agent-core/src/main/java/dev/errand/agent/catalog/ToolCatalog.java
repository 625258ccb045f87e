package dev.errand.agent.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.tools.AgentTool;
import dev.errand.tools.ToolName;
import dev.errand.tools.schema.ArgumentSchemas;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tools the agent knows, by name, each with the JSON Schema of its arguments. */
public final class ToolCatalog {

    /** A tool and the schema derived from its argument record. */
    public record Entry(AgentTool<?, ?> tool, ObjectNode schema) {
    }

    private final Map<ToolName, Entry> entries;

    public ToolCatalog(Collection<? extends AgentTool<?, ?>> tools) {
        Map<ToolName, Entry> byName = new LinkedHashMap<>();
        for (AgentTool<?, ?> tool : tools) {
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

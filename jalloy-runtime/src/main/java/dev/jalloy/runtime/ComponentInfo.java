package dev.jalloy.runtime;

import dev.jalloy.component.Health;
import dev.jalloy.syntax.decode.BodyEntry;
import java.util.List;
import java.util.Optional;

/**
 * What the API and UI show of one component: a snapshot, safe to read from any thread.
 *
 * @param id the global id, e.g. {@code prometheus.scrape.default}
 * @param name the component name, e.g. {@code prometheus.scrape}
 * @param label the block label, e.g. {@code default}
 * @param moduleId the module the component lives in; empty for the root module
 * @param health the combined health
 * @param arguments the last good arguments as a block body (secrets stay secret values)
 * @param exports the current exports as a block body; empty when the component has none
 * @param debugInfo extra state the component shows; empty when it offers none
 * @param referencesTo ids of the components this one's arguments reference
 * @param referencedBy ids of the components that reference this one
 * @param dataFlowEdgesTo ids of the components this one's data flows to: the components that read
 *     its exports, and the components whose receivers it forwards to
 * @param liveDebuggingEnabled whether the component publishes live debugging data
 */
public record ComponentInfo(
    String id,
    String name,
    String label,
    String moduleId,
    Health health,
    List<BodyEntry> arguments,
    Optional<List<BodyEntry>> exports,
    Optional<List<BodyEntry>> debugInfo,
    List<String> referencesTo,
    List<String> referencedBy,
    List<String> dataFlowEdgesTo,
    boolean liveDebuggingEnabled) {}

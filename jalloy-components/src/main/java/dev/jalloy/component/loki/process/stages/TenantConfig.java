package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;

/**
 * {@code stage.tenant}: sets the {@code __tenant_id__} label {@code loki.write} reads, from a fixed
 * value, an extracted value or a label (after Alloy's {@code stages/tenant.go}). An empty result
 * leaves the entry alone.
 *
 * @param label the label to take the tenant from
 * @param source the extracted name to take the tenant from
 * @param value a fixed tenant
 */
@BlockName("tenant")
public record TenantConfig(
    @Attr(value = "label", optional = true) String label,
    @Attr(value = "source", optional = true) String source,
    @Attr(value = "value", optional = true) String value)
    implements StageConfig, Validated {

  /** The label {@code loki.write} takes the tenant from. */
  public static final String TENANT_LABEL = "__tenant_id__";

  @Override
  public void validate() {
    boolean l = !label.isEmpty();
    boolean s = !source.isEmpty();
    boolean v = !value.isEmpty();
    if (!l && !s && !v) {
      throw new IllegalArgumentException("label, source or value config are required");
    }
    if ((s && v) || (l && v) || (s && l)) {
      throw new IllegalArgumentException(
          "label, source and value are mutually exclusive: you should set source, value or label"
              + " but not all");
    }
  }

  @Override
  public Stage build(StageContext context) {
    validate();
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        String tenant;
        if (!source.isEmpty()) {
          tenant =
              entry.extracted.containsKey(source)
                  ? StageSupport.asString(entry.extracted.get(source)).orElse("")
                  : "";
        } else if (!label.isEmpty()) {
          tenant = entry.labels.getOrDefault(label, "");
        } else {
          tenant = value;
        }
        if (!tenant.isEmpty()) {
          entry.labels.put(TENANT_LABEL, tenant);
        }
        next.emit(entry);
      }
    };
  }
}

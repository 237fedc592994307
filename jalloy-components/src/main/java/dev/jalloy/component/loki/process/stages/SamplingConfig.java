package dev.jalloy.component.loki.process.stages;

import dev.jalloy.component.loki.process.PipelineEntry;
import dev.jalloy.component.loki.process.Stage;
import dev.jalloy.component.loki.process.StageContext;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.BlockName;
import dev.jalloy.syntax.decode.Validated;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * {@code stage.sampling}: keeps each entry with probability {@code rate}, counting the others as
 * dropped with {@code drop_counter_reason} (after Alloy's {@code stages/sampling.go}, which draws a
 * random 63-bit number and keeps the entry when it is at most {@code rate * (2^63 - 1)}).
 *
 * @param rate the probability to keep an entry, 0 to 1
 * @param dropCounterReason the {@code reason} of dropped entries
 */
@BlockName("sampling")
public record SamplingConfig(
    @Attr("rate") double rate,
    @Attr(value = "drop_counter_reason", optional = true) String dropCounterReason)
    implements StageConfig, Validated {

  /** Alloy's default reason, {@code sampling_stage}. */
  public static SamplingConfig defaults() {
    return new SamplingConfig(0, "sampling_stage");
  }

  @Override
  public void validate() {
    if (rate < 0.0 || rate > 1.0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0,"
                  + " received %f",
              rate));
    }
  }

  @Override
  public Stage build(StageContext context) {
    return build(context, () -> ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** The stage drawing from {@code random}, non-negative 63-bit numbers; for tests. */
  Stage build(StageContext context, LongSupplier random) {
    validate();
    long boundary = (long) (Long.MAX_VALUE * rate);
    return new Stage() {
      @Override
      public void process(PipelineEntry entry, Emitter next) throws InterruptedException {
        long r = random.getAsLong();
        while (r == 0) {
          r = random.getAsLong();
        }
        if (Long.compareUnsigned(boundary, r) >= 0) {
          next.emit(entry);
        } else {
          context.drops().dropped(dropCounterReason);
        }
      }
    };
  }
}

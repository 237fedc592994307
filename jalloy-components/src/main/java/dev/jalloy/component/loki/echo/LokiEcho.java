package dev.jalloy.component.loki.echo;

import dev.jalloy.component.Component;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.model.LogEntry;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.syntax.decode.Attr;
import java.util.List;

/**
 * {@code loki.echo}: logs every entry sent to its {@code receiver} at info level through the
 * component's logger, with Alloy's keys ({@code receiver}, {@code entry}, {@code labels}); for
 * debugging pipelines. Follows Alloy's {@code internal/component/loki/echo/echo.go}.
 */
public final class LokiEcho implements Component<LokiEcho.Arguments> {
  /** How {@code loki.echo} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "loki.echo",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exports.class,
          LokiEcho::new);

  /** No arguments. */
  public record Arguments() {}

  /**
   * The exports.
   *
   * @param receiver where to send entries to log
   */
  public record Exports(@Attr("receiver") LogsReceiver receiver) {}

  private final Options options;
  private final Receiver receiver = new Receiver();

  LokiEcho(Options options, Arguments arguments) {
    this.options = options;
    options.onStateChange(new Exports(receiver));
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    context.awaitCancellation();
  }

  @Override
  public void update(Arguments arguments) {}

  private final class Receiver implements LogsReceiver {
    @Override
    public void receive(List<LogEntry> entries) {
      for (LogEntry e : entries) {
        if (e.structuredMetadata().isEmpty()) {
          options
              .logger()
              .info("receiver={} entry={} labels={}", options.id(), e.line(), e.labels());
        } else {
          options
              .logger()
              .info(
                  "receiver={} entry={} labels={} structured_metadata={}",
                  options.id(),
                  e.line(),
                  e.labels(),
                  e.structuredMetadata());
        }
      }
    }

    @Override
    public String toString() {
      return "loki.LogsReceiver(" + options.id() + ")";
    }
  }
}

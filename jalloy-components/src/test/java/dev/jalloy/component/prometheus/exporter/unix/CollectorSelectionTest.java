package dev.jalloy.component.prometheus.exporter.unix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CollectorSelectionTest {
  private static Set<String> defaultsPlus(List<String> plus, List<String> minus) {
    Set<String> s = new TreeSet<>(CollectorSelection.LINUX_DEFAULTS);
    s.addAll(plus);
    s.removeAll(minus);
    return s;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "nothing set: node_exporter's Linux defaults",
            List.of(),
            List.of(),
            List.of(),
            CollectorSelection.LINUX_DEFAULTS,
            List.of()),
        Arguments.of(
            "set_collectors: exactly those",
            List.of("cpu", "meminfo"),
            List.of(),
            List.of(),
            Set.of("cpu", "meminfo"),
            List.of()),
        Arguments.of(
            "enable adds an optional collector",
            List.of(),
            List.of("processes", "systemd"),
            List.of(),
            defaultsPlus(List.of("processes", "systemd"), List.of()),
            List.of()),
        Arguments.of(
            "disable removes a default",
            List.of(),
            List.of(),
            List.of("zfs", "textfile"),
            defaultsPlus(List.of(), List.of("zfs", "textfile")),
            List.of()),
        Arguments.of(
            "enable wins over disable (Alloy's code, not its docs)",
            List.of(),
            List.of("cpu"),
            List.of("cpu"),
            CollectorSelection.LINUX_DEFAULTS,
            List.of()),
        Arguments.of(
            "set then disable then enable",
            List.of("cpu", "meminfo", "uname"),
            List.of("os"),
            List.of("meminfo", "os"),
            Set.of("cpu", "uname", "os"),
            List.of()),
        Arguments.of(
            "other platforms' collectors are accepted and never run",
            List.of("boottime", "cpu"),
            List.of("exec"),
            List.of(),
            Set.of("cpu"),
            List.of()),
        Arguments.of(
            "unknown names are ignored and reported",
            List.of(),
            List.of("nosuch", "cpu"),
            List.of("alsonot"),
            CollectorSelection.LINUX_DEFAULTS,
            List.of("nosuch", "alsonot")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selects(
      String name,
      List<String> set,
      List<String> enable,
      List<String> disable,
      Set<String> expected,
      List<String> unknown) {
    CollectorSelection.Result r = CollectorSelection.select(set, enable, disable);
    assertThat(r.enabled()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(r.unknown()).containsExactlyElementsOf(unknown);
  }
}

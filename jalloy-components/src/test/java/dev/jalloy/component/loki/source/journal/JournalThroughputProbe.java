package dev.jalloy.component.loki.source.journal;

import dev.jalloy.component.common.relabel.RelabelRules;
import dev.jalloy.model.LogsReceiver;
import dev.jalloy.testkit.Eventually;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: prints entries/s and CPU of reading one journal file (entries shaped like journald's,
 * about twenty fields each) into a receiver that only counts, with the seed's relabel rules. Run
 * with {@code -Dprobe=true -Dtest=JournalThroughputProbe}; then it idles 10 s on the quiet journal
 * and prints the CPU that cost. No assertion on timings.
 */
@EnabledIfSystemProperty(named = "probe", matches = "true")
@SuppressWarnings("try") // some rigs only need to run while the body waits
class JournalThroughputProbe {
  @TempDir Path dir;

  @Test
  void readOneLargeJournal() throws Exception {
    int n = Integer.getInteger("probe.entries", 200_000);
    long t0 = System.currentTimeMillis() * 1000 - 3_600_000_000L;
    List<JournalFiles.Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(
          JournalFiles.Entry.of(
              t0 + i,
              "MESSAGE",
              "pam_unix(sshd:session): session opened for user n" + (i % 1000),
              "PRIORITY",
              Integer.toString(i % 8),
              "SYSLOG_FACILITY",
              "10",
              "SYSLOG_IDENTIFIER",
              "sshd",
              "_PID",
              Integer.toString(1000 + i % 5000),
              "_UID",
              "0",
              "_GID",
              "0",
              "_COMM",
              "sshd",
              "_EXE",
              "/usr/sbin/sshd",
              "_CMDLINE",
              "sshd: alice [priv]",
              "_CAP_EFFECTIVE",
              "1ffffffffff",
              "_SELINUX_CONTEXT",
              "unconfined\n",
              "_AUDIT_SESSION",
              "4",
              "_AUDIT_LOGINUID",
              "1000",
              "_SYSTEMD_CGROUP",
              "/system.slice/ssh.service",
              "_SYSTEMD_UNIT",
              "ssh.service",
              "_SYSTEMD_SLICE",
              "system.slice",
              "_SYSTEMD_INVOCATION_ID",
              "6b1a0c8e2b8f4d6c9a6e1f0d2c3b4a59",
              "_MACHINE_ID",
              "a1b2c3d4e5f60718293a4b5c6d7e8f90",
              "_HOSTNAME",
              "probe-host",
              "_TRANSPORT",
              "syslog"));
    }
    Path journal = dir.resolve("journal");
    JournalFiles.write(journal.resolve("big.journal"), entries);
    LongAdder seen = new LongAdder();
    LogsReceiver noop = e -> seen.add(e.size());
    var rules =
        new RelabelRules(
            List.of(
                rule("__journal__systemd_unit", "unit"),
                rule("__journal__transport", "transport"),
                rule("__journal_priority_keyword", "level")));
    var args =
        new LokiSourceJournal.Arguments(
            List.of(noop),
            false,
            Duration.ofHours(7),
            journal.toString(),
            "",
            Map.of(),
            rules,
            Optional.empty());
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    for (int pass = 1; pass <= 2; pass++) { // the first pass pays for JIT compilation
      seen.reset();
      long cpu0 = os.getProcessCpuTime();
      long start = System.nanoTime();
      try (var rig = new JournalRig(dir.resolve("data" + pass), args)) {
        Eventually.await(Duration.ofMinutes(5), () -> seen.sum() >= n, "all entries");
        double secs = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        Thread reader =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("journal " + JournalRig.ID))
                .findFirst()
                .orElseThrow();
        double readerCpu = threads.getThreadCpuTime(reader.threadId()) / 1e9;
        System.out.printf(
            "PROBE pass=%d entries=%d seconds=%.2f entries/s=%.0f process_cpu_seconds=%.2f"
                + " reader_thread_cpu_seconds=%.2f entries_per_reader_cpu_second=%.0f%n",
            pass, n, secs, n / secs, cpu, readerCpu, n / readerCpu);
        if (pass == 2) {
          Thread.sleep(2000);
          long idle0 = os.getProcessCpuTime();
          long readerIdle0 = threads.getThreadCpuTime(reader.threadId());
          Thread.sleep(20_000);
          System.out.printf(
              "PROBE idle over 20s: process %.3f%% of one core, reader thread %.4f%%%n",
              (os.getProcessCpuTime() - idle0) / 1e9 / 20 * 100,
              (threads.getThreadCpuTime(reader.threadId()) - readerIdle0) / 1e9 / 20 * 100);
        }
      }
    }
  }

  private static dev.jalloy.component.common.relabel.Rule rule(String source, String target) {
    return new dev.jalloy.component.common.relabel.Rule(
        List.of(source), ";", "(.*)", 0, target, "$1", "replace");
  }
}

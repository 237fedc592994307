package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.MetricType;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * node_exporter's {@code processes} collector: processes and threads by state from {@code
 * /proc/<pid>/stat} and {@code /proc/<pid>/task/<tid>/stat}, and the pid and thread limits.
 * Processes that exit during the walk are skipped, as node_exporter does.
 */
public final class ProcessesCollector implements NodeCollector {
  private final HostPaths paths;

  /** Reads under {@code paths.procfs()}. */
  public ProcessesCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "processes";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Map<String, int[]> procStates = new TreeMap<>();
    Map<String, int[]> threadStates = new TreeMap<>();
    long pids = 0;
    long threads = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(paths.procfs())) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (!isPid(name)) {
          continue;
        }
        String[] stat = stat(p.resolve("stat"));
        if (stat == null) {
          continue; // the process exited
        }
        pids++;
        count(procStates, stat[0]);
        threads += Long.parseLong(stat[17]);
        threadStates(p, name, stat[0], threadStates);
      }
    }
    sink.gauge("node_processes_threads", "Allocated threads in system", threads);
    sink.gauge(
        "node_processes_max_threads",
        "Limit of threads in the system",
        ProcText.readUint(paths.proc("sys", "kernel", "threads-max")));
    MetricSink.Family state =
        sink.family("node_processes_state", MetricType.GAUGE, "Number of processes in each state.");
    for (Map.Entry<String, int[]> e : procStates.entrySet()) {
      state.add(e.getValue()[0], "state", e.getKey());
    }
    MetricSink.Family threadState =
        sink.family(
            "node_processes_threads_state", MetricType.GAUGE, "Number of threads in each state.");
    for (Map.Entry<String, int[]> e : threadStates.entrySet()) {
      threadState.add(e.getValue()[0], "thread_state", e.getKey());
    }
    sink.gauge("node_processes_pids", "Number of PIDs", pids);
    sink.gauge(
        "node_processes_max_processes",
        "Number of max PIDs limit",
        ProcText.readUint(paths.proc("sys", "kernel", "pid_max")));
  }

  private static void threadStates(
      Path proc, String pid, String pidState, Map<String, int[]> threadStates) throws IOException {
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path t : dir) {
        String tid = t.getFileName().toString();
        if (!isPid(tid)) {
          continue;
        }
        if (tid.equals(pid)) {
          count(threadStates, pidState);
          continue;
        }
        String[] stat = stat(t.resolve("stat"));
        if (stat != null) {
          count(threadStates, stat[0]);
        }
      }
    } catch (NoSuchFileException e) {
      // the process exited
    }
  }

  /** The fields after the command of a {@code stat} file, or null when it vanished. */
  private static String[] stat(Path file) throws IOException {
    String text;
    try {
      text = HostFiles.readWhole(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("No such process")) {
        return null;
      }
      throw e;
    }
    int close = text.lastIndexOf(')');
    if (close < 0 || close + 2 > text.length()) {
      throw new IOException("unexpected format of " + file);
    }
    String[] f = ProcText.fields(text.substring(close + 1));
    if (f.length < 18) {
      throw new IOException("unexpected format of " + file);
    }
    return f;
  }

  private static void count(Map<String, int[]> counts, String state) {
    counts.computeIfAbsent(state, s -> new int[1])[0]++;
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 10) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}

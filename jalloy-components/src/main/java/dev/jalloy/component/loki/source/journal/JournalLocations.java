package dev.jalloy.component.loki.source.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks, before libsystemd is asked, that there is a journal to read. {@code sd_journal_open}
 * succeeds on a machine (or container) without any journal file and then returns nothing forever;
 * Alloy reports that as healthy (alloy#924, alloy#6800). This says what is missing and what to
 * mount instead.
 */
final class JournalLocations {
  /** Where {@code sd_journal_open} looks: persistent, then volatile storage. */
  static final List<Path> SYSTEM =
      List.of(Path.of("/var/log/journal"), Path.of("/run/log/journal"));

  private JournalLocations() {}

  /** Why the journal at {@code path} (empty: the system journal) cannot be read, if it cannot. */
  static Optional<String> problem(String path) {
    Optional<String> lib = SdJournal.loadError();
    if (lib.isPresent()) {
      return Optional.of(
          lib.get()
              + ": loki.source.journal reads the journal through libsystemd; install it"
              + " (Debian/Ubuntu: libsystemd0, Fedora/RHEL: systemd-libs)");
    }
    if (!path.isEmpty()) {
      Path dir = Path.of(path);
      if (!Files.isDirectory(dir)) {
        return Optional.of(
            "journal path "
                + path
                + " does not exist or is not a directory: mount the host's journal directory"
                + " there (e.g. -v /var/log/journal:"
                + path
                + ":ro) or fix path");
      }
      return checkFiles(List.of(dir), path);
    }
    return checkFiles(SYSTEM, "/var/log/journal or /run/log/journal");
  }

  private static Optional<String> checkFiles(List<Path> dirs, String where) {
    boolean any = false;
    boolean readable = false;
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.find(dir, 2, (p, a) -> p.toString().endsWith(".journal"))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          any = true;
          if (Files.isReadable(f)) {
            readable = true;
            break;
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        return Optional.of(
            "cannot list journal directory "
                + dir
                + ": "
                + e.getMessage()
                + ": run with read access to it (root, or the systemd-journal group)");
      }
      if (readable) {
        return Optional.empty();
      }
    }
    if (!any) {
      return Optional.of(
          "no journal files found in "
              + where
              + ": in a container, mount the host's /var/log/journal (and /run/log/journal, and"
              + " /etc/machine-id) read-only, or set path to the directory that holds them");
    }
    return Optional.of(
        "journal files in "
            + where
            + " are not readable: run as root or as a member of the systemd-journal (or adm)"
            + " group");
  }
}

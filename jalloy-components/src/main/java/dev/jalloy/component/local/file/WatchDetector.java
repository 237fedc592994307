package dev.jalloy.component.local.file;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The {@code fsnotify} detector: asks for a re-read on every file-system event about the file, and
 * also every {@code pollFrequency} as a fallback, re-establishing the watch if it was lost (the
 * file's directory was removed and recreated), as Alloy's does.
 *
 * <p>Java watches directories, not files, so this watches the file's directory and keeps the events
 * that name the file. When the file is a symbolic link every event in the directory counts: tools
 * that update files atomically by swapping links elsewhere in the directory — Kubernetes' {@code
 * ..data} for mounted secrets and config maps — never touch the link itself. A modify event also
 * covers attribute changes (the JDK watches {@code IN_ATTRIB} for it), so a permission change that
 * makes the file unreadable is noticed at once, like Alloy's "any event related to the file".
 */
final class WatchDetector implements FileDetector {
  private final Path file;
  private final Duration pollFrequency;
  private final Runnable reload;
  private final Logger logger;
  private final Optional<WatchService> watcher;
  private final Thread thread;
  private volatile boolean closed;

  // Set in the constructor, then only touched by the detector's thread.
  private WatchKey key;
  private boolean anyEventCounts;

  WatchDetector(Path file, Duration pollFrequency, Runnable reload, Logger logger) {
    this.file = file.toAbsolutePath();
    this.pollFrequency = pollFrequency;
    this.reload = reload;
    this.logger = logger;
    this.watcher = newWatchService(logger);
    // Watch before returning, so that a change right after the detector is set up is seen.
    watch("failed to watch file");
    this.thread = Thread.ofVirtual().name("watch " + file).start(this::loop);
  }

  private static Optional<WatchService> newWatchService(Logger logger) {
    try {
      return Optional.of(FileSystems.getDefault().newWatchService());
    } catch (IOException e) {
      // Typically the inotify instance limit. Polling still finds changes, only later.
      logger.atError().addKeyValue("err", e.toString()).log("failed to create fsnotify watcher");
      return Optional.empty();
    }
  }

  private void loop() {
    long nextPoll = System.nanoTime() + pollFrequency.toNanos();
    try {
      while (!closed) {
        long wait = nextPoll - System.nanoTime();
        if (wait <= 0) {
          // Re-establish a lost watch, then re-read regardless, as Alloy's fallback does.
          if (key == null || !key.isValid()) {
            watch("failed re-watch file");
          }
          reload.run();
          nextPoll = System.nanoTime() + pollFrequency.toNanos();
          continue;
        }
        WatchKey signalled = poll(wait);
        if (signalled != null) {
          handle(signalled);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private WatchKey poll(long nanos) throws InterruptedException {
    if (watcher.isEmpty()) {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return null;
    }
    return watcher.get().poll(nanos, TimeUnit.NANOSECONDS);
  }

  private void handle(WatchKey signalled) {
    boolean relevant = false;
    for (WatchEvent<?> event : signalled.pollEvents()) {
      boolean aboutFile =
          event.kind() == OVERFLOW || anyEventCounts || file.getFileName().equals(event.context());
      if (aboutFile) {
        logger.atDebug().addKeyValue("op", event.kind().name()).log("got fsnotify event");
        relevant = true;
      }
    }
    if (!signalled.reset()) {
      key = null; // the directory is gone; the next poll tick tries again
      relevant = true;
    }
    if (relevant) {
      reload.run();
    }
  }

  private void watch(String failure) {
    if (watcher.isEmpty()) {
      return;
    }
    Path dir = file.getParent();
    try {
      anyEventCounts = Files.isSymbolicLink(file);
      key = dir.register(watcher.get(), ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    } catch (IOException e) {
      // Most likely the directory does not exist (yet); the poll fallback retries.
      key = null;
      logger.atWarn().addKeyValue("err", e.toString()).log(failure);
    }
  }

  @Override
  public void close() {
    closed = true;
    watcher.ifPresent(
        w -> {
          try {
            w.close();
          } catch (IOException e) {
            logger.atError().addKeyValue("err", e.toString()).log("failed to shut down detector");
          }
        });
    thread.interrupt();
  }
}

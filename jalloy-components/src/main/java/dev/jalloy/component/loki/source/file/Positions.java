package dev.jalloy.component.loki.source.file;

import dev.jalloy.component.common.wal.InterruptSafeIo;
import dev.jalloy.component.loki.source.file.PositionsCodec.Key;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positions of every tailed file: kept in memory, written to {@code positions.yml} by {@link
 * #sync()} crash-safely (temp file, fsync, rename, directory fsync), so that after a crash the file
 * holds either the previous or the new positions, never a torn mix. Tailers {@link #put} only
 * offsets whose lines {@code forward_to} has accepted, so a restart re-reads, never skips.
 *
 * <p>A file that cannot be parsed (torn by an old writer, full of NUL bytes) is moved aside to
 * {@code positions.yml.corrupt} and loading starts empty with {@link #recoveredFromCorruption()}
 * set, so that tailers apply {@code on_positions_file_error} instead of the component failing on
 * every start.
 *
 * <p>Public for {@code loki.source.journal}, which keeps its cursor in the same file format.
 */
public final class Positions {
  private final Path file;
  private final Map<Key, String> entries = new ConcurrentHashMap<>();
  private final boolean recovered;
  private final Optional<String> corruption;
  private volatile boolean dirty;
  private final Object writeLock = new Object();

  private Positions(Path file, Map<Key, String> loaded, Optional<String> corruption) {
    this.file = file;
    this.entries.putAll(loaded);
    this.corruption = corruption;
    this.recovered = corruption.isPresent();
  }

  /**
   * Loads {@code file}, importing {@code legacy} when the file is missing or empty.
   *
   * @throws IOException when a legacy file exists but cannot be read or parsed: starting without it
   *     would re-ingest every file, so Alloy refuses to start, and so does jalloy
   */
  public static Positions load(Path file, Optional<Path> legacy) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      text = "";
    }
    if (text.isBlank() && legacy.isPresent() && Files.exists(legacy.get())) {
      try {
        String legacyText = Files.readString(legacy.get(), StandardCharsets.UTF_8);
        Positions p = new Positions(file, PositionsCodec.parseLegacy(legacyText), Optional.empty());
        p.dirty = true;
        return p;
      } catch (PositionsCodec.CorruptException | IOException e) {
        throw new IOException(
            "legacy positions file " + legacy.get() + " cannot be read: " + e.getMessage(), e);
      }
    }
    try {
      byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
      return new Positions(
          file, PositionsCodec.parse(new String(raw, StandardCharsets.UTF_8)), Optional.empty());
    } catch (PositionsCodec.CorruptException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      Positions p = new Positions(file, Map.of(), Optional.of(e.getMessage()));
      p.dirty = true;
      return p;
    }
  }

  /** Whether the file was unreadable and set aside at load. */
  boolean recoveredFromCorruption() {
    return recovered;
  }

  /** Why the file was set aside, when it was. */
  public Optional<String> corruption() {
    return corruption;
  }

  /** The stored value; falls back to the {@code {}} entry a legacy import left for the path. */
  public Optional<String> get(String path, String labels) {
    String v = entries.get(new Key(path, labels));
    if (v == null) {
      v = entries.get(new Key(path, "{}"));
    }
    return Optional.ofNullable(v);
  }

  /** Records the offset of the next unread byte (or line, for decompressed files). */
  void put(String path, String labels, long value) {
    String s = Long.toString(value);
    if (!s.equals(entries.put(new Key(path, labels), s))) {
      dirty = true;
    }
  }

  /** Records a value that is not an offset: a journal cursor. */
  public void putString(String path, String labels, String value) {
    if (!value.equals(entries.put(new Key(path, labels), value))) {
      dirty = true;
    }
  }

  /** Forgets a file, so that re-adding it reads it again from the start. */
  void remove(String path, String labels) {
    if (entries.remove(new Key(path, labels)) != null) {
      dirty = true;
    }
    // a legacy import's {} entry would otherwise resurrect the old offset
    if (!labels.equals("{}") && entries.remove(new Key(path, "{}")) != null) {
      dirty = true;
    }
  }

  /** A copy of the entries, for tests and debug info. */
  Map<Key, String> snapshot() {
    return new HashMap<>(entries);
  }

  /**
   * Purges entries of files that no longer exist (other sources' {@code cursor-*} and {@code
   * journal-*} keys excepted) and writes the file if anything changed since the last write.
   */
  public void sync() throws IOException {
    synchronized (writeLock) {
      entries
          .keySet()
          .removeIf(
              k -> {
                boolean gone =
                    !k.path().startsWith("cursor-")
                        && !k.path().startsWith("journal-")
                        && !Files.exists(Path.of(k.path()));
                if (gone) {
                  dirty = true;
                }
                return gone;
              });
      if (!dirty) {
        return;
      }
      dirty = false;
      try {
        String content = PositionsCodec.format(snapshot());
        // The run loop's periodic sync may be interrupted by the component's stop.
        InterruptSafeIo.run(() -> write(content));
      } catch (IOException | RuntimeException e) {
        dirty = true;
        throw e;
      }
    }
  }

  private void write(String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      var buf = java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true); // the rename must never expose a file whose bytes are not on disk
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // makes the rename itself durable
    } catch (IOException e) {
      // some file systems cannot open a directory; the rename is still atomic
    }
  }
}

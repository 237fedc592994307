package dev.jalloy.component.common.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A reader's acknowledged position, persisted crash-safely: written to a temp file, fsynced,
 * atomically renamed over the old one, then the directory is fsynced. The 20-byte content is {@code
 * [segment int64][offset int64][CRC32C int32]}; a missing or damaged file loads as empty, so the
 * reader restarts from the oldest segment (duplicates, never loss).
 */
public final class PositionFile {

  private final Path file;
  private boolean directoryMade;

  public PositionFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public Optional<Position> load() {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (b.length != 20) {
      return Optional.empty();
    }
    CRC32C c = new CRC32C();
    c.update(b, 0, 16);
    ByteBuffer bb = ByteBuffer.wrap(b);
    long seg = bb.getLong();
    long off = bb.getLong();
    if ((int) c.getValue() != bb.getInt() || seg < 0 || off < 0) {
      return Optional.empty();
    }
    return Optional.of(new Position(seg, off));
  }

  /**
   * Stores the position durably, even on a thread that is being interrupted to stop (a sender
   * stores its last position then): see {@link InterruptSafeIo}.
   */
  public void store(Position p) throws IOException {
    InterruptSafeIo.run(() -> write(p));
  }

  private void write(Position p) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(20);
    bb.putLong(p.segment()).putLong(p.offset());
    CRC32C c = new CRC32C();
    c.update(bb.array(), 0, 16);
    bb.putInt((int) c.getValue()).flip();
    Path dir = file.toAbsolutePath().getParent();
    if (!directoryMade) {
      Files.createDirectories(dir);
      directoryMade = true;
    }
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Wal.fsyncDir(dir);
  }
}

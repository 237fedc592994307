package dev.jalloy.component.loki.source.journal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code sd_journal_*} calls of libsystemd that {@code loki.source.journal} makes, bound with
 * the FFM API, as Alloy's {@code internal/component/loki/source/journal/internal/sdjournal} binds
 * them with dlopen: the library is loaded by its soname, {@code libsystemd.so.0}, when the class is
 * first used, so that jalloy runs without it and only this component needs it ({@link #loadError()}
 * says why it could not be loaded).
 *
 * <p>An instance is one open {@code sd_journal} handle. libsystemd's handles are not thread-safe:
 * every call on an instance, {@link #close()} included, must come from the one thread that opened
 * it. Memory for out-parameters is allocated once per instance and reused, so reading an entry
 * allocates nothing on the native side.
 */
@SuppressWarnings("restricted") // the signatures are sd-journal.h's; the launcher enables access
final class SdJournal implements AutoCloseable {
  /** {@code SD_JOURNAL_LOCAL_ONLY}: only journal files of this machine. */
  private static final int LOCAL_ONLY = 1;

  /** {@code sd_journal_wait}: nothing changed. */
  static final int NOP = 0;

  /** {@code sd_journal_wait}: entries were appended. */
  static final int APPEND = 1;

  /** {@code sd_journal_wait}: files were added or removed (rotation, vacuum). */
  static final int INVALIDATE = 2;

  private static final String SONAME = "libsystemd.so.0";
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Optional<String> LOAD_ERROR;
  private static final MethodHandle OPEN;
  private static final MethodHandle OPEN_DIRECTORY;
  private static final MethodHandle CLOSE;
  private static final MethodHandle ADD_MATCH;
  private static final MethodHandle ADD_CONJUNCTION;
  private static final MethodHandle SEEK_HEAD;
  private static final MethodHandle SEEK_CURSOR;
  private static final MethodHandle SEEK_REALTIME_USEC;
  private static final MethodHandle NEXT;
  private static final MethodHandle GET_REALTIME_USEC;
  private static final MethodHandle RESTART_DATA;
  private static final MethodHandle ENUMERATE_DATA;
  private static final MethodHandle GET_CURSOR;
  private static final MethodHandle TEST_CURSOR;
  private static final MethodHandle WAIT;
  private static final MethodHandle FREE;

  static {
    MethodHandle[] h = new MethodHandle[16];
    String error = null;
    try {
      // Arena.global(): the library stays loaded for the life of the JVM, as dlopen without
      // dlclose does in Alloy; handles bound to it may be used from any thread.
      SymbolLookup lib = SymbolLookup.libraryLookup(SONAME, Arena.global());
      h[0] = bind(lib, "sd_journal_open", JAVA_INT, ADDRESS, JAVA_INT);
      h[1] = bind(lib, "sd_journal_open_directory", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
      h[2] = bindVoid(lib, "sd_journal_close", ADDRESS);
      h[3] = bind(lib, "sd_journal_add_match", JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
      h[4] = bind(lib, "sd_journal_add_conjunction", JAVA_INT, ADDRESS);
      h[5] = bind(lib, "sd_journal_seek_head", JAVA_INT, ADDRESS);
      h[6] = bind(lib, "sd_journal_seek_cursor", JAVA_INT, ADDRESS, ADDRESS);
      h[7] = bind(lib, "sd_journal_seek_realtime_usec", JAVA_INT, ADDRESS, JAVA_LONG);
      h[8] = bind(lib, "sd_journal_next", JAVA_INT, ADDRESS);
      h[9] = bind(lib, "sd_journal_get_realtime_usec", JAVA_INT, ADDRESS, ADDRESS);
      h[10] = bindVoid(lib, "sd_journal_restart_data", ADDRESS);
      h[11] = bind(lib, "sd_journal_enumerate_data", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
      h[12] = bind(lib, "sd_journal_get_cursor", JAVA_INT, ADDRESS, ADDRESS);
      h[13] = bind(lib, "sd_journal_test_cursor", JAVA_INT, ADDRESS, ADDRESS);
      h[14] = bind(lib, "sd_journal_wait", JAVA_INT, ADDRESS, JAVA_LONG);
      h[15] =
          LINKER.downcallHandle(
              LINKER.defaultLookup().find("free").orElseThrow(),
              FunctionDescriptor.ofVoid(ADDRESS));
    } catch (RuntimeException e) {
      // libraryLookup throws IllegalArgumentException when dlopen fails
      error = "cannot load " + SONAME + ": " + e.getMessage();
      h = new MethodHandle[16];
    }
    LOAD_ERROR = Optional.ofNullable(error);
    OPEN = h[0];
    OPEN_DIRECTORY = h[1];
    CLOSE = h[2];
    ADD_MATCH = h[3];
    ADD_CONJUNCTION = h[4];
    SEEK_HEAD = h[5];
    SEEK_CURSOR = h[6];
    SEEK_REALTIME_USEC = h[7];
    NEXT = h[8];
    GET_REALTIME_USEC = h[9];
    RESTART_DATA = h[10];
    ENUMERATE_DATA = h[11];
    GET_CURSOR = h[12];
    TEST_CURSOR = h[13];
    WAIT = h[14];
    FREE = h[15];
  }

  private static MethodHandle bind(
      SymbolLookup lib, String name, MemoryLayout ret, MemoryLayout... args) {
    return LINKER.downcallHandle(find(lib, name), FunctionDescriptor.of(ret, args));
  }

  private static MethodHandle bindVoid(SymbolLookup lib, String name, MemoryLayout... args) {
    return LINKER.downcallHandle(find(lib, name), FunctionDescriptor.ofVoid(args));
  }

  private static MemorySegment find(SymbolLookup lib, String name) {
    return lib.find(name)
        .orElseThrow(() -> new IllegalStateException(SONAME + " has no symbol " + name));
  }

  /** Why libsystemd cannot be used, when it cannot. */
  static Optional<String> loadError() {
    return LOAD_ERROR;
  }

  /** Receives the fields of the current entry, one {@code NAME=value} item at a time. */
  @FunctionalInterface
  interface FieldSink {
    /**
     * One field. The segment is valid only during the call (libsystemd reuses its memory).
     *
     * @param data the field's bytes, {@code NAME=value}; the value may hold any byte
     */
    void field(MemorySegment data);
  }

  private final Arena arena = Arena.ofConfined();
  private final MemorySegment handle;
  private final MemorySegment dataOut = arena.allocate(ADDRESS);
  private final MemorySegment lengthOut = arena.allocate(JAVA_LONG);
  private final MemorySegment usecOut = arena.allocate(JAVA_LONG);
  private final MemorySegment cursorOut = arena.allocate(ADDRESS);
  private boolean closed;

  private SdJournal(MemorySegment handle) {
    this.handle = handle;
  }

  /**
   * Opens the journal files in {@code directory} (and its machine-id subdirectories), or with an
   * empty path the local system journal ({@code /var/log/journal}, {@code /run/log/journal}).
   *
   * @throws IOException with the errno's name when libsystemd refuses
   * @throws IllegalStateException when libsystemd is not loaded
   */
  static SdJournal open(String directory) throws IOException {
    if (LOAD_ERROR.isPresent()) {
      throw new IllegalStateException(LOAD_ERROR.get());
    }
    try (Arena call = Arena.ofConfined()) {
      MemorySegment out = call.allocate(ADDRESS);
      int rc;
      String what;
      if (directory.isEmpty()) {
        what = "sd_journal_open";
        rc = (int) OPEN.invokeExact(out, LOCAL_ONLY);
      } else {
        what = "sd_journal_open_directory " + directory;
        rc = (int) OPEN_DIRECTORY.invokeExact(out, call.allocateFrom(directory), 0);
      }
      check(rc, what);
      return new SdJournal(out.get(ADDRESS, 0));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Adds {@code FIELD=value} to the current group of matches; matches on different fields are
   * AND-ed, matches on the same field OR-ed (libsystemd's rule, as in {@code journalctl}).
   */
  void addMatch(String match) throws IOException {
    byte[] bytes = match.getBytes(StandardCharsets.UTF_8);
    try (Arena call = Arena.ofConfined()) {
      MemorySegment m = call.allocate(bytes.length == 0 ? 1 : bytes.length);
      MemorySegment.copy(bytes, 0, m, JAVA_BYTE, 0, bytes.length);
      check((int) ADD_MATCH.invokeExact(handle, m, (long) bytes.length), "sd_journal_add_match");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Closes the current group of matches: the next matches must hold as well (AND). */
  void addConjunction() throws IOException {
    check(call(ADD_CONJUNCTION), "sd_journal_add_conjunction");
  }

  /** Positions before the oldest entry. */
  void seekHead() throws IOException {
    check(call(SEEK_HEAD), "sd_journal_seek_head");
  }

  /** Positions before the entry at or after {@code usec} microseconds since the epoch. */
  void seekRealtimeUsec(long usec) throws IOException {
    try {
      check((int) SEEK_REALTIME_USEC.invokeExact(handle, usec), "sd_journal_seek_realtime_usec");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Positions at {@code cursor}: the next {@link #next()} lands on its entry, or on the closest one
   * after it when the entry is gone.
   */
  void seekCursor(String cursor) throws IOException {
    try (Arena call = Arena.ofConfined()) {
      check(
          (int) SEEK_CURSOR.invokeExact(handle, call.allocateFrom(cursor)),
          "sd_journal_seek_cursor");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Whether the current entry is the one {@code cursor} names. */
  boolean testCursor(String cursor) throws IOException {
    try (Arena call = Arena.ofConfined()) {
      int rc = (int) TEST_CURSOR.invokeExact(handle, call.allocateFrom(cursor));
      check(rc, "sd_journal_test_cursor");
      return rc > 0;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Moves to the next entry; false at the end of the journal. */
  boolean next() throws IOException {
    int rc = call(NEXT);
    check(rc, "sd_journal_next");
    return rc > 0;
  }

  /** The current entry's wall-clock time, microseconds since the epoch. */
  long realtimeUsec() throws IOException {
    try {
      check((int) GET_REALTIME_USEC.invokeExact(handle, usecOut), "sd_journal_get_realtime_usec");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    return usecOut.get(JAVA_LONG, 0);
  }

  /** Hands every field of the current entry to {@code sink}, in the order the entry has them. */
  void fields(FieldSink sink) throws IOException {
    try {
      RESTART_DATA.invokeExact(handle);
      while (true) {
        int rc = (int) ENUMERATE_DATA.invokeExact(handle, dataOut, lengthOut);
        if (rc == 0) {
          return;
        }
        check(rc, "sd_journal_enumerate_data");
        long length = lengthOut.get(JAVA_LONG, 0);
        sink.field(dataOut.get(ADDRESS, 0).reinterpret(length));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The current entry's cursor. */
  String cursor() throws IOException {
    try {
      check((int) GET_CURSOR.invokeExact(handle, cursorOut), "sd_journal_get_cursor");
      MemorySegment s = cursorOut.get(ADDRESS, 0);
      try {
        return s.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
      } finally {
        FREE.invokeExact(s); // the cursor is malloc'ed for the caller
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Waits up to {@code timeoutUsec} for the journal to change.
   *
   * @return {@link #NOP}, {@link #APPEND} or {@link #INVALIDATE}
   */
  int await(long timeoutUsec) throws IOException {
    try {
      int rc = (int) WAIT.invokeExact(handle, timeoutUsec);
      check(rc, "sd_journal_wait");
      return rc;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      CLOSE.invokeExact(handle);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    } finally {
      arena.close();
    }
  }

  private int call(MethodHandle h) {
    try {
      return (int) h.invokeExact(handle);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static void check(int rc, String what) throws IOException {
    if (rc < 0) {
      throw new IOException(what + " failed: " + errnoName(-rc));
    }
  }

  /** The errno's text as Go's {@code syscall.Errno} prints it, which Alloy's messages show. */
  static String errnoName(int errno) {
    return switch (errno) {
      case 1 -> "operation not permitted";
      case 2 -> "no such file or directory";
      case 5 -> "input/output error";
      case 7 -> "argument list too long";
      case 12 -> "cannot allocate memory";
      case 13 -> "permission denied";
      case 20 -> "not a directory";
      case 22 -> "invalid argument";
      case 24 -> "too many open files";
      case 28 -> "no space left on device";
      case 74 -> "bad message";
      case 99 -> "cannot assign requested address";
      case 95 -> "operation not supported";
      default -> "errno " + errno;
    };
  }
}

package dev.jalloy.component.prometheus.exporter.unix.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The three libc calls node_exporter makes through {@code golang.org/x/sys/unix} and that no file
 * under {@code /proc} replaces exactly: {@code statfs(2)} (filesystem sizes), {@code uname(2)} and
 * {@code adjtimex(2)} (the kernel clock discipline). Bound with the FFM API; the JVM needs {@code
 * --enable-native-access=ALL-UNNAMED} (set by the launcher, the jar manifest and surefire) to call
 * them without a warning.
 *
 * <p>Struct offsets are those of glibc and musl on 64-bit Linux (x86_64 and aarch64 share the
 * generic layouts: every {@code long} and {@code __fsword_t} is 8 bytes). {@link #available()} is
 * false elsewhere, and the collectors that need libc report no data.
 */
public final class Libc {
  private Libc() {}

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final boolean SUPPORTED =
      System.getProperty("os.name", "").equals("Linux")
          && ADDRESS.byteSize() == 8
          && (System.getProperty("os.arch").equals("amd64")
              || System.getProperty("os.arch").equals("aarch64"));

  /** {@code int statfs(const char *path, struct statfs *buf)}. */
  private static final MethodHandle STATFS = downcall("statfs", JAVA_INT, ADDRESS, ADDRESS);

  /** {@code int uname(struct utsname *buf)}. */
  private static final MethodHandle UNAME = downcall("uname", JAVA_INT, ADDRESS);

  /** {@code int adjtimex(struct timex *buf)}. */
  private static final MethodHandle ADJTIMEX = downcall("adjtimex", JAVA_INT, ADDRESS);

  // struct statfs: f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree, f_fsid (2 ints),
  // f_namelen, f_frsize, f_flags, f_spare[4]: 120 bytes.
  private static final long STATFS_SIZE = 120;

  // struct utsname: six char[65] fields (_UTSNAME_LENGTH on Linux).
  private static final long UTS_FIELD = 65;

  // struct timex: 208 bytes; the offsets below follow the declaration order of <sys/timex.h>.
  private static final long TIMEX_SIZE = 208;

  /** Whether the bindings work on this platform (64-bit Linux on x86_64 or aarch64). */
  public static boolean available() {
    return SUPPORTED && STATFS != null && UNAME != null && ADJTIMEX != null;
  }

  /**
   * What {@code statfs(2)} says about the filesystem holding {@code path}; the fields node_exporter
   * reads, in blocks of {@code blockSize} bytes.
   *
   * @param blockSize {@code f_bsize}
   * @param blocks {@code f_blocks}
   * @param blocksFree {@code f_bfree}
   * @param blocksAvailable {@code f_bavail}, free blocks usable by unprivileged users
   * @param files {@code f_files}, inodes
   * @param filesFree {@code f_ffree}
   */
  public record Statfs(
      long blockSize,
      long blocks,
      long blocksFree,
      long blocksAvailable,
      long files,
      long filesFree) {}

  /** Calls {@code statfs(2)}; an error carries the errno's name, e.g. {@code EACCES}. */
  public static Statfs statfs(Path path) throws IOException {
    requireAvailable();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(STATFS_SIZE, 8);
      MemorySegment state = arena.allocate(CALL_STATE);
      int rc = (int) STATFS.invokeExact(state, arena.allocateFrom(path.toString()), buf);
      if (rc != 0) {
        throw new ErrnoException("statfs " + path, errno(state));
      }
      return new Statfs(
          buf.get(JAVA_LONG, 8),
          buf.get(JAVA_LONG, 16),
          buf.get(JAVA_LONG, 24),
          buf.get(JAVA_LONG, 32),
          buf.get(JAVA_LONG, 40),
          buf.get(JAVA_LONG, 48));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * What {@code uname(2)} says, the labels of {@code node_uname_info}.
   *
   * @param sysname the kernel's name, {@code Linux}
   * @param nodename the host name
   * @param release the kernel release, e.g. {@code 6.1.0-18-amd64}
   * @param version the kernel build, e.g. {@code #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1}
   * @param machine the hardware, e.g. {@code x86_64}
   * @param domainname the NIS domain, {@code (none)} when unset
   */
  public record Utsname(
      String sysname,
      String nodename,
      String release,
      String version,
      String machine,
      String domainname) {}

  /** Calls {@code uname(2)}. */
  public static Utsname uname() throws IOException {
    requireAvailable();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(UTS_FIELD * 6);
      MemorySegment state = arena.allocate(CALL_STATE);
      int rc = (int) UNAME.invokeExact(state, buf);
      if (rc != 0) {
        throw new ErrnoException("uname", errno(state));
      }
      return new Utsname(
          field(buf, 0), field(buf, 1), field(buf, 2), field(buf, 3), field(buf, 4), field(buf, 5));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * The kernel clock's state from a read-only {@code adjtimex(2)} ({@code modes = 0}); the fields
   * node_exporter's timex collector reports, raw.
   *
   * @param state the return value: {@code TIME_OK} (0) ... {@code TIME_ERROR} (5)
   * @param offset time offset, µs or ns (see {@code STA_NANO} in status)
   * @param freq frequency offset, scaled ppm (16-bit fraction)
   * @param maxerror maximum error, µs
   * @param esterror estimated error, µs
   * @param status the {@code STA_*} bits
   * @param constant PLL time constant
   * @param tick µs between clock ticks
   * @param ppsfreq PPS frequency, scaled ppm
   * @param jitter PPS jitter, µs or ns
   * @param shift PPS interval duration, seconds as a power of two
   * @param stabil PPS stability, scaled ppm
   * @param jitcnt PPS jitter limit exceeded events
   * @param calcnt PPS calibration intervals
   * @param errcnt PPS calibration errors
   * @param stbcnt PPS stability limit exceeded events
   * @param tai TAI offset, seconds
   */
  public record Timex(
      int state,
      long offset,
      long freq,
      long maxerror,
      long esterror,
      int status,
      long constant,
      long tick,
      long ppsfreq,
      long jitter,
      int shift,
      long stabil,
      long jitcnt,
      long calcnt,
      long errcnt,
      long stbcnt,
      int tai) {}

  /** Calls {@code adjtimex(2)} without changing anything. */
  public static Timex adjtimex() throws IOException {
    requireAvailable();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(TIMEX_SIZE, 8); // zeroed: modes = 0 only reads
      MemorySegment state = arena.allocate(CALL_STATE);
      int rc = (int) ADJTIMEX.invokeExact(state, buf);
      if (rc < 0) {
        throw new ErrnoException("adjtimex", errno(state));
      }
      return new Timex(
          rc,
          buf.get(JAVA_LONG, 8),
          buf.get(JAVA_LONG, 16),
          buf.get(JAVA_LONG, 24),
          buf.get(JAVA_LONG, 32),
          buf.get(JAVA_INT, 40),
          buf.get(JAVA_LONG, 48),
          buf.get(JAVA_LONG, 88),
          buf.get(JAVA_LONG, 96),
          buf.get(JAVA_LONG, 104),
          buf.get(JAVA_INT, 112),
          buf.get(JAVA_LONG, 120),
          buf.get(JAVA_LONG, 128),
          buf.get(JAVA_LONG, 136),
          buf.get(JAVA_LONG, 144),
          buf.get(JAVA_LONG, 152),
          buf.get(JAVA_INT, 160));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static String field(MemorySegment buf, int index) {
    MemorySegment f = buf.asSlice(index * UTS_FIELD, UTS_FIELD);
    int len = 0;
    while (len < UTS_FIELD && f.get(java.lang.foreign.ValueLayout.JAVA_BYTE, len) != 0) {
      len++;
    }
    return new String(
        f.asSlice(0, len).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  private static void requireAvailable() throws IOException {
    if (!available()) {
      throw new UnsupportedPlatformException();
    }
  }

  @SuppressWarnings("restricted") // the caller vouches for the signatures above
  private static MethodHandle downcall(
      String name, java.lang.foreign.MemoryLayout ret, java.lang.foreign.MemoryLayout... args) {
    if (!SUPPORTED) {
      return null;
    }
    return LINKER
        .defaultLookup()
        .find(name)
        .map(
            symbol ->
                LINKER.downcallHandle(
                    symbol,
                    FunctionDescriptor.of(ret, args),
                    Linker.Option.captureCallState("errno")))
        .orElse(null);
  }

  /** Thrown off 64-bit Linux, where the struct layouts above do not hold. */
  public static final class UnsupportedPlatformException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedPlatformException() {
      super("libc bindings need 64-bit Linux on x86_64 or aarch64");
    }
  }
}

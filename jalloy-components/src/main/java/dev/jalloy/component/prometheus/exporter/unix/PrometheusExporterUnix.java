package dev.jalloy.component.prometheus.exporter.unix;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.jalloy.component.Component;
import dev.jalloy.component.HttpHandlerProvider;
import dev.jalloy.component.Options;
import dev.jalloy.component.Registration;
import dev.jalloy.component.RunContext;
import dev.jalloy.component.Stability;
import dev.jalloy.component.prometheus.exporter.Exporter;
import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Block;
import dev.jalloy.syntax.decode.Validated;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code prometheus.exporter.unix}: node_exporter's host metrics, served to {@code
 * prometheus.scrape} through the exporter target.
 *
 * <pre>
 * prometheus.exporter.unix "host" {
 *   rootfs_path = "/host/root"
 *   filesystem { mount_timeout = "2s" }
 * }
 * </pre>
 *
 * <p>Arguments and blocks are those of Alloy's {@code internal/component/prometheus/exporter/unix}
 * with node_exporter's defaults. Every scrape of {@code /metrics} runs the enabled collectors
 * ({@link CollectorSelection}, {@link CollectorCatalog}) through a {@link NodeScraper}.
 */
public final class PrometheusExporterUnix
    implements Component<PrometheusExporterUnix.Arguments>, HttpHandlerProvider {
  /** How {@code prometheus.exporter.unix} is known to the configuration. */
  public static final Registration<Arguments> REGISTRATION =
      Registration.of(
          "prometheus.exporter.unix",
          Stability.GENERALLY_AVAILABLE,
          Arguments.class,
          Exporter.Exports.class,
          PrometheusExporterUnix::new);

  private static final String EXPORTER_NAME = "unix";

  private final Options options;
  private volatile NodeScraper scraper; // swapped whole by update, read by scrapes

  // a hint shared by concurrent scrapes; a stale value only costs a buffer resize
  private volatile int lastBodyLength = 64 * 1024;

  PrometheusExporterUnix(Options options, Arguments arguments) {
    this.options = options;
    update(arguments);
  }

  @Override
  public void run(RunContext context) throws InterruptedException {
    context.awaitCancellation(); // collectors run when scraped, nothing in the background
  }

  /** Builds the collectors for the new arguments and publishes the target again. */
  @Override
  public void update(Arguments arguments) {
    CollectorSelection.Result selection = CollectorSelection.select(arguments);
    if (!selection.unknown().isEmpty()) {
      // Alloy ignores names node_exporter does not know; say so instead of staying silent
      options.logger().warn("unknown collectors ignored collectors={}", selection.unknown());
    }
    scraper =
        new NodeScraper(
            CollectorCatalog.build(selection.enabled(), arguments.hostPaths(), arguments),
            arguments.includeExporterMetrics(),
            options.logger());
    options.onStateChange(
        new Exporter.Exports(
            List.of(Exporter.baseTarget(options, EXPORTER_NAME, Exporter.defaultInstance()))));
  }

  @Override
  public HttpResponse handle(HttpRequest request) throws IOException {
    if (!request.path().equals("/metrics")) {
      return HttpResponse.text(404, "404 page not found\n"); // Go's NotFound text
    }
    // sized from the last body: a host's exposition is 100+ KiB and growing by doubling copies it
    StringBuilder out = new StringBuilder(lastBodyLength + 4096);
    try {
      scraper.scrape(out);
      lastBodyLength = out.length();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpResponse.text(503, "scrape interrupted\n");
    }
    return new HttpResponse(200, ExpositionWriter.CONTENT_TYPE, out.toString().getBytes(UTF_8));
  }

  /**
   * The component's arguments.
   *
   * @param setCollectors when not empty, exactly these collectors (before enable/disable)
   * @param enableCollectors collectors to turn on; wins over {@code disable_collectors}
   * @param disableCollectors collectors to turn off
   * @param includeExporterMetrics also serve the exporter's own process metrics
   * @param procfsPath the proc filesystem
   * @param sysfsPath the sys filesystem
   * @param rootfsPath the host's root filesystem
   * @param udevDataPath udev's database
   */
  public record Arguments(
      @Attr(value = "set_collectors", optional = true) List<String> setCollectors,
      @Attr(value = "enable_collectors", optional = true) List<String> enableCollectors,
      @Attr(value = "disable_collectors", optional = true) List<String> disableCollectors,
      @Attr(value = "include_exporter_metrics", optional = true) boolean includeExporterMetrics,
      @Attr(value = "procfs_path", optional = true) String procfsPath,
      @Attr(value = "sysfs_path", optional = true) String sysfsPath,
      @Attr(value = "rootfs_path", optional = true) String rootfsPath,
      @Attr(value = "udev_data_path", optional = true) String udevDataPath,
      @Block(value = "arp", optional = true) ArpBlock arp,
      @Block(value = "bcache", optional = true) BcacheBlock bcache,
      @Block(value = "cpu", optional = true) CpuBlock cpu,
      @Block(value = "disk", optional = true) DiskBlock disk,
      @Block(value = "ethtool", optional = true) EthtoolBlock ethtool,
      @Block(value = "filesystem", optional = true) FilesystemBlock filesystem,
      @Block(value = "hwmon", optional = true) HwmonBlock hwmon,
      @Block(value = "ipvs", optional = true) IpvsBlock ipvs,
      @Block(value = "netclass", optional = true) NetclassBlock netclass,
      @Block(value = "netdev", optional = true) NetdevBlock netdev,
      @Block(value = "netstat", optional = true) NetstatBlock netstat,
      @Block(value = "ntp", optional = true) NtpBlock ntp,
      @Block(value = "perf", optional = true) PerfBlock perf,
      @Block(value = "powersupply", optional = true) PowersupplyBlock powersupply,
      @Block(value = "runit", optional = true) RunitBlock runit,
      @Block(value = "supervisord", optional = true) SupervisordBlock supervisord,
      @Block(value = "sysctl", optional = true) SysctlBlock sysctl,
      @Block(value = "systemd", optional = true) SystemdBlock systemd,
      @Block(value = "tapestats", optional = true) TapestatsBlock tapestats,
      @Block(value = "textfile", optional = true) TextfileBlock textfile,
      @Block(value = "vmstat", optional = true) VmstatBlock vmstat) {
    /** node_exporter's defaults as Alloy sets them. */
    public static Arguments defaults() {
      return new Arguments(
          List.of(),
          List.of(),
          List.of(),
          false,
          "/proc",
          "/sys",
          "/",
          "/run/udev/data",
          ArpBlock.defaults(),
          BcacheBlock.defaults(),
          CpuBlock.defaults(),
          DiskBlock.defaults(),
          EthtoolBlock.defaults(),
          FilesystemBlock.defaults(),
          HwmonBlock.defaults(),
          IpvsBlock.defaults(),
          NetclassBlock.defaults(),
          NetdevBlock.defaults(),
          NetstatBlock.defaults(),
          NtpBlock.defaults(),
          PerfBlock.defaults(),
          PowersupplyBlock.defaults(),
          RunitBlock.defaults(),
          SupervisordBlock.defaults(),
          SysctlBlock.defaults(),
          SystemdBlock.defaults(),
          TapestatsBlock.defaults(),
          TextfileBlock.defaults(),
          VmstatBlock.defaults());
    }

    /** Copies the lists. */
    public Arguments {
      setCollectors = List.copyOf(setCollectors);
      enableCollectors = List.copyOf(enableCollectors);
      disableCollectors = List.copyOf(disableCollectors);
    }

    /** Where the collectors read the host. */
    public HostPaths hostPaths() {
      return new HostPaths(
          Path.of(procfsPath), Path.of(sysfsPath), Path.of(rootfsPath), Path.of(udevDataPath));
    }
  }

  /**
   * {@code arp}: which interfaces' neighbours to count.
   *
   * @param deviceInclude regex of devices to include (exclusive with {@code device_exclude})
   * @param deviceExclude regex of devices to exclude
   * @param netlink read the table over netlink instead of {@code /proc/net/arp}
   */
  public record ArpBlock(
      @Attr(value = "device_include", optional = true) String deviceInclude,
      @Attr(value = "device_exclude", optional = true) String deviceExclude,
      @Attr(value = "netlink", optional = true) boolean netlink)
      implements Validated {
    /** No filter, {@code /proc/net/arp}. */
    public static ArpBlock defaults() {
      return new ArpBlock("", "", false);
    }

    @Override
    public void validate() {
      if (!deviceInclude.isEmpty() && !deviceExclude.isEmpty()) {
        throw new IllegalArgumentException(
            "device_include and device_exclude are mutually exclusive");
      }
      Regexes.check("device_include", deviceInclude);
      Regexes.check("device_exclude", deviceExclude);
    }
  }

  /**
   * {@code bcache}.
   *
   * @param priorityStats also read the expensive {@code priority_stats} files
   */
  public record BcacheBlock(
      @Attr(value = "priority_stats", optional = true) boolean priorityStats) {
    /** Without priority statistics. */
    public static BcacheBlock defaults() {
      return new BcacheBlock(false);
    }
  }

  /**
   * {@code cpu}.
   *
   * @param guest report {@code node_cpu_guest_seconds_total}
   * @param info report {@code node_cpu_info} from {@code /proc/cpuinfo}
   * @param flagsInclude regex of cpuinfo flags to report with {@code info}
   * @param bugsInclude regex of cpuinfo bugs to report with {@code info}
   */
  public record CpuBlock(
      @Attr(value = "guest", optional = true) boolean guest,
      @Attr(value = "info", optional = true) boolean info,
      @Attr(value = "flags_include", optional = true) String flagsInclude,
      @Attr(value = "bugs_include", optional = true) String bugsInclude)
      implements Validated {
    /** Alloy's defaults. */
    public static CpuBlock defaults() {
      return new CpuBlock(false, false, "", "");
    }

    @Override
    public void validate() {
      Regexes.check("flags_include", flagsInclude);
      Regexes.check("bugs_include", bugsInclude);
    }
  }

  /**
   * {@code disk}: the diskstats collector's device filter.
   *
   * @param deviceExclude regex of devices to skip (partitions, ram and loop devices by default)
   * @param deviceInclude regex of devices to keep; when set, the exclude pattern is not used
   */
  public record DiskBlock(
      @Attr(value = "device_exclude", optional = true) String deviceExclude,
      @Attr(value = "device_include", optional = true) String deviceInclude)
      implements Validated {
    /** node_exporter's default exclude. */
    public static DiskBlock defaults() {
      return new DiskBlock("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$", "");
    }

    @Override
    public void validate() {
      Regexes.check("device_exclude", deviceExclude);
      Regexes.check("device_include", deviceInclude);
    }
  }

  /**
   * {@code ethtool}.
   *
   * @param deviceInclude regex of devices to include
   * @param deviceExclude regex of devices to exclude
   * @param metricsInclude regex of ethtool statistics to report
   */
  public record EthtoolBlock(
      @Attr(value = "device_include", optional = true) String deviceInclude,
      @Attr(value = "device_exclude", optional = true) String deviceExclude,
      @Attr(value = "metrics_include", optional = true) String metricsInclude)
      implements Validated {
    /** Every device, every statistic. */
    public static EthtoolBlock defaults() {
      return new EthtoolBlock("", "", ".*");
    }

    @Override
    public void validate() {
      Regexes.check("device_include", deviceInclude);
      Regexes.check("device_exclude", deviceExclude);
      Regexes.check("metrics_include", metricsInclude);
    }
  }

  /**
   * {@code filesystem}.
   *
   * @param fsTypesExclude regex of filesystem types to skip (pseudo filesystems by default)
   * @param mountPointsExclude regex of mount points to skip
   * @param mountTimeout how long statfs may take before the mount counts as stuck
   */
  public record FilesystemBlock(
      @Attr(value = "fs_types_exclude", optional = true) String fsTypesExclude,
      @Attr(value = "mount_points_exclude", optional = true) String mountPointsExclude,
      @Attr(value = "mount_timeout", optional = true) Duration mountTimeout)
      implements Validated {
    /** node_exporter's Linux defaults as Alloy sets them. */
    public static FilesystemBlock defaults() {
      return new FilesystemBlock(
          "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
              + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
              + "|squashfs|sysfs|tracefs)$",
          "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+)($|/)",
          Duration.ofSeconds(5));
    }

    @Override
    public void validate() {
      Regexes.check("fs_types_exclude", fsTypesExclude);
      Regexes.check("mount_points_exclude", mountPointsExclude);
      if (mountTimeout.isNegative() || mountTimeout.isZero()) {
        throw new IllegalArgumentException("mount_timeout must be greater than 0");
      }
    }
  }

  /**
   * {@code hwmon}.
   *
   * @param chipInclude regex of chips to include
   * @param chipExclude regex of chips to exclude
   */
  public record HwmonBlock(
      @Attr(value = "chip_include", optional = true) String chipInclude,
      @Attr(value = "chip_exclude", optional = true) String chipExclude)
      implements Validated {
    /** Every chip. */
    public static HwmonBlock defaults() {
      return new HwmonBlock("", "");
    }

    @Override
    public void validate() {
      Regexes.check("chip_include", chipInclude);
      Regexes.check("chip_exclude", chipExclude);
    }
  }

  /**
   * {@code ipvs}.
   *
   * @param backendLabels the labels of the per-backend series
   */
  public record IpvsBlock(
      @Attr(value = "backend_labels", optional = true) List<String> backendLabels) {
    /** node_exporter's six labels. */
    public static IpvsBlock defaults() {
      return new IpvsBlock(
          List.of(
              "local_address",
              "local_port",
              "remote_address",
              "remote_port",
              "proto",
              "local_mark"));
    }

    /** Copies the list. */
    public IpvsBlock {
      backendLabels = List.copyOf(backendLabels);
    }
  }

  /**
   * {@code netclass}.
   *
   * @param ignoredDevices regex of interfaces to skip
   * @param ignoreInvalidSpeedDevice skip interfaces whose speed cannot be read
   */
  public record NetclassBlock(
      @Attr(value = "ignored_devices", optional = true) String ignoredDevices,
      @Attr(value = "ignore_invalid_speed_device", optional = true)
          boolean ignoreInvalidSpeedDevice)
      implements Validated {
    /** Every interface. */
    public static NetclassBlock defaults() {
      return new NetclassBlock("^$", false);
    }

    @Override
    public void validate() {
      Regexes.check("ignored_devices", ignoredDevices);
    }
  }

  /**
   * {@code netdev}.
   *
   * @param deviceInclude regex of interfaces to include
   * @param deviceExclude regex of interfaces to exclude
   * @param addressInfo report {@code node_network_address_info}
   */
  public record NetdevBlock(
      @Attr(value = "device_include", optional = true) String deviceInclude,
      @Attr(value = "device_exclude", optional = true) String deviceExclude,
      @Attr(value = "address_info", optional = true) boolean addressInfo)
      implements Validated {
    /** Every interface. */
    public static NetdevBlock defaults() {
      return new NetdevBlock("", "", false);
    }

    @Override
    public void validate() {
      Regexes.check("device_include", deviceInclude);
      Regexes.check("device_exclude", deviceExclude);
    }
  }

  /**
   * {@code netstat}.
   *
   * @param fields regex of {@code Protocol_Field} names to report
   */
  public record NetstatBlock(@Attr(value = "fields", optional = true) String fields)
      implements Validated {
    /** node_exporter's default field filter. */
    public static NetstatBlock defaults() {
      return new NetstatBlock(
          "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs"
              + "|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)|Tcp_(ActiveOpens"
              + "|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)|Udp6?_(InDatagrams"
              + "|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$");
    }

    @Override
    public void validate() {
      Regexes.check("fields", fields);
    }
  }

  /**
   * {@code ntp}.
   *
   * @param server the NTP server to ask
   * @param protocolVersion NTP protocol version
   * @param serverIsLocal whether the server runs on this host
   * @param ipTtl the query packets' TTL
   * @param maxDistance the largest acceptable root distance
   * @param localOffsetTolerance the offset between local clock and server considered fine
   */
  public record NtpBlock(
      @Attr(value = "server", optional = true) String server,
      @Attr(value = "protocol_version", optional = true) int protocolVersion,
      @Attr(value = "server_is_local", optional = true) boolean serverIsLocal,
      @Attr(value = "ip_ttl", optional = true) int ipTtl,
      @Attr(value = "max_distance", optional = true) Duration maxDistance,
      @Attr(value = "local_offset_tolerance", optional = true) Duration localOffsetTolerance) {
    /** node_exporter's defaults. */
    public static NtpBlock defaults() {
      return new NtpBlock(
          "127.0.0.1", 4, false, 1, Duration.ofNanos(3_466_080_000L), Duration.ofMillis(1));
    }
  }

  /**
   * {@code perf}.
   *
   * @param cpus the CPUs to profile, e.g. {@code 1-10,5-6}
   * @param tracepoints tracepoints to count, {@code subsystem:name}
   * @param disableHardwareProfilers no hardware profilers
   * @param disableSoftwareProfilers no software profilers
   * @param disableCacheProfilers no cache profilers
   * @param hardwareProfilers the hardware profilers to use
   * @param softwareProfilers the software profilers to use
   * @param cacheProfilers the cache profilers to use
   */
  public record PerfBlock(
      @Attr(value = "cpus", optional = true) String cpus,
      @Attr(value = "tracepoint", optional = true) List<String> tracepoints,
      @Attr(value = "disable_hardware_profilers", optional = true) boolean disableHardwareProfilers,
      @Attr(value = "disable_software_profilers", optional = true) boolean disableSoftwareProfilers,
      @Attr(value = "disable_cache_profilers", optional = true) boolean disableCacheProfilers,
      @Attr(value = "hardware_profilers", optional = true) List<String> hardwareProfilers,
      @Attr(value = "software_profilers", optional = true) List<String> softwareProfilers,
      @Attr(value = "cache_profilers", optional = true) List<String> cacheProfilers) {
    /** Every CPU, every profiler. */
    public static PerfBlock defaults() {
      return new PerfBlock("", List.of(), false, false, false, List.of(), List.of(), List.of());
    }

    /** Copies the lists. */
    public PerfBlock {
      tracepoints = List.copyOf(tracepoints);
      hardwareProfilers = List.copyOf(hardwareProfilers);
      softwareProfilers = List.copyOf(softwareProfilers);
      cacheProfilers = List.copyOf(cacheProfilers);
    }
  }

  /**
   * {@code powersupply}.
   *
   * @param ignoredSupplies regex of power supplies to skip
   */
  public record PowersupplyBlock(
      @Attr(value = "ignored_supplies", optional = true) String ignoredSupplies)
      implements Validated {
    /** Every supply. */
    public static PowersupplyBlock defaults() {
      return new PowersupplyBlock("^$");
    }

    @Override
    public void validate() {
      Regexes.check("ignored_supplies", ignoredSupplies);
    }
  }

  /**
   * {@code runit}.
   *
   * @param serviceDir runit's service directory
   */
  public record RunitBlock(@Attr(value = "service_dir", optional = true) String serviceDir) {
    /** {@code /etc/service}. */
    public static RunitBlock defaults() {
      return new RunitBlock("/etc/service");
    }
  }

  /**
   * {@code supervisord}.
   *
   * @param url the XML-RPC endpoint
   */
  public record SupervisordBlock(@Attr(value = "url", optional = true) String url) {
    /** {@code $SUPERVISORD_URL}, else supervisord's default endpoint. */
    public static SupervisordBlock defaults() {
      String env = System.getenv("SUPERVISORD_URL");
      return new SupervisordBlock(
          env != null && !env.isEmpty() ? env : "http://localhost:9001/RPC2");
    }
  }

  /**
   * {@code sysctl}.
   *
   * @param include sysctls to report as numeric values
   * @param includeInfo sysctls to report as info labels
   */
  public record SysctlBlock(
      @Attr(value = "include", optional = true) List<String> include,
      @Attr(value = "include_info", optional = true) List<String> includeInfo) {
    /** None. */
    public static SysctlBlock defaults() {
      return new SysctlBlock(List.of(), List.of());
    }

    /** Copies the lists. */
    public SysctlBlock {
      include = List.copyOf(include);
      includeInfo = List.copyOf(includeInfo);
    }
  }

  /**
   * {@code systemd}.
   *
   * @param unitInclude regex of units to report
   * @param unitExclude regex of units to skip
   * @param enableRestarts report service restart counts
   * @param startTime report unit start times
   * @param taskMetrics report service task counts
   */
  public record SystemdBlock(
      @Attr(value = "unit_include", optional = true) String unitInclude,
      @Attr(value = "unit_exclude", optional = true) String unitExclude,
      @Attr(value = "enable_restarts", optional = true) boolean enableRestarts,
      @Attr(value = "start_time", optional = true) boolean startTime,
      @Attr(value = "task_metrics", optional = true) boolean taskMetrics)
      implements Validated {
    /** node_exporter's defaults. */
    public static SystemdBlock defaults() {
      return new SystemdBlock(
          ".+", ".+\\.(automount|device|mount|scope|slice)", false, false, false);
    }

    @Override
    public void validate() {
      Regexes.check("unit_include", unitInclude);
      Regexes.check("unit_exclude", unitExclude);
    }
  }

  /**
   * {@code tapestats}.
   *
   * @param ignoredDevices regex of tape devices to skip
   */
  public record TapestatsBlock(
      @Attr(value = "ignored_devices", optional = true) String ignoredDevices)
      implements Validated {
    /** Every device. */
    public static TapestatsBlock defaults() {
      return new TapestatsBlock("^$");
    }

    @Override
    public void validate() {
      Regexes.check("ignored_devices", ignoredDevices);
    }
  }

  /**
   * {@code textfile}.
   *
   * @param directory where the {@code *.prom} files are; empty reads nothing (Alloy's default)
   */
  public record TextfileBlock(@Attr(value = "directory", optional = true) String directory) {
    /** No directory. */
    public static TextfileBlock defaults() {
      return new TextfileBlock("");
    }
  }

  /**
   * {@code vmstat}.
   *
   * @param fields regex of {@code /proc/vmstat} fields to report
   */
  public record VmstatBlock(@Attr(value = "fields", optional = true) String fields)
      implements Validated {
    /** node_exporter's default field filter. */
    public static VmstatBlock defaults() {
      return new VmstatBlock("^(oom_kill|pgpg|pswp|pg.*fault).*");
    }

    @Override
    public void validate() {
      Regexes.check("fields", fields);
    }
  }

  /**
   * Checks and compiles the regex arguments (Go RE2 syntax) with errors that name the attribute.
   */
  public static final class Regexes {
    private Regexes() {}

    /** Fails with the attribute's name and RE2's reason when {@code regex} does not compile. */
    public static void check(String attribute, String regex) {
      compile(attribute, regex);
    }

    /** The compiled pattern; Go's regexp syntax, as node_exporter compiles it. */
    public static Pattern compile(String attribute, String regex) {
      try {
        return Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regex for " + attribute + " " + quote(regex) + ": " + e.getMessage(), e);
      }
    }

    private static String quote(String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }
}

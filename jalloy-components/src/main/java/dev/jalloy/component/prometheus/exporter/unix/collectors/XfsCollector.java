package dev.jalloy.component.prometheus.exporter.unix.collectors;

import dev.jalloy.component.prometheus.exporter.unix.HostFiles;
import dev.jalloy.component.prometheus.exporter.unix.HostPaths;
import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import dev.jalloy.component.prometheus.exporter.unix.NodeCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code xfs} collector ({@code collector/xfs_linux.go} with procfs's {@code
 * xfs/parse.go}): the per-filesystem statistics in {@code /sys/fs/xfs/<device>/stats/stats}. A host
 * without XFS succeeds with nothing.
 */
public final class XfsCollector implements NodeCollector {
  /** Stats line, field index, metric suffix, help ({@code rw} counts writes first). */
  private static final Object[][] METRICS = {
    {
      "extent_alloc",
      0,
      "extent_allocation_extents_allocated_total",
      "Number of extents allocated for a filesystem."
    },
    {
      "extent_alloc",
      1,
      "extent_allocation_blocks_allocated_total",
      "Number of blocks allocated for a filesystem."
    },
    {
      "extent_alloc",
      2,
      "extent_allocation_extents_freed_total",
      "Number of extents freed for a filesystem."
    },
    {
      "extent_alloc",
      3,
      "extent_allocation_blocks_freed_total",
      "Number of blocks freed for a filesystem."
    },
    {
      "abt",
      0,
      "allocation_btree_lookups_total",
      "Number of allocation B-tree lookups for a filesystem."
    },
    {
      "abt",
      1,
      "allocation_btree_compares_total",
      "Number of allocation B-tree compares for a filesystem."
    },
    {
      "abt",
      2,
      "allocation_btree_records_inserted_total",
      "Number of allocation B-tree records inserted for a filesystem."
    },
    {
      "abt",
      3,
      "allocation_btree_records_deleted_total",
      "Number of allocation B-tree records deleted for a filesystem."
    },
    {
      "blk_map",
      0,
      "block_mapping_reads_total",
      "Number of block map for read operations for a filesystem."
    },
    {
      "blk_map",
      1,
      "block_mapping_writes_total",
      "Number of block map for write operations for a filesystem."
    },
    {
      "blk_map",
      2,
      "block_mapping_unmaps_total",
      "Number of block unmaps (deletes) for a filesystem."
    },
    {
      "blk_map",
      3,
      "block_mapping_extent_list_insertions_total",
      "Number of extent list insertions for a filesystem."
    },
    {
      "blk_map",
      4,
      "block_mapping_extent_list_deletions_total",
      "Number of extent list deletions for a filesystem."
    },
    {
      "blk_map",
      5,
      "block_mapping_extent_list_lookups_total",
      "Number of extent list lookups for a filesystem."
    },
    {
      "blk_map",
      6,
      "block_mapping_extent_list_compares_total",
      "Number of extent list compares for a filesystem."
    },
    {
      "bmbt",
      0,
      "block_map_btree_lookups_total",
      "Number of block map B-tree lookups for a filesystem."
    },
    {
      "bmbt",
      1,
      "block_map_btree_compares_total",
      "Number of block map B-tree compares for a filesystem."
    },
    {
      "bmbt",
      2,
      "block_map_btree_records_inserted_total",
      "Number of block map B-tree records inserted for a filesystem."
    },
    {
      "bmbt",
      3,
      "block_map_btree_records_deleted_total",
      "Number of block map B-tree records deleted for a filesystem."
    },
    {
      "dir",
      0,
      "directory_operation_lookup_total",
      "Number of file name directory lookups which miss the operating systems directory name lookup cache."
    },
    {
      "dir",
      1,
      "directory_operation_create_total",
      "Number of times a new directory entry was created for a filesystem."
    },
    {
      "dir",
      2,
      "directory_operation_remove_total",
      "Number of times an existing directory entry was created for a filesystem."
    },
    {
      "dir",
      3,
      "directory_operation_getdents_total",
      "Number of times the directory getdents operation was performed for a filesystem."
    },
    {
      "ig",
      0,
      "inode_operation_attempts_total",
      "Number of times the OS looked for an XFS inode in the inode cache."
    },
    {
      "ig",
      1,
      "inode_operation_found_total",
      "Number of times the OS looked for and found an XFS inode in the inode cache."
    },
    {
      "ig",
      2,
      "inode_operation_recycled_total",
      "Number of times the OS found an XFS inode in the cache, but could not use it as it was being recycled."
    },
    {
      "ig",
      3,
      "inode_operation_missed_total",
      "Number of times the OS looked for an XFS inode in the cache, but did not find it."
    },
    {
      "ig",
      4,
      "inode_operation_duplicates_total",
      "Number of times the OS tried to add a missing XFS inode to the inode cache, but found it had already been added by another process."
    },
    {
      "ig",
      5,
      "inode_operation_reclaims_total",
      "Number of times the OS reclaimed an XFS inode from the inode cache to free memory for another purpose."
    },
    {
      "ig",
      6,
      "inode_operation_attribute_changes_total",
      "Number of times the OS explicitly changed the attributes of an XFS inode."
    },
    {"rw", 1, "read_calls_total", "Number of read(2) system calls made to files in a filesystem."},
    {
      "rw", 0, "write_calls_total", "Number of write(2) system calls made to files in a filesystem."
    },
    {"vnodes", 0, "vnode_active_total", "Number of vnodes not on free lists for a filesystem."},
    {"vnodes", 1, "vnode_allocate_total", "Number of times vn_alloc called for a filesystem."},
    {"vnodes", 2, "vnode_get_total", "Number of times vn_get called for a filesystem."},
    {"vnodes", 3, "vnode_hold_total", "Number of times vn_hold called for a filesystem."},
    {"vnodes", 4, "vnode_release_total", "Number of times vn_rele called for a filesystem."},
    {"vnodes", 5, "vnode_reclaim_total", "Number of times vn_reclaim called for a filesystem."},
    {"vnodes", 6, "vnode_remove_total", "Number of times vn_remove called for a filesystem."},
  };

  /** How many values procfs requires on the lines that are exported. */
  private static final Map<String, Integer> COUNTS =
      Map.of(
          "extent_alloc",
          4,
          "abt",
          4,
          "blk_map",
          7,
          "bmbt",
          4,
          "dir",
          4,
          "ig",
          7,
          "rw",
          2,
          "vnodes",
          8);

  private final HostPaths paths;

  /**
   * @param paths where the host's sysfs is
   */
  public XfsCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "xfs";
  }

  @Override
  public void collect(MetricSink sink) throws IOException {
    Path xfs = paths.sys("fs", "xfs");
    List<String> entries;
    try {
      entries = SysFiles.list(xfs);
    } catch (NoSuchFileException e) {
      return; // procfs globs fs/xfs/*/stats/stats; nothing matches
    }
    for (String device : entries) {
      Path stats = xfs.resolve(device).resolve("stats").resolve("stats");
      if (!Files.isRegularFile(stats)) {
        continue;
      }
      Map<String, long[]> lines = parse(stats);
      for (Object[] metric : METRICS) {
        long[] values = lines.get((String) metric[0]);
        double value = values == null ? 0 : values[(Integer) metric[1]];
        sink.counter("node_xfs_" + metric[2], (String) metric[3], value, "device", device);
      }
    }
  }

  /**
   * The stats file's lines by label; values are 32-bit except {@code xpc}, as procfs reads them.
   */
  private static Map<String, long[]> parse(Path file) throws IOException {
    Map<String, long[]> lines = new HashMap<>();
    for (String line : HostFiles.readWhole(file).split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      String label = fields[0];
      long max = label.equals("xpc") ? -1L : 0xFFFF_FFFFL;
      long[] values = new long[fields.length - 1];
      for (int i = 1; i < fields.length; i++) {
        try {
          values[i - 1] = Long.parseUnsignedLong(fields[i]);
        } catch (NumberFormatException e) {
          throw new IOException(file + ": not a number on line " + label + ": " + fields[i], e);
        }
        if (max != -1L && Long.compareUnsigned(values[i - 1], max) > 0) {
          throw new IOException(file + ": value out of range on line " + label + ": " + fields[i]);
        }
      }
      Integer count = COUNTS.get(label);
      if (count != null && values.length != count) {
        throw new IOException(
            "incorrect number of values for XFS " + label + " stats: " + values.length);
      }
      lines.put(label, values);
    }
    return lines;
  }
}

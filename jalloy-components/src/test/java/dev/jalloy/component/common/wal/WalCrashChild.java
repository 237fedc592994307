package dev.jalloy.component.common.wal;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM for {@link WalCrashTest}: continues the sequence found in the WAL, appending batches of
 * 8-byte indices (synced on return) and printing the last synced index after each batch, until
 * killed.
 */
public final class WalCrashChild {
  private WalCrashChild() {}

  public static void main(String[] args) throws Exception {
    WalOptions o = WalOptions.defaults().withSegmentSize(16 * 1024);
    try (Wal wal = Wal.open(Path.of(args[0]), o, new PrometheusRegistry())) {
      long next = 0;
      try (WalReader r = wal.reader(Position.START)) {
        WalRecord rec;
        while ((rec = r.next()) != null) {
          next = ByteBuffer.wrap(rec.payload()).getLong() + 1;
        }
      }
      while (true) {
        int n = 1 + (int) (next % 7);
        List<byte[]> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          batch.add(ByteBuffer.allocate(8 + (int) (next % 50)).putLong(0, next++).array());
        }
        wal.append(batch);
        System.out.println(next - 1);
        System.out.flush();
      }
    }
  }
}

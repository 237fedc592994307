package dev.jalloy.component.prometheus.remotewrite;

/**
 * How many shards an endpoint needs, as Prometheus' queue manager computes it: the time one sample
 * takes to send, times the samples arriving per second (plus a share of the backlog), is the number
 * of senders that must work in parallel to keep up. The answer stays between {@code min_shards} and
 * {@code max_shards}, and within 30% of the current count nothing changes, so noise does not make
 * the endpoint reshard back and forth.
 */
final class ShardPlanner {
  /** Prometheus' shardToleranceFraction. */
  static final double TOLERANCE = 0.3;

  /** Prometheus sends 5% of the backlog per second on top of the incoming rate. */
  static final double BACKLOG_CATCHUP = 0.05;

  private ShardPlanner() {}

  /**
   * The shard count to use next.
   *
   * @param current the shards now
   * @param samplesInPerSecond samples read from the WAL per second
   * @param sendSecondsPerSample time spent sending, per sample sent (0 when nothing was sent)
   * @param pendingSamples samples read and not yet sent
   */
  static int desired(
      int current,
      int min,
      int max,
      double samplesInPerSecond,
      double sendSecondsPerSample,
      long pendingSamples) {
    if (sendSecondsPerSample <= 0) {
      return clamp(current, min, max);
    }
    double wanted = sendSecondsPerSample * (samplesInPerSecond + BACKLOG_CATCHUP * pendingSamples);
    if (wanted > current * (1 - TOLERANCE) && wanted < current * (1 + TOLERANCE)) {
      return clamp(current, min, max);
    }
    return clamp((int) Math.ceil(wanted), min, max);
  }

  private static int clamp(int n, int min, int max) {
    return Math.max(min, Math.min(max, n));
  }
}

package dev.jalloy.component.prometheus.exporter.unix.collectors;

/** Go's {@code net.IP.String()}: dotted IPv4 (also for IPv4-mapped IPv6), RFC 5952 IPv6. */
final class GoIp {
  private GoIp() {}

  static String format(byte[] ip) {
    if (ip.length == 4) {
      return v4(ip, 0);
    }
    if (ip.length != 16) {
      return "?";
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= ip[i] == 0;
    }
    if (mapped && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) {
      return v4(ip, 12);
    }
    // longest run of two or more zero groups, the first one on ties
    int bestStart = -1;
    int bestLen = 0;
    for (int g = 0; g < 8; ) {
      int start = g;
      while (g < 8 && group(ip, g) == 0) {
        g++;
      }
      int len = g - start;
      if (len >= 2 && len > bestLen) {
        bestStart = start;
        bestLen = len;
      }
      if (len == 0) {
        g++;
      }
    }
    StringBuilder out = new StringBuilder(39);
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(group(ip, g)));
    }
    return out.toString();
  }

  private static int group(byte[] ip, int g) {
    return ((ip[2 * g] & 0xff) << 8) | (ip[2 * g + 1] & 0xff);
  }

  private static String v4(byte[] ip, int o) {
    return (ip[o] & 0xff)
        + "."
        + (ip[o + 1] & 0xff)
        + "."
        + (ip[o + 2] & 0xff)
        + "."
        + (ip[o + 3] & 0xff);
  }
}

package dev.jalloy.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code http} block's {@code auth}: which paths need credentials and whether a request's
 * {@code Authorization} header carries the right ones.
 */
final class BasicAuth {
  /** Protects nothing: no {@code auth.basic} block. */
  static final BasicAuth NONE = new BasicAuth(null, null, List.of(), true, false);

  private final byte[] userHash;
  private final byte[] passwordHash;
  private final List<String> paths;
  private final boolean authenticateMatching;
  private final boolean filtered;

  private BasicAuth(
      byte[] userHash,
      byte[] passwordHash,
      List<String> paths,
      boolean authenticateMatching,
      boolean filtered) {
    this.userHash = userHash;
    this.passwordHash = passwordHash;
    this.paths = paths;
    this.authenticateMatching = authenticateMatching;
    this.filtered = filtered;
  }

  static BasicAuth of(Optional<HttpArguments.Auth> auth) {
    if (auth.isEmpty() || auth.get().basic().isEmpty()) {
      return NONE;
    }
    HttpArguments.Basic basic = auth.get().basic().get();
    Optional<HttpArguments.Filter> filter = auth.get().filter();
    return new BasicAuth(
        sha256(basic.username()),
        sha256(basic.password().value()),
        filter.map(HttpArguments.Filter::paths).orElse(List.of()),
        filter.map(HttpArguments.Filter::authenticateMatchingPaths).orElse(true),
        filter.isPresent());
  }

  /** Whether a request for {@code path} must carry credentials. */
  boolean protects(String path) {
    if (userHash == null) {
      return false;
    }
    if (!filtered) {
      return true;
    }
    boolean matches = false;
    for (String p : paths) {
      if (path.startsWith(p)) {
        matches = true;
        break;
      }
    }
    return matches == authenticateMatching;
  }

  /** Whether an {@code Authorization} header value holds the configured credentials. */
  boolean accepts(String authorization) {
    if (authorization == null
        || authorization.length() < 6
        || !authorization.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    // Hashing both sides before the constant-time comparison hides the lengths too.
    boolean user = MessageDigest.isEqual(sha256(decoded.substring(0, colon)), userHash);
    boolean password = MessageDigest.isEqual(sha256(decoded.substring(colon + 1)), passwordHash);
    return user & password;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

package dev.jalloy.component.common.http;

import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.value.Value;
import java.nio.file.Path;

/**
 * The {@code authorization} block of an HTTP client, as Alloy names and checks it.
 *
 * @param type the scheme, {@code Bearer} by default
 * @param credentials the credentials after it
 * @param credentialsFile a file holding them, read for every request
 */
public record AuthorizationBlock(
    @Attr(value = "type", optional = true) String type,
    @Attr(value = "credentials", optional = true) Value.Secret credentials,
    @Attr(value = "credentials_file", optional = true) String credentialsFile)
    implements Validated {
  /** Type Bearer, no credentials. */
  public static AuthorizationBlock defaults() {
    return new AuthorizationBlock("Bearer", Value.secret(""), "");
  }

  @Override
  public void validate() {
    if (!credentials.value().isEmpty() && !credentialsFile.isEmpty()) {
      throw new IllegalArgumentException(
          "at most one of authorization credentials & credentials_file must be configured");
    }
    if (scheme().equalsIgnoreCase("basic")) {
      throw new IllegalArgumentException(
          "authorization type cannot be set to \"basic\", use \"basic_auth\" block instead");
    }
  }

  /** The scheme as Alloy uses it: {@code type} trimmed, {@code Bearer} when that leaves nothing. */
  public String scheme() {
    String trimmed = type.strip();
    return trimmed.isEmpty() ? "Bearer" : trimmed;
  }

  /** The {@code Authorization} header the block gives. */
  public AuthorizationHeader header() {
    return credentialsFile.isEmpty()
        ? AuthorizationHeader.of(scheme(), credentials.value())
        : AuthorizationHeader.fromFile(scheme(), Path.of(credentialsFile));
  }
}

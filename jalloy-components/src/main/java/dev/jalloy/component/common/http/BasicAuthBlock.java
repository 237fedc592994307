package dev.jalloy.component.common.http;

import dev.jalloy.syntax.decode.Attr;
import dev.jalloy.syntax.decode.Validated;
import dev.jalloy.syntax.value.Value;
import java.nio.file.Path;

/**
 * The {@code basic_auth} block of an HTTP client, as Alloy names and checks it.
 *
 * @param username the user
 * @param password the password
 * @param passwordFile a file holding the password, read for every request
 */
public record BasicAuthBlock(
    @Attr(value = "username", optional = true) String username,
    @Attr(value = "password", optional = true) Value.Secret password,
    @Attr(value = "password_file", optional = true) String passwordFile)
    implements Validated {
  /** Empty credentials. */
  public static BasicAuthBlock defaults() {
    return new BasicAuthBlock("", Value.secret(""), "");
  }

  @Override
  public void validate() {
    if (!password.value().isEmpty() && !passwordFile.isEmpty()) {
      throw new IllegalArgumentException(
          "at most one of basic_auth password & password_file must be configured");
    }
  }

  /** The {@code Authorization} header the block gives. */
  public AuthorizationHeader header() {
    return passwordFile.isEmpty()
        ? AuthorizationHeader.basic(username, password.value())
        : AuthorizationHeader.basicFromFile(username, Path.of(passwordFile));
  }
}

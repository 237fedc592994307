package dev.jalloy.component.common.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The value of an HTTP client's {@code Authorization} header, from Alloy's client options: fixed
 * ({@code bearer_token}, {@code basic_auth.password}, {@code authorization.credentials}), or made
 * from a file that is read for every request ({@code bearer_token_file}, {@code password_file},
 * {@code credentials_file}), as Alloy's client does, so that a rotated secret — a Kubernetes
 * service-account token, say — is used without a reload. A file's content is trimmed of surrounding
 * whitespace.
 */
public sealed interface AuthorizationHeader {
  /** The header's value; a file is read now. */
  String value() throws IOException;

  /**
   * The header Alloy's client options give, or empty: {@code bearer_token}, then {@code
   * bearer_token_file}, then the {@code basic_auth} and {@code authorization} blocks (a component
   * checks that at most one is set).
   *
   * @param bearerToken the token, empty when not set
   * @param bearerTokenFile the token's file, empty when not set
   */
  static Optional<AuthorizationHeader> fromOptions(
      String bearerToken,
      String bearerTokenFile,
      Optional<BasicAuthBlock> basicAuth,
      Optional<AuthorizationBlock> authorization) {
    if (!bearerToken.isEmpty()) {
      return Optional.of(of("Bearer", bearerToken));
    }
    if (!bearerTokenFile.isEmpty()) {
      return Optional.of(fromFile("Bearer", Path.of(bearerTokenFile)));
    }
    return basicAuth
        .map(BasicAuthBlock::header)
        .or(() -> authorization.map(AuthorizationBlock::header));
  }

  /**
   * Alloy's check of an HTTP client's authentication options: each of {@code bearer_token}, {@code
   * bearer_token_file}, {@code basic_auth} and {@code authorization} (and {@code oauth2}, which
   * jalloy does not take yet) counts as one method, and at most one may be set.
   *
   * @throws IllegalArgumentException with Alloy's message when two or more are set
   */
  static void requireAtMostOneMethod(
      boolean bearerToken, boolean bearerTokenFile, boolean basicAuth, boolean authorization) {
    int methods =
        (bearerToken ? 1 : 0)
            + (bearerTokenFile ? 1 : 0)
            + (basicAuth ? 1 : 0)
            + (authorization ? 1 : 0);
    if (methods > 1) {
      throw new IllegalArgumentException(
          "at most one of basic_auth, authorization, oauth2, bearer_token & bearer_token_file must"
              + " be configured");
    }
  }

  /** {@code <type> <credentials>}; {@code bearer_token} is type {@code Bearer}. */
  static AuthorizationHeader of(String type, String credentials) {
    return new Fixed(type + " " + credentials);
  }

  /** {@code <type> <the file's content>}. */
  static AuthorizationHeader fromFile(String type, Path credentialsFile) {
    return new FromFile(credentialsFile, credentials -> type + " " + credentials);
  }

  /** {@code Basic base64(username:password)}. */
  static AuthorizationHeader basic(String username, String password) {
    return new Fixed(basicValue(username, password));
  }

  /** {@code Basic base64(username:<the file's content>)}. */
  static AuthorizationHeader basicFromFile(String username, Path passwordFile) {
    return new FromFile(passwordFile, password -> basicValue(username, password));
  }

  private static String basicValue(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A value known when the client is configured. */
  record Fixed(String value) implements AuthorizationHeader {}

  /** A value made from {@code file}'s trimmed content by {@code format}, at every request. */
  record FromFile(Path file, UnaryOperator<String> format) implements AuthorizationHeader {
    @Override
    public String value() throws IOException {
      try {
        return format.apply(Files.readString(file).strip());
      } catch (IOException e) {
        throw new IOException(
            "unable to read authorization credentials file " + file + ": " + e.getMessage(), e);
      }
    }
  }
}

package dev.jalloy.component.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jalloy.syntax.value.Value;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks Alloy makes of an HTTP client's authentication options, shared by the clients. */
class AuthorizationOptionsTest {
  @ParameterizedTest(name = "token {0}, token file {1}, basic_auth {2}, authorization {3}")
  @CsvSource({
    "false, false, false, false, true",
    "true, false, false, false, true",
    "false, true, false, false, true",
    "false, false, true, false, true",
    "false, false, false, true, true",
    // a token and a token file are two methods, as Alloy counts them
    "true, true, false, false, false",
    "true, false, true, false, false",
    "false, true, false, true, false",
    "false, false, true, true, false"
  })
  void atMostOneMethodIsAccepted(
      boolean token, boolean tokenFile, boolean basic, boolean authorization, boolean accepted) {
    var check =
        assertThatCode(
            () ->
                AuthorizationHeader.requireAtMostOneMethod(token, tokenFile, basic, authorization));
    if (accepted) {
      check.doesNotThrowAnyException();
    } else {
      check
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "at most one of basic_auth, authorization, oauth2, bearer_token &"
                  + " bearer_token_file must be configured");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "Basic", " BASIC "})
  void theBasicSchemeBelongsToTheBasicAuthBlock(String type) {
    AuthorizationBlock block = new AuthorizationBlock(type, Value.secret("x"), "");
    assertThatThrownBy(block::validate)
        .hasMessage(
            "authorization type cannot be set to \"basic\", use \"basic_auth\" block instead");
  }

  @ParameterizedTest
  @CsvSource({"'', Bearer x", "'  ', Bearer x", "' Token ', Token x", "Bearer, Bearer x"})
  void theSchemeIsTrimmedAndBearerWhenEmpty(String type, String header) throws Exception {
    AuthorizationBlock block = new AuthorizationBlock(type, Value.secret("x"), "");
    block.validate();
    assertThat(AuthorizationHeader.fromOptions("", "", Optional.empty(), Optional.of(block)))
        .hasValueSatisfying(h -> assertThat(valueOf(h)).isEqualTo(header));
  }

  private static String valueOf(AuthorizationHeader h) {
    try {
      return h.value();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}

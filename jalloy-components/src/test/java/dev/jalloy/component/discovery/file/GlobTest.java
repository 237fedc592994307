package dev.jalloy.component.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*.json, a.json, true",
    "*.json, a.yml, false",
    "tg_?.json, tg_1.json, true",
    "tg_?.json, tg_12.json, false",
    "tg_[0-9].json, tg_5.json, true",
    "tg_[^0-9].json, tg_5.json, false",
    "tg_[^0-9].json, tg_x.json, true",
    "tg_[ab].json, tg_b.json, true",
    "tg_\\*.json, tg_*.json, true",
    "tg_\\*.json, tg_x.json, false",
    "a.b.json, aXb.json, false",
  })
  void matchesLikeGosFilepathMatch(String pattern, String name, boolean matches) throws Exception {
    assertThat(Glob.compile(pattern).matcher(name).matches()).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[", "[]", "[a", "[-a]", "[z-a]", "\\"})
  void rejectsBadPatterns(String pattern) {
    assertThatThrownBy(() -> Glob.compile(pattern))
        .isInstanceOf(Glob.BadPatternException.class)
        .hasMessage("syntax error in pattern");
  }

  @Test
  void expandsSortedAndJoinsToTheDirectory() throws Exception {
    Files.writeString(dir.resolve("b.json"), "");
    Files.writeString(dir.resolve("a.json"), "");
    Files.writeString(dir.resolve("c.yml"), "");
    assertThat(Glob.expand(dir + "/./*.json"))
        .containsExactly(dir.resolve("a.json").toString(), dir.resolve("b.json").toString());
    assertThat(Glob.expand(dir + "/c.yml")).containsExactly(dir + "/c.yml");
    assertThat(Glob.expand(dir + "/missing.yml")).isEmpty();
    assertThat(Glob.expand(dir + "/nodir/*.yml")).isEmpty();
  }
}

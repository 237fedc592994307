package dev.jalloy.syntax.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base-2 sizes as alecthomas/units ParseBase2Bytes reads and prints them. */
class ByteSizeTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
    "0, 0",
    "100B, 100",
    "1KB, 1024",
    "1KiB, 1024",
    "1MB, 1048576",
    "1MiB, 1048576",
    "512KiB, 524288",
    "1.5GiB, 1610612736",
    "1GB, 1073741824",
    "1TiB, 1099511627776",
    "1PB, 1125899906842624",
    "1EiB, 1152921504606846976",
    "1KiB512B, 1536",
    "-2KiB, -2048",
  })
  void parsesBase2(String text, long bytes) {
    assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0} fails: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1kB|units: unknown unit kB in 1kB",
        "1KiB1KB|units: unknown unit KiB in 1KiB1KB",
        "x|units: invalid x",
        "5|units: unknown unit  in 5",
        "8EB|units: overflow parsing unit",
        // The iB attempt overflows, so the B attempt's error is the one reported, as in Go.
        "8EiB|units: unknown unit EiB in 8EiB",
      })
  void rejects(String text, String message) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0} bytes prints as {1}")
  @CsvSource({"0, 0B", "100, 100B", "1024, 1KiB", "1536, 1KiB512B", "1048576, 1MiB"})
  void formats(long bytes, String expected) {
    assertThat(new ByteSize(bytes).toString()).isEqualTo(expected);
    assertThat(ByteSize.format(bytes)).isEqualTo(expected);
  }
}

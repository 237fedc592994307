package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageSupportTest {
  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "2019-04-30T02:12:41.8443515Z",
        "2019-04-30T02:12:41Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00+01:00",
        "2023-02-29T12:00:00Z",
        "2000-02-29T00:00:00.5-05:30",
        "1900-02-29T00:00:00Z",
        "2019-04-31T00:00:00Z",
        "2019-04-30T24:00:00Z",
        "2019-04-30T23:60:00Z",
        "2019-04-30T23:59:60Z",
        "2019-04-30T02:12:41.Z",
        "2019-04-30T02:12:41.1234567891Z",
        "2019-04-30T02:12:41+18:00",
        "2019-04-30T02:12:41-18:00",
        "2019-04-30T02:12:41+18:01",
        "2019-04-30T02:12:41+19:00",
        "2019-04-30T02:12:41+05:60",
        "2019-04-30T02:12:41+0500",
        "2019-04-30t02:12:41z",
        "2019-04-30 02:12:41Z",
        "0000-01-01T00:00:00Z",
        "1677-09-21T00:12:43.145224192Z",
        "2262-04-11T23:47:16.854775807Z",
        "9999-12-31T23:59:59.999999999Z",
        "2019-04-30T02:12:41Zx",
        "2019-04-30T02:12:41",
        "yesterday",
        "",
        // chars above 0xFF whose low byte is a digit, '-', 'T' or 'Z': not a timestamp
        "\u0132019-04-30T02:12:41Z",
        "2019\u012d04-30T02:12:41Z",
        "2019-04-30\u0154" + "02:12:41Z",
        "2019-04-30T02:12:41.\u0135Z",
        "2019-04-30T02:12:41\u015a",
        "2019-04-30T02:12:41.123456789+05:00x"
      })
  void theFastPathAgreesWithJavaTime(String s) {
    assertSame(s);
  }

  @Test
  void generatedTimestampsAgree() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int year = random.nextInt(10) == 0 ? random.nextInt(10_000) : 1600 + random.nextInt(800);
      sb.append(String.format("%04d-%02d-%02dT", year, 1 + random.nextInt(13), random.nextInt(32)));
      sb.append(
          String.format(
              "%02d:%02d:%02d", random.nextInt(25), random.nextInt(61), random.nextInt(61)));
      int fraction = random.nextInt(12);
      if (fraction > 0) {
        sb.append('.');
        for (int k = 1; k < fraction; k++) {
          sb.append((char) ('0' + random.nextInt(10)));
        }
      }
      switch (random.nextInt(4)) {
        case 0 -> sb.append('Z');
        case 1 -> sb.append(String.format("+%02d:%02d", random.nextInt(20), random.nextInt(61)));
        case 2 -> sb.append(String.format("-%02d:%02d", random.nextInt(20), random.nextInt(61)));
        default -> sb.append(random.nextBoolean() ? "+00:00" : "-00:00");
      }
      assertSame(sb.toString());
    }
  }

  @Test
  void theCommonShapeTakesTheFastPath() {
    assertThat(StageSupport.rfc3339Fast("2019-04-30T02:12:41.8443515Z"))
        .isEqualTo(1556590361844351500L);
    assertThat(StageSupport.rfc3339Fast("2024-02-29T13:00:00.123+01:00"))
        .isEqualTo(1709208000123000000L);
  }

  private static void assertSame(String s) {
    OptionalLong expected = StageSupport.rfc3339JavaTime(s);
    assertThat(StageSupport.parseRfc3339Nano(s)).as(s).isEqualTo(expected);
    long fast = StageSupport.rfc3339Fast(s);
    if (fast != StageSupport.NOT_FAST) {
      assertThat(expected).as(s).hasValue(fast);
    }
  }
}

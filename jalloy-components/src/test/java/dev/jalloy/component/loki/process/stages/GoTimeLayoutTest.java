package dev.jalloy.component.loki.process.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoTimeLayoutTest {

  @ParameterizedTest(name = "{0} <- {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u00a4',
      textBlock =
          """
          2006-01-02T15:04:05Z07:00            | 2024-03-05T10:11:12Z             | UTC           | 2024-03-05T10:11:12Z
          2006-01-02T15:04:05Z07:00            | 2024-03-05T10:11:12+02:00        | UTC           | 2024-03-05T08:11:12Z
          2006-01-02T15:04:05Z07:00            | 2024-03-05T10:11:12.5Z           | UTC           | 2024-03-05T10:11:12.500Z
          2006-01-02T15:04:05.999999999Z07:00  | 2024-03-05T10:11:12.123456789Z   | UTC           | 2024-03-05T10:11:12.123456789Z
          2006-01-02T15:04:05.999999999Z07:00  | 2024-03-05T10:11:12Z             | UTC           | 2024-03-05T10:11:12Z
          2006-01-02T15:04:05.000Z07:00        | 2024-03-05T10:11:12.120-01:30    | UTC           | 2024-03-05T11:41:12.120Z
          2006-01-02 15:04:05,000              | 2024-03-05 10:11:12,345          | UTC           | 2024-03-05T10:11:12.345Z
          2006-01-02 15:04:05                  | 2024-03-05 10:11:12              | Europe/Berlin | 2024-03-05T09:11:12Z
          2006-01-02 15:04:05 -0700            | 2024-03-05 10:11:12 +0100        | Europe/Berlin | 2024-03-05T09:11:12Z
          2006-01-02 15:04:05 -07              | 2024-03-05 10:11:12 -05          | UTC           | 2024-03-05T15:11:12Z
          02/Jan/2006:15:04:05 -0700           | 05/Mar/2024:10:11:12 +0000       | UTC           | 2024-03-05T10:11:12Z
          02/Jan/2006:15:04:05 -0700           | 05/MAR/2024:10:11:12 +0000       | UTC           | 2024-03-05T10:11:12Z
          Mon Jan _2 15:04:05 2006             | Tue Mar  5 10:11:12 2024         | UTC           | 2024-03-05T10:11:12Z
          Mon Jan _2 15:04:05 2006             | Tue Mar 15 10:11:12 2024         | UTC           | 2024-03-15T10:11:12Z
          Monday, 02-Jan-06 15:04:05 MST       | Tuesday, 05-Mar-24 10:11:12 UTC  | UTC           | 2024-03-05T10:11:12Z
          Monday, 02-Jan-06 15:04:05 MST       | Tuesday, 05-Mar-99 10:11:12 UTC  | UTC           | 1999-03-05T10:11:12Z
          Jan 2 2006 3:04:05 PM                | Mar 5 2024 1:02:03 PM            | UTC           | 2024-03-05T13:02:03Z
          Jan 2 2006 3:04:05 pm                | Mar 5 2024 12:02:03 am           | UTC           | 2024-03-05T00:02:03Z
          January 2 2006 15h04                 | March 5 2024 10h11               | UTC           | 2024-03-05T10:11:00Z
          2006-01-02T15:04:05Z0700             | 2024-03-05T10:11:12-0130         | UTC           | 2024-03-05T11:41:12Z
          20060102150405                       | 20240305101112                   | UTC           | 2024-03-05T10:11:12Z
          2006.002                             | 2024.065                         | UTC           | 2024-03-05T00:00:00Z
          2006-1-2 3:4:5                       | 2024-3-5 1:2:3                   | UTC           | 2024-03-05T01:02:03Z
          2006-01-02  15:04                    | 2024-03-05     10:11             | UTC           | 2024-03-05T10:11:00Z
          Jan _2 15:04:05                      | Mar  5 10:11:12                  | UTC           | 0000-03-05T10:11:12Z
          02 Jan 06 15:04 MST                  | 05 Mar 24 10:11 CET              | Europe/Berlin | 2024-03-05T09:11:00Z
          02 Jan 06 15:04 MST                  | 05 Mar 24 10:11 XYZ              | Europe/Berlin | 2024-03-05T10:11:00Z
          """)
  void parses(String layout, String value, String zone, String expected) {
    assertThat(GoTimeLayout.of(layout).parseInstant(value, ZoneId.of(zone)).toString())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} <- {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u00a4',
      textBlock =
          """
          2006-01-02                 | 2024-3-05              | parsing time "2024-3-05": cannot parse "3-05" as "01"
          2006-01-02                 | 2024-13-05             | parsing time "2024-13-05": month out of range
          2006-01-02                 | 2024-02-30             | parsing time "2024-02-30": day out of range
          2006-01-02                 | 2024-02-03x            | parsing time "2024-02-03x": extra text: "x"
          2006-01-02                 | 24-02-03               | parsing time "24-02-03": cannot parse "24-02-03" as "2006"
          15:04:05                   | 25:00:00               | parsing time "25:00:00": hour out of range
          2006-01-02T15:04:05.000Z   | 2024-01-02T10:11:12.1Z | parsing time "2024-01-02T10:11:12.1Z": cannot parse ".1Z" as ".000"
          Jan 2                      | Foo 2                  | parsing time "Foo 2": cannot parse "Foo 2" as "Jan"
          2006-01-02 -0700           | 2024-01-02 0700        | parsing time "2024-01-02 0700": cannot parse "0700" as "-0700"
          """)
  void rejects(String layout, String value, String message) {
    assertThatThrownBy(() -> GoTimeLayout.of(layout).parse(value, ZoneOffset.UTC))
        .isInstanceOf(DateTimeException.class)
        .hasMessage(message);
  }
}

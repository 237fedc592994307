package dev.jalloy.component.prometheus.exporter.unix.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jalloy.component.prometheus.exporter.unix.MetricSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextfileCollectorTest {
  @TempDir Path dir;

  private Path write(String name, String content, long epochMillis) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochMilli(epochMillis)));
    return file;
  }

  @Test
  void noDirectoryConfiguredReportsOnlyTheErrorGauge() throws Exception {
    assertThat(Expositions.collect(new TextfileCollector("")))
        .isEqualTo(
            """
            # HELP node_textfile_scrape_error 1 if there was an error opening or reading a file, 0 otherwise
            # TYPE node_textfile_scrape_error gauge
            node_textfile_scrape_error 0
            """);
  }

  @Test
  void goodFilesPassThroughBadFilesAreSkippedWholeAndSetTheError() throws Exception {
    Path good =
        write(
            "good.prom",
            "# HELP foo Foo help\n# TYPE foo counter\nfoo{a=\"1\"} 1\nfoo 2\nbar 3\n",
            1_795_449_680_123L);
    write("bad.prom", "baz{ 1\n", 1_000L);
    write("stamped.prom", "qux 1 123\n", 1_000L);
    write("ignored.txt", "not_a_prom_file 1\n", 1_000L);
    MetricSink sink = new MetricSink();
    new TextfileCollector(dir.toString()).collect(sink);
    assertThat(Expositions.print(sink))
        .isEqualTo(
            """
            # HELP bar Metric read from %1$s
            # TYPE bar untyped
            bar 3
            # HELP foo Foo help
            # TYPE foo counter
            foo{a=""} 2
            foo{a="1"} 1
            # HELP node_textfile_mtime_seconds Unixtime mtime of textfiles successfully read.
            # TYPE node_textfile_mtime_seconds gauge
            node_textfile_mtime_seconds{file="%1$s"} 1.795449680123e+09
            # HELP node_textfile_scrape_error 1 if there was an error opening or reading a file, 0 otherwise
            # TYPE node_textfile_scrape_error gauge
            node_textfile_scrape_error 1
            """
                .formatted(good));
    assertThat(sink.warnings())
        .hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("bad.prom"))
        .anySatisfy(w -> assertThat(w).contains("unsupported client-side timestamps"));
  }

  @Test
  void histogramsKeepTheirSampleNamesAndLabels() throws Exception {
    write(
        "h.prom",
        """
        # HELP job_seconds How long the job ran.
        # TYPE job_seconds histogram
        job_seconds_bucket{le="1"} 2
        job_seconds_bucket{le="+Inf"} 3
        job_seconds_sum 4.5
        job_seconds_count 3
        """,
        2_000L);
    String text = Expositions.collect(new TextfileCollector(dir.toString()));
    assertThat(text)
        .contains("# TYPE job_seconds histogram\n")
        .contains("job_seconds_bucket{le=\"1\"} 2\n")
        .contains("job_seconds_bucket{le=\"+Inf\"} 3\n")
        .contains("job_seconds_sum 4.5\n")
        .contains("job_seconds_count 3\n")
        .doesNotContain("__name__")
        .contains("node_textfile_scrape_error 0");
  }

  @Test
  void anUnreadableDirectorySetsTheError() throws Exception {
    assertThat(Expositions.collect(new TextfileCollector(dir.resolve("absent").toString())))
        .contains("node_textfile_scrape_error 1");
  }
}

package dev.jalloy.component.loki.write.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LokiPushClientTest {
  @Test
  void aFailedPushIsWordedAsAlloysClientWordsIt() {
    byte[] body = "entry too far behind\nsecond line".getBytes(StandardCharsets.UTF_8);
    assertThat(LokiPushClient.errorText(400, body))
        .isEqualTo("server returned HTTP status 400 Bad Request (400): entry too far behind");
    assertThat(LokiPushClient.errorText(404, new byte[0]))
        .isEqualTo("server returned HTTP status 404 Not Found (404): ");
  }

  @Test
  void statusClassesDecideRetryDropOrSuccess() {
    assertThat(LokiPushClient.classify(204, "", false)).isInstanceOf(PushResult.Success.class);
    assertThat(LokiPushClient.classify(503, "x", false)).isInstanceOf(PushResult.Retryable.class);
    assertThat(LokiPushClient.classify(429, "x", true)).isInstanceOf(PushResult.Retryable.class);
    assertThat(LokiPushClient.classify(429, "x", false))
        .isEqualTo(new PushResult.Failed(429, "x", "rate_limited"));
    assertThat(LokiPushClient.classify(400, "x", false))
        .isEqualTo(new PushResult.Failed(400, "x", "ingester_error"));
  }
}

package io.tradingsuite.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The receiver on a request recorded from risk-service's OTLP/HTTP exporter. */
class OtlpReceiverTest {

  static byte[] recorded() throws IOException {
    try (InputStream in =
        OtlpReceiverTest.class.getResourceAsStream("/otlp/risk-service-export.bin")) {
      return Objects.requireNonNull(in, "recorded export").readAllBytes();
    }
  }

  @Test
  void decodesAnExportRecordedFromAService() throws IOException {
    List<OtlpReceiver.Span> spans = OtlpReceiver.decode(recorded());

    assertThat(spans).hasSize(1);
    OtlpReceiver.Span s = spans.get(0);
    assertThat(s.service()).isEqualTo("risk-service");
    assertThat(s.traceId()).isEqualTo("ad5c8af0efd68d17cb2eb62cc34ff92c");
    assertThat(s.spanId()).isEqualTo("eb29a8ba9a94f3d0");
    assertThat(s.parentSpanId()).isEmpty();
    assertThat(s.name()).isEqualTo("GET /api/v1/circuit-breaker");
    assertThat(s.kind()).isEqualTo(2); // SPAN_KIND_SERVER
    assertThat(s.attribute("http.route")).isEqualTo("/api/v1/circuit-breaker");
    assertThat(s.attribute("http.response.status_code")).isEqualTo("200");
  }

  @Test
  void keepsWhatIsPostedOverHttp() throws IOException {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create(receiver.endpoint() + "/v1/traces").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-protobuf");
      try (OutputStream out = c.getOutputStream()) {
        out.write(recorded());
      }
      assertThat(c.getResponseCode()).isEqualTo(200);
      assertThat(receiver.spans())
          .extracting(OtlpReceiver.Span::service)
          .containsExactly("risk-service");
      assertThat(receiver.errors()).isEmpty();
    }
  }
}

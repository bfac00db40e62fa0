package io.clavis.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpositionWriterTest {

  @Test
  void familiesSamplesAndEscaping() {
    String text =
        new ExpositionWriter()
            .family("clavis_things_total", MetricType.COUNTER, "Things\\done\nby kind \"x\".")
            .sample("clavis_things_total", 3, "kind", "a\"b\\c\nd", "other", "")
            .sample("clavis_things_total", 1.5)
            .family("clavis_level", MetricType.GAUGE, "A level.")
            .sample("clavis_level", Double.NaN)
            .sample("clavis_level", Double.NEGATIVE_INFINITY, "side", "low")
            .text();
    assertThat(text)
        .isEqualTo(
            """
            # HELP clavis_things_total Things\\\\done\\nby kind "x".
            # TYPE clavis_things_total counter
            clavis_things_total{kind="a\\"b\\\\c\\nd",other=""} 3
            clavis_things_total 1.5
            # HELP clavis_level A level.
            # TYPE clavis_level gauge
            clavis_level NaN
            clavis_level{side="low"} -Inf
            """);
    PrometheusText parsed = PrometheusText.parse(text);
    assertThat(parsed.value("clavis_things_total", "kind", "a\"b\\c\nd", "other", "")).isEqualTo(3);
    assertThat(parsed.type("clavis_level")).isEqualTo("gauge");
  }

  @Test
  void histogramBucketsAreCumulativeWithInfSumAndCount() {
    Histogram h = new Histogram();
    h.observeNanos(100_000); // 0.1 ms: the first bucket
    h.observeNanos(500_000); // exactly on the first bound: still the first bucket
    h.observeNanos(3_000_000); // 3 ms
    h.observeNanos(9_000_000_000L); // 9 s: above every bound
    String text =
        new ExpositionWriter()
            .family("clavis_d_seconds", MetricType.HISTOGRAM, "D.")
            .histogram("clavis_d_seconds", h.snapshot(), "op", "x")
            .text();
    PrometheusText parsed = PrometheusText.parse(text);
    assertThat(parsed.value("clavis_d_seconds_bucket", "op", "x", "le", "0.0005")).isEqualTo(2);
    assertThat(parsed.value("clavis_d_seconds_bucket", "op", "x", "le", "0.001")).isEqualTo(2);
    assertThat(parsed.value("clavis_d_seconds_bucket", "op", "x", "le", "0.005")).isEqualTo(3);
    assertThat(parsed.value("clavis_d_seconds_bucket", "op", "x", "le", "5")).isEqualTo(3);
    assertThat(parsed.value("clavis_d_seconds_bucket", "op", "x", "le", "+Inf")).isEqualTo(4);
    assertThat(parsed.value("clavis_d_seconds_count", "op", "x")).isEqualTo(4);
    assertThat(parsed.value("clavis_d_seconds_sum", "op", "x")).isEqualTo(9.0036);
    assertThat(text)
        .contains("clavis_d_seconds_bucket{op=\"x\",le=\"0.0005\"} 2\n")
        .contains("clavis_d_seconds_bucket{op=\"x\",le=\"1\"} 3\n")
        .contains("clavis_d_seconds_bucket{op=\"x\",le=\"+Inf\"} 4\n")
        .endsWith("clavis_d_seconds_count{op=\"x\"} 4\n");
    assertThat(parsed.samples()).hasSize(Histogram.BOUNDS_SECONDS.length + 1 + 2);
  }

  @Test
  void requestMetricsCountOutcomesDurationsAndErrorCodes() {
    MetricsRegistry registry = new MetricsRegistry();
    RequestMetrics r = registry.requests();
    r.record(Protocol.REST, "key.encrypt", Outcome.OK, null, 2_000_000);
    r.record(Protocol.REST, "key.encrypt", Outcome.CLIENT_ERROR, "NOT_FOUND", 1_000);
    r.record(Protocol.KMIP, "kmip.get", Outcome.SERVER_ERROR, "GENERAL_FAILURE", 1_000);
    registry.gauge("clavis_sealed", "Sealed.", () -> 0);
    PrometheusText p = PrometheusText.parse(registry.scrape());
    String req = "clavis_requests_total";
    assertThat(p.value(req, "protocol", "rest", "operation", "key.encrypt", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(
            p.value(req, "protocol", "rest", "operation", "key.encrypt", "outcome", "client_error"))
        .isEqualTo(1);
    assertThat(
            p.value(req, "protocol", "rest", "operation", "key.encrypt", "outcome", "server_error"))
        .isZero();
    assertThat(p.value(req, "protocol", "kmip", "operation", "kmip.get", "outcome", "server_error"))
        .isEqualTo(1);
    assertThat(
            p.value(
                "clavis_request_duration_seconds_count",
                "protocol",
                "rest",
                "operation",
                "key.encrypt"))
        .isEqualTo(2);
    assertThat(p.value("clavis_errors_total", "protocol", "rest", "code", "NOT_FOUND"))
        .isEqualTo(1);
    assertThat(p.value("clavis_errors_total", "protocol", "kmip", "code", "GENERAL_FAILURE"))
        .isEqualTo(1);
    assertThat(p.has("clavis_jvm_memory_used_bytes")).isTrue();
    assertThat(p.has("clavis_jvm_gc_collections_total")).isTrue();
    assertThat(p.value("clavis_process_uptime_seconds")).isPositive();
    assertThat(p.has("clavis_sealed")).isTrue();
  }

  @Test
  void theStrictReaderRefusesWhatIsNotTheFormat() {
    String type = "# TYPE a counter\n";
    assertThatThrownBy(() -> PrometheusText.parse(type + "a 1")).hasMessageContaining("newline");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\n")).hasMessageContaining("TYPE");
    assertThatThrownBy(() -> PrometheusText.parse(type + "a{x=\"1} 1\n"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> PrometheusText.parse(type + "a one\n"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> PrometheusText.parse(type + "a{x=\"1\",x=\"2\"} 1\n"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> PrometheusText.parse(type + "random text\n"))
        .hasMessageContaining("neither");
    assertThatThrownBy(() -> PrometheusText.parse(type + type)).hasMessageContaining("second");
    assertThatThrownBy(
            () ->
                PrometheusText.parse(
                    "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                        + "h_count 1\n"))
        .hasMessageContaining("decrease");
  }
}

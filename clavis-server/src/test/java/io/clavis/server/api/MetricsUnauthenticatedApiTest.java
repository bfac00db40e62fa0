package io.clavis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.metrics.PrometheusText;
import io.clavis.server.testing.TestNode;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started with {@code --metrics-unauthenticated}: anyone may scrape it, also before it is
 * initialised, and the scrape says it is sealed while health answers 503 for load balancers.
 */
class MetricsUnauthenticatedApiTest {

  @Test
  void anyoneMayScrapeAndASealedNodeSaysSo(@TempDir Path dir) throws Exception {
    try (TestNode node =
        new TestNode(dir, c -> c.toBuilder().metricsUnauthenticated(true).build())) {
      String name = node.node().identity().name();
      Response health = node.call("GET", "/v1/sys/health", null, null);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.text("mode")).isEqualTo("UNINITIALIZED");
      assertThat(health.headers().firstValue("Clavis-Node")).hasValue(name);

      Response sealed = node.call("GET", "/metrics", null, null);
      assertThat(sealed.status()).as("%s", sealed).isEqualTo(200);
      PrometheusText m = PrometheusText.parse(new String(sealed.rawBody(), StandardCharsets.UTF_8));
      assertThat(m.value("clavis_sealed")).isEqualTo(1);
      assertThat(m.value("clavis_read_only")).isZero();

      node.initialize("metrics-unauthenticated-passphrase");
      assertThat(node.call("GET", "/v1/sys/health", null, null).status()).isEqualTo(200);
      Response open = node.call("GET", "/metrics", null, null);
      assertThat(open.status()).isEqualTo(200);
      PrometheusText after =
          PrometheusText.parse(new String(open.rawBody(), StandardCharsets.UTF_8));
      assertThat(after.value("clavis_sealed")).isZero();
      assertThat(after.value("clavis_errors_total", "protocol", "rest", "code", "UNAUTHENTICATED"))
          .isZero();
    }
  }
}

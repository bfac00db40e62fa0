package io.clavis.server.kmip;

import static io.clavis.server.kmip.KmipTestMessages.discoverVersions;
import static io.clavis.server.kmip.KmipTestMessages.item;
import static io.clavis.server.kmip.KmipTestMessages.onlyItem;
import static io.clavis.server.kmip.KmipTestMessages.reason;
import static io.clavis.server.kmip.KmipTestMessages.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.metrics.PrometheusText;
import io.clavis.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KMIP batch items move the request metrics under {@code protocol="kmip"}; connections show. */
class KmipMetricsTest {

  private static PrometheusText scrape(TestNode node) throws Exception {
    TestNode.Response r = node.call("GET", "/metrics", null);
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return PrometheusText.parse(new String(r.rawBody(), StandardCharsets.UTF_8));
  }

  @Test
  void itemsAreCountedByOperationOutcomeAndResultReason(@TempDir Path dir) throws Exception {
    try (TestNode node = new TestNode(dir)) {
      node.initialize("kmip-metrics-test-passphrase");
      KmipTestIdentity client = KmipTestIdentity.registered(node, "kmip-metrics", List.of());
      PrometheusText before = scrape(node);
      try (KmipTestClient c =
          KmipTestClient.connect(node.node().kmipPort(), client, node.node().caCertPath())) {
        for (int i = 0; i < 3; i++) {
          c.call(request(KmipVersion.V1_4, discoverVersions(null)));
        }
        assertThat(reason(onlyItem(c.call(request(KmipVersion.V1_4, item(0x0000FFFF, "u"))))))
            .isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED.value());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> scrape(node).value("clavis_kmip_connections") == 1);
      }
      PrometheusText after = scrape(node);
      String requests = "clavis_requests_total";
      String[] discover = {"protocol", "kmip", "operation", "kmip.discover-versions", "outcome"};
      assertThat(
              after.value(requests, with(discover, "ok"))
                  - before.value(requests, with(discover, "ok")))
          .isEqualTo(3);
      assertThat(
              after.value(
                  "clavis_request_duration_seconds_count",
                  "protocol",
                  "kmip",
                  "operation",
                  "kmip.discover-versions"))
          .isEqualTo(after.value(requests, with(discover, "ok")));
      assertThat(
              after.value(
                  requests,
                  "protocol",
                  "kmip",
                  "operation",
                  "kmip.unknown-operation",
                  "outcome",
                  "client_error"))
          .isEqualTo(1);
      assertThat(
              after.value(
                  "clavis_errors_total", "protocol", "kmip", "code", "OPERATION_NOT_SUPPORTED"))
          .isEqualTo(1);
    }
  }

  private static String[] with(String[] labels, String last) {
    String[] out = java.util.Arrays.copyOf(labels, labels.length + 1);
    out[labels.length] = last;
    return out;
  }
}

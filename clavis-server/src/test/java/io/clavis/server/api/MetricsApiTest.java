package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.metrics.PrometheusText;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on a real node: the whole answer is valid exposition text, the request
 * counters, histograms and error counts move with the traffic, the node's gauges are there, and
 * only a caller allowed to inspect the cluster may read it. Also: every answer names its node.
 */
class MetricsApiTest extends SharedNodeApiTest {
  private static final String REQUESTS = "clavis_requests_total";

  private PrometheusText scrape() throws Exception {
    Response r = get("/metrics");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    return PrometheusText.parse(new String(r.rawBody(), StandardCharsets.UTF_8));
  }

  private static double encrypts(PrometheusText m, String outcome) {
    return m.value(REQUESTS, "protocol", "rest", "operation", "key.encrypt", "outcome", outcome);
  }

  @Test
  void countersHistogramsAndErrorCodesMoveWithTraffic() throws Exception {
    String key = node.createKey(node.createVault("metrics-vault"), "metrics-key", "AES_256");
    encrypt(key, new byte[] {1}); // the key record is cached from here on
    PrometheusText before = scrape();

    for (int i = 0; i < 5; i++) {
      encrypt(key, new byte[] {(byte) i});
    }
    assertError(post("/v1/keys/" + key + "/encrypt", "{not json"), 400, "MALFORMED_JSON");
    assertError(get("/v1/no-such-endpoint"), 404, "NOT_FOUND");
    PrometheusText after = scrape();

    String[] encrypt = {"protocol", "rest", "operation", "key.encrypt"};
    assertThat(delta(before, after, REQUESTS, with(encrypt, "outcome", "ok"))).isEqualTo(5);
    assertThat(delta(before, after, REQUESTS, with(encrypt, "outcome", "client_error")))
        .isEqualTo(1);
    assertThat(after.value(REQUESTS, with(encrypt, "outcome", "server_error"))).isZero();
    String count = "clavis_request_duration_seconds_count";
    assertThat(delta(before, after, count, encrypt)).isEqualTo(6);
    assertThat(after.value("clavis_request_duration_seconds_bucket", with(encrypt, "le", "+Inf")))
        .isEqualTo(after.value(count, encrypt));
    String errors = "clavis_errors_total";
    assertThat(delta(before, after, errors, "protocol", "rest", "code", "MALFORMED_JSON"))
        .isEqualTo(1);
    String[] unrouted = {"protocol", "rest", "operation", "unrouted", "outcome", "client_error"};
    assertThat(after.value(REQUESTS, unrouted)).isPositive();
    assertThat(after.value(errors, "protocol", "rest", "code", "NOT_FOUND")).isPositive();
    // The scrape before this one was counted too, under its own operation.
    String[] scrapes = {"protocol", "rest", "operation", "sys.metrics", "outcome", "ok"};
    assertThat(delta(before, after, REQUESTS, scrapes)).isPositive();
    assertThat(delta(before, after, "clavis_key_cache_hits_total")).isGreaterThanOrEqualTo(5);
    assertThat(after.value("clavis_key_versions_unwrapped")).isGreaterThanOrEqualTo(1);
    // A single node leads: its writes go straight into its own server.
    String sent = "clavis_raft_entries_sent_total";
    node.createVault("metrics-vault-2");
    assertThat(delta(after, scrape(), sent, "via", "self")).isPositive();
    assertThat(after.value(sent, "via", "client")).isZero();
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
    out[labels.length] = name;
    out[labels.length + 1] = value;
    return out;
  }

  @Test
  void theNodesRaftSealAndRuntimeFigures() throws Exception {
    PrometheusText m = scrape();
    assertThat(m.value("clavis_raft_role", "role", "leader")).isEqualTo(1);
    assertThat(m.value("clavis_raft_role", "role", "follower")).isZero();
    assertThat(m.value("clavis_raft_term")).isPositive();
    assertThat(m.value("clavis_raft_commit_index")).isPositive();
    assertThat(m.value("clavis_raft_applied_index")).isPositive();
    assertThat(m.has("clavis_raft_follower_lag")).as("a single node has no followers").isFalse();
    assertThat(m.type("clavis_raft_follower_lag")).isEqualTo("gauge");
    assertThat(m.value("clavis_sealed")).isZero();
    assertThat(m.value("clavis_read_only")).isZero();
    assertThat(m.has("clavis_audit_queue_depth")).isTrue();
    assertThat(m.has("clavis_kmip_connections")).isTrue();
    assertThat(m.has("clavis_key_cache_misses_total")).isTrue();
    assertThat(m.value("clavis_jvm_memory_used_bytes", "area", "heap")).isPositive();
    assertThat(m.value("clavis_jvm_threads", "kind", "all")).isPositive();
    assertThat(m.value("clavis_process_open_fds")).isPositive();
    assertThat(m.value("clavis_process_cpu_seconds_total")).isPositive();
    assertThat(m.type("clavis_jvm_gc_collections_total")).isEqualTo("counter");
  }

  @Test
  void readingMetricsNeedsInspectCluster() throws Exception {
    assertError(node.call("GET", "/metrics", null, null), 401, "UNAUTHENTICATED");
    String without = tokenOfNewUser("metrics-nobody", null);
    assertError(node.call("GET", "/metrics", null, without), 403, "FORBIDDEN");
    String with = tokenOfNewUser("metrics-reader", "inspect cluster");
    Response r = node.call("GET", "/metrics", null, with);
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    PrometheusText m = PrometheusText.parse(new String(r.rawBody(), StandardCharsets.UTF_8));
    assertThat(m.value("clavis_errors_total", "protocol", "rest", "code", "FORBIDDEN"))
        .isPositive();
    // Inspecting keys is no grant on the cluster.
    String keysOnly = tokenOfNewUser("metrics-keys", "inspect keys");
    assertError(node.call("GET", "/metrics", null, keysOnly), 403, "FORBIDDEN");
  }

  /** A user in a group of its own, granted {@code permission} in the tenancy (none when null). */
  private String tokenOfNewUser(String name, String permission) throws Exception {
    String group = name + "-group";
    assertOk(post("/v1/groups", json("name", group)), 201);
    String uid =
        assertOk(post("/v1/users", json("name", name, "groups", List.of(group))), 201)
            .get("id")
            .asText();
    if (permission != null) {
      String statement = "allow group " + group + " to " + permission + " in tenancy";
      assertOk(
          post("/v1/policies", json("name", name + "-policy", "statements", List.of(statement))),
          201);
    }
    return assertOk(post("/v1/users/" + uid + "/tokens", "{}"), 201).get("token").asText();
  }

  @Test
  void everyAnswerNamesItsNode() throws Exception {
    String name = node.node().identity().name();
    List<Response> answers =
        List.of(
            node.call("GET", "/v1/sys/health", null, null),
            get("/metrics"),
            get("/v1/no-such-endpoint"),
            node.call("DELETE", "/v1/sys/health", null, null),
            node.call("GET", "/v1/vaults", null, null),
            post("/v1/vaults", "{not json"),
            RawHttp.send(
                node,
                "GET /v1/sys/health HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n"
                    + "Connection: close\r\n\r\n"));
    assertThat(answers)
        .extracting(Response::status)
        .containsExactly(200, 200, 404, 405, 401, 400, 400);
    for (Response r : answers) {
      assertThat(r.headers().firstValue("Clavis-Node")).as("%s", r).hasValue(name);
    }
  }
}

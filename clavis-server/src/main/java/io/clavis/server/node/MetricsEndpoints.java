package io.clavis.server.node;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Routes;
import io.clavis.server.metrics.ExpositionWriter;
import io.clavis.server.metrics.MetricsRegistry;
import java.util.Map;

/**
 * {@code GET /metrics}: the node's metrics in the Prometheus text format. By default the caller
 * needs {@code inspect cluster} and the scrape is audited like any authorized request; with the
 * node option {@code --metrics-unauthenticated} it is a probe that anyone may call, sealed or not
 * (docs/adr/0010-metrics.md).
 */
final class MetricsEndpoints {
  static final String OPERATION = "sys.metrics";

  private final MetricsRegistry registry;
  private final boolean unauthenticated;

  MetricsEndpoints(MetricsRegistry registry, boolean unauthenticated) {
    this.registry = registry;
    this.unauthenticated = unauthenticated;
  }

  void register(Routes routes) {
    Guard guard =
        unauthenticated
            ? Guard.probe(OPERATION)
            : Guard.tenancy(OPERATION, Verb.INSPECT, ResourceType.CLUSTER);
    routes.get(
        "/metrics",
        guard,
        r -> ApiResponse.text(ExpositionWriter.CONTENT_TYPE, registry.scrape(), Map.of()));
  }
}

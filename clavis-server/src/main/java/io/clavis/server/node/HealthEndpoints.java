package io.clavis.server.node;

import io.clavis.server.access.Guard;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Routes;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.seal.Seal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/sys/health}: 200 while the node can serve crypto (ACTIVE or READ_ONLY), 503 when
 * sealed or not initialised; with {@code ?writable=true}, 200 only when writes can commit. Load
 * balancers use it as is; other nodes read its applied index and clock from it.
 *
 * <p>An unsealed node answers it on the I/O thread that read it: everything it reads then is a
 * field, and while the Raft server is still starting (when asking it would wait) it reports no
 * leader and role {@code UNKNOWN}. A sealed or uninitialised node answers on a worker thread, as
 * telling those apart reads the store, which waits while a snapshot replaces the database (a
 * joining node's first snapshot arrives while it is uninitialised).
 */
final class HealthEndpoints {
  private final Seal seal;
  private final RaftNode raft;
  private final String nodeName;
  private final String version;

  HealthEndpoints(Seal seal, RaftNode raft, String nodeName, String version) {
    this.seal = seal;
    this.raft = raft;
    this.nodeName = nodeName;
    this.version = version;
  }

  void register(Routes routes) {
    routes
        .nonBlocking()
        .get(
            "/v1/sys/health",
            Guard.probe("sys.health"),
            r -> {
              r.offloadIf(!seal.unsealed());
              Map<String, Object> body = health();
              boolean serving = !Boolean.TRUE.equals(body.get("sealed"));
              boolean wantWritable = r.query("writable").map(Boolean::parseBoolean).orElse(false);
              boolean ok = serving && (!wantWritable || Boolean.TRUE.equals(body.get("writable")));
              return new ApiResponse(ok ? 200 : 503, body);
            });
  }

  /** This node's health as the endpoint reports it. */
  Map<String, Object> health() {
    Seal.Status status = seal.status();
    boolean writable = raft.hasLeader();
    String mode =
        switch (status) {
          case UNINITIALIZED -> "UNINITIALIZED";
          case SEALED -> "SEALED";
          case UNSEALED -> writable ? "ACTIVE" : "READ_ONLY";
        };
    boolean serving = status == Seal.Status.UNSEALED;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", serving ? "ok" : mode.toLowerCase(Locale.ROOT));
    body.put("mode", mode);
    body.put("initialized", status != Seal.Status.UNINITIALIZED);
    body.put("sealed", !serving);
    body.put("writable", serving && writable);
    body.put("node", nodeName);
    body.put("version", version);
    body.put("role", raft.role());
    String leader = raft.leaderName();
    if (leader != null) {
      body.put("leader", leader);
    }
    body.put("appliedIndex", raft.appliedIndex());
    body.put("time", System.currentTimeMillis());
    return body;
  }
}

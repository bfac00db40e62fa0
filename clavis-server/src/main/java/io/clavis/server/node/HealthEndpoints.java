package io.clavis.server.node;

import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Access;
import io.clavis.server.http.RestServer.Routes;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.seal.Seal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/sys/health}: 200 while the node can serve crypto (ACTIVE or READ_ONLY), 503 when
 * sealed or not initialised; with {@code ?writable=true}, 200 only when writes can commit. Load
 * balancers use it as is.
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
    routes.get(
        "/v1/sys/health",
        Access.PUBLIC,
        r -> {
          Seal.Status status = seal.status();
          boolean writable = raft.hasLeader();
          String mode =
              switch (status) {
                case UNINITIALIZED -> "UNINITIALIZED";
                case SEALED -> "SEALED";
                case UNSEALED -> writable ? "ACTIVE" : "READ_ONLY";
              };
          boolean serving = status == Seal.Status.UNSEALED;
          boolean wantWritable = r.query("writable").map(Boolean::parseBoolean).orElse(false);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", serving ? "ok" : mode.toLowerCase(java.util.Locale.ROOT));
          body.put("mode", mode);
          body.put("initialized", status != Seal.Status.UNINITIALIZED);
          body.put("sealed", status != Seal.Status.UNSEALED);
          body.put("writable", serving && writable);
          body.put("node", nodeName);
          body.put("version", version);
          int code = serving && (!wantWritable || writable) ? 200 : 503;
          return new ApiResponse(code, body);
        });
  }
}

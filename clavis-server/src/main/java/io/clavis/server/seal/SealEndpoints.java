package io.clavis.server.seal;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.error.ClavisException;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.RestServer.Routes;
import io.clavis.server.raft.RaftNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /v1/sys/init}, {@code /v1/sys/unseal}, {@code /v1/sys/seal}, {@code /v1/sys/seal-status}.
 */
public final class SealEndpoints {
  private final Seal seal;
  private final RaftNode raft;

  public SealEndpoints(Seal seal, RaftNode raft) {
    this.seal = seal;
    this.raft = raft;
  }

  public void register(Routes routes) {
    routes.get(
        "/v1/sys/seal-status", Guard.probe("sys.seal-status"), r -> ApiResponse.ok(status()));
    routes.post("/v1/sys/init", Guard.open("sys.init"), this::init);
    routes.post("/v1/sys/unseal", Guard.open("sys.unseal"), this::unseal);
    routes.post(
        "/v1/sys/seal",
        Guard.tenancy("sys.seal", Verb.MANAGE, ResourceType.CLUSTER),
        r -> {
          seal.seal();
          return ApiResponse.noContent();
        });
  }

  private Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    Seal.Status status = seal.status();
    out.put("initialized", status != Seal.Status.UNINITIALIZED);
    out.put("sealed", status != Seal.Status.UNSEALED);
    seal.config()
        .ifPresent(
            c -> {
              out.put("type", c.type().name().toLowerCase(Locale.ROOT));
              out.put("threshold", c.threshold() == null ? 1 : c.threshold());
              out.put("shares", c.shares() == null ? 1 : c.shares());
            });
    out.put("progress", seal.unsealProgress());
    return out;
  }

  private ApiResponse init(ApiRequest r) {
    JsonBody b = r.body();
    String type = b.optionalText("type");
    Seal.InitResult result;
    if (type == null || type.equalsIgnoreCase("passphrase")) {
      result = seal.initializeWithPassphrase(raft, b.text("passphrase").toCharArray());
    } else if (type.equalsIgnoreCase("shamir")) {
      Integer shares = b.optionalInt("shares", 1, 16);
      Integer threshold = b.optionalInt("threshold", 1, 16);
      if (shares == null || threshold == null) {
        throw ClavisException.invalid("shamir needs shares and threshold");
      }
      result = seal.initializeWithShamir(raft, shares, threshold);
    } else {
      throw ClavisException.invalid("type must be passphrase or shamir");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rootToken", result.rootToken());
    if (!result.shares().isEmpty()) {
      out.put("shares", List.copyOf(result.shares()));
    }
    return ApiResponse.ok(out);
  }

  private ApiResponse unseal(ApiRequest r) {
    JsonBody b = r.body();
    Seal.UnsealProgress progress;
    if (b.optionalBoolean("reset", false)) {
      progress = seal.resetUnseal();
    } else if (b.has("passphrase")) {
      progress = seal.unsealWithPassphrase(b.text("passphrase").toCharArray());
    } else if (b.has("share")) {
      progress = seal.submitShare(b.text("share"));
    } else {
      throw ClavisException.invalid("give passphrase or share");
    }
    return ApiResponse.ok(progress);
  }
}

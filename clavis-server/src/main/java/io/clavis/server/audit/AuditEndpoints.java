package io.clavis.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.cluster.ClusterMember;
import io.clavis.server.cluster.ClusterService;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Routes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * {@code GET /v1/audit-events}: the records of every node, merged by time. The node that is asked
 * reads its own segments and asks each other member through {@code /v1/internal/audit-events},
 * presenting its node certificate. A page token holds, per node, the last record already read.
 */
public final class AuditEndpoints {
  public static final int MAX_LIMIT = 1000;
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String node;
  private final ClusterService cluster;
  private final Supplier<SSLContext> nodeTls;
  private volatile HttpClient http;

  public AuditEndpoints(
      Path dir, String node, ClusterService cluster, Supplier<SSLContext> nodeTls) {
    this.dir = dir;
    this.node = node;
    this.cluster = cluster;
    this.nodeTls = nodeTls;
  }

  public void register(Routes routes) {
    routes.get(
        "/v1/audit-events",
        Guard.tenancy("audit.query", Verb.READ, ResourceType.AUDIT_EVENTS),
        this::query);
    // Node to node, authenticated by the caller's node certificate; the user's query that causes
    // it is audited on the node the user asked.
    routes.get("/v1/internal/audit-events", Guard.probe("audit.internal-query"), this::internal);
  }

  /** A query's filters as given. */
  private static AuditQuery filters(ApiRequest r) {
    return new AuditQuery(
        r.query("keyId").orElse(null),
        r.query("principal").orElse(null),
        r.query("operation").orElse(null),
        r.query("result").orElse(null),
        instant(r, "from"),
        instant(r, "to"));
  }

  private static Instant instant(ApiRequest r, String name) {
    String v = r.query(name).orElse(null);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ClavisException.invalid(
          name + " must be an RFC 3339 time such as 2026-11-23T07:00:00Z");
    }
  }

  private ApiResponse query(ApiRequest r) {
    AuditQuery q = filters(r);
    int limit = r.queryInt("limit", 100, 1, MAX_LIMIT);
    String format = r.query("format").orElse("json");
    if (!List.of("json", "jsonl", "syslog").contains(format)) {
      throw ClavisException.invalid("format must be json, jsonl or syslog");
    }
    Map<String, Long> cursor = decodeCursor(r.query("page").orElse(null));
    List<ClusterMember> members = cluster.members();
    Map<String, CompletableFuture<NodePage>> pages = new LinkedHashMap<>();
    pages.put(
        node, CompletableFuture.completedFuture(local(q, cursor.getOrDefault(node, 0L), limit)));
    for (ClusterMember m : members) {
      if (!m.name().equals(node)) {
        pages.put(m.name(), remote(m, r, cursor.getOrDefault(m.name(), 0L), limit));
      }
    }
    List<String> unreachable = new ArrayList<>();
    List<JsonNode> all = new ArrayList<>();
    Map<String, NodePage> got = new TreeMap<>();
    pages.forEach(
        (name, f) -> {
          try {
            NodePage p = f.join();
            got.put(name, p);
            all.addAll(p.records());
          } catch (RuntimeException e) {
            unreachable.add(name);
          }
        });
    all.sort(
        Comparator.comparing((JsonNode n) -> n.path("time").asText())
            .thenComparing(n -> n.path("node").asText())
            .thenComparingLong(n -> n.path("seq").asLong()));
    List<JsonNode> taken = all.subList(0, Math.min(limit, all.size()));
    Map<String, Long> next = new TreeMap<>(cursor);
    boolean more = all.size() > taken.size();
    for (Map.Entry<String, NodePage> e : got.entrySet()) {
      String name = e.getKey();
      NodePage p = e.getValue();
      long lastTaken = -1;
      int takenHere = 0;
      for (JsonNode n : taken) {
        if (n.path("node").asText().equals(name)) {
          lastTaken = Math.max(lastTaken, n.path("seq").asLong());
          takenHere++;
        }
      }
      if (takenHere == p.records().size()) {
        next.put(name, Math.max(cursor.getOrDefault(name, 0L), p.lastSeqScanned()));
      } else if (lastTaken >= 0) {
        next.put(name, lastTaken);
      }
      more |= p.more();
    }
    String nextPage = more ? encodeCursor(next) : null;
    return switch (format) {
      case "jsonl" ->
          ApiResponse.text(
              "application/x-ndjson", lines(taken, false), headers(nextPage, unreachable));
      case "syslog" ->
          ApiResponse.text(
              "text/plain; charset=utf-8", lines(taken, true), headers(nextPage, unreachable));
      default -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", taken);
        if (nextPage != null) {
          out.put("nextPage", nextPage);
        }
        if (!unreachable.isEmpty()) {
          out.put("unreachableNodes", unreachable);
        }
        yield ApiResponse.ok(out);
      }
    };
  }

  private static Map<String, String> headers(String nextPage, List<String> unreachable) {
    Map<String, String> h = new LinkedHashMap<>();
    if (nextPage != null) {
      h.put("Clavis-Next-Page", nextPage);
    }
    if (!unreachable.isEmpty()) {
      h.put("Clavis-Unreachable-Nodes", String.join(",", unreachable));
    }
    return h;
  }

  private String lines(List<JsonNode> records, boolean syslog) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode n : records) {
      sb.append(syslog ? syslog(n) : n.toString()).append('\n');
    }
    return sb.toString();
  }

  private String syslog(JsonNode n) {
    try {
      return SyslogFormat.format(
          AuditJson.parse(n.toString().getBytes(StandardCharsets.UTF_8)), n.path("node").asText());
    } catch (IOException e) {
      throw new ClavisException(ErrorCode.INTERNAL, "an audit record could not be formatted");
    }
  }

  private record NodePage(List<JsonNode> records, long lastSeqScanned, boolean more) {}

  private NodePage local(AuditQuery q, long afterSeq, int limit) {
    try {
      AuditPage p = AuditReader.query(dir, q, afterSeq, limit);
      List<JsonNode> records = new ArrayList<>();
      for (AuditRecord rec : p.records()) {
        records.add(JSON.readTree(SyslogFormat.jsonLine(rec)));
      }
      return new NodePage(records, p.lastSeqScanned(), p.more());
    } catch (IOException e) {
      throw new ClavisException(ErrorCode.INTERNAL, "the audit trail could not be read");
    }
  }

  private CompletableFuture<NodePage> remote(
      ClusterMember m, ApiRequest r, long afterSeq, int limit) {
    StringBuilder url =
        new StringBuilder(m.apiAddress())
            .append("/v1/internal/audit-events?afterSeq=")
            .append(afterSeq)
            .append("&limit=")
            .append(limit);
    for (String f : List.of("keyId", "principal", "operation", "result", "from", "to")) {
      r.query(f)
          .ifPresent(
              v ->
                  url.append('&')
                      .append(f)
                      .append('=')
                      .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    }
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url.toString())).timeout(PEER_TIMEOUT).GET().build();
    return client()
        .sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            res -> {
              if (res.statusCode() != 200) {
                throw new IllegalStateException("status " + res.statusCode());
              }
              try {
                JsonNode body = JSON.readTree(res.body());
                List<JsonNode> records = new ArrayList<>();
                body.path("records").forEach(records::add);
                return new NodePage(
                    records, body.path("lastSeqScanned").asLong(), body.path("more").asBoolean());
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private ApiResponse internal(ApiRequest r) {
    if (cluster.memberBehind(r.clientCertificate()).isEmpty()) {
      throw new ClavisException(
          ErrorCode.UNAUTHENTICATED, "only cluster members may call internal endpoints");
    }
    long afterSeq;
    try {
      afterSeq = Long.parseLong(r.query("afterSeq").orElse("0"));
      if (afterSeq < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw ClavisException.invalid("afterSeq must be a whole number");
    }
    NodePage p = local(filters(r), afterSeq, r.queryInt("limit", 100, 1, MAX_LIMIT));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", p.records());
    out.put("lastSeqScanned", p.lastSeqScanned());
    out.put("more", p.more());
    return ApiResponse.ok(out);
  }

  private HttpClient client() {
    HttpClient c = http;
    if (c == null) {
      c =
          HttpClient.newBuilder()
              .sslContext(nodeTls.get())
              .connectTimeout(PEER_TIMEOUT)
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      http = c;
    }
    return c;
  }

  private static String encodeCursor(Map<String, Long> cursor) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Long> decodeCursor(String page) {
    if (page == null || page.isEmpty()) {
      return Map.of();
    }
    try {
      if (page.length() > 16_384) {
        throw new IllegalArgumentException();
      }
      JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(page));
      Map<String, Long> out = new TreeMap<>();
      n.properties()
          .forEach(
              e -> {
                if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                  throw new IllegalArgumentException();
                }
                out.put(e.getKey(), e.getValue().asLong());
              });
      return out;
    } catch (IOException | RuntimeException e) {
      throw ClavisException.invalid("page is not a page token from a previous answer");
    }
  }
}

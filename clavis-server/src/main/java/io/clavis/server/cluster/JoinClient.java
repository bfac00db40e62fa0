package io.clavis.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.node.NodeIdentity;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.tls.PinnedCaTrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The candidate's side of joining, run on the candidate's data directory while its node is stopped:
 * it presents the candidate certificate, trusts the controller only if its CA has the fingerprint
 * the operator gave, and writes the cluster's answer (node certificate, cluster CA, group and
 * members) into the data directory. The next {@code clavis server} on that directory starts as a
 * member.
 */
public final class JoinClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JoinClient() {}

  /** Where the candidate will listen, and what it is called. */
  public record Candidate(String name, String host, int apiPort, int clusterPort, int kmipPort) {
    String apiAddress() {
      return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + apiPort;
    }

    String clusterAddress() {
      return host + ":" + clusterPort;
    }
  }

  /** The candidate's TLS identity, created on first use; its fingerprint is what operators add. */
  public static String fingerprint(Path dataDir, Candidate candidate) throws IOException {
    return Fingerprints.sha256(tls(dataDir, candidate).serverChain().get(0));
  }

  /** What joining produced. */
  public record Joined(String groupId, boolean listener, List<NodeIdentity.Peer> members) {}

  public static Joined join(
      Path dataDir, URI controller, String caFingerprint, Candidate candidate, String version)
      throws IOException, InterruptedException {
    return join(dataDir, controller, caFingerprint, candidate, version, System::currentTimeMillis);
  }

  /** As {@link #join}, with the clock the candidate reports (tests use a skewed one). */
  public static Joined join(
      Path dataDir,
      URI controller,
      String caFingerprint,
      Candidate candidate,
      String version,
      LongSupplier clock)
      throws IOException, InterruptedException {
    if (Files.exists(dataDir.resolve("raft"))) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE,
          dataDir + " already holds Raft state: only a fresh data directory can join a cluster");
    }
    if (Fingerprints.parse(caFingerprint).isEmpty()) {
      throw ClavisException.invalid("the CA fingerprint must be a SHA-256 fingerprint");
    }
    NodeTls tls = tls(dataDir, candidate);
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(
                PinnedCaTrustManager.clientContext(
                    caFingerprint, tls.serverKey(), tls.serverChain().get(0)))
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    byte[] body =
        JSON.writeValueAsBytes(
            Map.of("name", candidate.name(), "version", version, "timeMillis", clock.getAsLong()));
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(controller.resolve("/v1/cluster/join"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (javax.net.ssl.SSLException e) {
      throw new ClavisException(
          ErrorCode.UNAVAILABLE,
          "TLS with "
              + controller
              + " failed: is the CA fingerprint the one 'clavis cluster status' shows? ("
              + e.getMessage()
              + ")");
    } catch (IOException e) {
      String reason =
          e instanceof java.net.ConnectException
              ? "connection refused"
              : e instanceof java.net.http.HttpTimeoutException
                  ? "timed out"
                  : e.getMessage() != null ? e.getMessage() : "I/O error";
      throw new ClavisException(
          ErrorCode.UNAVAILABLE, "cannot reach " + controller + ": " + reason);
    }
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      String code = answer.path("code").asText("UNAVAILABLE");
      ErrorCode ec;
      try {
        ec = ErrorCode.valueOf(code);
      } catch (IllegalArgumentException e) {
        ec = ErrorCode.UNAVAILABLE;
      }
      throw new ClavisException(ec, answer.path("message").asText("join refused"));
    }
    Path tlsDir = dataDir.resolve("tls");
    String caPem = answer.get("caCertificate").asText();
    String nodePem = answer.get("nodeCertificate").asText();
    writeAtomically(tlsDir.resolve(NodeTls.SERVER_CERT), nodePem + caPem);
    writeAtomically(tlsDir.resolve(NodeTls.CA_CERT), caPem);
    // The candidate's own CA is no longer anyone's authority.
    Files.deleteIfExists(tlsDir.resolve(NodeTls.CA_KEY));

    boolean listener = answer.get("listener").asBoolean();
    List<NodeIdentity.Peer> members = new ArrayList<>();
    for (JsonNode m : answer.get("members")) {
      members.add(
          new NodeIdentity.Peer(
              m.get("name").asText(),
              m.get("clusterAddress").asText(),
              m.get("listener").asBoolean()));
    }
    members.add(new NodeIdentity.Peer(candidate.name(), candidate.clusterAddress(), listener));
    String groupId = answer.get("groupId").asText();
    new NodeIdentity(
            candidate.name(),
            UUID.fromString(groupId),
            candidate.host(),
            candidate.apiPort(),
            candidate.clusterPort(),
            candidate.kmipPort(),
            members,
            controller.toString().replaceAll("/+$", ""))
        .save(dataDir);
    return new Joined(groupId, listener, members);
  }

  private static NodeTls tls(Path dataDir, Candidate candidate) throws IOException {
    return NodeTls.loadOrCreate(
        dataDir.resolve("tls"), candidate.name(), NodeTls.defaultHostNames(candidate.host()));
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

package io.clavis.cli.bench;

import io.clavis.client.ClavisClient;
import io.clavis.client.ClavisException;
import io.clavis.client.CreateKeyRequest;
import io.clavis.client.Key;
import io.clavis.client.SignRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The REST API through the SDK: a shared {@link ClavisClient} (thread-safe, a pool of HTTP/1.1
 * keep-alive connections), whose answer listener tells each worker thread which node ({@code
 * Clavis-Node}) answered its call. Spread, there is one client per server, each preferring its own
 * (the others are its failover), and workers take them in turn, as clients behind a load balancer
 * reach every node; otherwise every worker prefers the first server.
 */
public final class RestTarget implements BenchTarget {
  private final List<ClavisClient> clients = new ArrayList<>();
  private final ThreadLocal<String> lastNode = new ThreadLocal<>();
  private final BenchOperation op;
  private final String keyId;
  private final String vaultId;
  private final byte[] payload;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private String signatureAlgorithm;

  /**
   * @param client a builder with the token and trust set; the target adds the servers and its
   *     listener
   * @param servers the nodes, in order of preference
   * @param spread whether workers prefer each of the servers in turn
   * @param keyId the key of every operation but create-key
   * @param vaultId the vault create-key creates keys in
   */
  public RestTarget(
      ClavisClient.Builder client,
      List<URI> servers,
      boolean spread,
      BenchOperation op,
      String keyId,
      String vaultId,
      byte[] payload) {
    client.answerListener(
        (server, node, status) -> lastNode.set(node != null ? node : server.getAuthority()));
    int preferences = spread ? servers.size() : 1;
    for (int k = 0; k < preferences; k++) {
      List<URI> rotated = new ArrayList<>(servers);
      Collections.rotate(rotated, -k);
      clients.add(client.servers(rotated).build());
    }
    this.op = op;
    this.keyId = keyId;
    this.vaultId = vaultId;
    this.payload = payload.clone();
  }

  @Override
  public String protocol() {
    return "rest";
  }

  @Override
  public BenchCall prepare(int index) {
    ClavisClient client = clients.get(index % clients.size());
    return switch (op) {
      case ENCRYPT -> call(() -> client.encrypt(keyId, payload));
      case DECRYPT -> {
        String ciphertext = client.encrypt(keyId, payload).ciphertext();
        yield call(() -> client.decrypt(ciphertext, null));
      }
      case GENERATE_DATA_KEY -> call(() -> client.generateDataKey(keyId, null, true, null));
      case SIGN -> {
        SignRequest request = SignRequest.message(payload, signatureAlgorithm());
        yield call(() -> client.sign(keyId, request));
      }
      case CREATE_KEY -> {
        int[] made = {0};
        yield call(
            () ->
                client.createKey(
                    CreateKeyRequest.of(
                        vaultId, "bench-" + runId + "-" + index + "-" + made[0]++, "AES_256")));
      }
      case GET -> call(() -> client.getKey(keyId));
    };
  }

  /**
   * The API's error code (the SDK reports unreachable servers as {@code UNAVAILABLE}), or {@code
   * INVALID_ARGUMENT} for what the SDK or this target refuse before sending (a key that cannot
   * sign, an invalid id).
   */
  @Override
  public String errorCode(Exception failure) {
    if (failure instanceof ClavisException e && e.code() != null) {
      return e.code();
    }
    return failure instanceof IllegalArgumentException
        ? "INVALID_ARGUMENT"
        : failure.getClass().getSimpleName();
  }

  @Override
  public void close() {
    clients.forEach(ClavisClient::close);
  }

  /** The key's signature algorithm with SHA-256 (or the curve's own hash), asked once. */
  private synchronized String signatureAlgorithm() {
    if (signatureAlgorithm == null) {
      Key key = clients.get(0).getKey(keyId);
      signatureAlgorithm = signatureAlgorithm(keyId, key.algorithm());
    }
    return signatureAlgorithm;
  }

  static String signatureAlgorithm(String keyId, String keyAlgorithm) {
    String a = keyAlgorithm == null ? "" : keyAlgorithm.toUpperCase(Locale.ROOT);
    if (a.startsWith("RSA_")) {
      return "RSA_PSS_SHA256";
    }
    return switch (a) {
      case "EC_P256" -> "ECDSA_SHA256";
      case "EC_P384" -> "ECDSA_SHA384";
      case "EC_P521" -> "ECDSA_SHA512";
      default ->
          throw new IllegalArgumentException(
              "sign needs an RSA or EC key; " + keyId + " is " + keyAlgorithm);
    };
  }

  private BenchCall call(Action action) {
    return new BenchCall() {
      @Override
      public void run() {
        lastNode.remove();
        action.run();
      }

      @Override
      public String servedBy() {
        return lastNode.get();
      }
    };
  }

  /** One SDK call; the SDK throws only unchecked exceptions. */
  @FunctionalInterface
  private interface Action {
    void run();
  }
}

package io.clavis.cli.bench;

import io.clavis.kmip.client.KmipCipher;
import io.clavis.kmip.client.KmipCiphertext;
import io.clavis.kmip.client.KmipClient;
import io.clavis.kmip.client.KmipClientException;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * A KMIP server through {@link KmipClient}: one connection per worker, opened before the clock
 * starts. Encrypt and Decrypt use AES-GCM. The node of every answer is the server's {@code
 * host:port}.
 *
 * <p>Without a key, get, encrypt and decrypt use a key of their own: an AES-256 key created and
 * activated before the clock starts (named {@code clavis-bench-<random>}), revoked and destroyed
 * when the target is closed, so that a KMIP benchmark needs nothing but an identity allowed to
 * manage keys.
 */
public final class KmipTarget implements BenchTarget {
  private static final int CREATED_KEY_BITS = 256;

  private final String host;
  private final int port;
  private final SSLContext tls;
  private final KmipVersion version;
  private final BenchOperation op;
  private final byte[] payload;
  private final List<KmipClient> clients = new ArrayList<>();
  private String keyId;
  private KmipClient scratchKeyOwner;

  public KmipTarget(
      String host,
      int port,
      SSLContext tls,
      KmipVersion version,
      BenchOperation op,
      String keyId,
      byte[] payload) {
    if (!op.overKmip()) {
      throw new IllegalArgumentException(op + " is not offered over KMIP");
    }
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.version = version;
    this.op = op;
    this.keyId = keyId;
    this.payload = payload.clone();
  }

  @Override
  public String protocol() {
    return "kmip";
  }

  @Override
  public BenchCall prepare(int index) throws IOException {
    KmipClient client =
        KmipClient.builder().host(host).port(port).tls(tls).version(version).build();
    synchronized (clients) {
      clients.add(client);
    }
    client.connect();
    KmipCipher gcm = KmipCipher.gcm();
    return switch (op) {
      case GET -> {
        String key = key(client);
        yield new Call(client, () -> client.get(key));
      }
      case ENCRYPT -> {
        String key = key(client);
        yield new Call(client, () -> client.encrypt(key, gcm, payload, null));
      }
      case DECRYPT -> {
        String key = key(client);
        KmipCiphertext ciphertext = client.encrypt(key, gcm, payload, null);
        yield new Call(client, () -> client.decrypt(key, gcm, ciphertext, null));
      }
      case CREATE_KEY -> new Call(client, () -> client.createAesKey(CREATED_KEY_BITS, null));
      default -> throw new IllegalStateException(op + " is not offered over KMIP");
    };
  }

  /** The Result Reason's name, {@code IO_ERROR} for network failures. */
  @Override
  public String errorCode(Exception failure) {
    if (failure instanceof KmipClientException e) {
      return e.resultReason()
          .map(ResultReason::name)
          .orElse(
              e.resultReasonValue() < 0 ? "OPERATION_FAILED" : "REASON_" + e.resultReasonValue());
    }
    if (failure instanceof IOException) {
      return "IO_ERROR";
    }
    return failure.getClass().getSimpleName();
  }

  /** The key given, or the target's own, created and activated by the first worker to ask. */
  private synchronized String key(KmipClient client) throws IOException {
    if (keyId == null) {
      String name = "clavis-bench-" + UUID.randomUUID().toString().substring(0, 8);
      keyId = client.createAesKey(CREATED_KEY_BITS, name);
      scratchKeyOwner = client;
      client.activate(keyId);
    }
    return keyId;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (scratchKeyOwner != null) {
        try {
          scratchKeyOwner.revoke(keyId, RevocationReasonCode.CESSATION_OF_OPERATION, "bench done");
          scratchKeyOwner.destroy(keyId);
        } catch (IOException | KmipClientException e) {
          // best effort: the key stays behind, Deactivated or Active, with its clavis-bench- name
        }
        scratchKeyOwner = null;
      }
    }
    synchronized (clients) {
      clients.forEach(KmipClient::close);
      clients.clear();
    }
  }

  /** One worker's KMIP call on its own connection. */
  private static final class Call implements BenchCall {
    private final KmipClient client;
    private final Action action;
    private boolean answered;

    Call(KmipClient client, Action action) {
      this.client = client;
      this.action = action;
    }

    @Override
    public void run() throws IOException {
      answered = false;
      try {
        action.run();
        answered = true;
      } catch (KmipClientException e) {
        answered = true; // the server answered, with a failure
        throw e;
      }
    }

    @Override
    public String servedBy() {
      return answered ? client.endpoint() : null;
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }
}

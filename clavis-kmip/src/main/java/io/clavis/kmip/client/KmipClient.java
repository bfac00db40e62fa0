package io.clavis.kmip.client;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.NameType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvFormatException;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.kmip.ttlv.UnexpectedItemException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A KMIP client over mutual TLS: one persistent connection to one server, one request at a time
 * (each a message of one batch item), at a fixed protocol version (1.4 unless told otherwise; 1.0
 * to 2.x can be chosen, and Discover Versions tells what the server offers).
 *
 * <p>The connection is opened on the first call and kept; after a network failure it is closed and
 * the next call opens a new one. The methods are synchronized, so one client may be shared, but
 * calls then wait for each other: for parallel load, give each thread its own client.
 *
 * <p>Failures: a batch item that did not succeed is a {@link KmipClientException} with the server's
 * Result Status, Reason and Message; a network failure or an answer that is not a valid KMIP
 * response is an {@link IOException}.
 */
public final class KmipClient implements AutoCloseable {
  /** The usual KMIP port (IANA). */
  public static final int DEFAULT_PORT = 5696;

  private static final TtlvDecoder.Limits RESPONSE_LIMITS =
      new TtlvDecoder.Limits(64 << 20, 16, 100_000, 520);

  private final String host;
  private final int port;
  private final SSLContext tls;
  private final KmipVersion version;
  private final AttributeEncoding attributes;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  private SSLSocket socket;
  private InputStream in;
  private OutputStream out;

  private KmipClient(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.tls = b.tls;
    this.version = b.version;
    this.attributes = new AttributeEncoding(b.version);
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The protocol version of every request. */
  public KmipVersion version() {
    return version;
  }

  /** {@code host:port} of the server. */
  public String endpoint() {
    return host + ":" + port;
  }

  /**
   * Opens the connection now, TLS handshake included, rather than on the first call; does nothing
   * when it is open.
   */
  public synchronized void connect() throws IOException {
    open();
  }

  // ---------------------------------------------------------------- operations

  /**
   * Discover Versions: the versions the server supports among {@code offered} (all of them when
   * {@code offered} is empty), in the server's order of preference.
   */
  public synchronized List<KmipVersion> discoverVersions(List<KmipVersion> offered)
      throws IOException {
    List<Ttlv> payload = new ArrayList<>();
    for (KmipVersion v : offered) {
      payload.add(protocolVersion(v));
    }
    TtlvStructure answer = call(Operation.DISCOVER_VERSIONS, payload);
    List<KmipVersion> versions = new ArrayList<>();
    for (TtlvStructure v : read(() -> answer.all(Tag.PROTOCOL_VERSION, TtlvStructure.class))) {
      versions.add(
          read(
              () ->
                  new KmipVersion(
                      v.integer(Tag.PROTOCOL_VERSION_MAJOR),
                      v.integer(Tag.PROTOCOL_VERSION_MINOR))));
    }
    return List.copyOf(versions);
  }

  /**
   * Create: a new AES key of {@code bits} bits usable to encrypt and decrypt, in the Pre-Active
   * state (see {@link #activate}); returns its Unique Identifier.
   *
   * @param name a Name for the key (Uninterpreted Text String), or null for none
   */
  public synchronized String createAesKey(int bits, String name) throws IOException {
    List<Ttlv> attrs = new ArrayList<>();
    attrs.add(new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()));
    attrs.add(new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, bits));
    attrs.add(
        new TtlvInteger(
            Tag.CRYPTOGRAPHIC_USAGE_MASK,
            CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()));
    if (name != null) {
      attrs.add(name(name));
    }
    TtlvStructure answer =
        call(
            Operation.CREATE,
            List.of(
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                attributes.forCreate(attrs)));
    return uniqueIdentifier(answer);
  }

  /** Activate: the object becomes Active, so that it can encrypt. */
  public synchronized void activate(String uniqueIdentifier) throws IOException {
    call(Operation.ACTIVATE, List.of(uid(uniqueIdentifier)));
  }

  /** Get: the key in the server's default format for it. */
  public synchronized KmipKey get(String uniqueIdentifier) throws IOException {
    TtlvStructure answer = call(Operation.GET, List.of(uid(uniqueIdentifier)));
    return read(
        () -> {
          int objectType = answer.enumeration(Tag.OBJECT_TYPE);
          TtlvStructure object = objectStructure(answer);
          TtlvStructure block = object.structure(Tag.KEY_BLOCK);
          byte[] material =
              block
                  .optional(Tag.KEY_VALUE, TtlvStructure.class)
                  .flatMap(v -> v.optional(Tag.KEY_MATERIAL, TtlvByteString.class))
                  .map(TtlvByteString::value)
                  .orElse(null);
          return new KmipKey(
              answer.text(Tag.UNIQUE_IDENTIFIER),
              objectType,
              block.enumeration(Tag.KEY_FORMAT_TYPE),
              material,
              block
                  .optional(Tag.CRYPTOGRAPHIC_ALGORITHM, TtlvEnumeration.class)
                  .map(TtlvEnumeration::value)
                  .orElse(null),
              block
                  .optional(Tag.CRYPTOGRAPHIC_LENGTH, TtlvInteger.class)
                  .map(TtlvInteger::value)
                  .orElse(null));
        });
  }

  /**
   * Encrypt {@code data} with an Active AES key; the server chooses the IV.
   *
   * @param aad Authenticated Encryption Additional Data (GCM), or null
   */
  public synchronized KmipCiphertext encrypt(
      String uniqueIdentifier, KmipCipher cipher, byte[] data, byte[] aad) throws IOException {
    List<Ttlv> payload = new ArrayList<>();
    payload.add(uid(uniqueIdentifier));
    payload.add(cipher.parameters());
    payload.add(new TtlvByteString(Tag.DATA, data));
    if (aad != null) {
      payload.add(new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad));
    }
    TtlvStructure answer = call(Operation.ENCRYPT, payload);
    return read(
        () ->
            new KmipCiphertext(
                answer.text(Tag.UNIQUE_IDENTIFIER),
                answer.bytes(Tag.DATA),
                optionalBytes(answer, Tag.IV_COUNTER_NONCE),
                optionalBytes(answer, Tag.AUTHENTICATED_ENCRYPTION_TAG)));
  }

  /**
   * Decrypt what {@link #encrypt} returned, with the same key, cipher and AAD; returns the
   * plaintext.
   */
  public synchronized byte[] decrypt(
      String uniqueIdentifier, KmipCipher cipher, KmipCiphertext ciphertext, byte[] aad)
      throws IOException {
    List<Ttlv> payload = new ArrayList<>();
    payload.add(uid(uniqueIdentifier));
    payload.add(cipher.parameters());
    payload.add(new TtlvByteString(Tag.DATA, ciphertext.data()));
    if (ciphertext.iv() != null) {
      payload.add(new TtlvByteString(Tag.IV_COUNTER_NONCE, ciphertext.iv()));
    }
    if (aad != null) {
      payload.add(new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad));
    }
    if (ciphertext.tag() != null) {
      payload.add(new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, ciphertext.tag()));
    }
    TtlvStructure answer = call(Operation.DECRYPT, payload);
    return read(() -> answer.bytes(Tag.DATA));
  }

  /** Locate: the Unique Identifiers of the objects with this Name, in the server's order. */
  public synchronized List<String> locateByName(String name) throws IOException {
    TtlvStructure answer = call(Operation.LOCATE, attributes.forLocate(List.of(name(name))));
    List<String> ids = new ArrayList<>();
    for (TtlvTextString id : read(() -> answer.all(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class))) {
      ids.add(id.value());
    }
    return List.copyOf(ids);
  }

  /**
   * Revoke: the object becomes Deactivated (or Compromised, for the compromise reasons, which this
   * client does not send a date for).
   *
   * @param message the Revocation Message, or null
   */
  public synchronized void revoke(
      String uniqueIdentifier, RevocationReasonCode reason, String message) throws IOException {
    TtlvStructure.Builder why = TtlvStructure.builder(Tag.REVOCATION_REASON);
    why.add(new TtlvEnumeration(Tag.REVOCATION_REASON_CODE, reason.value()));
    if (message != null) {
      why.add(new TtlvTextString(Tag.REVOCATION_MESSAGE, message));
    }
    call(Operation.REVOKE, List.of(uid(uniqueIdentifier), why.build()));
  }

  /** Destroy: the key material is gone (servers refuse this for Active objects). */
  public synchronized void destroy(String uniqueIdentifier) throws IOException {
    call(Operation.DESTROY, List.of(uid(uniqueIdentifier)));
  }

  /** Closes the connection, if one is open. The client stays usable: a call reconnects. */
  @Override
  public synchronized void close() {
    disconnect();
  }

  @Override
  public String toString() {
    return "KmipClient[" + endpoint() + ", KMIP " + version + "]";
  }

  // ---------------------------------------------------------------- messages

  /**
   * Sends one request of one batch item and returns the Response Payload of its successful answer
   * (an empty one when the server sent none).
   */
  private TtlvStructure call(Operation operation, List<Ttlv> payload) throws IOException {
    byte[] request = TtlvEncoder.encode(request(operation, payload));
    TtlvStructure response;
    try {
      open();
      out.write(request);
      out.flush();
      Ttlv message = TtlvDecoder.readMessage(in, RESPONSE_LIMITS);
      if (message == null) {
        throw new EOFException(endpoint() + " closed the connection without answering");
      }
      response = message.as(TtlvStructure.class);
    } catch (IOException | TtlvFormatException | UnexpectedItemException e) {
      // the stream may be mid-message: it cannot carry another request
      disconnect();
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException("the answer of " + endpoint() + " is not valid TTLV", e);
    }
    return read(() -> payloadOf(operation, response));
  }

  private TtlvStructure request(Operation operation, List<Ttlv> payload) {
    TtlvStructure header =
        TtlvStructure.of(
            Tag.REQUEST_HEADER, protocolVersion(version), new TtlvInteger(Tag.BATCH_COUNT, 1));
    TtlvStructure item =
        TtlvStructure.of(
            Tag.BATCH_ITEM,
            new TtlvEnumeration(Tag.OPERATION, operation.value()),
            new TtlvStructure(Tag.REQUEST_PAYLOAD, payload));
    return TtlvStructure.of(Tag.REQUEST_MESSAGE, header, item);
  }

  private TtlvStructure payloadOf(Operation operation, TtlvStructure response) throws IOException {
    if (response.tag() != Tag.RESPONSE_MESSAGE) {
      throw new IOException(endpoint() + " answered with something else than a Response Message");
    }
    response.structure(Tag.RESPONSE_HEADER);
    List<TtlvStructure> items = response.all(Tag.BATCH_ITEM, TtlvStructure.class);
    if (items.size() != 1) {
      throw new IOException(
          endpoint() + " answered one request item with " + items.size() + " items");
    }
    TtlvStructure item = items.get(0);
    Integer answered =
        item.optional(Tag.OPERATION, TtlvEnumeration.class)
            .map(TtlvEnumeration::value)
            .orElse(null);
    int status = item.enumeration(Tag.RESULT_STATUS);
    if (status != ResultStatus.SUCCESS.value()) {
      throw new KmipClientException(
          operation,
          status,
          item.optional(Tag.RESULT_REASON, TtlvEnumeration.class)
              .map(TtlvEnumeration::value)
              .orElse(-1),
          item.optional(Tag.RESULT_MESSAGE, TtlvTextString.class)
              .map(TtlvTextString::value)
              .orElse(null));
    }
    if (answered != null && answered != operation.value()) {
      throw new IOException(
          endpoint() + " answered " + operation.kmipName() + " as another operation");
    }
    return item.optional(Tag.RESPONSE_PAYLOAD, TtlvStructure.class)
        .orElseGet(() -> TtlvStructure.of(Tag.RESPONSE_PAYLOAD));
  }

  /** The object in a Get answer: the one structure child that carries a Key Block. */
  private static TtlvStructure objectStructure(TtlvStructure answer) throws IOException {
    for (Ttlv child : answer.children()) {
      if (child instanceof TtlvStructure s && s.child(Tag.KEY_BLOCK).isPresent()) {
        return s;
      }
    }
    throw new IOException("the Get answer holds no key (no Key Block)");
  }

  private static TtlvStructure protocolVersion(KmipVersion v) {
    return TtlvStructure.of(
        Tag.PROTOCOL_VERSION,
        new TtlvInteger(Tag.PROTOCOL_VERSION_MAJOR, v.major()),
        new TtlvInteger(Tag.PROTOCOL_VERSION_MINOR, v.minor()));
  }

  private static TtlvTextString uid(String uniqueIdentifier) {
    return new TtlvTextString(
        Tag.UNIQUE_IDENTIFIER, Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier"));
  }

  private static TtlvStructure name(String name) {
    return TtlvStructure.of(
        Tag.NAME,
        new TtlvTextString(Tag.NAME_VALUE, name),
        new TtlvEnumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value()));
  }

  private static String uniqueIdentifier(TtlvStructure answer) throws IOException {
    return read(() -> answer.text(Tag.UNIQUE_IDENTIFIER));
  }

  private static byte[] optionalBytes(TtlvStructure s, int tag) {
    return s.optional(tag, TtlvByteString.class).map(TtlvByteString::value).orElse(null);
  }

  /** Reads part of an answer, turning a missing or mistyped field into an IOException. */
  private static <T> T read(AnswerReader<T> reader) throws IOException {
    try {
      return reader.read();
    } catch (UnexpectedItemException e) {
      throw new IOException("unexpected KMIP answer: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface AnswerReader<T> {
    T read() throws IOException;
  }

  // ---------------------------------------------------------------- connection

  private void open() throws IOException {
    if (socket != null) {
      return;
    }
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
    try {
      s.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
      s.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
      s.setTcpNoDelay(true);
      SSLParameters params = s.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
      s.setSSLParameters(params);
      s.startHandshake();
      in = new BufferedInputStream(s.getInputStream());
      out = new BufferedOutputStream(s.getOutputStream());
      socket = s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void disconnect() {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // closing a broken connection: nothing left to do
    }
    socket = null;
    in = null;
    out = null;
  }

  /** Configures a {@link KmipClient}: the server and the TLS identity are required. */
  public static final class Builder {
    private String host;
    private int port = DEFAULT_PORT;
    private SSLContext tls;
    private KmipVersion version = KmipVersion.V1_4;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The server's host name or address, which its certificate must name. */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("a KMIP server host is required");
      }
      this.host = host.strip();
      return this;
    }

    /** The server's port (default {@value KmipClient#DEFAULT_PORT}). */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("invalid KMIP port " + port);
      }
      this.port = port;
      return this;
    }

    /** A TLS context that trusts the server's CA and holds the client's certificate and key. */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** The TLS context from PEM files; see {@link KmipTls#mutual}. */
    public Builder tls(Path caPem, Path clientCertPem, Path clientKeyPem) {
      return tls(KmipTls.mutual(caPem, clientCertPem, clientKeyPem));
    }

    /** The protocol version of every request (default 1.4). */
    public Builder version(KmipVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** How long to wait for the TCP connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for each answer (default 30 s). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** The client; it connects on its first call. */
    public KmipClient build() {
      if (host == null) {
        throw new IllegalArgumentException("a KMIP server host is required");
      }
      if (tls == null) {
        throw new IllegalArgumentException(
            "a KMIP client needs TLS: the CA certificate and the client certificate and key");
      }
      return new KmipClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}

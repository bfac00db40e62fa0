package io.clavis.core.ciphertext;

import io.clavis.core.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The self-describing ciphertext Clavis returns: a header naming the key version, then the body.
 *
 * <pre>
 * offset  length  field
 * 0       1       format version, 0x01
 * 1       1       scheme: 0x01 AES-GCM (with the key's size), 0x02 RSA-OAEP-SHA256
 * 2       1       key id length L, 1..128
 * 3       L       key id, printable ASCII without space (0x21..0x7E)
 * 3+L     4       key version, big-endian, at least 1
 * 7+L     rest    body
 * </pre>
 *
 * <p>Body for AES-GCM: {@code nonce (12) || ciphertext || tag (16)}, so at least 28 bytes; the GCM
 * associated data is {@code header || user AAD}. Body for RSA-OAEP: the OAEP ciphertext (as long as
 * the modulus), with {@code header || user AAD} as the OAEP label. Either way the header is
 * authenticated: changing the key id or version makes decryption fail. The header is
 * self-delimiting, so {@code header || AAD} is unambiguous.
 *
 * <p>There is exactly one encoding of each header, so the header bytes inside a ciphertext are the
 * ones {@link #encodeHeader} produces and can be authenticated as they stand.
 */
public final class CiphertextFormat {
  /** The format version this class reads and writes. */
  public static final int VERSION = 0x01;

  /** AES-GCM with a random 96-bit nonce and a 128-bit tag; any AES key size. */
  public static final int SCHEME_AES_GCM = 1;

  /** RSA-OAEP with SHA-256 and MGF1-SHA-256. */
  public static final int SCHEME_RSA_OAEP_SHA256 = 2;

  /** Longest key id. */
  public static final int MAX_KEY_ID_LENGTH = 128;

  private static final int FIXED_HEADER_LENGTH = 3 + 4;

  private CiphertextFormat() {}

  /**
   * The header fields.
   *
   * @throws IllegalArgumentException if a field is out of range (see the class documentation)
   */
  public record Header(int scheme, String keyId, int keyVersion) {
    public Header {
      if (!isKnownScheme(scheme)) {
        throw new IllegalArgumentException("unknown ciphertext scheme");
      }
      Objects.requireNonNull(keyId, "keyId");
      if (keyId.isEmpty() || keyId.length() > MAX_KEY_ID_LENGTH) {
        throw new IllegalArgumentException("key id must be 1..128 characters");
      }
      for (int i = 0; i < keyId.length(); i++) {
        if (!isKeyIdChar(keyId.charAt(i))) {
          throw new IllegalArgumentException("key id must be printable ASCII without spaces");
        }
      }
      if (keyVersion < 1) {
        throw new IllegalArgumentException("key version must be at least 1");
      }
    }

    /** Returns the number of bytes {@link #encodeHeader} produces for this header. */
    public int encodedLength() {
      return FIXED_HEADER_LENGTH + keyId.length();
    }
  }

  /**
   * A parsed ciphertext: its header and where the body starts in the array that was parsed.
   *
   * @param bodyOffset index of the first body byte; the header is {@code [0, bodyOffset)}
   */
  public record Parsed(Header header, int bodyOffset) {
    public Parsed {
      Objects.requireNonNull(header, "header");
      if (bodyOffset != header.encodedLength()) {
        throw new IllegalArgumentException("bodyOffset does not match the header");
      }
    }
  }

  /** Encodes the header; the body is appended after it. */
  public static byte[] encodeHeader(Header h) {
    Objects.requireNonNull(h, "h");
    byte[] out = new byte[h.encodedLength()];
    out[0] = (byte) VERSION;
    out[1] = (byte) h.scheme();
    out[2] = (byte) h.keyId().length();
    byte[] id = h.keyId().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(id, 0, out, 3, id.length);
    int v = h.keyVersion();
    int p = 3 + id.length;
    out[p] = (byte) (v >>> 24);
    out[p + 1] = (byte) (v >>> 16);
    out[p + 2] = (byte) (v >>> 8);
    out[p + 3] = (byte) v;
    return out;
  }

  /**
   * Parses and validates the header of {@code ciphertext} without copying the body.
   *
   * @throws MalformedCiphertextException if the format version or scheme is unknown, the key id is
   *     empty, too long, runs past the end or is not printable ASCII, the version is below 1, or
   *     the body is missing or too short for its scheme
   */
  public static Parsed parse(byte[] ciphertext) throws MalformedCiphertextException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < FIXED_HEADER_LENGTH + 1) {
      throw new MalformedCiphertextException("ciphertext too short");
    }
    if ((ciphertext[0] & 0xff) != VERSION) {
      throw new MalformedCiphertextException("unsupported ciphertext format version");
    }
    int scheme = ciphertext[1] & 0xff;
    if (!isKnownScheme(scheme)) {
      throw new MalformedCiphertextException("unknown ciphertext scheme");
    }
    int idLength = ciphertext[2] & 0xff;
    if (idLength < 1 || idLength > MAX_KEY_ID_LENGTH) {
      throw new MalformedCiphertextException("key id length out of range");
    }
    int bodyOffset = FIXED_HEADER_LENGTH + idLength;
    if (bodyOffset > ciphertext.length) {
      throw new MalformedCiphertextException("ciphertext header truncated");
    }
    for (int i = 3; i < 3 + idLength; i++) {
      if (!isKeyIdChar((char) (ciphertext[i] & 0xff))) {
        throw new MalformedCiphertextException("key id is not printable ASCII");
      }
    }
    int p = 3 + idLength;
    int version =
        ((ciphertext[p] & 0xff) << 24)
            | ((ciphertext[p + 1] & 0xff) << 16)
            | ((ciphertext[p + 2] & 0xff) << 8)
            | (ciphertext[p + 3] & 0xff);
    if (version < 1) {
      throw new MalformedCiphertextException("key version must be at least 1");
    }
    int bodyLength = ciphertext.length - bodyOffset;
    if (bodyLength < minimumBodyLength(scheme)) {
      throw new MalformedCiphertextException("ciphertext body missing or truncated");
    }
    String keyId = new String(ciphertext, 3, idLength, StandardCharsets.US_ASCII);
    return new Parsed(new Header(scheme, keyId, version), bodyOffset);
  }

  private static int minimumBodyLength(int scheme) {
    return scheme == SCHEME_AES_GCM ? AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH : 1;
  }

  private static boolean isKnownScheme(int scheme) {
    return scheme == SCHEME_AES_GCM || scheme == SCHEME_RSA_OAEP_SHA256;
  }

  // Printable ASCII without space: ids appear in logs, URLs and shell commands.
  private static boolean isKeyIdChar(char c) {
    return c >= 0x21 && c <= 0x7e;
  }
}

package io.clavis.core.crypto;

import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * An immutable holder of secret bytes (a key, a share of a key, a derived secret).
 *
 * <p>The bytes can only be read through {@link #toByteArray(SecretAccess)}, which returns a copy,
 * so no caller can change the held value. {@link #toString()} never shows the content, and {@link
 * #equals(Object)} is identity: content comparison of secrets must be explicit and constant-time
 * ({@link #equalsConstantTime(SecretBytes)}), never a side effect of putting them in a map.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Returns a holder of a copy of {@code bytes}; later changes to the array do not affect it. */
  public static SecretBytes copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new SecretBytes(bytes.clone());
  }

  /** Returns {@code length} bytes from the shared {@link SecureRandoms} generator. */
  public static SecretBytes random(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    return new SecretBytes(SecureRandoms.bytes(length));
  }

  /** Returns a copy of the secret bytes. The caller owns the copy and should wipe it after use. */
  public byte[] toByteArray(SecretAccess access) {
    Objects.requireNonNull(access, "access");
    return bytes.clone();
  }

  /** Returns the number of secret bytes (not secret itself). */
  public int size() {
    return bytes.length;
  }

  /**
   * Compares the content in time that depends only on the lengths, so that comparing a guess with a
   * secret leaks nothing about how many leading bytes matched.
   */
  public boolean equalsConstantTime(SecretBytes other) {
    Objects.requireNonNull(other, "other");
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /**
   * Builds a JCA key without an intermediate copy that would have to be wiped. Package-private: the
   * key object exposes the bytes through {@code getEncoded()}, so it must not escape the
   * primitives.
   */
  SecretKeySpec toKeySpec(String jcaAlgorithm) {
    return new SecretKeySpec(bytes, jcaAlgorithm);
  }

  @Override
  public String toString() {
    return "SecretBytes[redacted, " + bytes.length + " bytes]";
  }
}

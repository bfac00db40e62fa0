package io.clavis.core.key;

/** The kind of key, independent of its size. */
public enum KeyFamily {
  AES,
  RSA,
  EC,
  HMAC,
  /**
   * Not a key: bytes registered over KMIP (secret data, opaque objects, certificates) that Clavis
   * keeps wrapped like key material and hands back, but never uses for any cryptographic operation.
   */
  DATA
}

package io.clavis.core.key;

/** The kind of key, independent of its size. */
public enum KeyFamily {
  AES,
  RSA,
  EC,
  HMAC
}

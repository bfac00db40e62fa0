package io.clavis.core.crypto;

/** The HMAC variants Clavis offers; tags are always the full hash length. */
public enum HmacAlgorithm {
  HMAC_SHA256("HmacSHA256", 32),
  HMAC_SHA384("HmacSHA384", 48),
  HMAC_SHA512("HmacSHA512", 64);

  private final String jcaName;
  private final int tagLength;

  HmacAlgorithm(String jcaName, int tagLength) {
    this.jcaName = jcaName;
    this.tagLength = tagLength;
  }

  /** Returns the JCA {@code Mac} name, e.g. {@code "HmacSHA256"}. */
  public String jcaName() {
    return jcaName;
  }

  /** Returns the tag length in bytes (the hash output length). */
  public int tagLength() {
    return tagLength;
  }
}

package io.clavis.client;

/**
 * One item of {@link ClavisClient#decryptBatch}: the decrypted item, or, for an item that could not
 * be decrypted, the server's error code (the uniform {@code DECRYPTION_FAILED}) and message. The
 * other items of the batch are unaffected. {@link #toString()} never shows a plaintext.
 */
public record BatchDecryptResult(DecryptResult result, String errorCode, String errorMessage) {
  /** Whether this item was decrypted. */
  public boolean ok() {
    return result != null;
  }

  /**
   * The decrypted item.
   *
   * @throws ClavisException with this item's error code when it could not be decrypted
   */
  public DecryptResult orThrow() {
    if (result == null) {
      throw new ClavisException(200, errorCode, errorMessage, null);
    }
    return result;
  }
}

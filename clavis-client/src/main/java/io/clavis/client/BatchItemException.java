package io.clavis.client;

/**
 * A batch call refused because of one of its items: {@link #item()} is that item's index in the
 * list the caller gave (not in the request that carried it), {@link #reason()} why. The message is
 * {@code items[ITEM]: REASON}.
 */
public final class BatchItemException extends ClavisException {
  private static final long serialVersionUID = 1L;

  private final int item;
  private final String reason;

  BatchItemException(ClavisException refusal, int item, String reason) {
    super(
        refusal.status(),
        refusal.code(),
        "items[" + item + "]: " + reason,
        refusal.requestId(),
        refusal);
    this.item = item;
    this.reason = reason;
  }

  /** The index of the refused item in the caller's list. */
  public int item() {
    return item;
  }

  /** Why it was refused, as the server said it. */
  public String reason() {
    return reason;
  }
}

package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.vault.Vault;

/**
 * What a KMIP command answered: the records it wrote, or the KMIP reason it refused with.
 *
 * <p>A refusal is a result, not an exception, because the Raft reply carries only a Clavis error
 * code and message: the KMIP reason (Attribute Single Valued, Not Extractable, ...) would be lost.
 * A refusing command discards its writes first, so it changes nothing, exactly like one that
 * throws.
 */
record KmipCommandResult(
    KeyRecord key,
    KmipObjectRecord object,
    Vault vault,
    KmipAttribute attribute,
    Integer index,
    ResultReason failure,
    String message) {

  static KmipCommandResult of(KeyRecord key, KmipObjectRecord object) {
    return new KmipCommandResult(key, object, null, null, null, null, null);
  }

  static KmipCommandResult failed(KmipObjectException e) {
    return new KmipCommandResult(null, null, null, null, null, e.reason(), e.getMessage());
  }

  /** Returns this result, or throws the refusal it carries. */
  KmipCommandResult orThrow() {
    if (failure != null) {
      throw new KmipObjectException(failure, message);
    }
    return this;
  }
}

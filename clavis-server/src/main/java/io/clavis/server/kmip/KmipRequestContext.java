package io.clavis.server.kmip;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.UniqueIdentifierPlaceholder;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.access.AccessControl;
import io.clavis.server.access.Target;
import io.clavis.server.identity.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link KmipOperationHandler} knows about the batch item it handles: who asks (the service
 * whose registered client certificate opened the connection), in which protocol version, from
 * where, and the state the items of one request message share (the ID Placeholder).
 *
 * <p>Authorisation goes through {@link #authorize}, which checks the policy under this item's audit
 * operation name ({@code kmip.<operation>}) and records the target's ids in the item's audit
 * record, so that KMIP decisions read exactly like REST ones in the trail and in {@code explain}.
 * One context serves one batch item; it is not shared between threads.
 */
public final class KmipRequestContext {
  private final Principal principal;
  private final KmipVersion version;
  private final String clientAddress;
  private final AccessControl access;
  private final String requestId;
  private final Operation operation;
  private final String auditOperation;
  private final BatchState batch;
  private final Map<String, String> auditResources = new TreeMap<>();

  KmipRequestContext(
      Principal principal,
      KmipVersion version,
      String clientAddress,
      AccessControl access,
      String requestId,
      Operation operation,
      BatchState batch) {
    this.principal = Objects.requireNonNull(principal, "principal");
    this.version = version;
    this.clientAddress = clientAddress;
    this.access = access;
    this.requestId = requestId;
    this.operation = operation;
    this.auditOperation = KmipAudit.operationName(operation.value());
    this.batch = batch;
  }

  /** The authenticated caller (a service, authenticated by its client certificate). */
  public Principal principal() {
    return principal;
  }

  /** The request's protocol version: payloads are read and written in it. */
  public KmipVersion version() {
    return version;
  }

  /** Whether the request uses the KMIP 2.x layout (Attributes instead of Template-Attribute). */
  public boolean isKmip2() {
    return KmipVersions.isTwoOrLater(version);
  }

  public String clientAddress() {
    return clientAddress;
  }

  /** This item's request id, as its audit record carries it. */
  public String requestId() {
    return requestId;
  }

  public Operation operation() {
    return operation;
  }

  /** The item's operation name in the audit trail and in policy decisions, e.g. kmip.create. */
  public String auditOperation() {
    return auditOperation;
  }

  /** Authentication, target resolution and policy decisions, as the REST listener uses them. */
  public AccessControl access() {
    return access;
  }

  /**
   * Checks that a policy lets the caller do {@code verb} on {@code resource} where {@code target}
   * lives, under this item's audit operation name, and records the target's ids (keyId, vaultId,
   * compartmentId) in the item's audit record.
   *
   * @throws io.clavis.server.error.ClavisException FORBIDDEN (answered as Permission Denied)
   */
  public void authorize(Verb verb, ResourceType resource, Target target) {
    auditResources.putAll(target.resources());
    access.authorize(principal, auditOperation, verb, resource, target);
  }

  /** Adds an id to the item's audit record (never key material or plaintext). */
  public void addAuditResource(String name, String value) {
    auditResources.put(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
  }

  Map<String, String> auditResources() {
    return auditResources;
  }

  /** The ID Placeholder an earlier item of this request message set, if any. */
  public Optional<String> idPlaceholder() {
    return Optional.ofNullable(batch.idPlaceholder());
  }

  /**
   * Sets the ID Placeholder for the items that follow in this request message (Create, Register,
   * Locate with one result, ... do this). For KMIP 2.x it also becomes the value later items reach
   * with the Unique Identifier enumeration value named after this operation (Create, Register,
   * Locate, ...).
   */
  public void setIdPlaceholder(String uniqueIdentifier) {
    Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier");
    batch.setIdPlaceholder(uniqueIdentifier);
    for (UniqueIdentifierPlaceholder kind : UniqueIdentifierPlaceholder.values()) {
      if (kind.name().equals(operation.name())) {
        batch.record(kind, uniqueIdentifier);
      }
    }
  }

  /**
   * Records an identifier later KMIP 2.x items may name by a Unique Identifier enumeration value
   * that is not the operation's own (Create Key Pair Private Key, Create Key Pair Public Key, ...).
   */
  public void recordUniqueIdentifier(UniqueIdentifierPlaceholder kind, String uniqueIdentifier) {
    batch.record(kind, Objects.requireNonNull(uniqueIdentifier, "uniqueIdentifier"));
  }

  /**
   * The object a payload names: its Unique Identifier text, or (KMIP 2.x) the identifier an earlier
   * item left under a Unique Identifier enumeration value, or, when the payload names none, the ID
   * Placeholder.
   *
   * @throws KmipException Missing Data when nothing names an object, Invalid Field when the field
   *     is neither text nor a known enumeration value
   */
  public String uniqueIdentifier(TtlvStructure payload) throws KmipException {
    Optional<Ttlv> field = payload.child(Tag.UNIQUE_IDENTIFIER);
    if (field.isEmpty()) {
      return idPlaceholder()
          .orElseThrow(
              () ->
                  new KmipException(
                      ResultReason.MISSING_DATA,
                      "no Unique Identifier given and no ID Placeholder set by an earlier item"));
    }
    if (field.get() instanceof TtlvTextString text) {
      return text.value();
    }
    if (field.get() instanceof TtlvEnumeration e && isKmip2()) {
      UniqueIdentifierPlaceholder kind =
          UniqueIdentifierPlaceholder.fromValue(e.value())
              .orElseThrow(
                  () ->
                      KmipException.invalidField(
                          String.format(
                              "Unique Identifier value 0x%08X is not defined", e.value())));
      String id = batch.result(kind);
      if (id == null) {
        throw new KmipException(
            ResultReason.MISSING_DATA,
            "no earlier item of this request left a " + kind.kmipName() + " identifier");
      }
      return id;
    }
    throw KmipException.invalidField("the Unique Identifier must be a Text String");
  }
}

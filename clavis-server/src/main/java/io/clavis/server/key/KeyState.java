package io.clavis.server.key;

/**
 * Lifecycle of a key. Only ENABLED keys encrypt, sign or MAC.
 *
 * <p>REST creates keys ENABLED and moves them between ENABLED and DISABLED, then through
 * PENDING_DELETION to DESTROYED. KMIP adds the two states its lifecycle needs that a toggle cannot
 * express (see docs/adr/0008-kmip-objects.md): PRE_ACTIVE, a key created but not yet activated, and
 * COMPROMISED, a key revoked because it leaked. Both refuse every cryptographic operation and every
 * REST transition, so that nothing but KMIP Activate brings a pre-active key into use and nothing
 * at all brings a compromised key back.
 */
public enum KeyState {
  ENABLED,
  DISABLED,
  PENDING_DELETION,
  DESTROYED,
  /**
   * Created over KMIP without being activated; KMIP Activate (or its activation date) enables it.
   */
  PRE_ACTIVE,
  /** Revoked over KMIP for a compromise: never usable again, only destroyed. */
  COMPROMISED
}

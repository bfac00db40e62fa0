package io.clavis.core.crypto;

/**
 * Capability token that must be presented to read secret bytes.
 *
 * <p>It carries no authority: anyone can call {@link #get()}. Its purpose is to make every place
 * that exposes key material visible in code review and searchable ({@code SecretAccess.get()}), as
 * Tink's {@code InsecureSecretKeyAccess} does.
 */
public final class SecretAccess {
  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /** Returns the token. Call this only where handing out raw key material is intended. */
  public static SecretAccess get() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "SecretAccess";
  }
}

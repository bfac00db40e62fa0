/**
 * Cryptographic primitives of Clavis.
 *
 * <p>Modelled on Google Tink: each primitive does one thing, callers never choose nonces, reading
 * secret bytes needs a {@link io.clavis.core.crypto.SecretAccess} token, every decryption failure
 * is the same {@link io.clavis.core.crypto.DecryptionFailedException}, and no {@code toString()}
 * prints key material. The JDK providers do the work wherever they can; Bouncy Castle is used only
 * for Argon2id and pre-hashed RSA-PSS, which the JDK does not offer. Nothing here logs.
 */
package io.clavis.core.crypto;

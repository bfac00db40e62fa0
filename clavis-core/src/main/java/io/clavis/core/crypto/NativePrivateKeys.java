package io.clavis.core.crypto;

import java.security.PrivateKey;

/**
 * Private-key operations (signing, RSA-OAEP decryption) by the system's OpenSSL 3 libcrypto,
 * several times faster than the JDK: on a 2-core x86-64 machine about 100,000 ECDSA P-256
 * signatures a second against 19,000, RSA signing and decryption about three times the JDK's rate.
 * It needs Java 22 or later (the foreign function API) and {@code libcrypto.so.3}; without them, or
 * with the system property {@code clavis.openssl=off}, {@link #OPERATIONS} is null and the JDK does
 * the work. Public-key operations (verification, encryption) always use the JDK.
 *
 * <p>The implementation ({@code OpenSslPrivateKeys}) is compiled only by a Java 22+ build and
 * loaded by name, so the rest of the project still builds and runs on Java 21.
 */
public final class NativePrivateKeys {
  /** What OpenSSL does with a JDK private key, exactly as the JDK's own schemes would. */
  interface Operations {
    /**
     * Signs {@code digest}, the hash of the message under {@code alg}'s hash, with {@code alg}'s
     * scheme: ECDSA (DER; a long hash truncated to the curve order as ECDSA prescribes), RSA PKCS#1
     * v1.5 (DigestInfo of the hash) or RSA-PSS (MGF1 with the same hash, salt as long as the hash).
     * Returns null when it cannot use {@code key} or fails, leaving it to the JDK.
     */
    byte[] signDigest(PrivateKey key, SignatureAlgorithm alg, byte[] digest);

    /**
     * Decrypts RSAES-OAEP with SHA-256 and MGF1-SHA-256, as {@link RsaOaep#decrypt}. Returns null
     * when it cannot use {@code key} (including RSA keys without their CRT parts) or cannot set the
     * decryption up, leaving it to the JDK.
     *
     * @param label the OAEP label; null or empty means empty
     * @throws DecryptionFailedException for any ciphertext that does not decrypt, whatever the
     *     reason (never handed to the JDK for a second attempt)
     */
    byte[] decryptOaep(PrivateKey key, byte[] ciphertext, byte[] label)
        throws DecryptionFailedException;

    /** The library and its version, e.g. {@code OpenSSL 3.0.19 27 Jan 2026}. */
    String version();

    /** Whether a signature has failed here since start (the JDK made it instead). */
    boolean signingFailed();

    /** Whether a decryption has failed to run here since start (the JDK did it instead). */
    boolean decryptionFailed();

    /**
     * Whether OpenSSL holds its own copy of {@code key} (it has been used here and still lives).
     */
    boolean holds(PrivateKey key);
  }

  static final String PROPERTY = "clavis.openssl";
  private static final String IMPLEMENTATION = "io.clavis.core.crypto.OpenSslPrivateKeys";

  /** OpenSSL's operations, or null when the JDK does the work. */
  static final Operations OPERATIONS;

  private static final String DESCRIPTION;

  static {
    Operations operations = null;
    String description;
    if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))) {
      description = "the JDK (OpenSSL turned off with -D" + PROPERTY + "=off)";
    } else if (Runtime.version().feature() < 22) {
      description = "the JDK (OpenSSL needs Java 22 or later)";
    } else {
      try {
        operations =
            (Operations) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
        description = operations.version() + " (libcrypto.so.3)";
      } catch (ClassNotFoundException e) {
        description = "the JDK (this build was made with Java 21, without the OpenSSL binding)";
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        description = "the JDK (OpenSSL unavailable: " + cause.getMessage() + ")";
      }
    }
    OPERATIONS = operations;
    DESCRIPTION = description;
  }

  private NativePrivateKeys() {}

  /**
   * What does private-key operations in this process: the OpenSSL version, or the JDK and why (for
   * the server's start-up log).
   */
  public static String description() {
    return DESCRIPTION;
  }

  /**
   * Whether OpenSSL signs here (an ECDSA P-256 signature in about 16 µs): false once it has failed
   * to, as from then on signatures may take the JDK's time (it is still tried first).
   */
  public static boolean signing() {
    return OPERATIONS != null && !OPERATIONS.signingFailed();
  }
}

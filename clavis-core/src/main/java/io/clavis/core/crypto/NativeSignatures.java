package io.clavis.core.crypto;

import java.security.PrivateKey;

/**
 * Signing by the system's OpenSSL 3 libcrypto, several times faster than the JDK (on a 2-core
 * x86-64 machine, about 100,000 ECDSA P-256 signatures a second against 19,000; RSA about three
 * times the JDK's rate). It needs Java 22 or later (the foreign function API) and {@code
 * libcrypto.so.3}; without them, or with the system property {@code clavis.openssl=off}, {@link
 * #SIGNER} is null and {@link Signatures} signs with the JDK. Verification always uses the JDK.
 *
 * <p>The implementation ({@code OpenSslSigner}) is compiled only by a Java 22+ build and loaded by
 * name, so the rest of the project still builds and runs on Java 21.
 */
final class NativeSignatures {
  /** Signs hashes exactly as the JDK's signature schemes would (same encodings and parameters). */
  interface Signer {
    /**
     * Signs {@code digest}, the hash of the message under {@code alg}'s hash, with {@code alg}'s
     * scheme: ECDSA (DER; a long hash truncated to the curve order as ECDSA prescribes), RSA PKCS#1
     * v1.5 (DigestInfo of the hash) or RSA-PSS (MGF1 with the same hash, salt as long as the hash).
     * Returns null when this signer cannot use {@code key} or fails, leaving it to the JDK.
     */
    byte[] signDigest(PrivateKey key, SignatureAlgorithm alg, byte[] digest);

    /** The library and its version, e.g. {@code OpenSSL 3.0.19 27 Jan 2026}. */
    String version();

    /** Whether a signature has failed here since start (the JDK made it instead). */
    boolean failed();
  }

  static final String PROPERTY = "clavis.openssl";
  private static final String IMPLEMENTATION = "io.clavis.core.crypto.OpenSslSigner";

  /** The native signer, or null when the JDK signs. */
  static final Signer SIGNER;

  /** Which implementation signs and, when it is the JDK, why. */
  static final String DESCRIPTION;

  static {
    Signer signer = null;
    String description;
    if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, "auto"))) {
      description = "the JDK (OpenSSL turned off with -D" + PROPERTY + "=off)";
    } else if (Runtime.version().feature() < 22) {
      description = "the JDK (OpenSSL needs Java 22 or later)";
    } else {
      try {
        signer = (Signer) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
        description = signer.version() + " (libcrypto.so.3)";
      } catch (ClassNotFoundException e) {
        description = "the JDK (this build was made with Java 21, without the OpenSSL binding)";
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        description = "the JDK (OpenSSL unavailable: " + cause.getMessage() + ")";
      }
    }
    SIGNER = signer;
    DESCRIPTION = description;
  }

  private NativeSignatures() {}
}

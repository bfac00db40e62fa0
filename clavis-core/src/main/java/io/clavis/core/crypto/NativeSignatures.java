package io.clavis.core.crypto;

import java.security.interfaces.ECPrivateKey;

/**
 * ECDSA signing of a hash by the system's OpenSSL 3 libcrypto, several times faster than the JDK's
 * own (on a 2-core x86-64 machine, about 100,000 P-256 signatures a second against 15,000). It
 * needs Java 22 or later (the foreign function API) and {@code libcrypto.so.3}; without them, or
 * with the system property {@code clavis.openssl=off}, {@link #SIGNER} is null and {@link
 * Signatures} signs with the JDK. Verification always uses the JDK.
 *
 * <p>The implementation ({@code OpenSslEcdsa}) is compiled only by a Java 22+ build and loaded by
 * name, so the rest of the project still builds and runs on Java 21.
 */
final class NativeEcdsa {
  /**
   * Signs hashes; its signatures are DER, exactly as the JDK's {@code NONEwithECDSA} makes them.
   */
  interface Signer {
    /**
     * Signs {@code digest} (truncated to the curve order's length as ECDSA prescribes), or returns
     * null when this signer cannot use {@code key}, leaving it to the JDK.
     */
    byte[] signDigest(ECPrivateKey key, byte[] digest);

    /** The library and its version, e.g. {@code OpenSSL 3.5.1 1 Jul 2025}. */
    String version();
  }

  static final String PROPERTY = "clavis.openssl";
  private static final String IMPLEMENTATION = "io.clavis.core.crypto.OpenSslEcdsa";

  /** The native signer, or null when ECDSA is signed by the JDK. */
  static final Signer SIGNER;

  /** Which implementation signs ECDSA and, when it is the JDK, why. */
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

  private NativeEcdsa() {}
}

package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

/**
 * The public half of an asymmetric key version: {@code publicKey} is a PEM SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublicKeyInfo(String publicKey, String keyId, int keyVersion, String algorithm) {

  /** The PEM decoded as a JCA {@link PublicKey} (RSA or EC), for local verification. */
  public PublicKey toPublicKey() {
    String b64 =
        publicKey
            .replaceAll("-----BEGIN [A-Z ]+-----", "")
            .replaceAll("-----END [A-Z ]+-----", "")
            .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(b64);
    String jca =
        algorithm != null && algorithm.toUpperCase(Locale.ROOT).startsWith("EC") ? "EC" : "RSA";
    try {
      return KeyFactory.getInstance(jca).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decode the public key of " + keyId, e);
    }
  }
}

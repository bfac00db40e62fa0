package io.clavis.server.kmip.objects;

import static io.clavis.server.kmip.objects.ObjectsNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SecureRandoms;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.State;
import io.clavis.server.tls.ClusterCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registered objects come back from Get byte for byte, and nothing registered is ever written to
 * the data directory in the clear: each value is searched raw, as base64 and as hex, in every file
 * (RocksDB tables and WAL, Raft log, snapshots), as DataAtRestTest does for generated keys.
 */
class RegisterAtRestTest {
  private static final int OPAQUE_DATA_TYPE = 0x80000001;

  @TempDir Path dir;

  @Test
  void registeredValuesComeBackAndNeverReachTheDiskUnwrapped() throws Exception {
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    byte[] aes = SecureRandoms.bytes(32);
    byte[] hmac = SecureRandoms.bytes(48);
    byte[] secret =
        ("mongodb-cmk-" + HexFormat.of().formatHex(SecureRandoms.bytes(24)))
            .getBytes(StandardCharsets.UTF_8);
    byte[] opaque = SecureRandoms.bytes(300);
    byte[] certificate =
        ClusterCa.create("kmip-register-" + System.nanoTime()).certificate().getEncoded();
    secrets.put("AES key", aes);
    secrets.put("HMAC key", hmac);
    secrets.put("secret data", secret);
    secrets.put("opaque object", opaque);
    secrets.put("certificate", certificate);

    try (ObjectsNode n = new ObjectsNode(dir)) {
      String aesId =
          register(
              n,
              ObjectType.SYMMETRIC_KEY,
              null,
              aes,
              KmipAttribute.enumeration(
                  StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
              KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 256),
              KmipAttribute.name("imported-aes"));
      String hmacId =
          register(
              n,
              ObjectType.SYMMETRIC_KEY,
              null,
              hmac,
              KmipAttribute.enumeration(
                  StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA384));
      String secretId =
          register(
              n,
              ObjectType.SECRET_DATA,
              SecretDataType.SEED.value(),
              secret,
              KmipAttribute.name("mongodb-cmk"));
      String opaqueId = register(n, ObjectType.OPAQUE_OBJECT, OPAQUE_DATA_TYPE, opaque);
      String certId = register(n, ObjectType.CERTIFICATE, null, certificate);

      ManagedObject gotAes = n.objects.get(n.root, aesId, null);
      assertThat(gotAes.keyFormatType()).isEqualTo(KeyFormatType.RAW);
      assertThat(gotAes.algorithm()).isEqualTo(CryptographicAlgorithm.AES);
      assertThat(gotAes.cryptographicLength()).isEqualTo(256);
      assertThat(bytes(gotAes)).isEqualTo(aes);
      assertThat(
              n.objects.get(n.root, aesId, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY).keyFormatType())
          .isEqualTo(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
      assertThat(bytes(n.objects.get(n.root, hmacId, null))).isEqualTo(hmac);

      ManagedObject gotSecret = n.objects.get(n.root, secretId, null);
      assertThat(gotSecret.objectType()).isEqualTo(ObjectType.SECRET_DATA);
      assertThat(gotSecret.keyFormatType()).isEqualTo(KeyFormatType.OPAQUE);
      assertThat(gotSecret.dataType()).isEqualTo(SecretDataType.SEED.value());
      assertThat(bytes(gotSecret)).isEqualTo(secret);
      assertThat(gotSecret.toString()).doesNotContain("mongodb-cmk");

      ManagedObject gotOpaque = n.objects.get(n.root, opaqueId, null);
      assertThat(gotOpaque.objectType()).isEqualTo(ObjectType.OPAQUE_OBJECT);
      assertThat(gotOpaque.keyFormatType()).isNull();
      assertThat(gotOpaque.dataType()).isEqualTo(OPAQUE_DATA_TYPE);
      assertThat(bytes(gotOpaque)).isEqualTo(opaque);

      ManagedObject gotCert = n.objects.get(n.root, certId, KeyFormatType.X_509);
      assertThat(gotCert.objectType()).isEqualTo(ObjectType.CERTIFICATE);
      assertThat(gotCert.dataType()).isEqualTo(ManagedObjects.X509_CERTIFICATE_TYPE);
      assertThat(bytes(gotCert)).isEqualTo(certificate);

      expect(
          () -> n.objects.get(n.root, secretId, KeyFormatType.RAW),
          ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
      expect(
          () -> n.objects.get(n.root, opaqueId, KeyFormatType.OPAQUE),
          ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
      expect(
          () -> n.objects.get(n.root, aesId, KeyFormatType.PKCS_8),
          ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);

      // A snapshot too, so that checkpoint files are searched as well.
      n.rest.node().raft().stateMachine().takeSnapshot();
    }

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.toString().contains("snapshots"));
    assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("log_"));
    for (Path f : files) {
      byte[] content = Files.readAllBytes(f);
      for (Map.Entry<String, byte[]> s : secrets.entrySet()) {
        for (byte[] form : forms(s.getValue())) {
          assertThat(indexOf(content, form))
              .as("%s found in %s", s.getKey(), dir.relativize(f))
              .isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void registrationsThatDoNotFitAreRefused() throws Exception {
    try (ObjectsNode n = new ObjectsNode(dir)) {
      expect(
          () ->
              register(
                  n,
                  ObjectType.SYMMETRIC_KEY,
                  null,
                  SecureRandoms.bytes(20),
                  KmipAttribute.enumeration(
                      StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
          ResultReason.INVALID_FIELD);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SYMMETRIC_KEY,
                  null,
                  SecureRandoms.bytes(16),
                  KmipAttribute.enumeration(
                      StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                  KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 256)),
          ResultReason.INVALID_FIELD);
      expect(
          () -> register(n, ObjectType.SYMMETRIC_KEY, null, SecureRandoms.bytes(16)),
          ResultReason.MISSING_DATA);
      expect(
          () -> register(n, ObjectType.SECRET_DATA, null, SecureRandoms.bytes(16)),
          ResultReason.INVALID_FIELD);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SECRET_DATA,
                  SecretDataType.PASSWORD.value(),
                  new byte[64 * 1024 + 1]),
          ResultReason.INVALID_FIELD);
      expect(
          () -> register(n, ObjectType.CERTIFICATE, null, "not a certificate".getBytes()),
          ResultReason.INVALID_FIELD);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SECRET_DATA,
                  SecretDataType.PASSWORD.value(),
                  SecureRandoms.bytes(8),
                  KmipAttribute.enumeration(
                      StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
          ResultReason.INVALID_ATTRIBUTE);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SECRET_DATA,
                  SecretDataType.PASSWORD.value(),
                  SecureRandoms.bytes(8),
                  KmipAttribute.enumeration(
                      StandardAttribute.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY)),
          ResultReason.INVALID_ATTRIBUTE_VALUE);
      expect(
          () -> register(n, ObjectType.PGP_KEY, null, SecureRandoms.bytes(8)),
          ResultReason.FEATURE_NOT_SUPPORTED);
      // Eight random bytes are no PKCS#8 private key.
      expect(
          () -> register(n, ObjectType.PRIVATE_KEY, null, SecureRandoms.bytes(8)),
          ResultReason.INVALID_FIELD);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SECRET_DATA,
                  SecretDataType.PASSWORD.value(),
                  SecureRandoms.bytes(8),
                  KmipAttribute.enumeration(StandardAttribute.STATE, State.ACTIVE)),
          ResultReason.ATTRIBUTE_READ_ONLY);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SECRET_DATA,
                  SecretDataType.PASSWORD.value(),
                  SecureRandoms.bytes(8),
                  KmipAttribute.custom("y", "server-only", new KmipValue.Text("v"))),
          ResultReason.ATTRIBUTE_READ_ONLY);
      expect(
          () ->
              register(
                  n,
                  ObjectType.SECRET_DATA,
                  SecretDataType.PASSWORD.value(),
                  SecureRandoms.bytes(8),
                  KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "a"),
                  KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "b")),
          ResultReason.ATTRIBUTE_SINGLE_VALUED);
      // Nothing refused was created.
      assertThat(n.objects.locate(n.root, LocateRequest.of()).locatedItems()).isZero();
    }
  }

  private static String register(
      ObjectsNode n, ObjectType type, Integer dataType, byte[] value, KmipAttribute... attributes) {
    return n.objects.register(
        n.root,
        new RegisterRequest(
            type, dataType, SecretBytes.copyOf(value), KmipAttributes.of(attributes)));
  }

  private static byte[] bytes(ManagedObject o) {
    return o.value().toByteArray(SecretAccess.get());
  }

  private static List<byte[]> forms(byte[] secret) {
    byte[] probe =
        secret.length > 32 ? Arrays.copyOfRange(secret, secret.length - 32, secret.length) : secret;
    String b64 = Base64.getEncoder().withoutPadding().encodeToString(secret);
    return List.of(
        probe,
        b64.substring(Math.max(0, b64.length() - 20)).getBytes(StandardCharsets.US_ASCII),
        HexFormat.of().formatHex(probe).getBytes(StandardCharsets.US_ASCII));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

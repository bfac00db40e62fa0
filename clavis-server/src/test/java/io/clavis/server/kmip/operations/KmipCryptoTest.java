package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipOperationsTest.attributes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.failed;
import static io.clavis.server.kmip.operations.KmipOperationsTest.ok;
import static io.clavis.server.kmip.operations.KmipOperationsTest.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.ValidityIndicator;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypt, Decrypt, MAC and MAC Verify over the wire, checked against the JDK's own AES and HMAC
 * with the key read back by Get: the ciphertext is raw, not Clavis's envelope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipCryptoTest {
  private static final KmipVersion V = KmipVersion.V2_0;
  private static final byte[] PLAIN =
      "attack at dawn, or a bit later".getBytes(StandardCharsets.UTF_8);
  private TestNode node;
  private KmipService admin;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-crypto-test-passphrase");
    admin = KmipService.register(node, "kmip-crypto-admin", List.of("key-admins"));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private String create(CryptographicAlgorithm algorithm, int bits, boolean activate)
      throws Exception {
    String id =
        ok(admin.one(
                V,
                Operation.CREATE,
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                attributes(
                    V,
                    KmipAttribute.enumeration(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, algorithm),
                    KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, bits))))
            .text(Tag.UNIQUE_IDENTIFIER);
    if (activate) {
      ok(admin.one(V, Operation.ACTIVATE, uid(id)));
    }
    return id;
  }

  private byte[] rawKey(String id) throws Exception {
    return ok(admin.one(V, Operation.GET, uid(id)))
        .structure(Tag.SYMMETRIC_KEY)
        .structure(Tag.KEY_BLOCK)
        .structure(Tag.KEY_VALUE)
        .bytes(Tag.KEY_MATERIAL);
  }

  private static TtlvStructure params(Ttlv... fields) {
    return TtlvStructure.of(Tag.CRYPTOGRAPHIC_PARAMETERS, fields);
  }

  private static Ttlv mode(BlockCipherMode m) {
    return new TtlvEnumeration(Tag.BLOCK_CIPHER_MODE, m.value());
  }

  @Test
  void gcmWithAServerIvRoundTripsAndIsPlainAesGcm() throws Exception {
    String id = create(CryptographicAlgorithm.AES, 256, true);
    byte[] aad = {1, 2, 3};
    TtlvStructure enc =
        ok(
            admin.one(
                V,
                Operation.ENCRYPT,
                uid(id),
                params(mode(BlockCipherMode.GCM)),
                new TtlvByteString(Tag.DATA, PLAIN),
                new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad)));
    byte[] ct = enc.bytes(Tag.DATA);
    byte[] iv = enc.bytes(Tag.IV_COUNTER_NONCE);
    byte[] tag = enc.bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG);
    assertThat(ct).hasSize(PLAIN.length);
    assertThat(iv).hasSize(12);
    assertThat(tag).hasSize(16);

    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(rawKey(id), "AES"), new GCMParameterSpec(128, iv));
    jdk.updateAAD(aad);
    byte[] sealed = Arrays.copyOf(ct, ct.length + tag.length);
    System.arraycopy(tag, 0, sealed, ct.length, tag.length);
    assertThat(jdk.doFinal(sealed)).isEqualTo(PLAIN);

    TtlvStructure dec =
        ok(
            admin.one(
                V,
                Operation.DECRYPT,
                uid(id),
                params(mode(BlockCipherMode.GCM)),
                new TtlvByteString(Tag.DATA, ct),
                new TtlvByteString(Tag.IV_COUNTER_NONCE, iv),
                new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag)));
    assertThat(dec.bytes(Tag.DATA)).isEqualTo(PLAIN);

    tag[0] ^= 1;
    assertThat(
            failed(
                admin.one(
                    V,
                    Operation.DECRYPT,
                    uid(id),
                    params(mode(BlockCipherMode.GCM)),
                    new TtlvByteString(Tag.DATA, ct),
                    new TtlvByteString(Tag.IV_COUNTER_NONCE, iv),
                    new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                    new TtlvByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag))))
        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
  }

  @Test
  void gcmWithAClientIvAndAShortTag() throws Exception {
    String id = create(CryptographicAlgorithm.AES, 128, true);
    byte[] iv = new byte[12];
    Arrays.fill(iv, (byte) 7);
    TtlvStructure enc =
        ok(
            admin.one(
                KmipVersion.V1_4,
                Operation.ENCRYPT,
                uid(id),
                params(mode(BlockCipherMode.GCM), new TtlvInteger(Tag.TAG_LENGTH, 12)),
                new TtlvByteString(Tag.DATA, PLAIN),
                new TtlvByteString(Tag.IV_COUNTER_NONCE, iv)));
    assertThat(enc.child(Tag.IV_COUNTER_NONCE)).isEmpty();
    byte[] tag = enc.bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG);
    assertThat(tag).hasSize(12);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(rawKey(id), "AES"), new GCMParameterSpec(96, iv));
    byte[] expected = jdk.doFinal(PLAIN);
    assertThat(enc.bytes(Tag.DATA)).isEqualTo(Arrays.copyOf(expected, PLAIN.length));
    assertThat(tag).isEqualTo(Arrays.copyOfRange(expected, PLAIN.length, expected.length));
  }

  @Test
  void cbcWithPkcs5AndAClientIv() throws Exception {
    String id = create(CryptographicAlgorithm.AES, 256, true);
    byte[] iv = new byte[16];
    Arrays.fill(iv, (byte) 3);
    TtlvStructure p =
        params(
            mode(BlockCipherMode.CBC),
            new TtlvEnumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5.value()));
    byte[] ct =
        ok(admin.one(
                V,
                Operation.ENCRYPT,
                uid(id),
                p,
                new TtlvByteString(Tag.DATA, PLAIN),
                new TtlvByteString(Tag.IV_COUNTER_NONCE, iv)))
            .bytes(Tag.DATA);
    Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rawKey(id), "AES"), new IvParameterSpec(iv));
    assertThat(ct).isEqualTo(jdk.doFinal(PLAIN));
    byte[] back =
        ok(admin.one(
                V,
                Operation.DECRYPT,
                uid(id),
                p,
                new TtlvByteString(Tag.DATA, ct),
                new TtlvByteString(Tag.IV_COUNTER_NONCE, iv)))
            .bytes(Tag.DATA);
    assertThat(back).isEqualTo(PLAIN);
  }

  @Test
  void hmacMacAndMacVerify() throws Exception {
    String id = create(CryptographicAlgorithm.HMAC_SHA256, 256, true);
    byte[] mac =
        ok(admin.one(V, Operation.MAC, uid(id), new TtlvByteString(Tag.DATA, PLAIN)))
            .bytes(Tag.MAC_DATA);
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(rawKey(id), "HmacSHA256"));
    assertThat(mac).isEqualTo(jdk.doFinal(PLAIN));
    assertThat(
            ok(admin.one(
                    V,
                    Operation.MAC_VERIFY,
                    uid(id),
                    new TtlvByteString(Tag.DATA, PLAIN),
                    new TtlvByteString(Tag.MAC_DATA, mac)))
                .enumeration(Tag.VALIDITY_INDICATOR))
        .isEqualTo(ValidityIndicator.VALID.value());
    mac[0] ^= 1;
    assertThat(
            ok(admin.one(
                    V,
                    Operation.MAC_VERIFY,
                    uid(id),
                    new TtlvByteString(Tag.DATA, PLAIN),
                    new TtlvByteString(Tag.MAC_DATA, mac)))
                .enumeration(Tag.VALIDITY_INDICATOR))
        .isEqualTo(ValidityIndicator.INVALID.value());
    assertThat(
            failed(
                admin.one(
                    V,
                    Operation.MAC,
                    uid(id),
                    params(
                        new TtlvEnumeration(
                            Tag.CRYPTOGRAPHIC_ALGORITHM,
                            CryptographicAlgorithm.HMAC_SHA512.value())),
                    new TtlvByteString(Tag.DATA, PLAIN))))
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void cryptoNeedsAnActiveKeyOfTheRightKind() throws Exception {
    String preActive = create(CryptographicAlgorithm.AES, 256, false);
    assertThat(
            failed(
                admin.one(
                    V, Operation.ENCRYPT, uid(preActive), new TtlvByteString(Tag.DATA, PLAIN))))
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    String hmac = create(CryptographicAlgorithm.HMAC_SHA384, 384, true);
    assertThat(
            failed(admin.one(V, Operation.ENCRYPT, uid(hmac), new TtlvByteString(Tag.DATA, PLAIN))))
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    String aes = create(CryptographicAlgorithm.AES, 256, true);
    assertThat(
            failed(
                admin.one(
                    V,
                    Operation.ENCRYPT,
                    uid(aes),
                    params(mode(BlockCipherMode.ECB)),
                    new TtlvByteString(Tag.DATA, PLAIN))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    KmipService nobody = KmipService.register(node, "kmip-crypto-nobody", List.of());
    assertThat(
            failed(nobody.one(V, Operation.ENCRYPT, uid(aes), new TtlvByteString(Tag.DATA, PLAIN))))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
  }
}

package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.RawAes;
import io.clavis.core.crypto.SecureRandoms;
import io.clavis.core.key.KeyFamily;
import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipOperationHandler;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encrypt and Decrypt with an Active AES key, returning raw ciphertext (not Clavis's envelope):
 *
 * <ul>
 *   <li>GCM (the default without Cryptographic Parameters): the client's IV/Counter/Nonce, or one
 *       the server generates (12 bytes, or IV Length bits) and returns; Tag Length 12 to 16 bytes
 *       (16 by default); Authenticated Encryption Additional Data; the tag travels in Authenticated
 *       Encryption Tag.
 *   <li>CBC with PKCS5 padding (the default) or none, with the client's 16-byte IV or one the
 *       server generates and returns.
 * </ul>
 *
 * The key's current version is used (KMIP ciphertext names no version). Streaming (Correlation
 * Value, Init and Final Indicator) is not supported. Needs {@code use keys}.
 */
final class CipherHandler extends ObjectOperation {
  private static final int DEFAULT_GCM_IV = 12;
  private static final int DEFAULT_TAG = 16;

  private final CryptoKeys keys;
  private final boolean encrypt;

  CipherHandler(Operation operation, ManagedObjects objects, CryptoKeys keys) {
    super(operation, objects);
    if (operation != Operation.ENCRYPT && operation != Operation.DECRYPT) {
      throw new IllegalArgumentException(operation.kmipName());
    }
    this.keys = keys;
    this.encrypt = operation == Operation.ENCRYPT;
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    CryptoKeys.noStreaming(payload);
    TtlvStructure params = CryptoKeys.parameters(payload);
    int algorithm =
        CryptoKeys.enumeration(params, Tag.CRYPTOGRAPHIC_ALGORITHM)
            .orElse(CryptographicAlgorithm.AES.value());
    if (algorithm != CryptographicAlgorithm.AES.value()) {
      throw KmipException.invalidField("only AES is offered for Encrypt and Decrypt");
    }
    int mode =
        CryptoKeys.enumeration(params, Tag.BLOCK_CIPHER_MODE).orElse(BlockCipherMode.GCM.value());
    byte[] data = payload.bytes(Tag.DATA);
    byte[] givenIv =
        payload
            .optional(Tag.IV_COUNTER_NONCE, TtlvByteString.class)
            .map(TtlvByteString::value)
            .orElse(null);
    boolean randomIv =
        params.optional(Tag.RANDOM_IV, TtlvBoolean.class).map(TtlvBoolean::value).orElse(false);
    if (randomIv && givenIv != null) {
      throw KmipException.invalidField("Random IV and an IV/Counter/Nonce exclude each other");
    }
    CryptoKeys.UsableKey key = keys.usable(ctx, payload, KeyFamily.AES);
    RawAes aes = new RawAes(key.secret());
    List<Ttlv> out = new ArrayList<>();
    out.add(uid(key.uniqueIdentifier()));
    try {
      if (mode == BlockCipherMode.GCM.value()) {
        gcm(payload, params, aes, data, givenIv, out);
      } else if (mode == BlockCipherMode.CBC.value()) {
        cbc(params, aes, data, givenIv, out);
      } else {
        throw KmipException.invalidField("the Block Cipher Mode is GCM or CBC");
      }
    } catch (IllegalArgumentException e) {
      throw KmipException.invalidField(e.getMessage());
    } catch (DecryptionFailedException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "decryption failed");
    }
    return KmipOperationHandler.responsePayload(out);
  }

  private void gcm(
      TtlvStructure payload,
      TtlvStructure params,
      RawAes aes,
      byte[] data,
      byte[] givenIv,
      List<Ttlv> out)
      throws KmipException, DecryptionFailedException {
    byte[] aad =
        payload
            .optional(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, TtlvByteString.class)
            .map(TtlvByteString::value)
            .orElse(null);
    Integer tagLength =
        params.optional(Tag.TAG_LENGTH, TtlvInteger.class).map(TtlvInteger::value).orElse(null);
    if (encrypt) {
      byte[] iv = givenIv;
      if (iv == null) {
        int bits =
            params
                .optional(Tag.IV_LENGTH, TtlvInteger.class)
                .map(TtlvInteger::value)
                .orElse(DEFAULT_GCM_IV * 8);
        if (bits < 96 || bits > 1024 || bits % 8 != 0) {
          throw KmipException.invalidField("a generated GCM IV is 96 to 1024 bits");
        }
        iv = SecureRandoms.bytes(bits / 8);
      }
      int tag = tagLength == null ? DEFAULT_TAG : tagLength;
      byte[] sealed = aes.gcmEncrypt(iv, aad, data, tag);
      out.add(new TtlvByteString(Tag.DATA, Arrays.copyOf(sealed, sealed.length - tag)));
      if (givenIv == null) {
        out.add(new TtlvByteString(Tag.IV_COUNTER_NONCE, iv));
      }
      out.add(
          new TtlvByteString(
              Tag.AUTHENTICATED_ENCRYPTION_TAG,
              Arrays.copyOfRange(sealed, sealed.length - tag, sealed.length)));
      return;
    }
    if (givenIv == null) {
      throw KmipException.invalidField("GCM decryption needs the IV/Counter/Nonce");
    }
    byte[] tag =
        payload
            .optional(Tag.AUTHENTICATED_ENCRYPTION_TAG, TtlvByteString.class)
            .map(TtlvByteString::value)
            .orElseThrow(
                () -> KmipException.invalidField("GCM decryption needs the Authenticated Tag"));
    if (tagLength != null && tagLength != tag.length) {
      throw KmipException.invalidField("the Tag Length does not match the tag");
    }
    byte[] sealed = Arrays.copyOf(data, data.length + tag.length);
    System.arraycopy(tag, 0, sealed, data.length, tag.length);
    byte[] plain = aes.gcmDecrypt(givenIv, aad, sealed, tag.length);
    out.add(new TtlvByteString(Tag.DATA, plain));
    Arrays.fill(plain, (byte) 0);
  }

  private void cbc(TtlvStructure params, RawAes aes, byte[] data, byte[] givenIv, List<Ttlv> out)
      throws KmipException, DecryptionFailedException {
    int padding =
        CryptoKeys.enumeration(params, Tag.PADDING_METHOD).orElse(PaddingMethod.PKCS5.value());
    boolean pkcs5;
    if (padding == PaddingMethod.PKCS5.value()) {
      pkcs5 = true;
    } else if (padding == PaddingMethod.NONE.value()) {
      pkcs5 = false;
    } else {
      throw KmipException.invalidField("CBC takes PKCS5 padding or none");
    }
    if (encrypt) {
      byte[] iv = givenIv != null ? givenIv : SecureRandoms.bytes(RawAes.BLOCK);
      out.add(new TtlvByteString(Tag.DATA, aes.cbcEncrypt(iv, data, pkcs5)));
      if (givenIv == null) {
        out.add(new TtlvByteString(Tag.IV_COUNTER_NONCE, iv));
      }
      return;
    }
    if (givenIv == null) {
      throw KmipException.invalidField("CBC decryption needs the IV/Counter/Nonce");
    }
    byte[] plain = aes.cbcDecrypt(givenIv, data, pkcs5);
    out.add(new TtlvByteString(Tag.DATA, plain));
    Arrays.fill(plain, (byte) 0);
  }
}

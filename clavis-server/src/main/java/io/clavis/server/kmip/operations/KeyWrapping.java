package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.AesKeyWrapPad;
import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyFamily;
import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.EncodingOption;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.WrappingMethod;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.WrappingKey;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Key Wrapping Specification of a Get: the object's Key Block leaves encrypted under another
 * key the caller may {@code use} — AES key wrap (RFC 3394, NIST SP 800-38F KW, the default for an
 * AES key; RFC 5649 KWP with Block Cipher Mode AES Key Wrap Padding) or RSA-OAEP (SHA-1 by default,
 * or the Hashing Algorithm given; MGF1 with the same hash unless a Mask Generator Hashing Algorithm
 * says otherwise) under an RSA public key.
 *
 * <p>Encoding Option No Encoding (the default) wraps the bytes of the Key Material and leaves the
 * Key Value a structure holding the wrapped bytes as its Key Material, as PyKMIP reads it; TTLV
 * Encoding wraps the TTLV encoding of the whole Key Value, which becomes that Byte String. MAC or
 * signature wrapping is not offered.
 */
final class KeyWrapping {
  /** The largest input RSA-OAEP takes is the modulus less two hashes and two bytes. */
  private static final int OAEP_OVERHEAD_BYTES = 2;

  private final WrappingMethod method;
  private final TtlvStructure keyInformation;
  private final TtlvStructure parameters;
  private final EncodingOption encoding;
  private final Integer encodingGiven;

  private KeyWrapping(
      WrappingMethod method,
      TtlvStructure keyInformation,
      TtlvStructure parameters,
      EncodingOption encoding,
      Integer encodingGiven) {
    this.method = method;
    this.keyInformation = keyInformation;
    this.parameters = parameters;
    this.encoding = encoding;
    this.encodingGiven = encodingGiven;
  }

  /** The payload's Key Wrapping Specification, checked; empty when it has none. */
  static Optional<KeyWrapping> of(TtlvStructure payload) throws KmipException {
    Optional<TtlvStructure> spec =
        payload.optional(Tag.KEY_WRAPPING_SPECIFICATION, TtlvStructure.class);
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    TtlvStructure s = spec.get();
    Optional<Integer> m = CryptoKeys.enumeration(s, Tag.WRAPPING_METHOD);
    if (m.isEmpty()) {
      throw KmipException.invalidField("a Key Wrapping Specification needs a Wrapping Method");
    }
    WrappingMethod method =
        WrappingMethod.fromValue(m.get())
            .orElseThrow(
                () ->
                    KmipException.invalidField(
                        String.format("Wrapping Method 0x%08X is unknown", m.get())));
    if (method != WrappingMethod.ENCRYPT) {
      throw new KmipException(
          ResultReason.OPERATION_NOT_SUPPORTED,
          "Clavis wraps by Encrypt only, not " + method.kmipName());
    }
    if (s.child(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent()) {
      throw new KmipException(
          ResultReason.OPERATION_NOT_SUPPORTED,
          "MAC/Signature Key Information: Clavis wraps by Encrypt only");
    }
    if (s.child(Tag.ATTRIBUTE_NAME).isPresent()) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "wrapping attributes with the key is not offered");
    }
    TtlvStructure info =
        s.optional(Tag.ENCRYPTION_KEY_INFORMATION, TtlvStructure.class)
            .orElseThrow(
                () ->
                    KmipException.invalidField(
                        "wrapping by Encrypt needs Encryption Key Information"));
    TtlvStructure parameters = CryptoKeys.parameters(info);
    Optional<Integer> e = CryptoKeys.enumeration(s, Tag.ENCODING_OPTION);
    EncodingOption encoding = EncodingOption.NO_ENCODING;
    if (e.isPresent()) {
      encoding =
          EncodingOption.fromValue(e.get())
              .orElseThrow(
                  () ->
                      new KmipException(
                          ResultReason.ENCODING_OPTION_ERROR,
                          String.format("Encoding Option 0x%08X is unknown", e.get())));
    }
    return Optional.of(new KeyWrapping(method, info, parameters, encoding, e.orElse(null)));
  }

  /** The Unique Identifier of the wrapping key. */
  String wrappingKeyId() throws KmipException {
    return keyInformation
        .optional(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class)
        .orElseThrow(
            () ->
                KmipException.invalidField("Encryption Key Information needs a Unique Identifier"))
        .value();
  }

  /**
   * Wraps the Key Block of a Get's object (a key, secret data or a split key) under the wrapping
   * key, which {@link ManagedObjects#wrappingKey} checks.
   */
  TtlvStructure wrap(KmipRequestContext ctx, ManagedObjects objects, TtlvStructure object)
      throws KmipException {
    Optional<TtlvStructure> found = object.optional(Tag.KEY_BLOCK, TtlvStructure.class);
    if (found.isEmpty()) {
      throw KmipException.invalidField(
          "only objects with a Key Block (keys, secret data, split keys) can be wrapped");
    }
    WrappingKey key = objects.wrappingKey(ctx.principal(), wrappingKeyId());
    TtlvStructure block = found.get();
    TtlvStructure keyValue = block.structure(Tag.KEY_VALUE);
    Ttlv wrappedValue;
    if (encoding == EncodingOption.TTLV_ENCODING) {
      byte[] plain = TtlvEncoder.encode(keyValue);
      try {
        wrappedValue = new TtlvByteString(Tag.KEY_VALUE, encrypt(key, plain));
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } else {
      if (!(keyValue.child(Tag.KEY_MATERIAL).orElse(null) instanceof TtlvByteString material)) {
        throw new KmipException(
            ResultReason.ENCODING_OPTION_ERROR,
            "No Encoding wraps a byte string Key Material; a transparent key needs TTLV Encoding");
      }
      wrappedValue =
          TtlvStructure.of(
              Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, encrypt(key, material.value())));
    }
    List<Ttlv> blockFields = new ArrayList<>();
    for (Ttlv f : block.children()) {
      blockFields.add(f.tag() == Tag.KEY_VALUE ? wrappedValue : f);
    }
    TtlvStructure.Builder data =
        TtlvStructure.builder(Tag.KEY_WRAPPING_DATA)
            .add(new TtlvEnumeration(Tag.WRAPPING_METHOD, method.value()))
            .add(keyInformation);
    if (encodingGiven != null) {
      data.add(new TtlvEnumeration(Tag.ENCODING_OPTION, encodingGiven));
    }
    blockFields.add(data.build());
    List<Ttlv> objectFields = new ArrayList<>();
    for (Ttlv f : object.children()) {
      objectFields.add(
          f.tag() == Tag.KEY_BLOCK ? new TtlvStructure(Tag.KEY_BLOCK, blockFields) : f);
    }
    return new TtlvStructure(object.tag(), objectFields);
  }

  private byte[] encrypt(WrappingKey key, byte[] plain) throws KmipException {
    try {
      if (key.algorithm().family() == KeyFamily.AES) {
        return aesWrap(key, plain);
      }
      return rsaOaep(key, plain);
    } catch (GeneralSecurityException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "wrapping failed");
    }
  }

  private byte[] aesWrap(WrappingKey key, byte[] plain)
      throws KmipException, GeneralSecurityException {
    int mode =
        CryptoKeys.enumeration(parameters, Tag.BLOCK_CIPHER_MODE)
            .orElse(BlockCipherMode.NIST_KEY_WRAP.value());
    SecretBytes kek = key.material().secret();
    if (mode == BlockCipherMode.AES_KEY_WRAP_PADDING.value()) {
      return AesKeyWrapPad.wrap(kek, plain);
    }
    if (mode != BlockCipherMode.NIST_KEY_WRAP.value()) {
      throw KmipException.invalidField(
          "an AES wrapping key wraps by NIST Key Wrap or AES Key Wrap Padding");
    }
    if (plain.length < 16 || plain.length % 8 != 0) {
      throw KmipException.invalidField(
          "NIST Key Wrap takes a multiple of 8 bytes, at least 16: use AES Key Wrap Padding");
    }
    byte[] raw = kek.toByteArray(SecretAccess.get());
    try {
      Cipher c = Cipher.getInstance("AES/KW/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, "AES"));
      return c.doFinal(plain);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private byte[] rsaOaep(WrappingKey key, byte[] plain)
      throws KmipException, GeneralSecurityException {
    int padding =
        CryptoKeys.enumeration(parameters, Tag.PADDING_METHOD).orElse(PaddingMethod.OAEP.value());
    if (padding != PaddingMethod.OAEP.value()) {
      throw KmipException.invalidField("an RSA wrapping key wraps by OAEP only");
    }
    String hash = hash(CryptoKeys.enumeration(parameters, Tag.HASHING_ALGORITHM));
    Optional<Integer> mgf =
        CryptoKeys.enumeration(parameters, Tag.MASK_GENERATOR_HASHING_ALGORITHM);
    String mgfHash = mgf.isPresent() ? hash(mgf) : hash;
    int digestBytes = MessageDigest.getInstance(hash).getDigestLength();
    int max = key.algorithm().bits() / 8 - 2 * digestBytes - OAEP_OVERHEAD_BYTES;
    if (plain.length > max) {
      throw KmipException.invalidField(
          "RSA-OAEP with this key and hash wraps at most " + max + " bytes");
    }
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        Cipher.ENCRYPT_MODE,
        key.rsaPublicKey(),
        new OAEPParameterSpec(
            hash, "MGF1", new MGF1ParameterSpec(mgfHash), PSource.PSpecified.DEFAULT));
    return c.doFinal(plain);
  }

  private static String hash(Optional<Integer> value) throws KmipException {
    if (value.isEmpty()) {
      return "SHA-1"; // the specification's default for OAEP
    }
    HashingAlgorithm h =
        HashingAlgorithm.fromValue(value.get())
            .orElseThrow(() -> KmipException.invalidField("the Hashing Algorithm is not known"));
    return CryptoKeys.jcaHash(h, "RSA-OAEP wrapping");
  }
}

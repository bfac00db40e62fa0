package io.clavis.kmip.spec;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java enum of this package mirrors its registry enumeration exactly: each constant's value,
 * KMIP name and identifier, and no registry value left out.
 */
class KmipEnumTest {
  /** Each enum with the registry enumeration it mirrors. */
  private static final Map<Class<? extends KmipEnum>, String> ENUMERATIONS =
      Map.ofEntries(
          entry(Operation.class, "Operation"),
          entry(ObjectType.class, "Object Type"),
          entry(ResultStatus.class, "Result Status"),
          entry(ResultReason.class, "Result Reason"),
          entry(CryptographicAlgorithm.class, "Cryptographic Algorithm"),
          entry(BlockCipherMode.class, "Block Cipher Mode"),
          entry(PaddingMethod.class, "Padding Method"),
          entry(HashingAlgorithm.class, "Hashing Algorithm"),
          entry(KeyFormatType.class, "Key Format Type"),
          entry(KeyCompressionType.class, "Key Compression Type"),
          entry(State.class, "State"),
          entry(NameType.class, "Name Type"),
          entry(RevocationReasonCode.class, "Revocation Reason Code"),
          entry(BatchErrorContinuationOption.class, "Batch Error Continuation Option"),
          entry(QueryFunction.class, "Query Function"),
          entry(LinkType.class, "Link Type"),
          entry(DigitalSignatureAlgorithm.class, "Digital Signature Algorithm"),
          entry(SecretDataType.class, "Secret Data Type"),
          entry(CredentialType.class, "Credential Type"),
          entry(DerivationMethod.class, "Derivation Method"),
          entry(ValidityIndicator.class, "Validity Indicator"),
          entry(KeyRoleType.class, "Key Role Type"),
          entry(RecommendedCurve.class, "Recommended Curve"),
          entry(AttestationType.class, "Attestation Type"),
          entry(UsageLimitsUnit.class, "Usage Limits Unit"),
          entry(WrappingMethod.class, "Wrapping Method"),
          entry(EncodingOption.class, "Encoding Option"),
          entry(KeyWrapType.class, "Key Wrap Type"),
          entry(ObjectGroupMember.class, "Object Group Member"),
          entry(AsynchronousIndicator.class, "Asynchronous Indicator"),
          entry(AdjustmentType.class, "Adjustment Type"),
          entry(UniqueIdentifierPlaceholder.class, "Unique Identifier"));

  /** Each enum with the registry bit mask it mirrors. */
  private static final Map<Class<? extends KmipEnum>, String> MASKS =
      Map.of(
          CryptographicUsageMask.class, "Cryptographic Usage Mask",
          StorageStatusMask.class, "Storage Status Mask");

  @TestFactory
  Stream<DynamicTest> enumerationsMirrorTheRegistry() {
    return ENUMERATIONS.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getValue(),
                    () ->
                        assertMirrors(
                            e.getKey(), KmipEnumerations.byName(e.getValue()).orElseThrow())));
  }

  @TestFactory
  Stream<DynamicTest> masksMirrorTheRegistry() {
    return MASKS.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getValue(),
                    () ->
                        assertMirrors(
                            e.getKey(), KmipEnumerations.maskByName(e.getValue()).orElseThrow())));
  }

  /** A new enum in the package cannot escape the checks above. */
  @Test
  void everyEnumOfThePackageIsChecked() throws IOException, URISyntaxException {
    Path classes =
        Path.of(KmipEnum.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(KmipEnum.class.getPackageName().replace('.', '/'));
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          Class<?> type =
              Class.forName(
                  KmipEnum.class.getPackageName() + "." + name.replace(".class", ""),
                  false,
                  KmipEnum.class.getClassLoader());
          if (type.isEnum() && KmipEnum.class.isAssignableFrom(type)) {
            found.add(type.getSimpleName());
          }
        }
      }
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    Set<String> checked = new TreeSet<>();
    ENUMERATIONS.keySet().forEach(c -> checked.add(c.getSimpleName()));
    MASKS.keySet().forEach(c -> checked.add(c.getSimpleName()));
    assertThat(found).isEqualTo(checked);
  }

  @Test
  void fromValueFindsConstantsAndNothingElse() {
    assertThat(Operation.fromValue(0x1E)).contains(Operation.DISCOVER_VERSIONS);
    assertThat(Operation.fromValue(0x31)).contains(Operation.SET_ATTRIBUTE);
    assertThat(Operation.fromValue(0)).isEmpty();
    assertThat(Operation.fromValue(0x8000_0001)).isEmpty();
    assertThat(ResultReason.fromValue(0x100)).contains(ResultReason.GENERAL_FAILURE);
    assertThat(CryptographicAlgorithm.fromValue(2)).contains(CryptographicAlgorithm.TRIPLE_DES);
    assertThat(ResultStatus.SUCCESS.value()).isZero();
    assertThat(ObjectType.SYMMETRIC_KEY.kmipName()).isEqualTo("Symmetric Key");
  }

  @Test
  void usageMasksCombineBits() {
    int mask =
        CryptographicUsageMask.toMask(
            EnumSet.of(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
    assertThat(mask).isEqualTo(12);
    assertThat(CryptographicUsageMask.fromMask(12))
        .containsExactlyInAnyOrder(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
    assertThat(CryptographicUsageMask.fromMask(0x8000_0000)).isEmpty();
    for (CryptographicUsageMask bit : CryptographicUsageMask.values()) {
      assertThat(Integer.bitCount(bit.value())).as(bit.name()).isEqualTo(1);
    }
  }

  private static <E extends KmipEnum> void assertMirrors(
      Class<E> type, EnumerationDefinition definition) {
    List<String> wrong = new ArrayList<>();
    E[] constants = type.getEnumConstants();
    for (E constant : constants) {
      String identifier = ((Enum<?>) constant).name();
      if (!definition.value(constant.kmipName()).equals(OptionalInt.of(constant.value()))) {
        wrong.add(identifier + " is " + constant.value() + " '" + constant.kmipName() + "'");
      }
      if (!Identifiers.of(constant.kmipName()).equals(identifier)) {
        wrong.add(identifier + " is named after '" + constant.kmipName() + "'");
      }
      if (!definition.nameOf(constant.value()).equals(Optional.of(constant.kmipName()))) {
        wrong.add(identifier + " value names " + definition.nameOf(constant.value()));
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(constants).hasSize(definition.values().size());
    assertThat(definition.values()).isNotEmpty();
  }
}

package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The role of a key in Cryptographic Parameters (KMIP 1.4 section 9.1.3.2.17).
 *
 * <p>Values and names are those of the registry's {@code Key Role Type} enumeration; a test checks
 * each constant against it.
 */
public enum KeyRoleType implements KmipEnum {
  BDK(0x00000001, "BDK"),
  CVK(0x00000002, "CVK"),
  DEK(0x00000003, "DEK"),
  MKAC(0x00000004, "MKAC"),
  MKSMC(0x00000005, "MKSMC"),
  MKSMI(0x00000006, "MKSMI"),
  MKDAC(0x00000007, "MKDAC"),
  MKDN(0x00000008, "MKDN"),
  MKCP(0x00000009, "MKCP"),
  MKOTH(0x0000000A, "MKOTH"),
  KEK(0x0000000B, "KEK"),
  MAC16609(0x0000000C, "MAC16609"),
  MAC97971(0x0000000D, "MAC97971"),
  MAC97972(0x0000000E, "MAC97972"),
  MAC97973(0x0000000F, "MAC97973"),
  MAC97974(0x00000010, "MAC97974"),
  MAC97975(0x00000011, "MAC97975"),
  ZPK(0x00000012, "ZPK"),
  PVKIBM(0x00000013, "PVKIBM"),
  PVKPVV(0x00000014, "PVKPVV"),
  PVKOTH(0x00000015, "PVKOTH"),
  DUKPT(0x00000016, "DUKPT"),
  IV(0x00000017, "IV"),
  TRKBK(0x00000018, "TRKBK");

  private final int value;
  private final String kmipName;

  KeyRoleType(int value, String kmipName) {
    this.value = value;
    this.kmipName = kmipName;
  }

  @Override
  public int value() {
    return value;
  }

  @Override
  public String kmipName() {
    return kmipName;
  }

  /** Returns the constant with this wire value, or empty for a value this enum does not know. */
  public static Optional<KeyRoleType> fromValue(int value) {
    return KmipEnums.fromValue(KeyRoleType.class, value);
  }
}

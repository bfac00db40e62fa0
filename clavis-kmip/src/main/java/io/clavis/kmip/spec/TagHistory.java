package io.clavis.kmip.spec;

/**
 * Which KMIP 1.x version introduced a tag of the 1.4 table.
 *
 * <p>The registry lists the KMIP 1.4 tags without saying when each appeared, but the TC allocated
 * tag values in sequence, version after version, so the boundaries of each version's block answer
 * the question. The boundaries come from the tag tables of the KMIP 1.0 to 1.4 specifications: 1.0
 * ends with Password (0x4200A1), 1.1 with X.509 Certificate Subject (0x4200B7), 1.2 with
 * Attestation Capable Indicator (0x4200D3), 1.3 with Capability Information (0x4200F7), and 1.4
 * with Replace Existing (0x420124). Tags of the 2.0 additions file are simply 2.0.
 */
final class TagHistory {
  private static final int LAST_1_0 = 0x4200A1;
  private static final int LAST_1_1 = 0x4200B7;
  private static final int LAST_1_2 = 0x4200D3;
  private static final int LAST_1_3 = 0x4200F7;

  private TagHistory() {}

  /** Returns the version that introduced a tag listed in the KMIP 1.4 table. */
  static KmipVersion introducing(int tag) {
    if (tag <= LAST_1_0) {
      return KmipVersion.V1_0;
    } else if (tag <= LAST_1_1) {
      return KmipVersion.V1_1;
    } else if (tag <= LAST_1_2) {
      return KmipVersion.V1_2;
    } else if (tag <= LAST_1_3) {
      return KmipVersion.V1_3;
    }
    return KmipVersion.V1_4;
  }
}

package io.clavis.server.kmip.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result reasons as each protocol version can receive them. */
class KmipObjectExceptionTest {
  private static final List<KmipVersion> VERSIONS =
      List.of(
          KmipVersion.V1_0,
          KmipVersion.V1_1,
          KmipVersion.V1_2,
          KmipVersion.V1_3,
          KmipVersion.V1_4,
          KmipVersion.V2_0,
          KmipVersion.V2_1);

  @Test
  void everyReasonMapsToOneTheClientsVersionDefines() {
    for (ResultReason reason : ResultReason.values()) {
      KmipObjectException e = new KmipObjectException(reason, "m");
      for (KmipVersion v : VERSIONS) {
        ResultReason sent = e.reasonFor(v);
        int last =
            v.compareTo(KmipVersion.V2_0) >= 0
                ? Integer.MAX_VALUE
                : v.compareTo(KmipVersion.V1_4) >= 0
                    ? ResultReason.OBJECT_ALREADY_EXISTS.value()
                    : ResultReason.ATTESTATION_FAILED.value();
        assertThat(sent.value() <= last || sent == ResultReason.GENERAL_FAILURE)
            .as("%s for KMIP %s", reason, v)
            .isTrue();
        if (reason.value() <= ResultReason.ATTESTATION_FAILED.value()) {
          assertThat(sent).isEqualTo(reason);
        }
      }
      assertThat(e.reasonFor(KmipVersion.V2_0)).isEqualTo(reason);
    }
  }

  @Test
  void theUsualReasonsMapAsOlderClientsExpect() {
    assertThat(reason(ResultReason.NOT_EXTRACTABLE, KmipVersion.V1_4))
        .isEqualTo(ResultReason.NOT_EXTRACTABLE);
    assertThat(reason(ResultReason.NOT_EXTRACTABLE, KmipVersion.V1_2))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(reason(ResultReason.OBJECT_NOT_FOUND, KmipVersion.V1_4))
        .isEqualTo(ResultReason.ITEM_NOT_FOUND);
    assertThat(reason(ResultReason.WRONG_KEY_LIFECYCLE_STATE, KmipVersion.V1_4))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(reason(ResultReason.UNSUPPORTED_ATTRIBUTE, KmipVersion.V1_4))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(reason(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND, KmipVersion.V1_4))
        .isEqualTo(ResultReason.INDEX_OUT_OF_BOUNDS);
  }

  @Test
  void clavisErrorsKeepTheirMessageAndGetAKmipReason() {
    KmipObjectException e =
        KmipObjectException.from(new ClavisException(ErrorCode.FORBIDDEN, "not allowed here"));
    assertThat(e.reason()).isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(e.getMessage()).isEqualTo("not allowed here");
    assertThat(KmipObjectException.from(ClavisException.notFound("key", "k")).reason())
        .isEqualTo(ResultReason.OBJECT_NOT_FOUND);
    assertThat(
            KmipObjectException.from(new ClavisException(ErrorCode.READ_ONLY, "no quorum"))
                .reason())
        .isEqualTo(ResultReason.GENERAL_FAILURE);
  }

  @Test
  void quotedClientTextIsBoundedAndEscaped() {
    assertThat(KmipObjectException.quote("a\nb")).isEqualTo("'a\\u000ab'");
    assertThat(KmipObjectException.quote("x".repeat(100))).hasSize(64 + 5);
    assertThat(KmipObjectException.quote(null)).isEqualTo("(none)");
  }

  private static ResultReason reason(ResultReason r, KmipVersion v) {
    return new KmipObjectException(r, "m").reasonFor(v);
  }
}

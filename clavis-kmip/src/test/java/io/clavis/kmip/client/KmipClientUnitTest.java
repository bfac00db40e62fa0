package io.clavis.kmip.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** What the client builds and reports without a server; the exchanges are tested in the server. */
class KmipClientUnitTest {
  private static final List<Ttlv> ATTRIBUTES =
      List.of(
          new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, 3),
          new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256),
          TtlvStructure.of(Tag.NAME, new TtlvTextString(Tag.NAME_VALUE, "k")));

  @Test
  void kmip1WrapsEachAttributeWithItsName() {
    TtlvStructure template =
        (TtlvStructure) new AttributeEncoding(KmipVersion.V1_4).forCreate(ATTRIBUTES);

    assertThat(template.tag()).isEqualTo(Tag.TEMPLATE_ATTRIBUTE);
    List<TtlvStructure> wrapped = template.all(Tag.ATTRIBUTE, TtlvStructure.class);
    assertThat(wrapped)
        .extracting(a -> a.text(Tag.ATTRIBUTE_NAME))
        .containsExactly("Cryptographic Algorithm", "Cryptographic Length", "Name");
    assertThat(wrapped.get(0).enumeration(Tag.ATTRIBUTE_VALUE)).isEqualTo(3);
    assertThat(wrapped.get(1).integer(Tag.ATTRIBUTE_VALUE)).isEqualTo(256);
    assertThat(wrapped.get(2).structure(Tag.ATTRIBUTE_VALUE).text(Tag.NAME_VALUE)).isEqualTo("k");
    assertThat(new AttributeEncoding(KmipVersion.V1_4).forLocate(ATTRIBUTES))
        .isEqualTo(template.children());
  }

  @Test
  void kmip2PutsTheAttributesThemselvesInOneStructure() {
    AttributeEncoding v2 = new AttributeEncoding(KmipVersion.V2_0);

    assertThat(v2.forCreate(ATTRIBUTES)).isEqualTo(new TtlvStructure(Tag.ATTRIBUTES, ATTRIBUTES));
    assertThat(v2.forLocate(ATTRIBUTES))
        .containsExactly(new TtlvStructure(Tag.ATTRIBUTES, ATTRIBUTES));
  }

  @Test
  void cipherParametersFollowTheSpecificationsOrder() {
    assertThat(KmipCipher.gcm().parameters().children())
        .extracting(Ttlv::tag)
        .containsExactly(Tag.BLOCK_CIPHER_MODE, Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.TAG_LENGTH);
    assertThat(KmipCipher.cbc().parameters().children())
        .extracting(Ttlv::tag)
        .containsExactly(Tag.BLOCK_CIPHER_MODE, Tag.PADDING_METHOD, Tag.CRYPTOGRAPHIC_ALGORITHM);
  }

  @Test
  void aFailedResultCarriesStatusReasonAndMessage() {
    KmipClientException e =
        new KmipClientException(
            Operation.GET,
            ResultStatus.OPERATION_FAILED.value(),
            ResultReason.ITEM_NOT_FOUND.value(),
            " no such object ");

    assertThat(e.operation()).isEqualTo(Operation.GET);
    assertThat(e.resultStatus()).contains(ResultStatus.OPERATION_FAILED);
    assertThat(e.resultReason()).contains(ResultReason.ITEM_NOT_FOUND);
    assertThat(e.resultMessage()).isEqualTo(" no such object ");
    assertThat(e.getMessage())
        .isEqualTo("KMIP Get failed: Operation Failed, Item Not Found: no such object");
  }

  @Test
  void unknownValuesAndAMissingReasonStillMakeAMessage() {
    KmipClientException e = new KmipClientException(Operation.ENCRYPT, 0x42, -1, null);

    assertThat(e.resultStatus()).isEmpty();
    assertThat(e.resultReason()).isEmpty();
    assertThat(e.getMessage()).isEqualTo("KMIP Encrypt failed: 0x00000042");
  }

  @Test
  void theBuilderNeedsAHostAndTls() throws Exception {
    assertThatThrownBy(() -> KmipClient.builder().tls(SSLContext.getDefault()).build())
        .hasMessage("a KMIP server host is required");
    assertThatThrownBy(() -> KmipClient.builder().host("127.0.0.1").build())
        .hasMessageContaining("needs TLS");
    assertThatThrownBy(() -> KmipClient.builder().port(0)).hasMessage("invalid KMIP port 0");
    KmipClient client =
        KmipClient.builder().host(" kmip.example ").tls(SSLContext.getDefault()).build();
    assertThat(client.endpoint()).isEqualTo("kmip.example:5696");
    assertThat(client.version()).isEqualTo(KmipVersion.V1_4);
  }
}

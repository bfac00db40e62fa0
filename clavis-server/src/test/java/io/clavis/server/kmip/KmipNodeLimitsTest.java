package io.clavis.server.kmip;

import static io.clavis.server.kmip.KmipTestMessages.discoverVersions;
import static io.clavis.server.kmip.KmipTestMessages.message;
import static io.clavis.server.kmip.KmipTestMessages.onlyItem;
import static io.clavis.server.kmip.KmipTestMessages.reason;
import static io.clavis.server.kmip.KmipTestMessages.request;
import static io.clavis.server.kmip.KmipTestMessages.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's KMIP listener under its limits, sealed, and across a restart. */
class KmipNodeLimitsTest {
  private static final String PASSPHRASE = "kmip-limits-passphrase";
  @TempDir Path dir;

  @Test
  void aSealedNodeFailsEveryItemUntilUnsealed() throws Exception {
    try (TestNode node = new TestNode(dir)) {
      node.initialize(PASSPHRASE);
      KmipTestIdentity client = KmipTestIdentity.registered(node, "sealed-test", List.of());
      try (KmipTestClient c =
          KmipTestClient.connect(node.node().kmipPort(), client, node.node().caCertPath())) {
        node.node().seal().seal();
        TtlvStructure item = onlyItem(c.call(request(KmipVersion.V1_4, discoverVersions(null))));
        assertThat(status(item)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
        assertThat(reason(item)).isEqualTo(ResultReason.GENERAL_FAILURE.value());
        assertThat(message(item)).contains("sealed");

        node.unseal(PASSPHRASE);
        TtlvStructure after = onlyItem(c.call(request(KmipVersion.V1_4, discoverVersions(null))));
        assertThat(status(after)).isEqualTo(ResultStatus.SUCCESS.value());
      }
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndIdleOnesTimeOut() throws Exception {
    try (TestNode node =
        new TestNode(
            dir,
            c ->
                c.withKmipLimits(
                    KmipLimits.DEFAULT
                        .withMaxConnections(2)
                        .withIdleTimeout(Duration.ofSeconds(2))))) {
      node.initialize(PASSPHRASE);
      KmipTestIdentity client = KmipTestIdentity.registered(node, "cap-test", List.of());
      int port = node.node().kmipPort();
      Path ca = node.node().caCertPath();
      List<KmipTestClient> open = new ArrayList<>();
      try {
        open.add(KmipTestClient.connect(port, client, ca));
        open.add(KmipTestClient.connect(port, client, ca));
        assertThat(node.node().kmipListener().openConnections()).isEqualTo(2);
        // The third is closed before its handshake completes.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> {
                  try (KmipTestClient third = KmipTestClient.connect(port, client, ca)) {
                    third.call(request(KmipVersion.V1_2, discoverVersions(null)));
                  }
                })
            .isInstanceOf(java.io.IOException.class);
        // Idle connections are closed, which frees their slots.
        for (KmipTestClient c : open) {
          assertThat(c.closedByServer(Duration.ofSeconds(10))).isTrue();
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> node.node().kmipListener().openConnections() == 0);
        try (KmipTestClient again = KmipTestClient.connect(port, client, ca)) {
          assertThat(
                  status(onlyItem(again.call(request(KmipVersion.V1_2, discoverVersions(null))))))
              .isEqualTo(ResultStatus.SUCCESS.value());
        }
      } finally {
        for (KmipTestClient c : open) {
          c.close();
        }
      }
    }
  }

  @Test
  void aMessageOverTheSizeLimitClosesTheConnectionAndTheListenerSurvivesARestart()
      throws Exception {
    try (TestNode node =
        new TestNode(dir, c -> c.withKmipLimits(KmipLimits.DEFAULT.withMaxMessageBytes(4096)))) {
      node.initialize(PASSPHRASE);
      KmipTestIdentity client = KmipTestIdentity.registered(node, "size-test", List.of());
      Path ca = node.node().caCertPath();
      try (KmipTestClient c = KmipTestClient.connect(node.node().kmipPort(), client, ca)) {
        TtlvStructure big =
            request(
                KmipVersion.V1_2,
                KmipTestMessages.item(
                    io.clavis.kmip.spec.Operation.QUERY,
                    null,
                    new TtlvByteString(Tag.VENDOR_IDENTIFICATION, new byte[8192])));
        c.send(big);
        assertThat(c.closedByServer(Duration.ofSeconds(5))).isTrue();
      }
      int port = node.node().kmipPort();
      node.stop();
      node.start();
      node.unseal(PASSPHRASE);
      // The port is kept across restarts, like the API port.
      assertThat(node.node().kmipPort()).isEqualTo(port);
      assertThat(node.node().identity().kmipPort()).isEqualTo(port);
      try (KmipTestClient c = KmipTestClient.connect(port, client, ca)) {
        assertThat(status(onlyItem(c.call(request(KmipVersion.V1_2, discoverVersions(null))))))
            .isEqualTo(ResultStatus.SUCCESS.value());
      }
    }
  }
}

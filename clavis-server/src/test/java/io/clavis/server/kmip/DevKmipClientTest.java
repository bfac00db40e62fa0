package io.clavis.server.kmip;

import static io.clavis.server.kmip.KmipTestMessages.discoverVersions;
import static io.clavis.server.kmip.KmipTestMessages.onlyItem;
import static io.clavis.server.kmip.KmipTestMessages.request;
import static io.clavis.server.kmip.KmipTestMessages.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.server.identity.ServiceRecord;
import io.clavis.server.testing.TestNode;
import io.clavis.server.tls.NodeTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode's KMIP client: created once, registered once, and accepted by the listener. */
class DevKmipClientTest {
  @TempDir Path dir;

  @Test
  void theDevClientIsCreatedOnceRegisteredAsAnAdministratorAndServed() throws Exception {
    try (TestNode node = new TestNode(dir.resolve("node"))) {
      node.initialize("dev-kmip-client-passphrase");
      Path kmipDir = dir.resolve("kmip");
      Path tlsDir = node.node().dataDir().resolve("tls");
      DevKmipClient.Credentials first =
          DevKmipClient.ensure(kmipDir, tlsDir, node.node().identities());
      assertThat(first.clientCert()).isAbsolute().exists();
      assertThat(first.clientKey()).isAbsolute().exists();
      assertThat(Files.getPosixFilePermissions(first.clientKey()))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      ServiceRecord service = node.node().identities().service(DevKmipClient.SERVICE);
      assertThat(service.groups()).containsExactlyInAnyOrder("key-admins", "system-admins");
      String pem = Files.readString(first.clientCert());

      // Again (a restart): nothing changes.
      DevKmipClient.Credentials second =
          DevKmipClient.ensure(kmipDir, tlsDir, node.node().identities());
      assertThat(second).isEqualTo(first);
      assertThat(Files.readString(second.clientCert())).isEqualTo(pem);
      assertThat(node.node().identities().service(DevKmipClient.SERVICE).id())
          .isEqualTo(service.id());

      KmipTestIdentity admin =
          new KmipTestIdentity(
              DevKmipClient.SERVICE,
              NodeTls.readPrivateKey(first.clientKey()),
              NodeTls.readCertificates(first.clientCert()).get(0));
      try (KmipTestClient c =
          KmipTestClient.connect(node.node().kmipPort(), admin, node.node().caCertPath())) {
        assertThat(status(onlyItem(c.call(request(KmipVersion.V2_0, discoverVersions(null))))))
            .isEqualTo(ResultStatus.SUCCESS.value());
      }
    }
  }
}

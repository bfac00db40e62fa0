package io.clavis.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {
  @TempDir Path dir;

  @Test
  void keyIsCreatedOnceAndReloadedIdentical() throws Exception {
    Path tls = dir.resolve("tls");
    NodeKeys first = NodeKeys.loadOrCreate(tls);
    Path keyFile = tls.resolve(NodeKeys.NODE_KEY);
    String pem = Files.readString(keyFile);

    NodeKeys again = NodeKeys.loadOrCreate(tls);

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(keyFile)).isEqualTo(pem);
    assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    assertThat(again.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
    assertThat(first.publicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(first.publicKey().toString()).contains("secp256r1");
    // The public key really is the private key's half.
    byte[] data = "node".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(again.privateKey());
    s.update(data);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(first.publicKey());
    v.update(data);
    assertThat(v.verify(sig)).isTrue();
    try (Stream<Path> files = Files.list(tls)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(NodeKeys.NODE_KEY);
    }
  }

  @Test
  void keyFileIsOwnerReadWriteOnly() throws Exception {
    Assumptions.assumeTrue(Pem.isPosix(), "POSIX file permissions");
    Path tls = dir.resolve("tls");
    NodeKeys.loadOrCreate(tls);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tls.resolve("node-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)))
        .isEqualTo("rwx------");
  }

  @Test
  void candidateCertificateIsSelfSignedCreatedOnceAndReused() throws Exception {
    NodeKeys keys = NodeKeys.loadOrCreate(dir);

    X509Certificate candidate = keys.candidateCertificate("node-b");

    candidate.verify(keys.publicKey());
    assertThat(candidate.getSubjectX500Principal().getName()).isEqualTo("CN=node-b");
    assertThat(candidate.getIssuerX500Principal()).isEqualTo(candidate.getSubjectX500Principal());
    assertThat(candidate.getPublicKey().getEncoded()).isEqualTo(keys.publicKey().getEncoded());
    assertThat(candidate.getBasicConstraints()).isEqualTo(-1);
    assertThat(Files.readString(dir.resolve(NodeKeys.CANDIDATE_CERT)))
        .isEqualTo(Pem.certificate(candidate));

    assertThat(keys.candidateCertificate("node-b")).isEqualTo(candidate);
    NodeKeys reloaded = NodeKeys.loadOrCreate(dir);
    assertThat(reloaded.candidateCertificate("node-b")).isEqualTo(candidate);
    assertThat(reloaded.candidateFingerprint("node-b")).isEqualTo(Fingerprints.sha256(candidate));
    // Another node name gets another certificate, for the same key.
    X509Certificate renamed = reloaded.candidateCertificate("node-c");
    assertThat(renamed).isNotEqualTo(candidate);
    assertThat(renamed.getPublicKey().getEncoded()).isEqualTo(keys.publicKey().getEncoded());
  }

  @Test
  void installClusterCertificatesRoundTrip() throws Exception {
    NodeKeys keys = NodeKeys.loadOrCreate(dir);
    ClusterCa ca = ClusterCa.create("prod");
    X509Certificate nodeCert =
        ca.issueNodeCertificate(
            "node-b", keys.publicKey(), List.of("localhost"), Duration.ofDays(30));
    assertThat(keys.nodeCertificate()).isEmpty();
    assertThat(keys.clusterCaCertificate()).isEmpty();
    assertThat(keys.nodeCertificateChain()).isEmpty();

    keys.installClusterCertificates(nodeCert, ca.certificate());

    assertThat(keys.nodeCertificate()).contains(nodeCert);
    assertThat(keys.clusterCaCertificate()).contains(ca.certificate());
    assertThat(keys.nodeCertificateChain()).contains(List.of(nodeCert, ca.certificate()));
    NodeKeys reloaded = NodeKeys.loadOrCreate(dir);
    assertThat(reloaded.nodeCertificate()).contains(nodeCert);
    assertThat(reloaded.clusterCaCertificate()).contains(ca.certificate());
    assertThat(NodeTls.readCertificates(dir.resolve(NodeKeys.NODE_CERT))).containsExactly(nodeCert);
    assertThat(NodeTls.readCertificates(dir.resolve(NodeKeys.CLUSTER_CA_CERT)))
        .containsExactly(ca.certificate());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              NodeKeys.NODE_KEY, NodeKeys.NODE_CERT, NodeKeys.CLUSTER_CA_CERT);
    }

    // Renewal replaces both files.
    ClusterCa next = ClusterCa.create("prod-2");
    X509Certificate renewed =
        next.issueNodeCertificate(
            "node-b", keys.publicKey(), List.of("localhost"), Duration.ofDays(30));
    reloaded.installClusterCertificates(renewed, next.certificate());
    assertThat(NodeKeys.loadOrCreate(dir).nodeCertificate()).contains(renewed);
  }

  @Test
  void installRefusesCertificatesNotForThisKeyOrNotFromTheCa() throws Exception {
    NodeKeys keys = NodeKeys.loadOrCreate(dir);
    ClusterCa ca = ClusterCa.create("prod");
    X509Certificate forOtherKey =
        ca.issueNodeCertificate(
            "node-b", CertSupport.ecKeyPair().getPublic(), List.of(), Duration.ofDays(1));
    X509Certificate forThisKey =
        ca.issueNodeCertificate("node-b", keys.publicKey(), List.of(), Duration.ofDays(1));

    assertThatThrownBy(() -> keys.installClusterCertificates(forOtherKey, ca.certificate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                keys.installClusterCertificates(
                    forThisKey, ClusterCa.create("other").certificate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(keys.nodeCertificate()).isEmpty();
    assertThat(dir.resolve(NodeKeys.NODE_CERT)).doesNotExist();
  }
}

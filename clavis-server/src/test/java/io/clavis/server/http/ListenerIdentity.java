package io.clavis.server.http;

import io.clavis.server.tls.ClusterCa;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A listener's TLS key and chain for tests: node "n1" on 127.0.0.1, issued by a fresh cluster CA.
 */
record ListenerIdentity(PrivateKey key, List<X509Certificate> chain) {
  static ListenerIdentity create() throws GeneralSecurityException {
    ClusterCa ca = ClusterCa.create("listener-test");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    KeyPair pair = ec.generateKeyPair();
    X509Certificate cert =
        ca.issueNodeCertificate("n1", pair.getPublic(), List.of("127.0.0.1"), Duration.ofDays(1));
    return new ListenerIdentity(pair.getPrivate(), List.of(cert, ca.certificate()));
  }
}

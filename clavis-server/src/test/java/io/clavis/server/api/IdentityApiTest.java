package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.tls.ClusterCa;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.tls.Pem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Users, services, groups, tokens, login and lockout through the REST API. */
class IdentityApiTest extends SharedNodeApiTest {

  private JsonNode created(String path, String body) throws Exception {
    return assertOk(post(path, body), 201);
  }

  private String tokenFor(String kind, String id) throws Exception {
    return created("/v1/" + kind + "/" + id + "/tokens", json("ttl", "1h")).get("token").asText();
  }

  @Test
  void usersGroupsAndServicesAreCreatedListedAndFoundByNameOrId() throws Exception {
    JsonNode group = created("/v1/groups", json("name", "apps-idt", "description", "apps"));
    assertThat(group.get("id").asText()).startsWith("group_");
    assertThat(group.get("builtIn").asBoolean()).isFalse();

    JsonNode user =
        created("/v1/users", "{\"name\":\"alice-idt\",\"groups\":[\"apps-idt\",\"key-admins\"]}");
    assertThat(user.get("id").asText()).startsWith("user_");
    assertThat(user.get("type").asText()).isEqualTo("user");
    assertThat(user.get("groups"))
        .extracting(JsonNode::asText)
        .containsExactly("apps-idt", "key-admins");
    assertThat(user.get("hasPassword").asBoolean()).isFalse();
    assertThat(user.get("createdBy").asText()).isEqualTo("root");

    assertThat(assertOk(get("/v1/users/alice-idt")).get("id")).isEqualTo(user.get("id"));
    assertThat(assertOk(get("/v1/users/" + user.get("id").asText())).get("name").asText())
        .isEqualTo("alice-idt");
    JsonNode members = assertOk(get("/v1/groups/apps-idt")).get("members");
    assertThat(members).extracting(JsonNode::asText).containsExactly("alice-idt");

    JsonNode groups = assertOk(get("/v1/groups")).get("items");
    List<String> names = new ArrayList<>();
    groups.forEach(g -> names.add(g.get("name").asText()));
    assertThat(names).contains("system-admins", "key-admins", "audit-managers", "apps-idt");

    // Names are unique across users, services and groups.
    assertError(post("/v1/services", json("name", "alice-idt")), 409, "NAME_TAKEN");
    assertError(post("/v1/groups", json("name", "alice-idt")), 409, "NAME_TAKEN");
    assertError(post("/v1/users", json("name", "key-admins")), 409, "NAME_TAKEN");
    // Unknown groups and bad names are refused and change nothing.
    assertError(
        post("/v1/users", "{\"name\":\"bob-idt\",\"groups\":[\"nope\"]}"), 404, "NOT_FOUND");
    assertError(get("/v1/users/bob-idt"), 404, "NOT_FOUND");
    assertError(post("/v1/users", json("name", "bad name")), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/users", "{\"name\":\"x-idt\",\"groups\":\"apps\"}"), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/users", json("name", "y-idt", "password", "short")), 400, "INVALID_ARGUMENT");
    // Built-in groups stay.
    assertError(node.call("DELETE", "/v1/groups/key-admins", null), 409, "INVALID_STATE");
  }

  @Test
  void membershipChangesAndGroupDeletionReachTheMembers() throws Exception {
    created("/v1/groups", json("name", "team-idt"));
    JsonNode u = created("/v1/users", json("name", "carol-idt"));
    JsonNode s = created("/v1/services", json("name", "svc-idt"));
    JsonNode g =
        assertOk(post("/v1/groups/team-idt/members", "{\"members\":[\"carol-idt\",\"svc-idt\"]}"));
    assertThat(g.get("members"))
        .extracting(JsonNode::asText)
        .containsExactly("carol-idt", "svc-idt");
    assertThat(assertOk(get("/v1/services/svc-idt")).get("groups").get(0).asText())
        .isEqualTo("team-idt");

    assertOk(node.call("DELETE", "/v1/groups/team-idt/members/carol-idt", null));
    assertThat(assertOk(get("/v1/users/" + u.get("id").asText())).get("groups")).isEmpty();
    assertError(post("/v1/groups/team-idt/members", "{\"members\":[\"ghost\"]}"), 404, "NOT_FOUND");
    assertError(post("/v1/groups/team-idt/members", "{\"members\":[]}"), 400, "INVALID_ARGUMENT");

    assertOk(node.call("DELETE", "/v1/groups/team-idt", null), 204);
    assertThat(assertOk(get("/v1/services/" + s.get("id").asText())).get("groups")).isEmpty();
    assertError(get("/v1/groups/team-idt"), 404, "NOT_FOUND");
  }

  @Test
  void loginLocksAfterRepeatedFailuresAndAnAdministratorUnlocks() throws Exception {
    String password = "correct horse battery";
    created("/v1/users", json("name", "dave-idt", "password", password));
    JsonNode session = created("/v1/auth/login", json("name", "dave-idt", "password", password));
    String token = session.get("token").asText();
    JsonNode me = assertOk(node.call("GET", "/v1/auth/whoami", null, token));
    assertThat(me.get("name").asText()).isEqualTo("dave-idt");
    assertThat(me.get("type").asText()).isEqualTo("user");
    assertThat(me.get("authMethod").asText()).isEqualTo("token");

    // Wrong password and unknown user look the same.
    String wrong =
        assertError(
            post("/v1/auth/login", json("name", "dave-idt", "password", "wrong password!")),
            401,
            "UNAUTHENTICATED");
    String unknown =
        assertError(
            post("/v1/auth/login", json("name", "nobody-idt", "password", "wrong password!")),
            401,
            "UNAUTHENTICATED");
    assertThat(wrong).isEqualTo(unknown);
    for (int i = 0; i < 3; i++) {
      assertError(
          post("/v1/auth/login", json("name", "dave-idt", "password", "wrong password!")),
          401,
          "UNAUTHENTICATED");
    }
    // The fifth failure locked the user: even the right password is refused now.
    assertError(
        post("/v1/auth/login", json("name", "dave-idt", "password", "wrong password!")),
        401,
        "UNAUTHENTICATED");
    assertError(
        post("/v1/auth/login", json("name", "dave-idt", "password", password)),
        401,
        "ACCOUNT_LOCKED");
    assertThat(assertOk(get("/v1/users/dave-idt")).get("lockedUntil").isNull()).isFalse();

    assertOk(post("/v1/users/dave-idt/unlock", null));
    created("/v1/auth/login", json("name", "dave-idt", "password", password));

    // A user changes their own password by giving the current one; the old one stops working.
    assertError(
        node.call(
            "POST", "/v1/users/dave-idt/password", json("password", "a new long secret"), token),
        401,
        "UNAUTHENTICATED");
    assertOk(
        node.call(
            "POST",
            "/v1/users/dave-idt/password",
            json("password", "a new long secret", "currentPassword", password),
            token),
        204);
    // A session cannot mint a token that outlives it.
    assertError(
        node.call("POST", "/v1/tokens", json("ttl", "30d"), token), 400, "INVALID_ARGUMENT");
    assertOk(node.call("POST", "/v1/tokens", json("ttl", "1h"), token), 201);
    assertError(
        post("/v1/auth/login", json("name", "dave-idt", "password", password)),
        401,
        "UNAUTHENTICATED");
    created("/v1/auth/login", json("name", "dave-idt", "password", "a new long secret"));
    // But not someone else's without manage users.
    created("/v1/users", json("name", "erin-idt"));
    assertError(
        node.call(
            "POST", "/v1/users/erin-idt/password", json("password", "another long one"), token),
        403,
        "FORBIDDEN");
  }

  @Test
  void tokensAreListedAndRevokedAndDieWithTheirPrincipal() throws Exception {
    JsonNode u = created("/v1/users", json("name", "frank-idt"));
    String id = u.get("id").asText();
    String t1 = tokenFor("users", id);
    JsonNode second = created("/v1/users/frank-idt/tokens", json("description", "ci"));
    String t2 = second.get("token").asText();
    JsonNode listed = assertOk(get("/v1/users/frank-idt/tokens")).get("items");
    assertThat(listed).hasSize(2);
    assertThat(listed.toString()).doesNotContain(t1).doesNotContain(t2).doesNotContain("hash");

    assertOk(node.call("GET", "/v1/auth/whoami", null, t1));
    // A principal may revoke its own token.
    assertOk(node.call("DELETE", "/v1/tokens/" + second.get("id").asText(), null, t2), 204);
    assertError(node.call("GET", "/v1/auth/whoami", null, t2), 401, "UNAUTHENTICATED");
    assertError(node.call("DELETE", "/v1/tokens/token_nope", null), 404, "NOT_FOUND");

    assertOk(node.call("DELETE", "/v1/users/" + id, null), 204);
    assertError(node.call("GET", "/v1/auth/whoami", null, t1), 401, "UNAUTHENTICATED");
    assertError(get("/v1/users/frank-idt"), 404, "NOT_FOUND");
    // A principal without any policy is authenticated but may do nothing else.
    JsonNode g = created("/v1/users", json("name", "grace-idt"));
    String t3 = tokenFor("users", g.get("id").asText());
    assertError(node.call("GET", "/v1/users", null, t3), 403, "FORBIDDEN");
    assertError(node.call("POST", "/v1/vaults", json("name", "v-idt"), t3), 403, "FORBIDDEN");
  }

  @Test
  void theLeadersMaintenancePurgesExpiredTokens() throws Exception {
    JsonNode u = created("/v1/users", json("name", "purge-idt"));
    created("/v1/users/purge-idt/tokens", json("ttl", "1h"));
    JsonNode longLived = created("/v1/users/purge-idt/tokens", json("ttl", "3h"));
    node.node().keys().runMaintenance(java.time.Instant.now().plus(Duration.ofHours(2)));
    JsonNode left = assertOk(get("/v1/users/" + u.get("id").asText() + "/tokens")).get("items");
    assertThat(left)
        .extracting(t -> t.get("id").asText())
        .containsExactly(longLived.get("id").asText());
  }

  @Test
  void aServiceAuthenticatesWithItsRegisteredClientCertificate() throws Exception {
    ClusterCa issuer = ClusterCa.create("apps");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    X509Certificate cert =
        issuer.issueNodeCertificate(
            "payments-app", kp.getPublic(), List.of("localhost"), Duration.ofDays(1));
    created("/v1/groups", json("name", "cert-apps-idt"));
    JsonNode svc =
        created(
            "/v1/services",
            json(
                "name",
                "payments-idt",
                "certificatePem",
                Pem.certificate(cert),
                "groups",
                List.of("cert-apps-idt")));
    assertThat(svc.get("certificateFingerprint").asText()).isNotBlank();
    assertError(
        post("/v1/services", json("name", "bad-cert-idt", "certificatePem", "not a pem")),
        400,
        "INVALID_ARGUMENT");

    HttpClient withCert = client(kp, cert, issuer.certificate());
    HttpResponse<String> me = send(withCert, "/v1/auth/whoami");
    assertThat(me.statusCode()).isEqualTo(200);
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(me.body());
    assertThat(body.get("name").asText()).isEqualTo("payments-idt");
    assertThat(body.get("authMethod").asText()).isEqualTo("certificate");
    assertThat(body.get("groups")).extracting(JsonNode::asText).containsExactly("cert-apps-idt");

    // An unregistered certificate is nobody.
    KeyPair other = g.generateKeyPair();
    X509Certificate otherCert =
        issuer.issueNodeCertificate(
            "other", other.getPublic(), List.of("localhost"), Duration.ofDays(1));
    assertThat(send(client(other, otherCert, issuer.certificate()), "/v1/auth/whoami").statusCode())
        .isEqualTo(401);
    // Deleting the service ends it.
    assertOk(node.call("DELETE", "/v1/services/payments-idt", null), 204);
    assertThat(send(withCert, "/v1/auth/whoami").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> send(HttpClient client, String path) throws Exception {
    URI base = node.node().apiUri();
    return client.send(
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpClient client(KeyPair kp, X509Certificate cert, X509Certificate issuer)
      throws Exception {
    char[] pw = "x".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", kp.getPrivate(), pw, new Certificate[] {cert, issuer});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", NodeTls.readCertificates(node.node().caCertPath()).get(0));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).build();
  }
}

package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies through the REST API: statements, checks, explain and separation of duties. */
class PolicyApiTest extends SharedNodeApiTest {

  private JsonNode created(String path, String body) throws Exception {
    return assertOk(post(path, body), 201);
  }

  private String userWithToken(String name, String... groups) throws Exception {
    JsonNode u = created("/v1/users", json("name", name, "groups", List.of(groups)));
    return created("/v1/users/" + u.get("id").asText() + "/tokens", "{}").get("token").asText();
  }

  private Response as(String token, String method, String path, String body) throws Exception {
    return node.call(method, path, body, token);
  }

  private Response encryptAs(String token, String keyId) throws Exception {
    return as(token, "POST", "/v1/keys/" + keyId + "/encrypt", json("plaintext", base64("hi")));
  }

  @Test
  void aGroupUsesKeysOnlyInItsCompartmentAndOnlyUse() throws Exception {
    String prod = created("/v1/compartments", json("name", "Prod-pol")).get("id").asText();
    String payments =
        created("/v1/compartments", json("name", "Payments", "parentId", prod)).get("id").asText();
    String dev = created("/v1/compartments", json("name", "Dev-pol")).get("id").asText();
    String prodKey = key(prod, "a");
    String paymentsKey = key(payments, "b");
    String devKey = key(dev, "c");
    created("/v1/groups", json("name", "apps-pol"));
    JsonNode policy =
        created(
            "/v1/policies",
            json(
                "name",
                "apps-use-prod",
                "statements",
                List.of("allow group apps-pol to use keys in compartment Prod-pol")));
    assertThat(policy.get("compartmentId").asText()).isEqualTo("tenancy");
    assertThat(policy.get("builtIn").asBoolean()).isFalse();
    String app = userWithToken("app-pol", "apps-pol");

    assertOk(encryptAs(app, prodKey));
    assertOk(encryptAs(app, paymentsKey));
    String msg = assertError(encryptAs(app, devKey), 403, "FORBIDDEN");
    assertThat(msg).contains("app-pol").contains("use keys").contains("Dev-pol");
    // use does not include manage.
    assertError(as(app, "POST", "/v1/keys/" + prodKey + "/rotate", null), 403, "FORBIDDEN");
    // ...but includes read and inspect.
    assertOk(as(app, "GET", "/v1/keys/" + prodKey, null));
    JsonNode listed = assertOk(as(app, "GET", "/v1/keys", null)).get("items");
    List<String> ids = new java.util.ArrayList<>();
    listed.forEach(k -> ids.add(k.get("id").asText()));
    assertThat(ids).contains(prodKey, paymentsKey).doesNotContain(devKey);

    // Re-encrypting needs use of the key that made the ciphertext too.
    String devCiphertext =
        encrypt(devKey, "dev secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertError(
        as(app, "POST", "/v1/keys/" + prodKey + "/re-encrypt", json("ciphertext", devCiphertext)),
        403,
        "FORBIDDEN");
    String prodCiphertext =
        encrypt(paymentsKey, "prod secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertOk(
        as(app, "POST", "/v1/keys/" + prodKey + "/re-encrypt", json("ciphertext", prodCiphertext)));

    // A group a policy names cannot go: a new group of that name would inherit the grant.
    assertThat(assertError(node.call("DELETE", "/v1/groups/apps-pol", null), 409, "INVALID_STATE"))
        .contains("apps-use-prod");

    // Deleting the policy takes the grant away at once.
    assertOk(node.call("DELETE", "/v1/policies/apps-use-prod", null), 204);
    assertError(encryptAs(app, prodKey), 403, "FORBIDDEN");
    assertOk(node.call("DELETE", "/v1/groups/apps-pol", null), 204);
  }

  @Test
  void conditionsNarrowAGrant() throws Exception {
    String c = created("/v1/compartments", json("name", "Cond-pol")).get("id").asText();
    String finance = key(c, "finance");
    String other = key(c, "other");
    created("/v1/services", json("name", "objectstorage-pol"));
    created(
        "/v1/policies",
        json(
            "name",
            "os-finance",
            "statements",
            List.of(
                "allow service objectstorage-pol to use keys in compartment Cond-pol"
                    + " where target.key.name = 'finance'")));
    String svc = created("/v1/services/objectstorage-pol/tokens", "{}").get("token").asText();
    assertOk(encryptAs(svc, finance));
    assertError(encryptAs(svc, other), 403, "FORBIDDEN");
  }

  @Test
  void badStatementsAreRefusedWithTheWordAndItsPosition() throws Exception {
    String msg =
        assertError(
            post(
                "/v1/policies",
                json(
                    "name",
                    "bad1",
                    "statements",
                    List.of("allow group x to usee keys in tenancy"))),
            400,
            "INVALID_POLICY");
    assertThat(msg).startsWith("statement 1: ").contains("'usee'").contains("position 18");
    msg =
        assertError(
            post(
                "/v1/policies",
                json(
                    "name",
                    "bad2",
                    "statements",
                    List.of(
                        "allow any-user to inspect keys in tenancy",
                        "allow group nope to use keys in tenancy"))),
            400,
            "INVALID_POLICY");
    assertThat(msg).isEqualTo("statement 2: no group named nope");
    msg =
        assertError(
            post(
                "/v1/policies",
                json(
                    "name",
                    "bad3",
                    "statements",
                    List.of("allow any-user to use keys in compartment Nowhere"))),
            400,
            "INVALID_POLICY");
    assertThat(msg).contains("no compartment named Nowhere");
    String sub = created("/v1/compartments", json("name", "Sub-pol")).get("id").asText();
    msg =
        assertError(
            post(
                "/v1/policies",
                json(
                    "name",
                    "bad4",
                    "compartmentId",
                    sub,
                    "statements",
                    List.of("allow any-user to use keys in tenancy"))),
            400,
            "INVALID_POLICY");
    assertThat(msg).contains("'in tenancy' is not allowed");
    assertError(
        post("/v1/policies", json("name", "bad5", "statements", List.of())),
        400,
        "INVALID_ARGUMENT");
    // Nothing was stored.
    for (String n : List.of("bad1", "bad2", "bad3", "bad4", "bad5")) {
      assertError(get("/v1/policies/" + n), 404, "NOT_FOUND");
    }
    // The built-in policy is listed and cannot change.
    assertThat(assertOk(get("/v1/policies/built-in")).get("builtIn").asBoolean()).isTrue();
    assertError(node.call("DELETE", "/v1/policies/built-in", null), 409, "INVALID_STATE");
  }

  @Test
  void explainNamesTheAllowingStatementOrSaysNoneDoes() throws Exception {
    String c = created("/v1/compartments", json("name", "Exp-pol")).get("id").asText();
    String k = key(c, "k");
    created("/v1/groups", json("name", "exp-group"));
    created("/v1/users", json("name", "exp-user", "groups", List.of("exp-group")));
    created(
        "/v1/policies",
        json(
            "name",
            "exp-policy",
            "statements",
            List.of(
                "allow group exp-group to read keys in compartment Exp-pol",
                "allow group exp-group to use keys in compartment Exp-pol")));
    JsonNode allowed =
        assertOk(
            post(
                "/v1/policies/explain",
                json("principal", "exp-user", "operation", "key.encrypt", "resource", k)));
    assertThat(allowed.get("allowed").asBoolean()).isTrue();
    assertThat(allowed.get("permission").asText()).isEqualTo("use keys");
    assertThat(allowed.get("statement").get("policyName").asText()).isEqualTo("exp-policy");
    assertThat(allowed.get("statement").get("index").asInt()).isEqualTo(2);
    JsonNode denied =
        assertOk(
            post(
                "/v1/policies/explain",
                json("principal", "exp-user", "operation", "key.rotate", "resource", k)));
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(denied.get("reason").asText()).contains("no statement allows");
    assertError(
        post("/v1/policies/explain", json("principal", "exp-user", "operation", "key.fly")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/policies/explain", json("principal", "ghost", "operation", "key.encrypt")),
        404,
        "NOT_FOUND");
  }

  @Test
  void builtInGroupsKeepKeyAdministrationAndAuditApart() throws Exception {
    String keyAdmin = userWithToken("ka-pol", "key-admins");
    String auditor = userWithToken("am-pol", "audit-managers");
    String sysAdmin = userWithToken("sa-pol", "system-admins");

    String vault =
        assertOk(as(keyAdmin, "POST", "/v1/vaults", json("name", "ka-vault")), 201)
            .get("id")
            .asText();
    String k =
        assertOk(
                as(
                    keyAdmin,
                    "POST",
                    "/v1/keys",
                    json("vaultId", vault, "name", "ka-key", "algorithm", "AES_256")),
                201)
            .get("id")
            .asText();
    assertOk(encryptAs(keyAdmin, k));
    assertError(as(keyAdmin, "GET", "/v1/audit-events", null), 403, "FORBIDDEN");
    assertError(as(keyAdmin, "POST", "/v1/users", json("name", "ka-made")), 403, "FORBIDDEN");

    assertOk(as(auditor, "GET", "/v1/audit-events?limit=5", null));
    assertError(encryptAs(auditor, k), 403, "FORBIDDEN");
    assertError(as(auditor, "POST", "/v1/keys/" + k + "/rotate", null), 403, "FORBIDDEN");

    assertOk(as(sysAdmin, "POST", "/v1/users", json("name", "sa-made")), 201);
    assertOk(as(sysAdmin, "GET", "/v1/cluster", null));
    assertError(encryptAs(sysAdmin, k), 403, "FORBIDDEN");
    assertError(as(sysAdmin, "GET", "/v1/audit-events", null), 403, "FORBIDDEN");

    // No built-in grant gives one group both: the statements themselves say so.
    JsonNode builtIn = assertOk(get("/v1/policies/built-in")).get("statements");
    for (String group : List.of("system-admins", "key-admins", "audit-managers")) {
      boolean keys = false;
      boolean audit = false;
      for (JsonNode s : builtIn) {
        String t = s.asText();
        if (t.contains("group " + group + " ")) {
          keys |= t.contains("key-family") || t.contains(" keys ") || t.contains("all-resources");
          audit |= t.contains("audit-events") || t.contains("all-resources");
        }
      }
      assertThat(keys && audit).as(group + " manages keys and reads audit").isFalse();
    }
  }

  private String key(String compartmentId, String name) throws Exception {
    String vault =
        created(
                "/v1/vaults",
                json(
                    "name",
                    "v-" + name + "-" + compartmentId.substring(12),
                    "compartmentId",
                    compartmentId))
            .get("id")
            .asText();
    return node.createKey(vault, name, "AES_256");
  }
}

package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mappings through the REST API, and the heartbeat that hands them to clients. */
class MappingApiTest extends SharedNodeApiTest {

  private static Map<String, Object> node(String name, String address) {
    return Map.of("name", name, "address", address);
  }

  private static List<Map<String, Object>> threeNodes() {
    return List.of(
        node("n1", "https://10.0.0.1:8443"),
        Map.of(
            "name",
            "n2",
            "address",
            "https://10.0.0.2:8443",
            "externalAddress",
            "https://kms.example.com:443/"),
        node("n3", "http://n3.internal"));
  }

  private String tokenFor(String kind, String name, String... groups) throws Exception {
    JsonNode p = assertOk(post("/v1/" + kind, json("name", name, "groups", List.of(groups))), 201);
    return assertOk(post("/v1/" + kind + "/" + p.get("id").asText() + "/tokens", "{}"), 201)
        .get("token")
        .asText();
  }

  private JsonNode heartbeat(String token, String query) throws Exception {
    return assertOk(node.call("GET", "/v1/sys/heartbeat" + query, null, token));
  }

  @Test
  void aMappingIsCreatedListedChangedAndDeleted() throws Exception {
    assertOk(post("/v1/groups", json("name", "map-apps")), 201);
    JsonNode m =
        assertOk(
            post(
                "/v1/mappings",
                json("name", "dc1", "nodes", threeNodes(), "groups", List.of("map-apps"))),
            201);
    assertThat(m.get("revision").asLong()).isEqualTo(1);
    assertThat(m.get("groups")).extracting(JsonNode::asText).containsExactly("map-apps");
    List<String> order = new ArrayList<>();
    m.get("nodes").forEach(n -> order.add(n.get("name").asText()));
    assertThat(order).containsExactly("n1", "n2", "n3");
    // Normalised: no trailing slash.
    assertThat(m.get("nodes").get(1).get("externalAddress").asText())
        .isEqualTo("https://kms.example.com:443");

    assertThat(assertOk(get("/v1/mappings")).get("items"))
        .extracting(i -> i.get("name").asText())
        .contains("dc1");
    assertThat(assertOk(get("/v1/mappings/dc1")).get("nodes")).hasSize(3);

    JsonNode changed =
        assertOk(
            node.call(
                "PUT",
                "/v1/mappings/dc1",
                json(
                    "nodes",
                    List.of(
                        node("n3", "http://n3.internal"), node("n1", "https://10.0.0.1:8443")))));
    assertThat(changed.get("revision").asLong()).isEqualTo(2);
    assertThat(changed.get("nodes").get(0).get("name").asText()).isEqualTo("n3");
    assertThat(changed.get("groups")).isEmpty();

    assertError(
        post("/v1/mappings", json("name", "dc1", "nodes", threeNodes())), 409, "NAME_TAKEN");
    assertOk(node.call("DELETE", "/v1/mappings/dc1", null), 204);
    assertError(get("/v1/mappings/dc1"), 404, "NOT_FOUND");
    assertError(
        node.call("PUT", "/v1/mappings/dc1", json("nodes", threeNodes())), 404, "NOT_FOUND");
  }

  @Test
  void badMappingsAreRefusedWithTheFieldNamed() throws Exception {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(json("name", "bad", "nodes", List.of()), "nodes");
    cases.put(json("name", "bad"), "nodes");
    cases.put(json("name", "bad", "nodes", List.of(node("a", "ftp://x"))), "nodes[0].address");
    cases.put(
        json("name", "bad", "nodes", List.of(node("a", "https://x/path"))), "nodes[0].address");
    cases.put(json("name", "bad", "nodes", List.of(node("a", "not a url"))), "nodes[0].address");
    cases.put(
        json("name", "bad", "nodes", List.of(node("a", "https://x"), node("a", "https://y"))),
        "listed twice");
    cases.put(
        json("name", "bad", "nodes", List.of(node("a", "https://x"), node("b", "https://x"))),
        "listed twice");
    cases.put(
        json("name", "bad", "nodes", List.of(node("a", "https://x")), "groups", List.of("nobody")),
        "no group named nobody");
    cases.put(
        json(
            "name", "bad", "nodes", List.of(node("a", "https://x")), "services", List.of("nobody")),
        "no service named nobody");
    List<Map<String, Object>> seventeen = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      seventeen.add(node("n" + i, "https://10.0.0." + i));
    }
    cases.put(json("name", "bad", "nodes", seventeen), "at most 16");
    cases.put(json("name", "bad name", "nodes", List.of(node("a", "https://x"))), "name");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(assertError(post("/v1/mappings", c.getKey()), 400, "INVALID_ARGUMENT"))
          .as(c.getKey())
          .contains(c.getValue());
    }
    assertError(get("/v1/mappings/bad"), 404, "NOT_FOUND");
  }

  @Test
  void theHeartbeatHandsEachClientItsMapping() throws Exception {
    assertOk(post("/v1/groups", json("name", "hb-apps")), 201);
    String appUser = tokenFor("users", "hb-user", "hb-apps");
    String billing = tokenFor("services", "hb-billing", "hb-apps");
    String loner = tokenFor("users", "hb-loner");
    assertOk(
        post(
            "/v1/mappings",
            json(
                "name",
                "hb-group",
                "nodes",
                List.of(node("a", "https://a")),
                "groups",
                List.of("hb-apps"))),
        201);
    assertOk(
        post(
            "/v1/mappings",
            json(
                "name",
                "hb-billing",
                "nodes",
                List.of(node("b", "https://b")),
                "services",
                List.of("hb-billing"))),
        201);

    JsonNode beat = heartbeat(appUser, "");
    assertThat(beat.get("node").asText()).isNotEmpty();
    assertThat(beat.get("writable").asBoolean()).isTrue();
    assertThat(beat.get("mapping").get("name").asText()).isEqualTo("hb-group");
    assertThat(beat.get("mapping").get("revision").asLong()).isEqualTo(1);
    assertThat(beat.get("mapping").has("groups")).isFalse();
    // A mapping naming the service itself wins over its group's.
    assertThat(heartbeat(billing, "").get("mapping").get("name").asText()).isEqualTo("hb-billing");
    assertThat(heartbeat(loner, "").get("mapping").isNull()).isTrue();
    // Any caller may follow a mapping by name.
    assertThat(
            heartbeat(loner, "?mapping=hb-group")
                .get("mapping")
                .get("nodes")
                .get(0)
                .get("address")
                .asText())
        .isEqualTo("https://a");
    assertError(node.call("GET", "/v1/sys/heartbeat?mapping=nope", null, loner), 404, "NOT_FOUND");
    assertError(node.call("GET", "/v1/sys/heartbeat", null, null), 401, "UNAUTHENTICATED");

    // Only a cluster manager changes mappings.
    assertError(
        node.call(
            "POST",
            "/v1/mappings",
            json("name", "x", "nodes", List.of(node("a", "https://a"))),
            loner),
        403,
        "FORBIDDEN");
    assertError(node.call("GET", "/v1/mappings", null, appUser), 403, "FORBIDDEN");

    // A change reaches the next heartbeat.
    assertOk(
        node.call(
            "PUT",
            "/v1/mappings/hb-group",
            json(
                "nodes",
                List.of(node("c", "https://c"), node("a", "https://a")),
                "groups",
                List.of("hb-apps"))));
    JsonNode after = heartbeat(appUser, "").get("mapping");
    assertThat(after.get("revision").asLong()).isEqualTo(2);
    assertThat(after.get("nodes").get(0).get("name").asText()).isEqualTo("c");
  }
}

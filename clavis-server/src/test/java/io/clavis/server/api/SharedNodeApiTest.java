package io.clavis.server.api;

import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.node.NodeConfig;
import io.clavis.server.testing.TestNode;
import io.clavis.server.testing.TestNode.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One initialised, unsealed node shared by every test of a class, for tests that do not get in each
 * other's way (each creates its own vaults and keys).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedNodeApiTest {
  static final String PASSPHRASE = "shared-node-passphrase";

  protected TestNode node;

  @BeforeAll
  final void startSharedNode(@TempDir Path dir) throws Exception {
    node = new TestNode(dir, this::configure);
    node.initialize(PASSPHRASE);
  }

  @AfterAll
  final void stopSharedNode() {
    if (node != null) {
      node.close();
    }
  }

  /** Subclasses may change the node's configuration. */
  protected NodeConfig configure(NodeConfig config) {
    return config;
  }

  Response get(String path) throws Exception {
    return node.call("GET", path, null);
  }

  Response post(String path, String body) throws Exception {
    return node.call("POST", path, body);
  }

  Response post(String path) throws Exception {
    return node.call("POST", path, null);
  }

  /** POSTs and asserts 200; returns the body. */
  JsonNode ok(String path, String body) throws Exception {
    return ApiAssertions.assertOk(post(path, body));
  }

  String encrypt(String keyId, byte[] plaintext) throws Exception {
    return ok("/v1/keys/" + keyId + "/encrypt", json("plaintext", base64(plaintext)))
        .get("ciphertext")
        .asText();
  }

  Response decrypt(String ciphertext) throws Exception {
    return post("/v1/decrypt", json("ciphertext", ciphertext));
  }
}

package io.clavis.server.kmip.objects;

import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.ObjectType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KMIP endpoint's default vault: made on first use, once, whoever races to make it. */
class DefaultVaultTest {
  private static final KmipAttributes AES_128 =
      KmipAttributes.of(
          KmipAttribute.enumeration(
              StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
          KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 128));

  @Test
  void facadesRacingToCreateItEndWithOneVault(@TempDir Path dir) throws Exception {
    try (ObjectsNode n = new ObjectsNode(dir)) {
      // Facades that have not seen the vault, as on nodes that all start serving at once.
      List<ManagedObjects> fresh = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        fresh.add(n.newObjects());
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> created = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (ManagedObjects m : fresh) {
          created.add(
              pool.submit(
                  () -> {
                    go.await();
                    return m.create(n.root, ObjectType.SYMMETRIC_KEY, AES_128);
                  }));
        }
        go.countDown();
        Set<String> vaults = new HashSet<>();
        for (Future<String> f : created) {
          vaults.add(n.rest.node().keys().get(f.get()).vaultId());
        }
        assertThat(vaults).hasSize(1);
      }
      assertThat(vaultsNamedKmip(n)).isEqualTo(1);
    }
  }

  @Test
  void aVaultOfThatNameMadeOverRestIsAdopted(@TempDir Path dir) throws Exception {
    try (ObjectsNode n = new ObjectsNode(dir)) {
      String restVault = n.rest.createVault(ManagedObjects.DEFAULT_VAULT_NAME);
      String uid = n.objects.create(n.root, ObjectType.SYMMETRIC_KEY, AES_128);
      assertThat(n.rest.node().keys().get(uid).vaultId()).isEqualTo(restVault);
      // A facade that starts later finds the same one.
      String other = n.newObjects().create(n.root, ObjectType.SYMMETRIC_KEY, AES_128);
      assertThat(n.rest.node().keys().get(other).vaultId()).isEqualTo(restVault);
      assertThat(vaultsNamedKmip(n)).isEqualTo(1);
      assertThat(n.rest.call("POST", "/v1/vaults", json("name", "kmip")).code())
          .isEqualTo("NAME_TAKEN");
    }
  }

  private static long vaultsNamedKmip(ObjectsNode n) throws Exception {
    return n
        .rest
        .call("GET", "/v1/vaults?limit=1000", null)
        .json()
        .get("items")
        .findValues("name")
        .stream()
        .filter(v -> v.asText().equals(ManagedObjects.DEFAULT_VAULT_NAME))
        .count();
  }
}

package io.clavis.server.vault;

import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.common.Page;
import io.clavis.server.error.ClavisException;
import io.clavis.server.identity.Principal;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import java.util.List;

/** Compartments and vaults. */
public final class VaultService {
  private final RaftNode raft;
  private final StateStore store;

  public VaultService(RaftNode raft, StateStore store) {
    this.raft = raft;
    this.store = store;
  }

  public Compartment createCompartment(String name, String parentId, Principal by) {
    Ids.checkName("compartment", name);
    Compartment c =
        new Compartment(
            Ids.newId("compartment"),
            name,
            parentId == null ? Compartment.TENANCY : parentId,
            Clock.now(),
            by.name());
    return raft.submit(new CreateCompartmentCommand(c), Compartment.class);
  }

  public Compartment compartment(String id) {
    return store
        .read(Compartment.key(id), Compartment.class)
        .orElseThrow(() -> ClavisException.notFound("compartment", id));
  }

  public void deleteCompartment(String id) {
    raft.submit(new DeleteCompartmentCommand(id), String.class);
  }

  public List<Compartment> listCompartments() {
    return store.scan("compartment/", null, 10_000, Compartment.class);
  }

  public Vault create(String name, String compartmentId, Principal by) {
    Ids.checkName("vault", name);
    Vault v =
        new Vault(
            Ids.newId("vault"),
            name,
            compartmentId == null ? Compartment.TENANCY : compartmentId,
            Vault.SOFTWARE,
            Clock.now(),
            by.name());
    return raft.submit(new CreateVaultCommand(v), Vault.class);
  }

  public Vault get(String id) {
    return store
        .read(Vault.key(id), Vault.class)
        .orElseThrow(() -> ClavisException.notFound("vault", id));
  }

  public Page<Vault> list(int limit, String page) {
    return Page.of(store, "vault/", limit, page, Vault.class, Vault::id, Vault::key);
  }
}

package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.LinkType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyState;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adds an object made from others (Re-key, Re-key Key Pair, Derive Key) and links them both ways,
 * in one entry: each source gets a link of {@code sourceLink} to the new object, the new object one
 * of {@code newLink} to each source. For a re-key the sources' Names move to the new object.
 *
 * <p>The names and links are read from the sources as they are when the entry is applied, so a Name
 * added or a link set between the request and the entry is neither lost nor duplicated. A source
 * destroyed in between refuses the whole entry.
 *
 * @param create the new object, as {@link CreateObjectCommand} would add it
 * @param sourceKeyIds the Clavis keys the object is made from (for a key pair, the private key's)
 * @param sourceLink the link each source gets: Replacement Object or Derived Key
 * @param newLink the link the new object gets to each source: Replaced Object or Derivation Base
 * @param moveNames whether the sources' Names move to the new object (a re-key)
 */
public record LinkedCreateCommand(
    CreateObjectCommand create,
    List<String> sourceKeyIds,
    LinkType sourceLink,
    LinkType newLink,
    boolean moveNames)
    implements Command {

  public LinkedCreateCommand {
    Objects.requireNonNull(create, "create");
    sourceKeyIds = List.copyOf(sourceKeyIds);
    Objects.requireNonNull(sourceLink, "sourceLink");
    Objects.requireNonNull(newLink, "newLink");
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    String newId = create.key().id();
    KmipObjectRecord object = create.object();
    List<KmipValue.NameValue> names = new ArrayList<>();
    List<KmipValue.LinkValue> links = new ArrayList<>(object.links());
    try {
      for (String source : sourceKeyIds) {
        KeyRecord key =
            txn.read(KeyRecord.key(source), KeyRecord.class)
                .orElseThrow(() -> KmipObjectException.notFound(source));
        if (key.state() == KeyState.DESTROYED) {
          throw new KmipObjectException(
              ResultReason.OBJECT_DESTROYED, "object " + source + " is destroyed");
        }
        KmipObjectRecord stored =
            txn.read(KmipObjectRecord.key(source), KmipObjectRecord.class).orElse(null);
        KmipObjectRecord record = stored != null ? stored : KmipObjectRecord.defaultsFor(key);
        if (moveNames) {
          names.addAll(record.names());
          record = record.withNames(List.of());
        }
        List<KmipValue.LinkValue> sourceLinks = new ArrayList<>(record.links());
        sourceLinks.add(new KmipValue.LinkValue(sourceLink, newId));
        record = record.withLinks(sourceLinks).changedAt(create.key().createdAt());
        AttributeEdit.checkLimits(record);
        KmipIndex.write(txn, stored, record);
        links.add(new KmipValue.LinkValue(newLink, source));
      }
      names.addAll(object.names());
      KmipObjectRecord linked = object.withNames(names).withLinks(links);
      AttributeEdit.checkLimits(linked);
      return new CreateObjectCommand(create.key(), create.firstVersion(), linked).apply(txn);
    } catch (KmipObjectException e) {
      txn.discard();
      return KmipCommandResult.failed(e);
    }
  }
}

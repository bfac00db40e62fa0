package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.server.key.KeyMaterials;
import io.clavis.server.key.KeyService;
import io.clavis.server.kmip.KmipDispatcher;
import io.clavis.server.kmip.objects.DerivedObjects;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * The managed-object operations of the KMIP endpoint, one handler per operation, each a thin
 * translation between the operation's payload (in the request's protocol version) and {@link
 * ManagedObjects}, which authorises, validates and changes the objects.
 */
public final class KmipOperations {
  private KmipOperations() {}

  /** Registers every managed-object operation and the object types they store. */
  public static KmipDispatcher registerAll(
      KmipDispatcher dispatcher, ManagedObjects objects, KeyService keys, KeyMaterials materials) {
    CryptoKeys crypto = new CryptoKeys(objects, keys, materials);
    DerivedObjects derived = new DerivedObjects(objects);
    dispatcher
        .register(new CreateHandler(objects))
        .register(new CreateKeyPairHandler(objects))
        .register(new RegisterHandler(objects))
        .register(new CreateSplitKeyHandler(objects))
        .register(new JoinSplitKeyHandler(objects))
        .register(new GetHandler(objects))
        .register(new GetAttributesHandler(objects))
        .register(new GetAttributeListHandler(objects))
        .register(new LocateHandler(objects))
        .register(new CheckHandler(objects))
        .register(new ActivateHandler(objects))
        .register(new RevokeHandler(objects))
        .register(new DestroyHandler(objects))
        .register(new AddAttributeHandler(objects))
        .register(new ModifyAttributeHandler(objects))
        .register(new DeleteAttributeHandler(objects))
        .register(new SetAttributeHandler(objects))
        .register(new AdjustAttributeHandler(objects))
        .register(new RngRetrieveHandler())
        .register(new CipherHandler(Operation.ENCRYPT, objects, crypto))
        .register(new CipherHandler(Operation.DECRYPT, objects, crypto))
        .register(new MacHandler(Operation.MAC, objects, crypto))
        .register(new MacHandler(Operation.MAC_VERIFY, objects, crypto))
        .register(new SignHandler(Operation.SIGN, objects, crypto))
        .register(new SignHandler(Operation.SIGNATURE_VERIFY, objects, crypto))
        .register(new RekeyHandler(Operation.RE_KEY, objects, derived))
        .register(new RekeyHandler(Operation.RE_KEY_KEY_PAIR, objects, derived))
        .register(new DeriveKeyHandler(objects, derived));
    return dispatcher.supportObjectTypes(
        ObjectType.SYMMETRIC_KEY,
        ObjectType.SECRET_DATA,
        ObjectType.OPAQUE_OBJECT,
        ObjectType.CERTIFICATE,
        ObjectType.PRIVATE_KEY,
        ObjectType.PUBLIC_KEY,
        ObjectType.SPLIT_KEY);
  }
}

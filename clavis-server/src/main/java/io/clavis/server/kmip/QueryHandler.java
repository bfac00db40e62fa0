package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipTags;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.QueryFunction;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.TagDefinition;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Query: what the server supports, for the query functions it answers. Any authenticated service
 * may ask.
 *
 * <ul>
 *   <li>Query Operations: the operations registered in the dispatcher that exist in the request's
 *       version.
 *   <li>Query Objects: the managed object types declared to the dispatcher.
 *   <li>Query Server Information: Vendor Identification {@code Clavis} and a Server Information
 *       structure with Server Name (the node), Server Version and Product Name. Its content is
 *       vendor-specific in KMIP 1.x; the fields KMIP 2.0 standardised are used for every version.
 *   <li>Query Application Namespaces, Extension List, Extension Map, Attestation Types: none are
 *       supported, so the lists are empty.
 *   <li>Query Capabilities (1.3 and later): no streaming, no asynchronous operations, no
 *       attestation, and (1.4 and later) no batch undo but batch continue.
 * </ul>
 *
 * <p>Other query functions (RNGs, Validations, Profiles, Client Registration Methods, Defaults
 * Information, Storage Protection Masks) are not answered: the server claims no profile, validation
 * or RNG it could not back, and the specification lets a server omit what it does not support.
 * Fields are written in the order the specification lists them, which clients such as PyKMIP read
 * positionally.
 */
final class QueryHandler implements KmipOperationHandler {
  private final KmipDispatcher dispatcher;
  private final KmipServerInfo info;

  QueryHandler(KmipDispatcher dispatcher, KmipServerInfo info) {
    this.dispatcher = dispatcher;
    this.info = info;
  }

  @Override
  public Operation operation() {
    return Operation.QUERY;
  }

  @Override
  public TtlvStructure handle(KmipRequestContext ctx, TtlvStructure payload) {
    Set<QueryFunction> asked = EnumSet.noneOf(QueryFunction.class);
    for (TtlvEnumeration f : payload.all(Tag.QUERY_FUNCTION, TtlvEnumeration.class)) {
      QueryFunction.fromValue(f.value()).ifPresent(asked::add); // unknown functions: not answered
    }
    KmipVersion version = ctx.version();
    List<Ttlv> out = new ArrayList<>();
    if (asked.contains(QueryFunction.QUERY_OPERATIONS)) {
      for (Operation op : dispatcher.operations(version)) {
        out.add(new TtlvEnumeration(Tag.OPERATION, op.value()));
      }
    }
    if (asked.contains(QueryFunction.QUERY_OBJECTS)) {
      for (ObjectType type : dispatcher.objectTypes()) {
        if (exists(type, version)) {
          out.add(new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()));
        }
      }
    }
    if (asked.contains(QueryFunction.QUERY_SERVER_INFORMATION)) {
      out.add(new TtlvTextString(Tag.VENDOR_IDENTIFICATION, info.vendor()));
      out.add(
          TtlvStructure.of(
              Tag.SERVER_INFORMATION,
              new TtlvTextString(Names.SERVER_NAME, info.serverName()),
              new TtlvTextString(Names.SERVER_VERSION, info.serverVersion()),
              new TtlvTextString(Names.PRODUCT_NAME, info.vendor())));
    }
    // Application Namespaces, Extension List / Map and Attestation Types: none supported.
    if (asked.contains(QueryFunction.QUERY_CAPABILITIES)
        && version.compareTo(KmipVersion.V1_3) >= 0) {
      out.add(capabilities(version));
    }
    return KmipOperationHandler.responsePayload(out);
  }

  private static TtlvStructure capabilities(KmipVersion version) {
    TtlvStructure.Builder b = TtlvStructure.builder(Tag.CAPABILITY_INFORMATION);
    b.add(new TtlvBoolean(Names.STREAMING_CAPABILITY, false));
    b.add(new TtlvBoolean(Names.ASYNCHRONOUS_CAPABILITY, false));
    b.add(new TtlvBoolean(Names.ATTESTATION_CAPABILITY, false));
    if (version.compareTo(KmipVersion.V1_4) >= 0) {
      b.add(new TtlvBoolean(Names.BATCH_UNDO_CAPABILITY, false));
      b.add(new TtlvBoolean(Names.BATCH_CONTINUE_CAPABILITY, true));
    }
    return b.build();
  }

  /** Whether an object type is defined in a version: PGP Key from 1.2, Template until 1.4. */
  static boolean exists(ObjectType type, KmipVersion version) {
    return switch (type) {
      case PGP_KEY -> version.compareTo(KmipVersion.V1_2) >= 0;
      case CERTIFICATE_REQUEST -> KmipVersions.isTwoOrLater(version);
      case TEMPLATE -> !KmipVersions.isTwoOrLater(version);
      default -> true;
    };
  }

  /** Tags Query needs that {@link Tag} does not name, looked up once in the registry. */
  static final class Names {
    static final int SERVER_NAME = tag("Server Name");
    static final int SERVER_VERSION = tag("Server Version");
    static final int PRODUCT_NAME = tag("Product Name");
    static final int STREAMING_CAPABILITY = tag("Streaming Capability");
    static final int ASYNCHRONOUS_CAPABILITY = tag("Asynchronous Capability");
    static final int ATTESTATION_CAPABILITY = tag("Attestation Capability");
    static final int BATCH_UNDO_CAPABILITY = tag("Batch Undo Capability");
    static final int BATCH_CONTINUE_CAPABILITY = tag("Batch Continue Capability");

    private Names() {}

    private static int tag(String name) {
      return KmipTags.byName(name)
          .map(TagDefinition::value)
          .orElseThrow(() -> new IllegalStateException("the KMIP tag table lacks " + name));
    }
  }
}

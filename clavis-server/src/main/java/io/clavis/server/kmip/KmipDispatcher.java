package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The KMIP operations this server answers, by Operation: the seam between the protocol layer (this
 * package: transport, messages, batches, audit) and the operations.
 *
 * <p>{@link #standard} registers the protocol operations (Discover Versions, Query). The
 * managed-object operations (Create, Register, Get, Locate, ...) are registered by their feature
 * package with {@link #register} while the node starts, before the listener accepts connections,
 * and the managed object types they store are declared with {@link #supportObjectTypes}, so that
 * Query reports exactly what is registered. Registration is cheap copy-on-write, so lookups from
 * many connections take no lock.
 */
public final class KmipDispatcher {
  private volatile Map<Operation, KmipOperationHandler> handlers = Map.of();
  private volatile Set<ObjectType> objectTypes = Set.of();

  /** A dispatcher with Discover Versions and Query registered. */
  public static KmipDispatcher standard(KmipServerInfo serverInfo) {
    KmipDispatcher d = new KmipDispatcher();
    d.register(new DiscoverVersionsHandler());
    d.register(new QueryHandler(d, serverInfo));
    return d;
  }

  /**
   * Registers the handler of one operation.
   *
   * @throws IllegalStateException if another handler already serves that operation
   */
  public synchronized KmipDispatcher register(KmipOperationHandler handler) {
    Objects.requireNonNull(handler, "handler");
    Operation op = Objects.requireNonNull(handler.operation(), "handler.operation()");
    if (handlers.containsKey(op)) {
      throw new IllegalStateException("a handler for " + op.kmipName() + " is already registered");
    }
    Map<Operation, KmipOperationHandler> next = new EnumMap<>(Operation.class);
    next.putAll(handlers);
    next.put(op, handler);
    handlers = Map.copyOf(next);
    return this;
  }

  /** Declares managed object types the server stores (what Query Objects reports). */
  public synchronized KmipDispatcher supportObjectTypes(ObjectType... types) {
    Set<ObjectType> next = EnumSet.noneOf(ObjectType.class);
    next.addAll(objectTypes);
    next.addAll(List.of(types));
    objectTypes = Set.copyOf(next);
    return this;
  }

  /** The operations a client of {@code version} may call, by ascending wire value. */
  public List<Operation> operations(KmipVersion version) {
    List<Operation> out = new ArrayList<>();
    for (KmipOperationHandler h : handlers.values()) {
      if (version.compareTo(h.minimumVersion()) >= 0) {
        out.add(h.operation());
      }
    }
    out.sort(Comparator.comparingInt(Operation::value));
    return List.copyOf(out);
  }

  /** The managed object types declared with {@link #supportObjectTypes}, by ascending value. */
  public List<ObjectType> objectTypes() {
    return objectTypes.stream().sorted(Comparator.comparingInt(ObjectType::value)).toList();
  }

  /** Finds the handler of an item's operation, or says why there is none. */
  KmipOperationHandler handlerFor(Integer operationValue, KmipVersion version)
      throws KmipException {
    Operation op =
        Operation.fromValue(operationValue)
            .orElseThrow(
                () ->
                    new KmipException(
                        ResultReason.OPERATION_NOT_SUPPORTED,
                        String.format(
                            "operation 0x%08X is not a KMIP operation this server knows",
                            operationValue)));
    KmipOperationHandler h = handlers.get(op);
    if (h == null) {
      throw new KmipException(
          ResultReason.OPERATION_NOT_SUPPORTED, op.kmipName() + " is not supported by this server");
    }
    if (version.compareTo(h.minimumVersion()) < 0) {
      throw new KmipException(
          ResultReason.OPERATION_NOT_SUPPORTED,
          op.kmipName()
              + " is not part of KMIP "
              + version
              + " (it is from "
              + h.minimumVersion()
              + ")");
    }
    return h;
  }

  /** Runs a handler and checks the shape of what it returns. */
  static TtlvStructure run(KmipOperationHandler h, KmipRequestContext ctx, TtlvStructure payload)
      throws KmipException {
    TtlvStructure out = h.handle(ctx, payload);
    if (out != null && out.tag() != Tag.RESPONSE_PAYLOAD) {
      throw new IllegalStateException(
          h.getClass().getName() + " returned a payload not tagged Response Payload");
    }
    return out;
  }
}

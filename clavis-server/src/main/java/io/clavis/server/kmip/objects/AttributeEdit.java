package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.AdjustmentType;
import io.clavis.kmip.spec.ResultReason;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change of a client-modifiable attribute (Add, Modify, Delete, Set or Adjust Attribute), as it
 * travels in the Raft log and is applied to the KMIP record by every node.
 *
 * <p>{@link #applyTo} is a pure function of the stored record, so every node reaches the same
 * result, and it checks everything against that record (the instance still exists, a single-valued
 * attribute is not already set, Extractable only goes from true to false), because the record may
 * have changed since the request was made.
 *
 * @param op what to do
 * @param name the attribute
 * @param index which instance, by KMIP 1.x Attribute Index (null: not given)
 * @param current which instance, by its current value, as KMIP 2.x Current Attribute (null: not
 *     given)
 * @param value the new value (Add, Modify, Set) or the adjustment amount (Adjust, optional)
 * @param adjustment how to adjust (Adjust only)
 */
public record AttributeEdit(
    Op op,
    KmipAttributeName name,
    Integer index,
    KmipValue current,
    KmipValue value,
    AdjustmentType adjustment) {
  /** Limits that keep one object's record (and so one Raft entry) small. */
  static final int MAX_INSTANCES = 64;

  static final int MAX_CUSTOM_VALUE = 1024;

  /**
   * Links are also set by the server (a key derived from many times links to every derived key), so
   * they get a larger bound of their own.
   */
  static final int MAX_LINKS = 1024;

  /** The attribute operations. */
  public enum Op {
    ADD,
    MODIFY,
    DELETE,
    SET,
    ADJUST
  }

  public AttributeEdit {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(name, "name");
  }

  /** The record after the edit, and the attribute instance it produced (null for Delete). */
  record Result(KmipObjectRecord record, KmipAttribute attribute, int index) {}

  /**
   * Applies the edit.
   *
   * @throws KmipObjectException with the reason the client is told
   */
  Result applyTo(KmipObjectRecord record) {
    checkWritable(name);
    List<KmipValue> values = new ArrayList<>(valuesOf(record, name));
    int at;
    KmipValue result = value;
    switch (op) {
      case ADD -> {
        requireValue();
        if (!name.multiValued() && !values.isEmpty()) {
          throw new KmipObjectException(
              ResultReason.ATTRIBUTE_SINGLE_VALUED, name + " is already set: modify it instead");
        }
        values.add(value);
        at = values.size() - 1;
      }
      case MODIFY -> {
        requireValue();
        at = instance(values);
        checkTightening(values.get(at), value);
        values.set(at, value);
      }
      case DELETE -> {
        if (name.standard() != null
            && name.standard().mutability() == StandardAttribute.Mutability.TIGHTEN_ONLY) {
          throw new KmipObjectException(
              ResultReason.ATTRIBUTE_READ_ONLY, name + " cannot be deleted, only set");
        }
        at = instance(values);
        result = values.remove(at);
      }
      case SET -> {
        requireValue();
        if (name.multiValued()) {
          throw new KmipObjectException(
              ResultReason.MULTI_VALUED_ATTRIBUTE,
              name + " may have several instances: add or modify one");
        }
        if (values.isEmpty()) {
          values.add(value);
        } else {
          checkTightening(values.get(0), value);
          values.set(0, value);
        }
        at = 0;
      }
      case ADJUST -> {
        if (!name.isCustom()) {
          throw new KmipObjectException(
              ResultReason.ATTRIBUTE_READ_ONLY, name + " cannot be adjusted by a client");
        }
        at = instance(values);
        result = adjusted(values.get(at));
        values.set(at, result);
      }
      default -> throw new IllegalStateException(op.name());
    }
    KmipObjectRecord updated = withValues(record, name, values);
    checkLimits(updated);
    return new Result(updated, op == Op.DELETE ? null : new KmipAttribute(name, result), at);
  }

  /**
   * Checks the sizes of what a client may add to a record.
   *
   * @throws KmipObjectException SERVER_LIMIT_EXCEEDED
   */
  static void checkLimits(KmipObjectRecord record) {
    if (record.names().size() > MAX_INSTANCES
        || record.objectGroups().size() > MAX_INSTANCES
        || record.custom().size() > MAX_INSTANCES) {
      throw new KmipObjectException(
          ResultReason.SERVER_LIMIT_EXCEEDED,
          "an object holds at most "
              + MAX_INSTANCES
              + " names, "
              + MAX_INSTANCES
              + " groups and "
              + MAX_INSTANCES
              + " custom attributes");
    }
    if (record.links().size() > MAX_LINKS) {
      throw new KmipObjectException(
          ResultReason.SERVER_LIMIT_EXCEEDED, "an object holds at most " + MAX_LINKS + " links");
    }
    for (KmipAttribute a : record.custom()) {
      boolean tooBig =
          switch (a.value()) {
            case KmipValue.Text t -> t.value().length() > MAX_CUSTOM_VALUE;
            case KmipValue.ByteStringValue b -> b.value().length > MAX_CUSTOM_VALUE;
            case KmipValue.BigIntegerValue b -> b.value().bitLength() > 8 * MAX_CUSTOM_VALUE;
            default -> false;
          };
      if (tooBig) {
        throw new KmipObjectException(
            ResultReason.SERVER_LIMIT_EXCEEDED,
            a.name()
                + " is too large: a custom value holds at most "
                + MAX_CUSTOM_VALUE
                + " bytes");
      }
    }
  }

  /** Whether a client may write the attribute at all (on create or afterwards). */
  static void checkWritable(KmipAttributeName name) {
    if (name.isCustom()) {
      if (name.vendor().equals(KmipAttributeName.SERVER_VENDOR)) {
        throw new KmipObjectException(
            ResultReason.ATTRIBUTE_READ_ONLY, name + " belongs to the server");
      }
      return;
    }
    StandardAttribute.Mutability m = name.standard().mutability();
    if (m != StandardAttribute.Mutability.CLIENT
        && m != StandardAttribute.Mutability.TIGHTEN_ONLY) {
      throw new KmipObjectException(
          ResultReason.ATTRIBUTE_READ_ONLY,
          name
              + (m == StandardAttribute.Mutability.ON_CREATE
                  ? " can only be given when the object is created"
                  : " is set by the server"));
    }
  }

  private void requireValue() {
    if (value == null) {
      throw new KmipObjectException(ResultReason.MISSING_DATA, name + " needs a value");
    }
    new KmipAttribute(name, value); // checks the value's type
  }

  private int instance(List<KmipValue> values) {
    if (values.isEmpty()) {
      throw new KmipObjectException(ResultReason.ATTRIBUTE_NOT_FOUND, "the object has no " + name);
    }
    if (current != null) {
      int found = values.indexOf(current);
      if (found < 0) {
        throw new KmipObjectException(
            ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND, "the object has no such " + name);
      }
      return found;
    }
    int i = index == null ? 0 : index;
    if (i < 0 || i >= values.size()) {
      throw new KmipObjectException(
          ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND,
          "the object has " + values.size() + " instance(s) of " + name + ", no index " + i);
    }
    return i;
  }

  /** Sensitive may only become true, Extractable only false: a promise, once made, holds. */
  private void checkTightening(KmipValue before, KmipValue after) {
    StandardAttribute s = name.standard();
    if (s == null || s.mutability() != StandardAttribute.Mutability.TIGHTEN_ONLY) {
      return;
    }
    boolean was = ((KmipValue.BooleanValue) before).value();
    boolean now = ((KmipValue.BooleanValue) after).value();
    boolean loosens = s == StandardAttribute.SENSITIVE ? was && !now : !was && now;
    if (loosens) {
      throw new KmipObjectException(
          ResultReason.ILLEGAL_OPERATION,
          s == StandardAttribute.SENSITIVE
              ? "Sensitive can only change from false to true"
              : "Extractable can only change from true to false");
    }
  }

  private KmipValue adjusted(KmipValue before) {
    AdjustmentType how = adjustment == null ? AdjustmentType.INCREMENT : adjustment;
    BigInteger amount = value == null ? BigInteger.ONE : integerOf(value);
    BigInteger old =
        switch (before) {
          case KmipValue.IntegerValue i -> BigInteger.valueOf(i.value());
          case KmipValue.LongIntegerValue l -> BigInteger.valueOf(l.value());
          case KmipValue.BigIntegerValue b -> b.value();
          case KmipValue.IntervalValue i -> BigInteger.valueOf(i.seconds());
          case KmipValue.DateTimeValue d -> BigInteger.valueOf(d.value().getEpochSecond());
          default ->
              throw new KmipObjectException(
                  ResultReason.INVALID_ATTRIBUTE_VALUE, name + " is not a number or a date");
        };
    BigInteger updated =
        switch (how) {
          case INCREMENT -> old.add(amount);
          case DECREMENT -> old.subtract(amount);
          case NEGATE -> old.negate();
        };
    try {
      return switch (before) {
        case KmipValue.IntegerValue i -> new KmipValue.IntegerValue(updated.intValueExact());
        case KmipValue.LongIntegerValue l ->
            new KmipValue.LongIntegerValue(updated.longValueExact());
        case KmipValue.IntervalValue i -> new KmipValue.IntervalValue(updated.longValueExact());
        case KmipValue.DateTimeValue d ->
            new KmipValue.DateTimeValue(Instant.ofEpochSecond(updated.longValueExact()));
        default -> new KmipValue.BigIntegerValue(updated);
      };
    } catch (ArithmeticException | IllegalArgumentException | DateTimeException e) {
      throw new KmipObjectException(
          ResultReason.NUMERIC_RANGE, name + " would leave the range of its type");
    }
  }

  private BigInteger integerOf(KmipValue amount) {
    return switch (amount) {
      case KmipValue.IntegerValue i -> BigInteger.valueOf(i.value());
      case KmipValue.LongIntegerValue l -> BigInteger.valueOf(l.value());
      case KmipValue.BigIntegerValue b -> b.value();
      case KmipValue.IntervalValue i -> BigInteger.valueOf(i.seconds());
      default ->
          throw new KmipObjectException(
              ResultReason.INVALID_ATTRIBUTE_VALUE, "an Adjustment Value is a number");
    };
  }

  /** The instances of a client-modifiable attribute in a record. */
  static List<KmipValue> valuesOf(KmipObjectRecord r, KmipAttributeName name) {
    if (name.isCustom()) {
      return r.custom().stream()
          .filter(a -> a.name().equals(name))
          .map(KmipAttribute::value)
          .toList();
    }
    return switch (name.standard()) {
      case NAME -> List.copyOf(r.names());
      case LINK -> List.copyOf(r.links());
      case OBJECT_GROUP ->
          r.objectGroups().stream().map(g -> (KmipValue) new KmipValue.Text(g)).toList();
      case CONTACT_INFORMATION ->
          r.contactInformation() == null
              ? List.of()
              : List.of(new KmipValue.Text(r.contactInformation()));
      case SENSITIVE -> List.of(new KmipValue.BooleanValue(r.sensitive()));
      case EXTRACTABLE -> List.of(new KmipValue.BooleanValue(r.extractable()));
      default -> throw new IllegalStateException(name + " is not client-modifiable");
    };
  }

  /** The record with the instances of one client-modifiable attribute replaced. */
  static KmipObjectRecord withValues(
      KmipObjectRecord r, KmipAttributeName name, List<KmipValue> values) {
    if (name.isCustom()) {
      List<KmipAttribute> custom = new ArrayList<>();
      boolean placed = false;
      for (KmipAttribute a : r.custom()) {
        if (!a.name().equals(name)) {
          custom.add(a);
        } else if (!placed) {
          values.forEach(v -> custom.add(new KmipAttribute(name, v)));
          placed = true;
        }
      }
      if (!placed) {
        values.forEach(v -> custom.add(new KmipAttribute(name, v)));
      }
      return r.withCustom(custom);
    }
    return switch (name.standard()) {
      case NAME -> r.withNames(values.stream().map(v -> (KmipValue.NameValue) v).toList());
      case LINK -> r.withLinks(values.stream().map(v -> (KmipValue.LinkValue) v).toList());
      case OBJECT_GROUP ->
          r.withGroups(values.stream().map(v -> ((KmipValue.Text) v).value()).toList());
      case CONTACT_INFORMATION ->
          r.withContact(values.isEmpty() ? null : ((KmipValue.Text) values.get(0)).value());
      case SENSITIVE ->
          r.withProtection(((KmipValue.BooleanValue) values.get(0)).value(), r.extractable());
      case EXTRACTABLE ->
          r.withProtection(r.sensitive(), ((KmipValue.BooleanValue) values.get(0)).value());
      default -> throw new IllegalStateException(name + " is not client-modifiable");
    };
  }
}

package io.clavis.kmip.ttlv;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Structure item: an ordered list of child items, whose encodings follow one another in the
 * value.
 *
 * <p>The lookups treat a tag as single-valued unless the caller asks for {@link #children(int)} or
 * {@link #all(int, Class)}: a message that repeats a field KMIP allows once is ambiguous, and
 * picking the first or the last copy silently would let a client and a proxy disagree about what a
 * request says. Lookups throw {@link UnexpectedItemException}, which the message layer answers as
 * an invalid message.
 */
public record TtlvStructure(int tag, List<Ttlv> children) implements Ttlv {
  public TtlvStructure {
    TtlvTags.requireValid(tag);
    children = List.copyOf(children);
  }

  /** Creates a structure with the given children, in order. */
  public static TtlvStructure of(int tag, Ttlv... children) {
    return new TtlvStructure(tag, List.of(children));
  }

  /** Starts a structure whose children are added one by one, for optional fields. */
  public static Builder builder(int tag) {
    return new Builder(tag);
  }

  @Override
  public ItemType type() {
    return ItemType.STRUCTURE;
  }

  /** Returns the children with this tag, in order; empty if there are none. */
  public List<Ttlv> children(int childTag) {
    List<Ttlv> found = new ArrayList<>();
    for (Ttlv child : children) {
      if (child.tag() == childTag) {
        found.add(child);
      }
    }
    return List.copyOf(found);
  }

  /**
   * Returns the child with this tag, or empty if there is none.
   *
   * @throws UnexpectedItemException if there is more than one
   */
  public Optional<Ttlv> child(int childTag) {
    Ttlv found = null;
    int count = 0;
    for (Ttlv child : children) {
      if (child.tag() == childTag) {
        found = child;
        count++;
      }
    }
    if (count > 1) {
      throw UnexpectedItemException.repeated(tag, childTag, count);
    }
    return Optional.ofNullable(found);
  }

  /**
   * Returns the child with this tag as the given class, or empty if there is none.
   *
   * @throws UnexpectedItemException if there is more than one, or it is of another type
   */
  public <T extends Ttlv> Optional<T> optional(int childTag, Class<T> kind) {
    return child(childTag).map(child -> child.as(kind));
  }

  /**
   * Returns the child with this tag as the given class.
   *
   * @throws UnexpectedItemException if there is none, more than one, or it is of another type
   */
  public <T extends Ttlv> T required(int childTag, Class<T> kind) {
    return optional(childTag, kind)
        .orElseThrow(() -> UnexpectedItemException.missing(tag, childTag));
  }

  /**
   * Returns every child with this tag as the given class, in order.
   *
   * @throws UnexpectedItemException if one of them is of another type
   */
  public <T extends Ttlv> List<T> all(int childTag, Class<T> kind) {
    List<T> found = new ArrayList<>();
    for (Ttlv child : children) {
      if (child.tag() == childTag) {
        found.add(child.as(kind));
      }
    }
    return List.copyOf(found);
  }

  /** Returns the required child structure with this tag; see {@link #required(int, Class)}. */
  public TtlvStructure structure(int childTag) {
    return required(childTag, TtlvStructure.class);
  }

  /** Returns the value of the required Integer child with this tag. */
  public int integer(int childTag) {
    return required(childTag, TtlvInteger.class).value();
  }

  /** Returns the value of the required Long Integer child with this tag. */
  public long longInteger(int childTag) {
    return required(childTag, TtlvLongInteger.class).value();
  }

  /** Returns the value of the required Big Integer child with this tag. */
  public BigInteger bigInteger(int childTag) {
    return required(childTag, TtlvBigInteger.class).value();
  }

  /** Returns the value of the required Enumeration child with this tag. */
  public int enumeration(int childTag) {
    return required(childTag, TtlvEnumeration.class).value();
  }

  /** Returns the value of the required Boolean child with this tag. */
  public boolean bool(int childTag) {
    return required(childTag, TtlvBoolean.class).value();
  }

  /** Returns the value of the required Text String child with this tag. */
  public String text(int childTag) {
    return required(childTag, TtlvTextString.class).value();
  }

  /** Returns a copy of the bytes of the required Byte String child with this tag. */
  public byte[] bytes(int childTag) {
    return required(childTag, TtlvByteString.class).value();
  }

  /** Returns the value of the required Date-Time child with this tag. */
  public Instant dateTime(int childTag) {
    return required(childTag, TtlvDateTime.class).toInstant();
  }

  @Override
  public String toString() {
    return "TtlvStructure[tag=" + TtlvTags.hex(tag) + ", children=" + children + "]";
  }

  /** Collects the children of a structure in order; not thread-safe, used once. */
  public static final class Builder {
    private final int tag;
    private final List<Ttlv> children = new ArrayList<>();

    private Builder(int tag) {
      this.tag = TtlvTags.requireValid(tag);
    }

    /** Appends a child. */
    public Builder add(Ttlv child) {
      children.add(Objects.requireNonNull(child, "child"));
      return this;
    }

    /** Appends children in order. */
    public Builder addAll(List<? extends Ttlv> more) {
      more.forEach(this::add);
      return this;
    }

    /** Returns the structure. */
    public TtlvStructure build() {
      return new TtlvStructure(tag, children);
    }
  }
}

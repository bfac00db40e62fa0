package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.KmipVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered list of attribute instances: what a client sends with Create or Register, what Get
 * Attributes answers, what Locate matches against.
 *
 * <p>Order is kept because KMIP 1.x identifies the instances of a multi-valued attribute by their
 * position (the Attribute Index): the n-th Name of an object is Name index n. The list may hold
 * several instances of one attribute even when the attribute is single-valued, because Locate uses
 * two dates as a range; whoever stores attributes checks that.
 */
public record KmipAttributes(List<KmipAttribute> list) {
  private static final KmipAttributes EMPTY = new KmipAttributes(List.of());

  public KmipAttributes {
    list = List.copyOf(list);
  }

  public static KmipAttributes empty() {
    return EMPTY;
  }

  public static KmipAttributes of(KmipAttribute... attributes) {
    return new KmipAttributes(List.of(attributes));
  }

  public int size() {
    return list.size();
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** Returns the instances of one attribute, in order. */
  public List<KmipAttribute> all(KmipAttributeName name) {
    return list.stream().filter(a -> a.name().equals(name)).toList();
  }

  public List<KmipAttribute> all(StandardAttribute attribute) {
    return all(KmipAttributeName.of(attribute));
  }

  /** Returns the first instance of an attribute, or empty. */
  public Optional<KmipAttribute> first(KmipAttributeName name) {
    return list.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  public Optional<KmipAttribute> first(StandardAttribute attribute) {
    return first(KmipAttributeName.of(attribute));
  }

  /** Returns which attributes are present, in the order they first appear. */
  public Set<KmipAttributeName> names() {
    Set<KmipAttributeName> names = new LinkedHashSet<>();
    list.forEach(a -> names.add(a.name()));
    return names;
  }

  /**
   * Returns the position of {@code list().get(position)} among the instances of its attribute: the
   * KMIP 1.x Attribute Index.
   */
  public int indexAt(int position) {
    KmipAttributeName name = list.get(position).name();
    int index = 0;
    for (int i = 0; i < position; i++) {
      if (list.get(i).name().equals(name)) {
        index++;
      }
    }
    return index;
  }

  /** Returns only the instances of the given attributes (all of them when none is given). */
  public KmipAttributes select(Collection<KmipAttributeName> names) {
    if (names.isEmpty()) {
      return this;
    }
    Set<KmipAttributeName> wanted = Set.copyOf(names);
    return new KmipAttributes(list.stream().filter(a -> wanted.contains(a.name())).toList());
  }

  /**
   * Returns the attributes a client of {@code version} can be shown: the ones its version defines
   * (Sensitive and Extractable are KMIP 1.4) and, before 2.0, no vendor attribute other than the
   * {@code x-} and {@code y-} custom attributes 1.x can name.
   */
  public KmipAttributes visibleIn(KmipVersion version) {
    List<KmipAttribute> visible = new ArrayList<>();
    for (KmipAttribute a : list) {
      KmipAttributeName n = a.name();
      boolean known =
          n.standard() != null
              ? n.standard().since().compareTo(version) <= 0
              : version.compareTo(KmipVersion.V2_0) >= 0 || n.v1Name().isPresent();
      if (known) {
        visible.add(a);
      }
    }
    return new KmipAttributes(visible);
  }

  /** Returns a copy with {@code attribute} added at the end. */
  public KmipAttributes with(KmipAttribute attribute) {
    List<KmipAttribute> more = new ArrayList<>(list);
    more.add(attribute);
    return new KmipAttributes(more);
  }
}

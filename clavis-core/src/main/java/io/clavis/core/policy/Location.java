package io.clavis.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * Where a statement applies: the part of the compartment tree it covers, relative to the
 * compartment its policy is attached to.
 *
 * <p>Every location covers a whole subtree, because access granted on a compartment is meant to
 * extend to the compartments created inside it later.
 */
public sealed interface Location
    permits Location.Tenancy, Location.CompartmentPath, Location.CompartmentId {

  /** Returns the tenancy location. */
  static Tenancy tenancy() {
    return new Tenancy();
  }

  /** Returns the location {@code compartment names[0]:names[1]:...}. */
  static CompartmentPath compartment(String... names) {
    return new CompartmentPath(List.of(names));
  }

  /** Returns the location {@code compartment id id}. */
  static CompartmentId compartmentId(String id) {
    return new CompartmentId(id);
  }

  /**
   * Whether this location, in a policy attached to {@code path.get(attachment)}, covers the
   * compartment at the end of {@code path}.
   *
   * @param path the compartments from the tenancy root down to the one holding the target
   * @param attachment the index in {@code path} of the compartment the policy is attached to
   */
  boolean covers(List<CompartmentRef> path, int attachment);

  /** Returns the statement spelling, such as {@code compartment Prod:Payments}. */
  String canonical();

  /**
   * The whole tenancy. Only meaningful in a policy attached to the tenancy root: attached anywhere
   * else it covers nothing, since a policy may not reach above its own compartment.
   */
  record Tenancy() implements Location {
    @Override
    public boolean covers(List<CompartmentRef> path, int attachment) {
      return path.get(attachment).isTenancy();
    }

    @Override
    public String canonical() {
      return "tenancy";
    }
  }

  /**
   * The compartment reached from the attachment by following {@code names}, one level each, and
   * everything below it. Names rather than ids make policies readable and let them be written
   * before the compartments exist.
   *
   * @param names compartment names, outermost first; copied, unmodifiable, never empty
   */
  record CompartmentPath(List<String> names) implements Location {
    /**
     * Checks the names and copies them.
     *
     * @throws IllegalArgumentException if the path is empty, a name is invalid, or the path is the
     *     single name {@code id}, which would read as the start of a {@code compartment id}
     *     location
     */
    public CompartmentPath {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a compartment path needs at least one name");
      }
      for (String name : names) {
        Names.require("a compartment name", name);
      }
      if (names.size() == 1 && Ascii.equalsIgnoreCase(names.get(0), "id")) {
        throw new IllegalArgumentException(
            "a compartment named 'id' must be written by its id or with its parent's path");
      }
    }

    @Override
    public boolean covers(List<CompartmentRef> path, int attachment) {
      int size = names.size();
      if (path.size() - attachment - 1 < size) {
        return false;
      }
      for (int i = 0; i < size; i++) {
        if (!path.get(attachment + 1 + i).name().equals(names.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String canonical() {
      return "compartment " + String.join(":", names);
    }
  }

  /**
   * The compartment with this id and everything below it, provided it lies at or below the
   * attachment. Ids keep naming the same compartment when it is renamed.
   *
   * @param id the compartment id
   */
  record CompartmentId(String id) implements Location {
    /**
     * Checks the id.
     *
     * @throws IllegalArgumentException if it is not a valid id
     */
    public CompartmentId {
      Objects.requireNonNull(id, "id");
      Names.require("a compartment id", id);
    }

    @Override
    public boolean covers(List<CompartmentRef> path, int attachment) {
      for (int i = attachment; i < path.size(); i++) {
        if (path.get(i).id().equals(id)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String canonical() {
      return "compartment id " + id;
    }
  }
}

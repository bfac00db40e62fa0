package io.clavis.core.policy;

import java.util.Objects;

/**
 * One compartment on the path of a request: its id, which policies are attached to and {@code
 * compartment id} locations name, and its name, which compartment paths name.
 *
 * @param id the compartment id; {@value #TENANCY_ID} for the tenancy root
 * @param name the compartment name; {@code tenancy} for the tenancy root
 */
public record CompartmentRef(String id, String name) {
  /** The id (and name) of the tenancy root, the compartment that holds every other one. */
  public static final String TENANCY_ID = "tenancy";

  /** The tenancy root. */
  public static final CompartmentRef TENANCY = new CompartmentRef(TENANCY_ID, TENANCY_ID);

  /** Checks for nulls. */
  public CompartmentRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** Whether this is the tenancy root. */
  public boolean isTenancy() {
    return id.equals(TENANCY_ID);
  }
}

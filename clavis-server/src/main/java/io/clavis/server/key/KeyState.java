package io.clavis.server.key;

/** Lifecycle of a key. Only ENABLED keys encrypt, sign or MAC. */
public enum KeyState {
  ENABLED,
  DISABLED,
  PENDING_DELETION,
  DESTROYED
}

package io.clavis.core.crypto;

import java.security.GeneralSecurityException;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reuses JCA engine objects ({@code Cipher}, {@code Mac}, {@code Signature}, {@code MessageDigest})
 * across calls.
 *
 * <p>{@code getInstance} searches the provider list and costs more than the operation itself for
 * small inputs, so hot paths must not call it per operation. Platform threads keep one engine each
 * in a {@link ThreadLocal}. Virtual threads are usually created per task (a server runs each
 * request that may block on a fresh one), so a thread-local would never be hit twice and would only
 * add garbage; they borrow from a small shared pool instead.
 *
 * <p>Engines are stateful between {@code init} and {@code doFinal}. A caller holds the engine
 * exclusively from {@link #acquire()} to {@link #release(Object)}, must {@code init} it before use
 * (it may hold another key's state), and must not acquire from the same cache again before
 * releasing, as a platform thread would get the same object back.
 */
final class EngineCache<T> {

  /** Creates one engine; {@code getInstance} throws checked exceptions, hence not a Supplier. */
  @FunctionalInterface
  interface Factory<T> {
    T create() throws GeneralSecurityException;
  }

  // Enough for every core to hold one while another waits; surplus engines are dropped.
  private static final int POOL_CAPACITY =
      Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

  private final Factory<T> factory;
  private final ThreadLocal<T> perThread;
  private final ArrayBlockingQueue<T> pool = new ArrayBlockingQueue<>(POOL_CAPACITY);

  EngineCache(Factory<T> factory) {
    this.factory = factory;
    this.perThread = ThreadLocal.withInitial(this::create);
  }

  T acquire() {
    if (!Thread.currentThread().isVirtual()) {
      return perThread.get();
    }
    T engine = pool.poll();
    return engine != null ? engine : create();
  }

  void release(T engine) {
    if (Thread.currentThread().isVirtual()) {
      pool.offer(engine);
    }
  }

  private T create() {
    try {
      return factory.create();
    } catch (GeneralSecurityException e) {
      // Every algorithm used here is mandatory in the JDK; its absence is a broken runtime.
      throw new IllegalStateException("required JCA algorithm is unavailable", e);
    }
  }
}

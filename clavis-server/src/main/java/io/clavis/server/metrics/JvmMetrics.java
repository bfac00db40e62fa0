package io.clavis.server.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * The JVM's and the process's figures from the platform MXBeans: memory, garbage collection,
 * threads, CPU time, uptime and file descriptors (the last two kinds only where the JDK reports
 * them, as on Linux).
 */
final class JvmMetrics implements MetricSource {
  private static final String USED = "clavis_jvm_memory_used_bytes";
  private static final String COMMITTED = "clavis_jvm_memory_committed_bytes";
  private static final String MAX = "clavis_jvm_memory_max_bytes";
  private static final String GC_COUNT = "clavis_jvm_gc_collections_total";
  private static final String GC_TIME = "clavis_jvm_gc_collection_seconds_total";
  private static final String THREADS = "clavis_jvm_threads";
  private static final String CPU = "clavis_process_cpu_seconds_total";
  private static final String UPTIME = "clavis_process_uptime_seconds";
  private static final String OPEN_FDS = "clavis_process_open_fds";
  private static final String MAX_FDS = "clavis_process_max_fds";

  @Override
  public void writeTo(ExpositionWriter out) {
    var memory = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    out.family(USED, MetricType.GAUGE, "JVM memory in use, by area (heap, nonheap).");
    out.sample(USED, heap.getUsed(), "area", "heap");
    out.sample(USED, nonHeap.getUsed(), "area", "nonheap");
    out.family(COMMITTED, MetricType.GAUGE, "JVM memory committed by the OS, by area.");
    out.sample(COMMITTED, heap.getCommitted(), "area", "heap");
    out.sample(COMMITTED, nonHeap.getCommitted(), "area", "nonheap");
    out.family(MAX, MetricType.GAUGE, "Most JVM memory the area may use; absent when unbounded.");
    if (heap.getMax() >= 0) {
      out.sample(MAX, heap.getMax(), "area", "heap");
    }
    if (nonHeap.getMax() >= 0) {
      out.sample(MAX, nonHeap.getMax(), "area", "nonheap");
    }

    var collectors = ManagementFactory.getGarbageCollectorMXBeans();
    out.family(GC_COUNT, MetricType.COUNTER, "Garbage collections, by collector.");
    for (GarbageCollectorMXBean gc : collectors) {
      out.sample(GC_COUNT, Math.max(0, gc.getCollectionCount()), "collector", gc.getName());
    }
    out.family(GC_TIME, MetricType.COUNTER, "Time spent in garbage collection, by collector.");
    for (GarbageCollectorMXBean gc : collectors) {
      out.sample(GC_TIME, Math.max(0, gc.getCollectionTime()) / 1e3, "collector", gc.getName());
    }

    var threads = ManagementFactory.getThreadMXBean();
    out.family(THREADS, MetricType.GAUGE, "Live platform threads, by kind (all, daemon).");
    out.sample(THREADS, threads.getThreadCount(), "kind", "all");
    out.sample(THREADS, threads.getDaemonThreadCount(), "kind", "daemon");

    out.family(UPTIME, MetricType.GAUGE, "Time since the node's JVM started.");
    out.sample(UPTIME, ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);

    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long cpu = sun.getProcessCpuTime();
      if (cpu >= 0) {
        out.family(CPU, MetricType.COUNTER, "CPU time used by the node's process.");
        out.sample(CPU, cpu / 1e9);
      }
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      out.family(OPEN_FDS, MetricType.GAUGE, "File descriptors the process has open.");
      out.sample(OPEN_FDS, unix.getOpenFileDescriptorCount());
      out.family(MAX_FDS, MetricType.GAUGE, "Most file descriptors the process may open.");
      out.sample(MAX_FDS, unix.getMaxFileDescriptorCount());
    }
  }
}

/**
 * The node's metrics in the Prometheus text exposition format (version 0.0.4), written by hand: a
 * registry of sources, request counters and latency histograms that cost a few atomic additions on
 * the hot path, the JVM's own figures, and the text writer. This package depends on nothing else in
 * the server; the listeners record into it and the node registers its gauges.
 */
package io.clavis.server.metrics;

package io.clavis.server.audit;

import java.util.concurrent.CompletableFuture;

/** An event waiting in the queue and the future its caller waits on. */
record Pending(AuditEvent event, CompletableFuture<AuditRecord> future) {}

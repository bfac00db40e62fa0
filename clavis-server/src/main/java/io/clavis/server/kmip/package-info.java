/**
 * The KMIP protocol layer: the TLS listener on the KMIP port, the request and response messages,
 * batches, and the dispatcher that hands each batch item to the handler of its operation.
 *
 * <p>Like the REST listener, this layer translates and nothing else: it authenticates the caller
 * (the service whose registered client certificate opened the connection), refuses everything while
 * the node is sealed, writes one audit record per batch item (protocol {@code kmip}, operation
 * {@code kmip.<operation>}) and turns errors into Result Reasons; the rules live in the service
 * layer that the handlers call.
 *
 * <p>Adding an operation: implement {@link io.clavis.server.kmip.KmipOperationHandler}, authorise
 * with {@link io.clavis.server.kmip.KmipRequestContext#authorize}, and register the handler in
 * {@code ClavisNode} with {@link io.clavis.server.kmip.KmipDispatcher#register} (declaring stored
 * object types with {@link io.clavis.server.kmip.KmipDispatcher#supportObjectTypes}). Query then
 * lists it, audit records name it, and the batch rules apply to it without further work.
 */
package io.clavis.server.kmip;

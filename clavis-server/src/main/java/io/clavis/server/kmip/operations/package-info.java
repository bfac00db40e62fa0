/**
 * The KMIP managed-object operations: one {@link io.clavis.server.kmip.KmipOperationHandler} per
 * operation (Create, Register, Get, Get Attributes, Get Attribute List, Locate, Check, Activate,
 * Revoke, Destroy, Add/Modify/Delete/Set/Adjust Attribute, RNG Retrieve, Encrypt, Decrypt, MAC, MAC
 * Verify), registered by {@link io.clavis.server.kmip.operations.KmipOperations#registerAll}. Each
 * reads its payload in the request's protocol version and calls {@link
 * io.clavis.server.kmip.objects.ManagedObjects}, which authorises and changes the objects; see
 * docs/kmip.md for what is supported.
 */
package io.clavis.server.kmip.operations;

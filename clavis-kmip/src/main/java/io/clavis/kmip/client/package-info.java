/**
 * A small KMIP client over mutual TLS: one persistent connection, one request at a time, for the
 * operations that tools and tests need (Discover Versions, Create, Activate, Get, Encrypt, Decrypt,
 * Locate by name, Revoke, Destroy) at KMIP 1.x or 2.0.
 *
 * <p>It speaks standard KMIP and nothing Clavis-specific, so that it can be pointed at any KMIP
 * server; the load generator ({@code clavis bench --protocol kmip}) is its main user.
 */
package io.clavis.kmip.client;

/**
 * The Clavis Java SDK.
 *
 * <p>Start with {@link io.clavis.client.ClavisClient#builder()}. Results are immutable records
 * named after the REST API's objects ({@link io.clavis.client.Key}, {@link io.clavis.client.Vault},
 * {@link io.clavis.client.EncryptResult}...). Binary values are {@code byte[]} and the SDK does the
 * base64, except ciphertexts, which stay {@code String}s in their base64 wire form (what
 * applications store). Every failure is a {@link io.clavis.client.ClavisException} with the API's
 * error code.
 *
 * <p>Access control has its own records: {@link io.clavis.client.User}, {@link
 * io.clavis.client.Service}, {@link io.clavis.client.Group}, {@link io.clavis.client.Policy} and
 * {@link io.clavis.client.PolicyExplanation}; the audit trail is read as {@link
 * io.clavis.client.AuditPage}s of {@link io.clavis.client.AuditEvent}s, or exported as text with
 * {@link io.clavis.client.AuditExport}.
 */
package io.clavis.client;

/**
 * The Clavis Java SDK.
 *
 * <p>Start with {@link io.clavis.client.ClavisClient#builder()}. Results are immutable records
 * named after the REST API's objects ({@link io.clavis.client.Key}, {@link io.clavis.client.Vault},
 * {@link io.clavis.client.EncryptResult}...). Binary values are {@code byte[]} and the SDK does the
 * base64, except ciphertexts, which stay {@code String}s in their base64 wire form (what
 * applications store). Every failure is a {@link io.clavis.client.ClavisException} with the API's
 * error code.
 */
package io.clavis.client;

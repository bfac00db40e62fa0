package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of encrypt and re-encrypt. {@code ciphertext} is the base64 wire form, exactly what
 * {@link ClavisClient#decrypt(String, byte[])} takes back and what applications store.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncryptResult(String ciphertext, String keyId, int keyVersion) {}

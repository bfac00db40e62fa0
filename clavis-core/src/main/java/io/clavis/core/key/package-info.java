/** Key algorithms, generated key material and public key encodings. */
package io.clavis.core.key;

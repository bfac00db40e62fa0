/** The self-describing ciphertext format and the envelope encryption that produces it. */
package io.clavis.core.ciphertext;

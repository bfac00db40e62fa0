/**
 * The KMIP TTLV (tag, type, length, value) encoding: an immutable item model, an encoder and a
 * strict decoder.
 *
 * <p>Every KMIP message is one TTLV item, almost always a {@link
 * io.clavis.kmip.ttlv.TtlvStructure}. The model knows nothing of what the tags mean, so that the
 * codec stays small and can be tested exhaustively; the tag and enumeration tables live in {@code
 * io.clavis.kmip.spec} and the meaning of messages in the layers above.
 *
 * <p>The decoder faces bytes from unauthenticated network peers. It checks every length, padding
 * byte and limit before it trusts or allocates anything, and a malformed input always ends in a
 * {@link io.clavis.kmip.ttlv.TtlvFormatException} that names the {@linkplain
 * io.clavis.kmip.ttlv.TtlvFormatException.Reason reason}, never in another exception, an
 * out-of-memory error or a deep recursion.
 */
package io.clavis.kmip.ttlv;

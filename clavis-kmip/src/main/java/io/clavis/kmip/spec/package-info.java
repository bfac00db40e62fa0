/**
 * What KMIP tags and enumeration values mean: the registry tables of KMIP 1.4 and the KMIP 2.0
 * additions, constants for the tags and enumerations the server uses, and a readable dump of
 * messages for logs.
 *
 * <p>The tables are loaded from JSON resources shipped in this jar ({@code kmip_1_4_registry.json}
 * and {@code kmip_2_0_additions_registry.json}, MIT-licensed, see {@code LICENSE-registry} next to
 * them). The hand-written constants ({@link io.clavis.kmip.spec.Tag}, {@link
 * io.clavis.kmip.spec.Operation} and the other enums) exist so that code reads {@code
 * Tag.BATCH_ITEM} instead of a number; tests check every one of them against the tables, so a typo
 * in a constant cannot survive.
 */
package io.clavis.kmip.spec;

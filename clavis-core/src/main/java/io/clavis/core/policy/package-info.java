/**
 * The policy language: statements such as {@code allow group apps to use keys in compartment Prod
 * where target.key.name = 'finance'}, their parser, and their evaluation against access requests.
 *
 * <p>Access is denied by default; a {@link io.clavis.core.policy.PolicySet} answers with the first
 * statement that allows a request. Parsing and evaluation are pure functions with no I/O, so that
 * the server can load policies from its replicated state and check every request without side
 * effects.
 */
package io.clavis.core.policy;

/**
 * Message signatures, digests and quorum certificates shared by the consensus engines: Ed25519 by default and
 * ML-DSA-87 for post-quantum deployments, both through Bouncy Castle's lightweight API (the JDK's Ed25519 is ~20x
 * slower here).
 * <p>
 * Depends only on Bouncy Castle; the protocol cores ({@code io.novacron.consensus.*}) and the transport may depend
 * on it, never the other way round.
 */
package io.novacron.crypto;

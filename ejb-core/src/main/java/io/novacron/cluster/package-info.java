/**
 * This server's place in the replicated control plane: who the members are and where they listen
 * ({@link io.novacron.cluster.ClusterSettings}), and the members' signing keys ({@link io.novacron.cluster.ClusterKeys}).
 * The plain records and key files need no container; the EJBs read MicroProfile Config. May depend on
 * {@code io.novacron.crypto} (consensus module) only; {@code grid} and the consensus service depend on it.
 */
package io.novacron.cluster;

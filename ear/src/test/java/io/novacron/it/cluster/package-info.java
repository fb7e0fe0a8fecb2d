/**
 * System tests of several NovaCron servers on loopback: {@link io.novacron.it.cluster.LocalCluster} starts them
 * from the one Liberty install this module builds, each in its own user and data directory, on test ports.
 */
package io.novacron.it.cluster;

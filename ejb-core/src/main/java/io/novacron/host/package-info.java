/**
 * The host inventory: the hypervisor hosts NovaCron manages, their validation, and the one write path
 * that changes them (grid state and audit record together). The REST layer and, later, the consensus
 * driver depend on it; it depends on the grid and audit packages only.
 */
package io.novacron.host;

/**
 * REST resource for the host inventory (/api/v1/hosts). It validates nothing itself: the core's
 * HostInventory owns the rules, so the API, the UI and later the consensus path agree on them.
 */
package io.novacron.api.hosts;

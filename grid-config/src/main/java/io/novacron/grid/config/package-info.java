/**
 * Builds the embedded Apache Ignite node's configuration from plain settings: discovery, ports, the
 * bounded (and by default persistent) data region, and the caches that hold the cluster's agreed state.
 * Plain Java with no Jakarta types, so it is tested by starting real nodes; ejb-core depends on it.
 */
package io.novacron.grid.config;

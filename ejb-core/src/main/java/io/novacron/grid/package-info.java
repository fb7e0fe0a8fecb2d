/**
 * The embedded Apache Ignite node that holds the cluster's agreed state, started and stopped with the
 * application. Domain packages (host, later migration and reputation) reach their caches through it.
 */
package io.novacron.grid;

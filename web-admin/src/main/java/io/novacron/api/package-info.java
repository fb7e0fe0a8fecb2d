/**
 * The public REST API under /api/v1: thin JAX-RS resources that check input, call the core's EJBs and
 * map their results and typed exceptions to JSON and problem+json. Nothing in ejb-core depends on it.
 */
package io.novacron.api;

/**
 * MicroProfile Health checks: readiness (database reachable, schema migrated, grid active) and liveness.
 * Load balancers and the admin UI read them at /health/ready and /health/live.
 */
package io.novacron.health;

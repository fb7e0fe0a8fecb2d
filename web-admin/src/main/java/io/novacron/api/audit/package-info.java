/**
 * REST resource for reading the audit trail (/api/v1/audit), for admins and auditors only.
 * The trail is append-only: there is no resource that changes it.
 */
package io.novacron.api.audit;

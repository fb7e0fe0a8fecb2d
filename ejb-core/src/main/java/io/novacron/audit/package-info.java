/**
 * The audit trail: the append-only record of who did what to which object, with what outcome, and
 * the JPA entity, query and EJB that write and search it.
 * Any capability that changes state may depend on this package (through {@link io.novacron.audit.AuditTrail}
 * and {@link io.novacron.audit.AuditEntry}); it depends on nothing else in NovaCron.
 */
package io.novacron.audit;

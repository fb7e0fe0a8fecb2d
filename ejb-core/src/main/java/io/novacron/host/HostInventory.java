package io.novacron.host;

import io.novacron.audit.AuditDigest;
import io.novacron.audit.AuditEntry;
import io.novacron.audit.AuditOutcome;
import io.novacron.audit.AuditTrail;
import io.novacron.grid.GridNode;
import io.novacron.grid.GridUnavailableException;
import io.novacron.replication.Agreement;
import io.novacron.replication.ConsensusService;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.apache.ignite.IgniteException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The host inventory's service: reads from this member's copy of the agreed state, and the single write path for
 * every change. A change is proposed through consensus and returns once it is committed and applied here; the audit
 * record names its log position (and, under PBFT, the quorum certificate). Refusals (unknown host, name taken, stale
 * version) are decided when the command applies, identically on every member, and are audited as REJECTED.
 */
@Stateless
@DeclareRoles({"admin", "operator", "auditor"})
// No transaction: a write waits for consensus, and a transaction held across that wait keeps a database connection
// (20 per server) for its whole length, which capped a server at 20 writes in flight. The change is applied by
// consensus; its audit record commits on its own right after.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HostInventory {

    @EJB
    GridNode grid;
    @EJB
    AuditTrail audit;
    @EJB
    ConsensusService consensus;
    @Resource
    SessionContext session;
    @Inject
    @ConfigProperty(name = "novacron.node.id", defaultValue = "node-1")
    String nodeId;

    @RolesAllowed({"admin", "operator", "auditor"})
    public List<Host> list() {
        return read(HostGridStore::all);
    }

    @RolesAllowed({"admin", "operator", "auditor"})
    public Host get(String id) {
        return read(store -> store.find(id)).orElseThrow(() -> new HostNotFoundException(id));
    }

    /** Number of hosts in this member's copy, for metrics. */
    @RolesAllowed({"admin", "operator", "auditor"})
    public int count() {
        return read(HostGridStore::size);
    }

    @RolesAllowed({"admin", "operator"})
    public Host register(HostSpec spec) {
        HostSpecValidator.requireValid(spec);
        return execute(new HostCommand.Register(spec)).after();
    }

    /**
     * Changes a host. With an expected version the change applies only if nobody changed the host since the
     * caller read it (optimistic concurrency, as HTTP If-Match carries it); null skips that check.
     */
    @RolesAllowed({"admin", "operator"})
    public Host update(String id, HostSpec spec, Long expectedVersion) {
        HostSpecValidator.requireValid(spec);
        return execute(new HostCommand.Update(id, spec, expectedVersion)).after();
    }

    @RolesAllowed({"admin", "operator"})
    public void remove(String id) {
        execute(new HostCommand.Remove(id));
    }

    /** The write path: every inventory change passes here, and only here. */
    private HostChange execute(HostCommand command) {
        String actor = session.getCallerPrincipal().getName();
        // The change cannot be taken back once committed, so make sure its audit record can be written first.
        audit.requireWritable();
        AgreedHostCommand agreed = AgreedHostCommand.propose(actor, Instant.now(), command);
        Agreement agreement = consensus.agree(HostStateMachine.KIND, AgreedHostCommandCodec.encode(agreed));
        if (agreement.outcome() instanceof HostChange change) {
            audit.appendAgreed(new AuditEntry(actor, command.action(), "host", change.hostId(), AuditOutcome.SUCCESS,
                    change.hostName(), digest(change.before()), digest(change.after())), agreement.position(),
                    agreement.certificate());
            return change;
        }
        RuntimeException refusal = agreement.outcome() instanceof RuntimeException refused ? refused
                : new IllegalStateException("the host state returned no outcome for position "
                + agreement.position());
        audit.appendAgreed(rejection(command, actor, refusal), agreement.position(), agreement.certificate());
        throw refusal;
    }

    private <T> T read(Function<HostGridStore, T> query) {
        try {
            return query.apply(new HostGridStore(grid.running(), nodeId));
        } catch (IgniteException e) {
            throw new GridUnavailableException("The grid could not be read: " + e.getMessage(), e);
        }
    }

    private static AuditEntry rejection(HostCommand command, String actor, RuntimeException reason) {
        String target = command instanceof HostCommand.Register register ? register.spec().name()
                : command instanceof HostCommand.Update update ? update.hostId()
                : ((HostCommand.Remove) command).hostId();
        if (target.length() > AuditEntry.TARGET_ID_CHARS_MAX) {
            target = target.substring(0, AuditEntry.TARGET_ID_CHARS_MAX);
        }
        return new AuditEntry(actor, command.action(), "host", target, AuditOutcome.REJECTED,
                reason.getMessage(), null, null);
    }

    private static String digest(Host host) {
        return host == null ? null : AuditDigest.of(host.canonicalForm());
    }
}

package io.novacron.host;

import io.novacron.audit.AuditDigest;
import io.novacron.audit.AuditEntry;
import io.novacron.audit.AuditOutcome;
import io.novacron.audit.AuditTrail;
import io.novacron.grid.GridNode;
import io.novacron.grid.GridUnavailableException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The host inventory's service: reads from the grid and the single write path for every change.
 * A change commits to the grid and to the audit trail together: the grid transaction commits only after
 * the audit record is flushed, and is undone if the audit transaction then fails to commit.
 */
@Stateless
@DeclareRoles({"admin", "operator", "auditor"})
public class HostInventory {

    private static final Logger LOG = Logger.getLogger(HostInventory.class.getName());
    private static final long GRID_TX_TIMEOUT_MS = 10_000;

    @EJB
    GridNode grid;
    @EJB
    AuditTrail audit;
    @Resource
    SessionContext session;
    @Resource
    TransactionSynchronizationRegistry transactions;

    @RolesAllowed({"admin", "operator", "auditor"})
    public List<Host> list() {
        return read(HostGridStore::all);
    }

    @RolesAllowed({"admin", "operator", "auditor"})
    public Host get(String id) {
        return read(store -> store.find(id)).orElseThrow(() -> new HostNotFoundException(id));
    }

    /** Number of hosts in the grid, for metrics; 0 while the grid is down. */
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
        Ignite ignite = grid.running();
        HostGridStore store = new HostGridStore(ignite);
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, GRID_TX_TIMEOUT_MS, 0)) {
            HostChange change;
            try {
                change = store.apply(AgreedHostCommand.propose(actor, Instant.now(), command));
            } catch (HostNotFoundException | DuplicateHostNameException | HostVersionConflictException rejected) {
                audit.appendAlone(rejection(command, actor, rejected));
                throw rejected;
            }
            audit.append(new AuditEntry(actor, command.action(), "host", change.hostId(), AuditOutcome.SUCCESS,
                    change.hostName(), digest(change.before()), digest(change.after())));
            tx.commit();
            transactions.registerInterposedSynchronization(new UndoUnlessCommitted(ignite, change));
            return change;
        } catch (IgniteException e) {
            throw new GridUnavailableException("The grid could not complete the change: " + e.getMessage(), e);
        }
    }

    private <T> T read(Function<HostGridStore, T> query) {
        try {
            return query.apply(new HostGridStore(grid.running()));
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

    /** Restores the grid when the audit transaction rolls back after the grid already committed. */
    private record UndoUnlessCommitted(Ignite ignite, HostChange change) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                return;
            }
            try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                    TransactionIsolation.REPEATABLE_READ, GRID_TX_TIMEOUT_MS, 0)) {
                new HostGridStore(ignite).undo(change);
                tx.commit();
                LOG.warning(() -> "Undid " + change.command().action() + " of host " + change.hostId()
                        + " in the grid: its audit record did not commit");
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Could not undo " + change.command().action() + " of host "
                        + change.hostId() + " after its audit record failed; grid and audit disagree", e);
            }
        }
    }
}

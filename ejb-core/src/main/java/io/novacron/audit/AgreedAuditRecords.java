package io.novacron.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the records of agreed changes are written: they arrive from many request threads at once, each after its
 * change was applied by consensus, and are committed in shared transactions ({@link GroupCommit}), one per batch of
 * callers waiting at the same moment. A caller returns once its own record is committed.
 * <p>
 * Why a singleton with its own transactions: the batch is the transaction, and no caller's transaction can span the
 * others'. At a thousand writes a second the audit commit was a third of a server's CPU, one commit per record.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AgreedAuditRecords {

    private static final Logger LOG = Logger.getLogger(AgreedAuditRecords.class.getName());
    /** Records per committed batch: how much the group commit shares under the current load. */
    public static final String BATCH_RECORDS_METRIC = "novacron.audit.batch.records";
    /** Records per transaction at most: bounds one commit's work and the time its first caller waits. */
    static final int BATCH_RECORDS_MAX = 256;

    @PersistenceContext(unitName = "novacron")
    EntityManager em;
    @Resource
    UserTransaction transaction;
    @Inject
    MetricRegistry metrics;

    private final GroupCommit<AuditRecord> commits = new GroupCommit<>(this::commit, BATCH_RECORDS_MAX);

    /** Commits {@code record}, possibly with others, before returning. */
    public AuditRecord append(AuditRecord record) {
        try {
            commits.write(record);
            return record;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EJBException("The audit record could not be written: " + e.getMessage(), e);
        }
    }

    private void commit(List<AuditRecord> batch) throws Exception {
        transaction.begin();
        try {
            for (AuditRecord record : batch) {
                em.persist(record);
            }
            transaction.commit();
        } catch (Exception | Error e) {
            rollBack();
            throw e;
        }
        metrics.counter(AuditTrail.RECORDS_WRITTEN_METRIC).inc(batch.size());
        metrics.histogram(BATCH_RECORDS_METRIC).update(batch.size());
    }

    private void rollBack() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "Could not roll back a failed audit batch", e);
        }
    }
}

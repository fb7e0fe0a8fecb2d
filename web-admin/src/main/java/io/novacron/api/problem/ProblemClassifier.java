package io.novacron.api.problem;

import io.novacron.grid.GridUnavailableException;
import io.novacron.host.DuplicateHostNameException;
import io.novacron.host.HostNotFoundException;
import io.novacron.host.HostValidationException;
import io.novacron.host.HostVersionConflictException;
import io.novacron.replication.CommitTimeoutException;
import io.novacron.replication.ConsensusOverloadedException;
import io.novacron.replication.ConsensusUnavailableException;
import io.novacron.replication.LeadershipTransferException;
import io.novacron.replication.NoQuorumException;
import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.WebApplicationException;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides which problem a failure is. It walks the cause chain because the EJB container wraps what the
 * core throws; it never copies a library's exception text into a response, only the core's own messages.
 */
public final class ProblemClassifier {

    private static final Logger LOG = Logger.getLogger(ProblemClassifier.class.getName());
    private static final int CAUSE_DEPTH_MAX = 16;
    /** The core's failures whose own message is the problem's detail, and the problem each one is. */
    private static final Map<Class<? extends RuntimeException>, ProblemType> OWN_MESSAGE = Map.of(
            HostNotFoundException.class, ProblemType.NOT_FOUND,
            DuplicateHostNameException.class, ProblemType.DUPLICATE_NAME,
            HostVersionConflictException.class, ProblemType.VERSION_CONFLICT,
            NoQuorumException.class, ProblemType.NO_QUORUM,
            ConsensusOverloadedException.class, ProblemType.OVERLOADED,
            CommitTimeoutException.class, ProblemType.COMMIT_TIMEOUT,
            ConsensusUnavailableException.class, ProblemType.CONSENSUS_UNAVAILABLE,
            LeadershipTransferException.class, ProblemType.LEADERSHIP_TRANSFER_REFUSED);

    private ProblemClassifier() {
    }

    public static Problem classify(Throwable failure, String instance) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSE_DEPTH_MAX; depth++, cause = cause.getCause()) {
            Problem known = known(cause, instance);
            if (known != null) {
                return known;
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident + " at " + instance, failure);
        return Problem.of(ProblemType.INTERNAL, "Incident " + incident + "; the server log has the details.",
                instance);
    }

    private static Problem known(Throwable cause, String instance) {
        if (cause instanceof HostValidationException invalid) {
            return Problem.invalid(ProblemType.VALIDATION, invalid.violations().size() + " field(s) are invalid",
                    instance, invalid.violations().stream()
                            .map(v -> new Problem.FieldError(v.field(), v.message())).toList());
        }
        if (cause instanceof InvalidParameterException invalid) {
            return Problem.invalid(ProblemType.INVALID_PARAMETER, invalid.getMessage(), instance, invalid.errors());
        }
        for (Map.Entry<Class<? extends RuntimeException>, ProblemType> own : OWN_MESSAGE.entrySet()) {
            if (own.getKey().isInstance(cause)) {
                return Problem.of(own.getValue(), cause.getMessage(), instance);
            }
        }
        if (cause instanceof GridUnavailableException) {
            return Problem.of(ProblemType.GRID_UNAVAILABLE, "The state grid cannot serve requests right now; "
                    + "see /health/ready.", instance);
        }
        if (cause instanceof EJBAccessException) {
            return Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this operation.", instance);
        }
        if (cause instanceof jakarta.json.bind.JsonbException || cause instanceof jakarta.json.JsonException) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The body could not be read as JSON of the expected "
                    + "shape.", instance);
        }
        if (cause instanceof WebApplicationException web) {
            return fromStatus(web.getResponse() == null ? 500 : web.getResponse().getStatus(), instance);
        }
        if (isDatabaseFailure(cause)) {
            return Problem.of(ProblemType.DATABASE_UNAVAILABLE, "The database cannot serve requests right now; "
                    + "nothing was changed. See /health/ready.", instance);
        }
        if (cause.getClass().getName().startsWith("org.apache.ignite.")) {
            return Problem.of(ProblemType.GRID_UNAVAILABLE, "The state grid cannot serve requests right now; "
                    + "nothing was changed. See /health/ready.", instance);
        }
        return null;
    }

    static boolean isDatabaseFailure(Throwable cause) {
        return cause instanceof java.sql.SQLException
                || cause instanceof jakarta.persistence.PersistenceException
                || cause.getClass().getName().startsWith("org.eclipse.persistence.exceptions.");
    }

    /** A problem for a bare HTTP status raised by the framework or the container. */
    public static Problem fromStatus(int status, String instance) {
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "Nothing is at " + instance + ".";
            case UNAUTHORIZED -> "Sign in with HTTP Basic credentials of a NovaCron user.";
            case FORBIDDEN -> "Your role does not allow this operation.";
            case MALFORMED_REQUEST -> "The request could not be read.";
            case METHOD_NOT_ALLOWED -> "This method is not supported at " + instance + ".";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case NOT_ACCEPTABLE -> "This resource answers in application/json.";
            default -> "The request failed with status " + status + ".";
        };
        return new Problem(type.uri(), type.title(), status, detail, instance, null);
    }
}

package io.novacron.api.problem;

import io.novacron.grid.GridUnavailableException;
import io.novacron.host.DuplicateHostNameException;
import io.novacron.host.FieldViolation;
import io.novacron.host.HostNotFoundException;
import io.novacron.host.HostValidationException;
import io.novacron.host.HostVersionConflictException;
import io.novacron.replication.ConsensusOverloadedException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemClassifierTest {

    private static final String AT = "/api/v1/hosts";

    @Test
    void validationNamesEveryField() {
        Problem problem = ProblemClassifier.classify(new HostValidationException(List.of(
                new FieldViolation("name", "must not be blank"), new FieldViolation("vcpus", "is required"))), AT);
        assertEquals(400, problem.status());
        assertEquals("https://novacron.io/problems/validation", problem.type().toString());
        assertEquals(List.of(new Problem.FieldError("name", "must not be blank"),
                new Problem.FieldError("vcpus", "is required")), problem.errors());
        assertEquals(AT, problem.instance());
    }

    @Test
    void domainFailuresMapToTheirStatus() {
        assertEquals(404, ProblemClassifier.classify(new HostNotFoundException("x"), AT).status());
        assertEquals(409, ProblemClassifier.classify(new DuplicateHostNameException("hv"), AT).status());
        assertEquals(403, ProblemClassifier.classify(new EJBAccessException("no"), AT).status());
        assertEquals(503, ProblemClassifier.classify(new GridUnavailableException("down"), AT).status());
        assertEquals(412, ProblemClassifier.classify(new HostVersionConflictException("h", 1, 2), AT).status());
    }

    @Test
    void anOverloadedServerSaysSoWithItsOwnType() {
        Problem problem = ProblemClassifier.classify(new ConsensusOverloadedException("512 waiting"), AT);
        assertEquals(503, problem.status());
        assertEquals("https://novacron.io/problems/overloaded", problem.type().toString());
        assertEquals("512 waiting", problem.detail());
    }

    @Test
    void aDatabaseFailureWrappedByTheContainerIsServiceUnavailableWithoutItsText() {
        Throwable wrapped = new EJBException(new PersistenceException("boom",
                new SQLException("Connection to db.internal:5432 refused")));
        Problem problem = ProblemClassifier.classify(wrapped, AT);
        assertEquals(503, problem.status());
        assertEquals("https://novacron.io/problems/database-unavailable", problem.type().toString());
        assertFalse(problem.detail().contains("db.internal"), "library text must not leak: " + problem.detail());
        assertNull(problem.errors());
    }

    @Test
    void anUnknownFailureIsAnIncidentWithoutDetails() {
        Problem problem = ProblemClassifier.classify(new IllegalStateException("secret internals"), AT);
        assertEquals(500, problem.status());
        assertTrue(problem.detail().startsWith("Incident "), problem.detail());
        assertFalse(problem.detail().contains("secret"));
    }

    @Test
    void bareStatusesGetTheirStableTypes() {
        assertEquals("https://novacron.io/problems/unauthorized", ProblemClassifier.fromStatus(401, AT).type().toString());
        assertEquals("https://novacron.io/problems/forbidden", ProblemClassifier.fromStatus(403, AT).type().toString());
        assertEquals("https://novacron.io/problems/method-not-allowed",
                ProblemClassifier.fromStatus(405, AT).type().toString());
        assertEquals(418, ProblemClassifier.fromStatus(418, AT).status());
    }
}

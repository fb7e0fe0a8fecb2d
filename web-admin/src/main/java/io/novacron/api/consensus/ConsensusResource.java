package io.novacron.api.consensus;

import io.novacron.api.Roles;
import io.novacron.replication.ConsensusService;
import io.novacron.replication.ConsensusStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this member's consensus engine knows: protocol, term, leader, commit and applied position, members. */
@Path("/consensus")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consensus")
public class ConsensusResource {

    @EJB
    ConsensusService consensus;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Consensus status", description = "This member's view of the consensus group: protocol,"
            + " state, role, term, the leader it knows, committed and applied positions, and per member the"
            + " replicated position (known to the leader), the transport's round-trip time and connection.")
    @APIResponse(responseCode = "200", description = "The status")
    public ConsensusStatus status() {
        return consensus.status();
    }
}

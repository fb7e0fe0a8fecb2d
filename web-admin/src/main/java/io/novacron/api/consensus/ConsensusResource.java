package io.novacron.api.consensus;

import io.novacron.api.Roles;
import io.novacron.api.problem.InvalidParameterException;
import io.novacron.api.problem.Problem;
import io.novacron.replication.ConsensusService;
import io.novacron.replication.ConsensusStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this member's consensus engine knows, and the operator's lever on it: handing leadership over. */
@Path("/consensus")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consensus")
public class ConsensusResource {

    /** The body of a leadership transfer: the member that should lead. */
    public record TransferRequest(String target) {
    }

    /** The answer to an accepted transfer: who was asked to hand over, to whom. */
    public record TransferAccepted(String from, String target) {
    }

    @EJB
    ConsensusService consensus;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Consensus status", description = "This member's view of the consensus group: protocol,"
            + " state, role, term (PBFT: view), the leader (primary) it knows, committed and applied positions, and"
            + " per member the replicated position and lag (known to the leader), the transport's round-trip time"
            + " and connection.")
    @APIResponse(responseCode = "200", description = "The status")
    public ConsensusStatus status() {
        return consensus.status();
    }

    @POST
    @Path("leadership-transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Hand leadership to another member (Raft)", description = "Asks this server, which must be"
            + " the Raft leader, to hand leadership to the target member: it brings the target up to date and tells"
            + " it to start an election at once. Answers when the request is made; GET /api/v1/consensus shows the"
            + " new leader a moment later.")
    @APIResponse(responseCode = "202", description = "The transfer has begun")
    @APIResponse(responseCode = "400", description = "No target, or the target is not a member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "This server is not the leader, the target already leads, or"
            + " the protocol is PBFT", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response transferLeadership(TransferRequest request) {
        if (request == null || request.target() == null || request.target().isBlank()) {
            throw new InvalidParameterException("target", "is required: the id of the member that should lead");
        }
        ConsensusStatus now = consensus.status();
        if (now.members().stream().noneMatch(member -> member.id().equals(request.target()))) {
            throw new InvalidParameterException("target", "'" + request.target() + "' is not a member; members are "
                    + now.members().stream().map(ConsensusStatus.Member::id).toList());
        }
        consensus.transferLeadership(request.target());
        return Response.accepted(new TransferAccepted(now.nodeId(), request.target())).build();
    }
}

package io.novacron.api.audit;

import io.novacron.api.Roles;
import io.novacron.api.problem.InvalidParameterException;
import io.novacron.api.problem.Problem;
import io.novacron.audit.AuditPage;
import io.novacron.audit.AuditQuery;
import io.novacron.audit.AuditTrail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Pages and filters the audit trail, newest first. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    @EJB
    AuditTrail trail;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Search the audit trail",
            description = "Every filter is optional; records come newest first with the total across pages.")
    @APIResponse(responseCode = "200", description = "One page of records", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditPage"),
            examples = @ExampleObject(name = "page", value = """
            {"items":[{"id":51,"occurredAt":"2026-11-23T09:00:01.123456Z","actor":"admin","action":"host.register",\
            "targetType":"host","targetId":"3f0c8a6e-2c1b-4d7e-9a51-1b2f0c3d4e5f","outcome":"SUCCESS",\
            "detail":"hv-01","afterDigest":"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
            "nodeId":"node-1"}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "A parameter is invalid; errors name it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Operators may not read the audit trail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditPage search(
            @Parameter(description = "Inclusive lower bound, ISO-8601 instant", example = "2026-11-23T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "Exclusive upper bound, ISO-8601 instant") @QueryParam("to") String to,
            @Parameter(description = "Exact user name, or system") @QueryParam("actor") String actor,
            @Parameter(description = "Exact action, e.g. host.register") @QueryParam("action") String action,
            @Parameter(description = "A target id, or a target type such as host") @QueryParam("target") String target,
            @Parameter(description = "SUCCESS, REJECTED or FAILED") @QueryParam("outcome") String outcome,
            @Parameter(description = "0-based page") @QueryParam("page") String page,
            @Parameter(description = "Records per page, 1..500 (default 50)") @QueryParam("size") String size) {
        AuditQuery query;
        try {
            query = AuditQuery.builder()
                    .from(instant("from", from)).to(instant("to", to))
                    .actor(actor).action(action).target(target).outcomeNamed(outcome)
                    .page(integer("page", page)).size(integer("size", size))
                    .build();
        } catch (IllegalArgumentException e) {
            // AuditQuery's messages start with the parameter's name.
            String message = e.getMessage();
            int space = message.indexOf(' ');
            throw new InvalidParameterException(space > 0 ? message.substring(0, space) : "query",
                    space > 0 ? message.substring(space + 1) : message);
        }
        return trail.search(query);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "must be an ISO-8601 instant such as 2026-11-23T09:00:00Z");
        }
    }

    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a whole number");
        }
    }
}

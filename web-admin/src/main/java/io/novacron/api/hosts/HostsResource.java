package io.novacron.api.hosts;

import io.novacron.api.Roles;
import io.novacron.api.problem.Problem;
import io.novacron.host.Host;
import io.novacron.host.HostInventory;
import io.novacron.host.HostSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Registers, lists, changes and removes hypervisor hosts. */
@Path("/hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "hosts")
public class HostsResource {

    static final String HOST_EXAMPLE = """
            {"id":"3f0c8a6e-2c1b-4d7e-9a51-1b2f0c3d4e5f","name":"hv-01","region":"eu-west","site":"dc-1",\
            "address":"10.0.0.5","vcpus":64,"memoryMib":262144,"labels":{"rack":"r1"},"state":"ACTIVE",\
            "version":1,"createdAt":"2026-11-23T09:00:00Z","updatedAt":"2026-11-23T09:00:00Z"}""";
    static final String SPEC_EXAMPLE = """
            {"name":"hv-01","region":"eu-west","site":"dc-1","address":"10.0.0.5","vcpus":64,\
            "memoryMib":262144,"labels":{"rack":"r1"},"state":"ACTIVE"}""";
    static final String VALIDATION_EXAMPLE = """
            {"type":"https://novacron.io/problems/validation","title":"One or more fields are invalid",\
            "status":400,"detail":"1 field(s) are invalid","instance":"/api/v1/hosts",\
            "errors":[{"field":"vcpus","message":"must be between 1 and 4096"}]}""";

    @EJB
    HostInventory inventory;
    @Context
    UriInfo uri;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "List hosts", description = "All hosts, sorted by name.")
    @APIResponse(responseCode = "200", description = "The hosts", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostList"),
            examples = @ExampleObject(name = "one host", value = "[" + HOST_EXAMPLE + "]")))
    public List<Host> list() {
        return inventory.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Get one host")
    @APIResponse(responseCode = "200", description = "The host", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Host"),
            examples = @ExampleObject(name = "host", value = HOST_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No host has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        Host host = inventory.get(id);
        return Response.ok(host).tag(HostVersionTag.of(host)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Register a host", description = "Names are unique; state defaults to ACTIVE.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "HostSpec"),
            examples = @ExampleObject(name = "host", value = SPEC_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Registered; Location names the new host",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Host"),
                    examples = @ExampleObject(name = "host", value = HOST_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields, each one named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = VALIDATION_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Another host has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Database or grid unavailable; nothing was written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(HostSpec spec) {
        Host host = inventory.register(spec);
        return Response.created(uri.getAbsolutePathBuilder().path(host.getId()).build()).entity(host).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Change a host", description = "Replaces every writable field; the version increases. "
            + "Send If-Match with the ETag of a GET to change the host only if nobody changed it since.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "HostSpec"),
            examples = @ExampleObject(name = "host", value = SPEC_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The changed host", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Host")))
    @APIResponse(responseCode = "404", description = "No host has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another host has the new name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match named another version than the current one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id,
                           @Parameter(description = "ETag from GET, e.g. \"3\"") @HeaderParam("If-Match") String ifMatch,
                           HostSpec spec) {
        Host host = inventory.update(id, spec, HostVersionTag.expectedVersion(ifMatch));
        return Response.ok(host).tag(HostVersionTag.of(host)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Remove a host")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No host has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("id") String id) {
        inventory.remove(id);
        return Response.noContent().build();
    }
}

package io.novacron.api.system;

import io.novacron.api.Roles;
import io.novacron.cluster.ClusterKeys;
import io.novacron.cluster.MemberKeyRing;
import io.novacron.grid.GridNode;
import io.novacron.grid.GridStatus;
import io.novacron.grid.config.GridCaches;
import io.novacron.schema.SchemaMigrator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.apache.ignite.cache.CachePeekMode;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** This server's identity and the state of its database and grid, and the caller's own identity. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
public class SystemResource {

    @EJB
    GridNode grid;
    @EJB
    SchemaMigrator schema;
    @EJB
    ClusterKeys keys;
    @Inject
    @ConfigProperty(name = "novacron.node.id", defaultValue = "node-1")
    String nodeId;
    @Context
    SecurityContext security;

    @GET
    @Path("system")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "This server", description = "Version, node id, database and grid topology.")
    @APIResponse(responseCode = "200", description = "Server information", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "single node", value = """
            {"version":"0.1.0","nodeId":"node-1","startedAt":"2026-11-23T09:00:00Z","database":{"kind":"H2",\
            "product":"H2 2.3.232","schemaVersion":"1","migrated":true},"grid":{"active":true,"nodes":1,\
            "localNodeId":"5b1c0e7a-…","topologyVersion":1,"hostCount":3,"baselineNodes":1,"localHostCount":3},\
            "cluster":{"protocol":"raft","members":["node-1"],"faultsTolerated":0,"missingKeys":[]}}""")))
    public SystemInfo system() {
        GridStatus status = grid.status();
        int hostCount = status.active() ? grid.cache(GridCaches.hosts(nodeId)).size() : 0;
        // Entries stored on this node: each member holds its own whole copy, applied from the consensus log.
        int localHostCount = status.active()
                ? grid.cache(GridCaches.hosts(nodeId)).localSize(CachePeekMode.PRIMARY, CachePeekMode.BACKUP) : 0;
        MemberKeyRing ring = keys.ring();
        return new SystemInfo(Version.current(), nodeId,
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                new SystemInfo.Database(schema.databaseKind(), schema.databaseProduct(), schema.schemaVersion(),
                        schema.isMigrated()),
                new SystemInfo.Grid(status.active(), status.nodes(), status.localNodeId(), status.topologyVersion(),
                        hostCount, status.baselineNodes(), localHostCount),
                new SystemInfo.Cluster(ring.settings().protocol().configName(), ring.settings().memberIds(),
                        ring.settings().faultsTolerated(), ring.missing()));
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "The signed-in user", description = "Name and NovaCron roles; the UI checks credentials with it.")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "admin", value = "{\"name\":\"admin\",\"roles\":[\"admin\"]}")))
    public Caller me() {
        List<String> roles = Stream.of(Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR)
                .filter(security::isUserInRole).toList();
        return new Caller(security.getUserPrincipal().getName(), roles);
    }
}

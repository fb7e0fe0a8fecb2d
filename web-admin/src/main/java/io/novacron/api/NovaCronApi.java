package io.novacron.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The NovaCron REST API, version 1. */
@ApplicationPath("/api/v1")
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@OpenAPIDefinition(
        info = @Info(title = "NovaCron API", version = "1",
                description = "Control plane for a fleet of hypervisor hosts. Every request needs HTTP Basic "
                        + "credentials of a user in the role admin, operator or auditor. Errors are RFC 9457 "
                        + "problem+json documents with a stable type."),
        security = @SecurityRequirement(name = "basic"),
        tags = {
                @Tag(name = "hosts", description = "The hypervisor host inventory"),
                @Tag(name = "audit", description = "The append-only audit trail"),
                @Tag(name = "system", description = "This server and the signed-in user")})
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class NovaCronApi extends Application {
}

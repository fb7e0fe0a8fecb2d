package io.novacron.api.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns every exception that leaves a resource into a problem+json response. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        Response.ResponseBuilder response = Response.fromResponse(ProblemClassifier.classify(failure, instance)
                .toResponse());
        if (failure instanceof jakarta.ws.rs.NotAllowedException notAllowed) {
            response.allow(notAllowed.getResponse().getAllowedMethods());
        }
        return response.build();
    }
}

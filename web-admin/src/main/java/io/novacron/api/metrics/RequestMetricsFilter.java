package io.novacron.api.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;

/**
 * Counts every API request by endpoint (method and path template, so ids do not explode the label set)
 * and status, and times it by endpoint.
 */
@Provider
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED_NANOS = RequestMetricsFilter.class.getName() + ".started";

    @Inject
    MetricRegistry registry;
    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED_NANOS, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String endpoint = request.getMethod() + " " + EndpointTemplate.of(resource);
        Tag endpointTag = new Tag("endpoint", endpoint);
        registry.counter("novacron.api.requests", endpointTag,
                new Tag("status", Integer.toString(response.getStatus()))).inc();
        Object started = request.getProperty(STARTED_NANOS);
        if (started instanceof Long startedNanos) {
            registry.timer("novacron.api.request.duration", endpointTag)
                    .update(Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }
}

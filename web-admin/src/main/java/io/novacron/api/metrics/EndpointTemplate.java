package io.novacron.api.metrics;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;

import java.lang.reflect.Method;

/** The path template of the matched resource method, e.g. {@code /api/v1/hosts/{id}}; "unmatched" for none. */
final class EndpointTemplate {

    private static final String API_ROOT = "/api/v1";

    private EndpointTemplate() {
    }

    static String of(ResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null || resource.getResourceMethod() == null) {
            return "unmatched";
        }
        return join(resource.getResourceClass().getAnnotation(Path.class),
                resource.getResourceMethod());
    }

    private static String join(Path classPath, Method method) {
        Path methodPath = method.getAnnotation(Path.class);
        String path = API_ROOT + (classPath == null ? "" : "/" + classPath.value())
                + (methodPath == null ? "" : "/" + methodPath.value());
        String normalized = path.replaceAll("/+", "/");
        return normalized.length() > 1 ? normalized.replaceFirst("/$", "") : normalized;
    }
}

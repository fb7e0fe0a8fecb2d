package io.novacron.api.metrics;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;

import java.lang.reflect.Method;

/** The path template of the matched resource method, e.g. {@code /hosts/{id}}; "unmatched" for none. */
final class EndpointTemplate {

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
        String path = (classPath == null ? "" : "/" + classPath.value())
                + (methodPath == null ? "" : "/" + methodPath.value());
        String normalized = path.replaceAll("/+", "/");
        return normalized.length() > 1 ? normalized.replaceFirst("/$", "") : normalized;
    }
}

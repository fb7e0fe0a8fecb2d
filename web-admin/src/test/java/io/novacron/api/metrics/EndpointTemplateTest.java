package io.novacron.api.metrics;

import io.novacron.api.hosts.HostsResource;
import jakarta.ws.rs.container.ResourceInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointTemplateTest {

    @Test
    void templatesKeepPathParametersUnexpanded() throws NoSuchMethodException {
        assertEquals("/api/v1/hosts/{id}", EndpointTemplate.of(info(HostsResource.class.getMethod("get", String.class))));
        assertEquals("/api/v1/hosts", EndpointTemplate.of(info(HostsResource.class.getMethod("list"))));
    }

    @Test
    void anUnmatchedRequestHasOneLabel() {
        assertEquals("unmatched", EndpointTemplate.of(null));
    }

    private static ResourceInfo info(Method method) {
        return new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return method.getDeclaringClass();
            }
        };
    }
}

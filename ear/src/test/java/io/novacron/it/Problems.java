package io.novacron.it;

import jakarta.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on RFC 9457 problem answers. */
final class Problems {

    private Problems() {
    }

    /** Asserts the reply is a problem+json of the given status and type slug, without a stack trace. */
    static JsonObject assertProblem(ApiClient.Reply reply, int status, String typeSlug) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), () -> "content type of " + reply);
        JsonObject problem = reply.object();
        assertEquals("https://novacron.io/problems/" + typeSlug, problem.getString("type"), reply::toString);
        assertEquals(status, problem.getInt("status"));
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "),
                () -> "a problem must not leak exception text: " + reply.body());
        return problem;
    }
}

package io.novacron.api.system;

import java.util.List;

/** The signed-in user and the roles they hold. */
public record Caller(String name, List<String> roles) {
}

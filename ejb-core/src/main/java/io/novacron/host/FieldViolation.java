package io.novacron.host;

/** One rejected input field and why, in words an operator can act on. */
public record FieldViolation(String field, String message) {
}

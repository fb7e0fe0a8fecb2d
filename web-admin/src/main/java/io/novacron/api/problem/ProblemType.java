package io.novacron.api.problem;

import java.net.URI;

/**
 * The stable kinds of error the API reports. Clients switch on {@link #uri()}, so a constant's slug never
 * changes once released; titles are for people and may.
 */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request body is not valid JSON of the expected shape"),
    VALIDATION(400, "validation", "One or more fields are invalid"),
    INVALID_PARAMETER(400, "invalid-parameter", "A query parameter is invalid"),
    UNAUTHORIZED(401, "unauthorized", "Credentials are missing or wrong"),
    FORBIDDEN(403, "forbidden", "Your role does not allow this"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "This method is not allowed here"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    DUPLICATE_NAME(409, "duplicate-name", "The name is already taken"),
    VERSION_CONFLICT(412, "version-conflict", "The resource changed since you read it"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Send application/json"),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "The database is unavailable"),
    GRID_UNAVAILABLE(503, "grid-unavailable", "The state grid is unavailable"),
    CONSENSUS_UNAVAILABLE(503, "consensus-unavailable", "Consensus is not running on this server"),
    NO_QUORUM(503, "no-quorum", "Too few members are reachable to commit"),
    OVERLOADED(503, "overloaded", "This server has too many changes waiting to commit"),
    COMMIT_TIMEOUT(504, "commit-timeout", "The change was not seen committed in time; its outcome is unknown"),
    LEADERSHIP_TRANSFER_REFUSED(409, "leadership-transfer-refused", "This server cannot hand over leadership"),
    INTERNAL(500, "internal-error", "The server failed to handle the request");

    public static final String BASE = "https://novacron.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The type for a plain HTTP status raised by the framework (unknown path, wrong method, ...). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> DUPLICATE_NAME;
            case 412 -> VERSION_CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> GRID_UNAVAILABLE;
            case 504 -> COMMIT_TIMEOUT;
            default -> INTERNAL;
        };
    }
}

package io.novacron.api;

/** The application's roles, as mapped to registry groups in server.xml. */
public final class Roles {

    /** Everything. */
    public static final String ADMIN = "admin";
    /** Hosts (and, later, migrations). */
    public static final String OPERATOR = "operator";
    /** Read-only, including the audit trail. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}

package io.novacron.it;

/** The users the test server knows, one per kind of caller; passwords are random per run. */
public enum TestUser {
    ADMIN("admin", null),
    OPERATOR("olivia", "novacron-operators"),
    AUDITOR("audrey", "novacron-auditors"),
    /** Known to the registry but in no NovaCron group. */
    STRANGER("sam", null);

    private final String userName;
    private final String group;

    TestUser(String userName, String group) {
        this.userName = userName;
        this.group = group;
    }

    public String userName() {
        return userName;
    }

    String group() {
        return group;
    }
}

package io.novacron.host;

import jakarta.ejb.ApplicationException;

/** Another host already has the name; names are unique so operators can refer to hosts by name. */
@ApplicationException(rollback = true)
public class DuplicateHostNameException extends RuntimeException {

    private final String name;

    public DuplicateHostNameException(String name) {
        super("A host named " + name + " already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}

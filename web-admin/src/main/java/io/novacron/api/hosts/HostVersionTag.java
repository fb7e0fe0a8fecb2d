package io.novacron.api.hosts;

import io.novacron.api.problem.InvalidParameterException;
import io.novacron.host.Host;
import jakarta.ws.rs.core.EntityTag;

/** A host's version as an HTTP entity tag, and If-Match read back into the version it names. */
final class HostVersionTag {

    private HostVersionTag() {
    }

    static EntityTag of(Host host) {
        return new EntityTag(Long.toString(host.getVersion()));
    }

    /** The version an If-Match header names; null when there is none or it is "*" (any version). */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.valueOf(tag);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("If-Match", "must be the ETag of a GET, such as \"3\"");
        }
    }
}

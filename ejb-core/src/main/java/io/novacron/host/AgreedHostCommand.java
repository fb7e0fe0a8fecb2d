package io.novacron.host;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A host change as the cluster agrees on it: the command plus everything its apply needs so that every member
 * computes the same result — who asked, when (the proposer's clock, read once), the request id the proposer waits
 * on, and the id a registration gives the new host.
 *
 * @param requestId  unique per call; the proposing server matches the applied result to its caller by it
 * @param actor      the authenticated caller, for the audit trail
 * @param proposedAt the proposer's time, used as the host's created/updated time on every member
 * @param newHostId  for a registration the id the host gets; null otherwise
 * @param command    what to change
 */
public record AgreedHostCommand(UUID requestId, String actor, Instant proposedAt, String newHostId,
                                HostCommand command) {

    public AgreedHostCommand {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(proposedAt, "proposedAt");
        Objects.requireNonNull(command, "command");
        if ((command instanceof HostCommand.Register) != (newHostId != null)) {
            throw new IllegalArgumentException("a registration, and only a registration, carries a new host id");
        }
    }

    /** A new command from this server for {@code actor}, stamped now, with fresh ids. */
    public static AgreedHostCommand propose(String actor, Instant now, HostCommand command) {
        return new AgreedHostCommand(UUID.randomUUID(), actor, now,
                command instanceof HostCommand.Register ? UUID.randomUUID().toString() : null, command);
    }
}

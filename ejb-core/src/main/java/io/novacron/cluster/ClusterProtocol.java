package io.novacron.cluster;

import java.util.Locale;

/** The consensus protocol the members run, as named by {@code novacron.cluster.protocol}. */
public enum ClusterProtocol {

    /** Raft: crash faults; a majority of n members must be up (tolerates (n-1)/2 failures). */
    RAFT,
    /** PBFT: Byzantine faults; n >= 3f+1 members tolerate f faulty ones, so at least 4 members. */
    PBFT;

    /** The configuration value ({@code raft} or {@code pbft}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration value, or throws with one line naming {@code novacron.cluster.protocol}. */
    public static ClusterProtocol parse(String value) {
        for (ClusterProtocol protocol : values()) {
            if (protocol.configName().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return protocol;
            }
        }
        throw ClusterSettings.invalid("novacron.cluster.protocol", value, "raft or pbft");
    }

    /** How many faulty members a cluster of {@code members} tolerates under this protocol. */
    public int faultsTolerated(int members) {
        return this == RAFT ? (members - 1) / 2 : (members - 1) / 3;
    }
}

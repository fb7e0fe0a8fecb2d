package io.novacron.bench;

/** How the replicated log of the system under test persists entries. */
public enum Durability {
    /** Log on disk; an entry counts as committed only after a majority (quorum) has fsynced it. */
    DISK_FSYNC,
    /** Log kept in memory only; nothing is forced to disk on the commit path. */
    MEMORY;

    /** Parses {@code disk}, {@code disk_fsync}, {@code fsync}, {@code memory}, {@code mem} (case-insensitive). */
    public static Durability parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "disk": case "disk_fsync": case "disk-fsync": case "fsync": return DISK_FSYNC;
            case "memory": case "mem": return MEMORY;
            default: throw new IllegalArgumentException("unknown durability: " + s + " (disk|memory)");
        }
    }

    /** Short label for tables. */
    public String label() {
        return this == DISK_FSYNC ? "disk+fsync" : "memory";
    }
}

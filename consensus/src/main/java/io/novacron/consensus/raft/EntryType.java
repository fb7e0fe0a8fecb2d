package io.novacron.consensus.raft;

/**
 * What a log entry carries; the state machine needs to tell application commands from membership changes.
 * An empty NORMAL entry is the no-op a new leader appends (Raft §8) and should be skipped by the application.
 */
public enum EntryType {
    NORMAL,
    CONF_CHANGE
}

package io.novacron.consensus.log;

/** Runs the {@link LogStore} contract against {@link MemoryLogStore}; a restart is a crash after close. */
class MemoryLogStoreContractTest extends LogStoreContractTest {

    @Override
    LogStore newStore() {
        return new MemoryLogStore(SMALL);
    }

    @Override
    LogStore reopen(LogStore closed) {
        ((MemoryLogStore) closed).crash();
        return closed;
    }
}

package io.novacron.consensus.log;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link LogStore} contract against {@link SegmentedFileLog} in a temporary directory. */
class SegmentedFileLogContractTest extends LogStoreContractTest {
    @TempDir
    Path dir;

    @Override
    LogStore newStore() throws IOException {
        return SegmentedFileLog.open(dir.resolve("log"), SMALL);
    }

    @Override
    LogStore reopen(LogStore closed) throws IOException {
        return SegmentedFileLog.open(dir.resolve("log"), SMALL);
    }
}

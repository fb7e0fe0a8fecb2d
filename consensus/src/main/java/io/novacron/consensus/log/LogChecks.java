package io.novacron.consensus.log;

/**
 * Argument checks shared by every {@link LogStore}, so both implementations reject exactly the same
 * calls with the same messages (the contract test suite relies on it).
 */
final class LogChecks {
    private LogChecks() {
    }

    static void checkAppend(long index, long lastIndex, byte[] payload, int payloadSizeBytesMax) {
        if (index != lastIndex + 1) {
            throw new IllegalArgumentException("append at index " + index + " but the next index is "
                    + (lastIndex + 1));
        }
        if (payload.length > payloadSizeBytesMax) {
            throw new IllegalArgumentException("payload of " + payload.length
                    + " bytes exceeds payloadSizeBytesMax=" + payloadSizeBytesMax);
        }
    }

    static void checkRead(long index, long firstIndex, long lastIndex) {
        if (index < firstIndex || index > lastIndex) {
            throw new IndexOutOfBoundsException("index " + index + " outside " + firstIndex + ".." + lastIndex);
        }
    }

    /** @return how many records the batch holds */
    static int checkBatch(long fromIndex, int maxCount, long firstIndex, long lastIndex) {
        if (fromIndex < firstIndex || fromIndex > lastIndex + 1) {
            throw new IndexOutOfBoundsException("fromIndex " + fromIndex + " outside " + firstIndex + ".."
                    + (lastIndex + 1));
        }
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount " + maxCount + " is negative");
        }
        return (int) Math.min(maxCount, lastIndex - fromIndex + 1);
    }

    static void checkTruncate(long fromIndex, long firstIndex, long lastIndex) {
        if (fromIndex < firstIndex || fromIndex > lastIndex + 1) {
            throw new IllegalArgumentException("truncateSuffix(" + fromIndex + ") outside " + firstIndex + ".."
                    + (lastIndex + 1));
        }
    }

    static void checkNextIndex(long nextIndex) {
        if (nextIndex < 1) {
            throw new IllegalArgumentException("reset(" + nextIndex + "): indexes start at 1");
        }
    }
}

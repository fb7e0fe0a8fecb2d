package io.novacron.transport.tcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor tests give the engine: daemon threads, so that a failed test cannot hang the JVM. */
final class TestThreads {

    private TestThreads() {
    }

    static ExecutorService pool(String name) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}

package io.novacron.transport.tcp.jca;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The engine's executor inside the server: every engine task (stream writers, readers, the acceptor) runs as a
 * Work on the adapter's WorkManager, as JCA requires of adapter threads. The tasks are long-running and end when
 * the engine closes their sockets; {@link Work#release()} is only a hint, so the adapter's stop() closes the engines.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    task.run();
                }

                @Override
                public void release() {
                    // the engine's close() ends the task by closing its socket
                }
            });
        } catch (WorkException e) {
            throw new RejectedExecutionException("the WorkManager refused a transport task: " + e.getMessage(), e);
        }
    }
}

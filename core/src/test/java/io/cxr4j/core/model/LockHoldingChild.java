package io.cxr4j.core.model;

import java.nio.file.Path;

/** A second process for {@link OutputLockTest}: takes a folder's lock, says so and holds it until killed. */
final class LockHoldingChild {

    private LockHoldingChild() {}

    public static void main(String[] args) throws Exception {
        OutputLock lock = OutputLock.onFolder(Path.of(args[0]));
        System.out.println("locked " + lock.target());
        System.out.flush();
        Thread.sleep(600_000);
    }
}

package io.cxr4j.core.model;

import com.google.gson.JsonParseException;
import io.cxr4j.core.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exclusive lock on a folder a run writes into, so that one run at a time writes there: two
 * runs into one folder would otherwise mix their results (one run's model beside the other's
 * reports) or delete each other's checkpoints.
 *
 * <p>The lock is the operating system's lock on a small lock file ({@link FileChannel#tryLock}),
 * which the operating system releases when the process ends in any way, {@code kill -9} included:
 * a lock file left behind by a killed run is not locked and never blocks the next run. The file
 * records who holds it (process id, start time, command line) so that a refused run can name the
 * live one.
 *
 * <p>An output folder's lock file is {@value #FOLDER_LOCK_FILE} inside it ({@link #onFolder}); a
 * model directory's is {@code .<name>.lock} beside it ({@link #onModel}), since the model
 * directory itself is replaced whole and its files are sealed. Within one process a lock is held
 * per thread: the thread holding it may take it again (the outer holder's release counts), another
 * thread is refused like another process.
 */
public final class OutputLock implements AutoCloseable {

    /** The lock file of an output folder, inside the folder. */
    public static final String FOLDER_LOCK_FILE = ".cxr4j.lock";

    /** The longest command line recorded, so that a message naming the holder stays readable. */
    private static final int MAX_COMMAND = 300;

    /** How long a refused run waits for a holder that has just taken the lock to record itself. */
    private static final long HOLDER_WAIT_MILLIS = 1_000;

    /** The locks this process holds, by lock file; guarded by itself. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    /**
     * Who holds a lock.
     *
     * @param pid the holding process's id
     * @param started when that process started (ISO-8601), or when it took the lock if the
     *     operating system does not tell
     * @param command its command line, cut to a readable length; empty when unknown
     */
    public record Holder(long pid, String started, String command) {

        /** @return e.g. {@code process 4242, started 2026-12-07T14:20:03Z (java -jar cxr4j.jar train ...)} */
        public String describe() {
            return "process " + pid + ", started " + started + (command == null || command.isEmpty() ? ""
                    : " (" + command + ")");
        }

        static Holder ofThisProcess() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            String command = info.command().map(c -> Path.of(c).getFileName().toString()).orElse("")
                    + info.arguments().map(Holder::withoutJvmOptions).orElseGet(Holder::fromJvm);
            return new Holder(ProcessHandle.current().pid(),
                    info.startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString(),
                    command.length() > MAX_COMMAND ? command.substring(0, MAX_COMMAND) + " ..." : command);
        }

        /**
         * The main class or jar and its arguments as the JVM recorded them. The operating system's
         * copy of a command line is cut off beyond one page (4 KB on Linux, which a long class path
         * passes), and then {@link ProcessHandle.Info#arguments()} is empty.
         */
        private static String fromJvm() {
            String command = System.getProperty("sun.java.command", "").strip();
            if (command.isEmpty()) {
                return "";
            }
            return (command.split(" ", 2)[0].endsWith(".jar") ? " -jar " : " ") + command;
        }

        /**
         * The arguments from the main class or {@code -jar} on, e.g. {@code -jar cxr4j.jar train
         * --seed 7}: a class path or JVM options would bury what the run is.
         */
        private static String withoutJvmOptions(String[] arguments) {
            int first = 0;
            while (first < arguments.length && arguments[first].startsWith("-") && !arguments[first].equals("-jar")) {
                boolean takesValue = List.of("-cp", "-classpath", "--class-path", "-p", "--module-path")
                        .contains(arguments[first]);
                first += takesValue ? 2 : 1;
            }
            StringBuilder text = new StringBuilder();
            for (int i = Math.min(first, arguments.length); i < arguments.length; i++) {
                text.append(' ').append(arguments[i]);
            }
            return text.toString();
        }
    }

    /** A lock this process holds, shared by the nested {@link OutputLock}s of its owner thread. */
    private static final class Held {
        final Path lockFile;
        final Thread owner;
        final FileChannel channel;
        final FileLock lock;
        int count = 1;

        Held(Path lockFile, Thread owner, FileChannel channel, FileLock lock) {
            this.lockFile = lockFile;
            this.owner = owner;
            this.channel = channel;
            this.lock = lock;
        }
    }

    private final Path target;
    private Held held;

    private OutputLock(Path target, Held held) {
        this.target = target;
        this.held = held;
    }

    /**
     * Locks an output folder (creating it if missing) with the lock file {@value #FOLDER_LOCK_FILE}
     * inside it.
     *
     * @param folder the folder a run writes its results into
     * @return the lock, to be closed when the run has written everything
     * @throws OutputInUseException when another run, in this or another process, holds it
     * @throws IOException when the folder or its lock file cannot be created
     */
    public static OutputLock onFolder(Path folder) throws IOException {
        Path absolute = Files.createDirectories(folder.toAbsolutePath().normalize()).toRealPath();
        return acquire(absolute, absolute.resolve(FOLDER_LOCK_FILE));
    }

    /**
     * Locks a model directory, whether or not it exists yet, with the lock file
     * {@code .<name>.lock} beside it (where its staging folders are written too).
     *
     * @param modelDirectory the model directory a run writes
     * @return the lock, to be closed when the model is written
     * @throws OutputInUseException when another run, in this or another process, holds it
     * @throws IOException when the lock file cannot be created
     */
    public static OutputLock onModel(Path modelDirectory) throws IOException {
        Path absolute = modelDirectory.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(absolute.getParent()).toRealPath();
        return acquire(parent.resolve(absolute.getFileName()), lockFileOfModel(parent, absolute));
    }

    private static Path lockFileOfModel(Path parent, Path modelDirectory) {
        return parent.resolve("." + modelDirectory.getFileName() + ".lock");
    }

    private static OutputLock acquire(Path target, Path lockFile) throws IOException {
        synchronized (HELD) {
            Held held = HELD.get(lockFile);
            if (held != null) {
                if (held.owner != Thread.currentThread()) {
                    throw new OutputInUseException(target, Holder.ofThisProcess(), "another thread of this process ("
                            + held.owner.getName() + ")");
                }
                held.count++;
                return new OutputLock(target, held);
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    Holder holder = liveHolder(channel);
                    throw new OutputInUseException(target, holder, holder == null ? "another process" : null);
                }
                byte[] record = Json.gson().toJson(Holder.ofThisProcess()).getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(record), 0);
                channel.force(false);
                held = new Held(lockFile, Thread.currentThread(), channel, lock);
                HELD.put(lockFile, held);
                return new OutputLock(target, held);
            } catch (IOException | RuntimeException e) {
                // Closing the channel releases the lock, if it was taken.
                channel.close();
                throw e;
            }
        }
    }

    /**
     * The holder recorded in a lock file another process holds. A holder records itself just after
     * taking the lock, so an empty record, or one left by a process that has ended, is read again
     * for a moment.
     */
    private static Holder liveHolder(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + HOLDER_WAIT_MILLIS * 1_000_000;
        while (true) {
            Holder holder = read(channel);
            boolean alive = holder != null && ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false);
            if (alive || System.nanoTime() > deadline) {
                return alive ? holder : null;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static Holder read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 64 * 1024) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // reads until the buffer is full or the file ends
        }
        try {
            return Json.gson().fromJson(new String(buffer.array(), 0, buffer.position(),
                    StandardCharsets.UTF_8), Holder.class);
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** @return the folder this lock is on */
    public Path target() {
        return target;
    }

    /**
     * Releases the lock, unless an outer holder in this thread still holds it. The lock file is
     * emptied, not deleted: deleting it would let a run waiting on the old file and a run creating
     * a new one both believe they hold the lock.
     *
     * @throws IOException when the lock file cannot be emptied or closed
     */
    @Override
    public void close() throws IOException {
        if (held == null) {
            return;
        }
        Held releasing = held;
        held = null;
        synchronized (HELD) {
            if (--releasing.count > 0) {
                return;
            }
            HELD.remove(releasing.lockFile);
            try (FileChannel channel = releasing.channel) {
                channel.truncate(0);
                releasing.lock.release();
            }
        }
    }
}

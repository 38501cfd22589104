package io.cxr4j.core.model;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps two folders in one step with Linux's {@code renameat2(..., RENAME_EXCHANGE)}, so that a
 * path names the old folder or the new one at every instant, never nothing. Where the call is
 * missing (another operating system, a C library before glibc 2.28, a file system without it),
 * {@link #exchange} says so and the caller moves the folders one after the other.
 */
final class FolderExchange {

    private static final Logger LOG = LoggerFactory.getLogger(FolderExchange.class);

    /** Paths are absolute, so the directory descriptors are the working directory's marker. */
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 1 << 1;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;

    /** Tests turn it off to exercise the two-step fallback on a machine that has the call. */
    static volatile boolean enabled = true;

    private static volatile CLibrary library;
    private static volatile boolean unavailable = !Platform.isLinux();

    private FolderExchange() {}

    /** The one call used. */
    private interface CLibrary extends Library {
        int renameat2(int oldDirectory, String oldPath, int newDirectory, String newPath, int flags)
                throws LastErrorException;
    }

    /**
     * Exchanges two existing folders atomically: afterwards {@code a} holds what {@code b} held and
     * the other way round.
     *
     * @param a an absolute path
     * @param b an absolute path on the same file system
     * @return true when exchanged; false when this system cannot, and nothing was changed
     * @throws IOException when the call exists but failed
     */
    static boolean exchange(Path a, Path b) throws IOException {
        CLibrary c = library();
        if (c == null) {
            return false;
        }
        try {
            c.renameat2(AT_FDCWD, a.toString(), AT_FDCWD, b.toString(), RENAME_EXCHANGE);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINVAL || e.getErrorCode() == ENOSYS) {
                LOG.debug("renameat2(RENAME_EXCHANGE) is not supported for {} (errno {})", a, e.getErrorCode());
                return false;
            }
            throw new IOException("Cannot exchange " + a + " and " + b + ": " + e.getMessage(), e);
        }
    }

    private static CLibrary library() {
        if (!enabled || unavailable) {
            return null;
        }
        if (library == null) {
            synchronized (FolderExchange.class) {
                try {
                    if (library == null) {
                        CLibrary c = Native.load("c", CLibrary.class);
                        // Looks the symbol up now, so a C library without it is found here and once.
                        NativeLibrary.getInstance("c").getFunction("renameat2");
                        library = c;
                    }
                } catch (LinkageError | RuntimeException e) {
                    LOG.info("Models are replaced in two steps, since this system lacks renameat2 ({})", e.toString());
                    unavailable = true;
                    return null;
                }
            }
        }
        return library;
    }
}

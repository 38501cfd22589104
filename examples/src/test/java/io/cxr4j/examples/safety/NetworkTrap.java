package io.cxr4j.examples.safety;

import io.cxr4j.examples.cli.Cxr4jCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Permission;
import java.util.Arrays;

/**
 * Runs cxr4j commands in a JVM where every network connection and host lookup fails and is
 * written to a log. Used by {@link NoNetworkTest} in a child JVM started with {@code
 * -Djava.security.manager=allow}.
 */
public final class NetworkTrap {

    private NetworkTrap() {}

    /**
     * Runs each {@code ;}-separated cxr4j command line after installing the trap.
     *
     * @param args the log file, then the command lines' words with {@code ;} between commands
     * @throws IOException when the log cannot be written
     */
    @SuppressWarnings("removal")
    public static void main(String[] args) throws IOException {
        Path log = Path.of(args[0]);
        Files.writeString(log, "");
        // The JDK's font configuration (used when plots are drawn) looks up this machine's own name
        // to name a cache file; resolving the local name is not network access, so it is allowed.
        String localName = java.net.InetAddress.getLocalHost().getHostName();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkConnect(String host, int port) {
                record(host, port);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                record(host, port);
            }

            @Override
            public void checkPermission(Permission perm) {
                // Everything but the network is allowed.
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                // Everything but the network is allowed.
            }

            private void record(String host, int port) {
                if (port == -1 && (host.equals(localName) || host.equals("localhost"))) {
                    return;
                }
                try {
                    StringBuilder entry = new StringBuilder("connect " + host + ":" + port + "\n");
                    for (StackTraceElement frame : new Throwable().getStackTrace()) {
                        entry.append("    at ").append(frame).append('\n');
                    }
                    Files.writeString(log, entry, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new SecurityException("network access to " + host + ":" + port + " is forbidden here");
            }
        });
        int start = 1;
        int worst = 0;
        for (int i = 1; i <= args.length; i++) {
            if (i == args.length || args[i].equals(";")) {
                worst = Math.max(worst, Cxr4jCommand.run(Arrays.copyOfRange(args, start, i)));
                start = i + 1;
            }
        }
        System.exit(worst);
    }
}

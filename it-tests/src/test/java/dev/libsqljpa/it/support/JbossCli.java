package dev.libsqljpa.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code $JBOSS_HOME/bin/jboss-cli.sh} against the managed server the way an administrator does: script file plus
 * a properties file (owner-readable only, deleted afterwards) for the values, {@code --resolve-parameter-values}.
 */
public final class JbossCli {

    private static final long TIMEOUT_SECONDS = 120;

    private JbossCli() {}

    /** Runs a script; returns its console output; fails with that output on a non-zero exit. */
    public static String runScript(ItServer server, Path script, Map<String, String> properties) {
        Path work = server.workDir();
        Path propertiesFile = work.resolve("cli-" + System.nanoTime() + ".properties");
        try {
            Files.createFile(
                    propertiesFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties values = new Properties();
            values.putAll(properties);
            try (var out = Files.newOutputStream(propertiesFile)) {
                values.store(out, null);
            }
            return run(
                    server,
                    List.of("--resolve-parameter-values", "--properties=" + propertiesFile, "--file=" + script));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(propertiesFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + propertiesFile, e);
            }
        }
    }

    /** Runs one CLI command. */
    public static String runCommand(ItServer server, String command) {
        return run(server, List.of("--command=" + command));
    }

    private static String run(ItServer server, List<String> arguments) {
        Path cli = server.jbossHome().resolve("bin/jboss-cli.sh");
        List<String> command = new ArrayList<>();
        command.add(cli.toString());
        command.add("--connect");
        command.add("--controller=remote+http://127.0.0.1:" + server.managementPort());
        command.addAll(arguments);
        Path output = server.workDir().resolve("cli-" + System.nanoTime() + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("wf.java.home"));
        builder.environment().put("JBOSS_HOME", server.jbossHome().toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jboss-cli did not finish within " + TIMEOUT_SECONDS + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "jboss-cli " + arguments + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jboss-cli", e);
        }
    }
}

package dev.libsqljpa.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Child processes of the bench: this JVM's java and class path, and "run, return the last line with a prefix". */
final class Jvm {
    private Jvm() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** Runs {@code java [jvmOptions] -cp <ours> main args}; returns the last output line starting with a prefix. */
    static String runMain(List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), main.getName()));
        command.addAll(List.of(args));
        return lastLine(command, "result ");
    }

    /**
     * Runs a command; returns its last output line starting with {@code prefix} (prefix removed), or, when
     * there is none, {@code "noresult "} and the last line the process printed.
     */
    static String lastLine(List<String> command, String prefix) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        String last = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith(prefix)) {
                    result = line.substring(prefix.length());
                } else if (!line.isBlank()) {
                    last = line.strip();
                }
            }
        }
        p.waitFor();
        return result != null ? result : "noresult " + last;
    }
}

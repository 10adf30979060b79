package dev.trawl.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a bench ran, for the report: cores, memory, JDK, OS, and the load average before and after (the
 * machine may be shared, and load is noise). Immutable.
 */
public record Machine(int cores, String jdk, String os, String memory, String loadBefore, String loadAfter) {

    /** This machine now; {@code loadAfter} is filled by {@link #finished()}. */
    static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                String.format(Locale.ROOT, "%.1f GiB", memoryMib() / 1024.0), load().orElse("unknown"), "");
    }

    Machine finished() {
        return new Machine(cores, jdk, os, memory, loadBefore, load().orElse("unknown"));
    }

    /**
     * This machine's memory in MiB, as the JVM sees it: a container's limit, where there is one, which is what a
     * bench's server may take and what the report should name.
     */
    static long memoryMib() {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() / (1024 * 1024);
    }

    /** {@code /proc/loadavg}'s three averages. */
    static Optional<String> load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return Optional.of(fields[0] + " " + fields[1] + " " + fields[2]);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}

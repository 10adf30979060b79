package dev.trawl.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time spent so far: by the whole machine (every process, from {@code /proc/stat}), by the hypervisor
 * taking the machine's CPUs away (steal), by the sim server, and by this bench JVM. Two readings bracket a
 * crawl; their difference, less the crawl's own CPU, is what competed with it ({@link Contention}). Linux
 * only: elsewhere the machine's figures read 0. Immutable.
 *
 * @param machineBusySeconds user, nice, system, irq and softirq time of all CPUs
 * @param stealSeconds       time the hypervisor ran something else on this machine's CPUs
 * @param serverSeconds      the sim server process's CPU
 * @param benchSeconds       this JVM's CPU
 */
record CpuClock(double machineBusySeconds, double stealSeconds, double serverSeconds, double benchSeconds) {
    /** {@code /proc/stat} counts in USER_HZ, 100 per second on every Linux architecture trawl runs on. */
    static final double TICKS_PER_SECOND = 100;

    /** Now, with {@code server}'s CPU. */
    static CpuClock now(ProcessHandle server) {
        double[] machine = machine();
        double serverSeconds = server.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        double bench = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) / 1e9 : 0;
        return new CpuClock(machine[0], machine[1], serverSeconds, bench);
    }

    /**
     * What competed with a crawl that used {@code crawlSeconds} of CPU between {@code before} and this reading.
     */
    Contention since(CpuClock before, double crawlSeconds) {
        double server = serverSeconds - before.serverSeconds;
        double bench = benchSeconds - before.benchSeconds;
        double others = machineBusySeconds - before.machineBusySeconds - crawlSeconds - server - bench;
        // /proc/stat ticks are 10 ms and the crawl's CPU is measured apart: a few ticks either way are noise
        return new Contention(server, Math.max(0, others), stealSeconds - before.stealSeconds, 0);
    }

    /** Busy and steal seconds of all CPUs, from the first line of {@code /proc/stat}; zeros if unreadable. */
    private static double[] machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = cpu.strip().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new double[] {busy / TICKS_PER_SECOND, steal / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

}

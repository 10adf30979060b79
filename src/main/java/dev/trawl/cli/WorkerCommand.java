package dev.trawl.cli;

import dev.trawl.mode.process.Worker;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code trawl worker}: a child of {@code --mode processes}, started by the coordinator, never by hand.
 * Talks to it in frames over stdin and stdout; logs go to stderr.
 */
@Command(name = "worker", hidden = true, description = "Internal: a processes-mode child; speaks frames on stdin/stdout.")
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--id", paramLabel = "N", description = "Worker number, for process listings and logs.")
    int id;

    @Override
    public Integer call() throws IOException, InterruptedException {
        OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintStream log = System.err;
        System.setOut(log); // stdout carries frames only: anything printed by mistake goes to the log
        ignoreCtrlC();
        return new Worker(log).run(System.in, frames);
    }

    /**
     * Ctrl-C signals the terminal's whole process group, children included; the coordinator alone
     * handles it and tells each child to stop, so that records in flight still reach the output.
     */
    private static void ignoreCtrlC() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException unsupported) {
            // no SIGINT on this platform
        }
    }
}

package dev.trawl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs trawl's command line in this JVM, for the CLI tests. */
final class InProcessCli {
    private InProcessCli() {}

    /**
     * Runs {@code args} as {@code trawl} would, printing into {@code out} and {@code err}, and checks that what it
     * printed reports no politeness violation: every test crawl is audited.
     */
    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = Main.commandLine(args.length == 0 ? "" : args[0]); // as Main.main makes it
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        dev.trawl.audit.AuditAssert.assertPoliteOutput(out + "\n" + err);
        return code;
    }
}

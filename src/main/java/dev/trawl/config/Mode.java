package dev.trawl.config;

/** How the crawl pipeline is scheduled. The pipeline code is the same in every mode. */
public enum Mode {
    /** A fixed pool of platform threads making blocking calls. */
    THREADS,
    /** OkHttp's asynchronous calls and callbacks on a handful of threads. */
    ASYNC,
    /** One virtual thread per fetch. */
    VIRTUAL,
    /** A coordinator and child JVMs, URLs sharded by host. */
    PROCESSES;

    /** The lower-case name used on the command line and in config files. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

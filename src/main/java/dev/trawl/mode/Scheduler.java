package dev.trawl.mode;

import dev.trawl.frontier.Frontier;

/**
 * How producers are run: the only part of the pipeline that differs between modes. {@link #run}
 * returns once the frontier has nothing more to lease and every lease taken has been answered (its
 * hand-off, if any, is on the queue).
 */
interface Scheduler {

    /** Drives {@code producer} with leases from {@code frontier} until the crawl is over or stopped. */
    void run(Frontier frontier, Producer producer) throws InterruptedException;
}

package dev.trawl.bench;

import dev.trawl.config.ResolveRule;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The sim web a bench crawls, as {@code trawl serve --seeds-file} described it: the seeds, and the
 * {@code --resolve} rules their host names need. Immutable.
 *
 * @param seedsFile the file, usable as {@code trawl crawl --seeds}
 * @param seeds     one root URL per host
 * @param resolve   rules such as {@code *.sim.test=127.0.0.1}
 */
record SimTarget(Path seedsFile, List<String> seeds, List<ResolveRule> resolve) {
    static final String RESOLVE_PREFIX = "# resolve:";

    SimTarget {
        seeds = List.copyOf(seeds);
        resolve = List.copyOf(resolve);
    }

    static SimTarget read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<ResolveRule> rules = lines.stream().filter(line -> line.startsWith(RESOLVE_PREFIX))
                .flatMap(line -> java.util.Arrays.stream(line.substring(RESOLVE_PREFIX.length()).strip().split("\\s+")))
                .filter(rule -> !rule.isBlank()).map(ResolveRule::parse).toList();
        List<String> seeds = lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        if (seeds.isEmpty()) {
            throw new IOException(file + ": the server wrote no seeds");
        }
        return new SimTarget(file, seeds, rules);
    }

    /** Where a host name is reached: its rule's address, or the name itself. */
    String addressOf(String host) {
        return resolve.stream().filter(rule -> rule.matches(host)).findFirst().map(ResolveRule::address).orElse(host);
    }

    /** Host and port of each seed. */
    List<Origin> origins() {
        return seeds.stream().map(URI::create).map(uri -> new Origin(uri.getHost(), addressOf(uri.getHost()), uri.getPort()))
                .toList();
    }

    /** {@code --resolve} arguments for a crawl. */
    List<String> resolveArguments() {
        return resolve.stream().flatMap(rule -> java.util.stream.Stream.of("--resolve", rule.toString())).toList();
    }

    /** One host: its name, the address it is reached at, its port. */
    record Origin(String host, String address, int port) {}

    /** The first seed, for messages. */
    Optional<String> first() {
        return seeds.stream().findFirst();
    }
}

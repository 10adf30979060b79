package dev.trawl.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SimWeb} of one {@link HostServer} per host, all bound to 127.0.0.1 and sharing one
 * {@link SiteContent}. The expected crawl is computed once, at start.
 *
 * <p>Thread-safe. Owns its host servers and closes them, once, in {@link #close()}.
 */
final class LoopbackSimWeb implements SimWeb {

    private static final int BACKLOG = 1024;
    /**
     * The JDK server writes headers and body in separate segments; without TCP_NODELAY, Nagle's
     * algorithm and the client's delayed ACK hold every response back by up to 40 ms on keep-alive
     * connections. The server reads this property once, when its first instance is created.
     */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final int DESCRIBED_SEEDS = 8;
    private static final long RESPONDER_GRACE_SECONDS = 5;

    private final SiteSpec spec;
    private final List<HostServer> hosts;
    private final Map<String, HostServer> byOrigin;
    private final SiteLayout.Answer answer;
    private final Set<String> sitemapOnly;
    private final ScheduledExecutorService responder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoopbackSimWeb(SiteSpec spec, List<HostServer> hosts, SiteLayout.Answer answer,
            ScheduledExecutorService responder) {
        this.spec = spec;
        this.responder = responder;
        this.hosts = List.copyOf(hosts);
        this.answer = answer;
        this.sitemapOnly = hosts.stream().flatMap(host -> spec.sitemaps()
                ? java.util.stream.IntStream.range(0, SiteSpec.SITEMAP_ONLY_PAGES)
                        .mapToObj(n -> "http://" + host.origin() + new SitePath(SitePath.Kind.SITEMAP_ONLY, n).path())
                : java.util.stream.Stream.<String>empty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        Map<String, HostServer> origins = new LinkedHashMap<>();
        for (HostServer host : hosts) {
            origins.put(host.origin(), host);
        }
        this.byOrigin = Map.copyOf(origins);
    }

    static LoopbackSimWeb start(SiteSpec spec) {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        List<HttpServer> bound = new ArrayList<>(spec.hosts());
        List<HostServer> started = new ArrayList<>(spec.hosts());
        ScheduledExecutorService responder = null;
        try {
            for (int host = 0; host < spec.hosts(); host++) {
                bound.add(bind(spec.basePort() == 0 ? 0 : spec.basePort() + host));
            }
            responder = newResponder(bound.get(0).getAddress().getPort());
            List<String> baseUrls = new ArrayList<>(spec.hosts());
            for (int host = 0; host < spec.hosts(); host++) {
                baseUrls.add("http://" + spec.hostName(host) + ":" + bound.get(host).getAddress().getPort());
            }
            SiteLayout layout = new SiteLayout(spec);
            SiteContent content = new SiteContent(layout, baseUrls);
            SiteLayout.Answer answer = layout.answer(baseUrls);
            for (int host = 0; host < spec.hosts(); host++) {
                started.add(new HostServer(host, bound.get(host), spec, content, responder));
            }
            return new LoopbackSimWeb(spec, started, answer, responder);
        } catch (RuntimeException | Error e) {
            started.forEach(HostServer::close);
            if (responder != null) {
                responder.shutdownNow();
            }
            bound.subList(started.size(), bound.size()).forEach(server -> server.stop(0));
            throw e;
        }
    }

    /**
     * The threads that write every host's responses once their latency has passed: as many as there are
     * cores, whatever the number of hosts or requests in flight. Writing a page to a loopback socket
     * does not block, so a response waiting its turn costs a queue entry, not a thread. Named
     * {@code trawl-sim-PORT-respond-N} after host 0's port, so each web's threads can be told apart.
     */
    private static ScheduledExecutorService newResponder(int firstPort) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor responder = new ScheduledThreadPoolExecutor(
                Runtime.getRuntime().availableProcessors(), runnable -> {
                    Thread thread = new Thread(runnable,
                            "trawl-sim-" + firstPort + "-respond-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        responder.setRemoveOnCancelPolicy(true);
        return responder;
    }

    private static HttpServer bind(int port) {
        try {
            InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
            return HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        } catch (UnknownHostException e) {
            throw new AssertionError("a literal address needs no lookup", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot bind 127.0.0.1:" + port + ": " + e.getMessage()
                            + (port == 0 ? "" : "; choose another base port, or 0 for ephemeral ports"),
                    e);
        }
    }

    @Override
    public SiteSpec spec() {
        return spec;
    }

    @Override
    public List<String> seeds() {
        return hosts.stream().map(host -> "http://" + host.origin() + "/").toList();
    }

    @Override
    public List<String> origins() {
        return hosts.stream().map(HostServer::origin).toList();
    }

    @Override
    public List<String> resolveRules() {
        return spec.domain().map(domain -> List.of("*." + domain + "=127.0.0.1")).orElse(List.of());
    }

    @Override
    public Map<String, Integer> expected() {
        return answer.expected();
    }

    @Override
    public Set<String> disallowed() {
        return answer.disallowed();
    }

    @Override
    public Set<String> sitemapOnly() {
        return sitemapOnly;
    }

    @Override
    public List<String> traps() {
        return spec.traps() ? hosts.stream().map(host -> "http://" + host.origin() + SitePath.CALENDAR).toList()
                : List.of();
    }

    @Override
    public int hits(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        HostServer host = byOrigin.get(uri.getHost() + ":" + uri.getPort());
        return host == null ? 0 : host.stats().hits(url);
    }

    @Override
    public Map<String, Integer> hitCounts() {
        Map<String, Integer> all = new HashMap<>();
        for (HostServer host : hosts) {
            host.stats().copyHits(all);
        }
        for (HostServer host : hosts) {
            String base = "http://" + host.origin();
            all.remove(base + SitePath.ROBOTS.path());
            all.remove(base + "/sitemap.xml"); // a seed host's, asked for before its pages
            all.remove(base + SitePath.SITEMAP_INDEX.path());
            all.remove(base + SitePath.SITEMAP_URLSET.path());
        }
        return Map.copyOf(all);
    }

    @Override
    public int maxConcurrent(String origin) {
        return host(origin).stats().maxInFlight();
    }

    @Override
    public List<Long> requestStartNanos(String origin) {
        return host(origin).stats().startNanos();
    }

    @Override
    public List<Long> responseStartNanos(String origin) {
        return host(origin).stats().answeredNanos();
    }

    @Override
    public long totalRequests() {
        return hosts.stream().mapToLong(host -> host.stats().requests()).sum();
    }

    private HostServer host(String origin) {
        HostServer host = byOrigin.get(origin);
        if (host == null) {
            throw new IllegalArgumentException("not an origin of this sim web: '" + origin + "'; expected one of "
                    + origins());
        }
        return host;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("trawl sim web: %d hosts x %d pages = %d pages, %d links/page, ~%d bytes/page, seed %d\n"
                .formatted(spec.hosts(), spec.pagesPerHost(), spec.totalPages(), spec.linksPerPage(),
                        spec.pageBytes(), spec.seed()));
        text.append("latency %s (mean %d ms), markup density %.2f, gzip %s\n".formatted(
                spec.latency().describe(), spec.latency().mean().toMillis(), spec.markupDensity(),
                spec.gzip() ? "on" : "off"));
        text.append("broken links %.1f%%, redirects %.1f%%, errors (503) %.1f%%\n".formatted(
                spec.brokenLinkRate() * 100, spec.redirectRate() * 100, spec.errorRate() * 100));
        spec.domain().ifPresent(domain -> text.append("hosts named h0.%s ... h%d.%s, resolved to 127.0.0.1 (crawl with %s)\n"
                .formatted(domain, spec.hosts() - 1, domain, resolveRules().stream()
                        .map(rule -> "--resolve '" + rule + "'").collect(java.util.stream.Collectors.joining(" ")))));
        text.append("robots.txt: %s%s%s; redirect loop %s\n".formatted(
                spec.privateSection() ? "Disallow /private/" : "allows all",
                spec.robotsDisallowRate() > 0
                        ? ", %.0f%% of hosts also Disallow %s".formatted(spec.robotsDisallowRate() * 100,
                                SiteLayout.STRICT_DISALLOW)
                        : "",
                spec.crawlDelay().map(delay -> ", Crawl-delay " + SiteContent.seconds(delay) + " s").orElse(""),
                spec.redirectLoop() ? "on" : "off"));
        if (spec.traps()) {
            text.append("traps: an endless calendar at /cal?m=0 on every host; %.0f%% of links carry a session id\n"
                    .formatted(SiteContent.SESSION_LINK_RATE * 100));
        }
        if (spec.sitemaps()) {
            text.append("sitemaps: robots.txt names %s (an index of a gzipped sitemap), listing %d pages no page links to\n"
                    .formatted(SitePath.SITEMAP_INDEX.path(), SiteSpec.SITEMAP_ONLY_PAGES));
        }
        text.append("a full crawl fetches %d URLs%s\n".formatted(expected().size(),
                spec.traps() ? " besides the calendar's" : ""));
        List<String> seeds = seeds();
        text.append("seeds:\n");
        seeds.stream().limit(DESCRIBED_SEEDS).forEach(seed -> text.append("  ").append(seed).append('\n'));
        if (seeds.size() > DESCRIBED_SEEDS) {
            text.append("  ... and %d more\n".formatted(seeds.size() - DESCRIBED_SEEDS));
        }
        return text.toString();
    }

    /** Also waits (briefly) for the responder's threads to end, so that no thread of this web outlives it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hosts.forEach(HostServer::close);
            responder.shutdownNow();
            try {
                if (!responder.awaitTermination(RESPONDER_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the sim web's responder threads still run "
                            + RESPONDER_GRACE_SECONDS + " s after close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

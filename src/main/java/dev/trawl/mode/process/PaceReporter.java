package dev.trawl.mode.process;

import dev.trawl.frontier.Frontier;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child's side of {@link Message.Pace}: looked at every so often, it answers with a message only when
 * what the child would say has changed, so a quiet crawl sends nothing. A wait's time left changes every
 * moment and is not a change; a host that starts or stops waiting, or waits for another reason, is.
 *
 * <p>Not thread-safe: one thread at a time asks it (the child's pace thread, then, once that thread has
 * ended, the worker's own for the last word).
 */
final class PaceReporter {
    private static final Comparator<Frontier.HostWait> BY_HOST = Comparator.comparing(Frontier.HostWait::host);

    /** What was said last, without the times left: host and why of each wait, in host order. */
    private List<String> lastWaiting = List.of();
    private Map<String, String> lastSlowed = Map.of();

    /**
     * The message to send about {@code waiting} and {@code slowed} (as the child's frontier says them now), or
     * empty if it would say what the last one said.
     */
    Optional<Message.Pace> changed(List<Frontier.HostWait> waiting, Map<String, String> slowed) {
        List<Frontier.HostWait> sorted = waiting.stream().sorted(BY_HOST).toList();
        List<String> said = sorted.stream().map(wait -> wait.host() + " " + wait.why()).toList();
        if (said.equals(lastWaiting) && slowed.equals(lastSlowed)) {
            return Optional.empty();
        }
        lastWaiting = said;
        lastSlowed = Map.copyOf(slowed);
        return Optional.of(new Message.Pace(sorted, slowed));
    }
}

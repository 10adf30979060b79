package dev.trawl.parse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.parser.Tag;
import org.jsoup.select.Evaluator;

/**
 * A crawl's {@link Probe}s, indexed once for the scanner: by tag name, with jsoup's {@link Tag} for each name
 * and whether a probe must read the tag's attributes. Immutable and thread-safe; built once per rule set,
 * never per page.
 */
public final class ProbeSet {
    /** No probes: the outline alone. */
    public static final ProbeSet NONE = new ProbeSet(List.of());

    /**
     * The probes of one tag name, by index; jsoup's {@link Tag} for it; whether any reads attributes (a selector
     * with more than the name, or an attribute value).
     */
    record Probed(int[] probes, Tag tag, boolean readsAttributes) {}

    private final List<Probe> probes;
    /** By {@link TagNames} id; null where no probe names the tag. */
    private final Probed[] byId;
    /** The probes of names {@link TagNames} does not list (custom elements), by name; usually empty. */
    private final Map<String, Probed> byOtherName;
    private final boolean[] nameOnly;

    private ProbeSet(List<Probe> probes) {
        this.probes = List.copyOf(probes);
        this.nameOnly = new boolean[probes.size()];
        Map<String, Probed> index = new HashMap<>();
        for (int p = 0; p < probes.size(); p++) {
            Probe probe = probes.get(p);
            nameOnly[p] = probe.selector() instanceof Evaluator.Tag;
            Probed before = index.getOrDefault(probe.tag(), new Probed(new int[0], Tag.valueOf(probe.tag()), false));
            int[] after = Arrays.copyOf(before.probes(), before.probes().length + 1);
            after[before.probes().length] = p;
            index.put(probe.tag(), new Probed(after, before.tag(), before.readsAttributes() || !nameOnly[p]
                    || probe.attribute().isPresent()));
        }
        this.byId = new Probed[TagNames.count()];
        Map<String, Probed> others = new HashMap<>();
        index.forEach((name, probed) -> {
            int id = TagNames.id(name);
            if (id == TagNames.UNKNOWN) {
                others.put(name, probed);
            } else {
                byId[id] = probed;
            }
        });
        this.byOtherName = Map.copyOf(others);
    }

    /** {@code probes}, indexed. */
    public static ProbeSet of(List<Probe> probes) {
        return probes.isEmpty() ? NONE : new ProbeSet(probes);
    }

    public boolean isEmpty() {
        return probes.isEmpty();
    }

    public int size() {
        return probes.size();
    }

    Probe get(int p) {
        return probes.get(p);
    }

    /** Whether probe {@code p}'s selector is its tag name alone, so matching the name is matching the selector. */
    boolean nameOnly(int p) {
        return nameOnly[p];
    }

    /**
     * The probes of the tag {@code name}, whose {@link TagNames} id is {@code id}, or null when none names it (the
     * scanner's per-tag test: an array read for a listed name).
     */
    Probed on(int id, String name) {
        if (id != TagNames.UNKNOWN) {
            return byId[id];
        }
        return byOtherName.isEmpty() ? null : byOtherName.get(name);
    }
}

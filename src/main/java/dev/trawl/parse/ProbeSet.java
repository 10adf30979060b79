package dev.trawl.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Attributes;
import org.jsoup.parser.Tag;
import org.jsoup.select.Evaluator;

/**
 * A crawl's {@link Probe}s, indexed once for the scanner: by tag name, with jsoup's {@link Tag} for each name
 * and which of the tag's attributes its probes read. Immutable and thread-safe; built once per rule set,
 * never per page.
 */
public final class ProbeSet {
    /** No probes: the outline alone. */
    public static final ProbeSet NONE = new ProbeSet(List.of());

    /**
     * The probes of one tag name, by index; jsoup's {@link Tag} for it; whether any reads attributes (a selector
     * with more than the name, or an attribute value), and which: every one when {@code readsEvery} (a probe names
     * its attribute in other than ASCII, which jsoup's case-insensitive lookup may find under another name), else
     * those in {@code reads} (lower-case ASCII), all a tag that the outline does not keep needs read. {@code valuesAlone}:
     * every probe is the name alone with an attribute to take ({@code section@id}, {@code img@abs:src}), and none reads
     * every attribute, so for a tag the outline does not keep, the values of {@code reads} are all the probes need:
     * the scanner reads them into {@link #slot(int)}s, without an {@link Attributes} for the tag.
     */
    record Probed(int[] probes, Tag tag, boolean readsAttributes, boolean readsEvery, String[] reads,
                  boolean valuesAlone) {}

    private final List<Probe> probes;
    /** By {@link TagNames} id; null where no probe names the tag. */
    private final Probed[] byId;
    /** The probes of names {@link TagNames} does not list (custom elements), by name; usually empty. */
    private final Map<String, Probed> byOtherName;
    private final boolean[] nameOnly;
    /** Per probe, its {@link Probe#keys()}. */
    private final String[][] keys;
    /** Per probe with an attribute, that attribute's index in its tag's {@link Probed#reads()}; else -1. */
    private final int[] slots;
    /** The longest {@link Probed#reads()}. */
    private final int mostReads;

    private ProbeSet(List<Probe> probes) {
        this.probes = List.copyOf(probes);
        this.nameOnly = new boolean[probes.size()];
        this.keys = new String[probes.size()][];
        this.slots = new int[probes.size()];
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int p = 0; p < probes.size(); p++) {
            Probe probe = probes.get(p);
            nameOnly[p] = probe.selector() instanceof Evaluator.Tag;
            keys[p] = probe.keys().toArray(String[]::new);
            byName.computeIfAbsent(probe.tag(), name -> new ArrayList<>()).add(p);
        }
        this.byId = new Probed[TagNames.count()];
        Map<String, Probed> others = new HashMap<>();
        int most = 0;
        for (Map.Entry<String, List<Integer>> named : byName.entrySet()) {
            String name = named.getKey();
            Probed probed = probed(name, named.getValue());
            most = Math.max(most, probed.reads().length);
            int id = TagNames.id(name);
            if (id == TagNames.UNKNOWN) {
                others.put(name, probed);
            } else {
                byId[id] = probed;
            }
        }
        this.byOtherName = Map.copyOf(others);
        this.mostReads = most;
    }

    /**
     * The index entry of the tag {@code name}, whose probes are {@code indexes}; sets each of those probes' slot, where
     * its attribute's value is among the values read (-1 without one), by the key it was added to them under.
     */
    private Probed probed(String name, List<Integer> indexes) {
        boolean readsAttributes = false;
        boolean readsEvery = false;
        boolean valuesAlone = true;
        Set<String> reads = new LinkedHashSet<>();
        Map<Integer, String> slotKeys = new HashMap<>();
        for (int p : indexes) {
            Probe probe = probes.get(p);
            readsAttributes |= !nameOnly[p] || probe.attribute().isPresent();
            valuesAlone &= nameOnly[p] && probe.attribute().isPresent();
            reads.addAll(probe.keys());
            if (probe.attribute().isPresent()) {
                String attribute = probe.attribute().get();
                readsEvery |= !attribute.chars().allMatch(c -> c < 128);
                String key = attribute.toLowerCase(Locale.ROOT);
                reads.add(key);
                slotKeys.put(p, key);
            }
        }
        List<String> read = List.copyOf(reads);
        for (int p : indexes) {
            slots[p] = slotKeys.containsKey(p) ? read.indexOf(slotKeys.get(p)) : -1;
        }
        return new Probed(indexes.stream().mapToInt(Integer::intValue).toArray(), Tag.valueOf(name), readsAttributes,
                readsEvery, read.toArray(String[]::new), valuesAlone && !readsEvery);
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
     * Where probe {@code p}'s attribute value is in the values read for a {@link Probed#valuesAlone()} tag: its
     * attribute's index in the tag's {@link Probed#reads()}.
     */
    int slot(int p) {
        return slots[p];
    }

    /** The most attributes a tag's probes read: how many values a {@link Probed#valuesAlone()} tag may have. */
    int mostReads() {
        return mostReads;
    }

    /**
     * Whether {@code attributes} hold every attribute probe {@code p}'s selector reads ({@link Probe#keys()}): if not,
     * the selector cannot match, and no element need be made to ask it.
     */
    boolean mayMatch(int p, Attributes attributes) {
        for (String key : keys[p]) {
            if (!attributes.hasKeyIgnoreCase(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The probes of the tag {@code name}, whose {@link TagNames} id is {@code id}, or null when none names it (the
     * scanner's per-tag test: an array read for a listed name).
     */
    Probed on(int id, String name) {
        return id != TagNames.UNKNOWN ? byId[id] : onOther(name); // small enough for C1 to inline: asked at every start tag
    }

    private Probed onOther(String name) {
        return byOtherName.isEmpty() ? null : byOtherName.get(name);
    }
}

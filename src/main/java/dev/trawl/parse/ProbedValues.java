package dev.trawl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an outline's pass gathered for each {@link Probe} of its {@link ProbeSet}, in probe order: the raw values of
 * its matches in document order (attribute values decoded but not resolved, or texts). Only the scanner makes one,
 * handing over lists it no longer touches, so a page's values are neither copied nor changed after its pass.
 * Immutable and thread-safe once made.
 */
public final class ProbedValues {
    private final List<List<String>> values;

    /** Takes {@code gathered} over: the caller must not change it or its lists afterwards. */
    ProbedValues(List<List<String>> gathered) {
        List<List<String>> views = new ArrayList<>(gathered.size());
        for (List<String> list : gathered) {
            views.add(Collections.unmodifiableList(list));
        }
        this.values = Collections.unmodifiableList(views);
    }

    /** How many probes there were. */
    public int size() {
        return values.size();
    }

    /** What probe {@code p} gathered, unmodifiable. */
    public List<String> of(int p) {
        return values.get(p);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProbedValues that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

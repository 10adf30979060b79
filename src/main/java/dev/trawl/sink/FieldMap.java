package dev.trawl.sink;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A record's extraction fields: each rule's name, in rule order, with the value it took from the page. Made once a
 * page from an array of values against the rule set's {@link Names}, and taken by {@link CrawlRecord} as it is: a
 * page's fields were an unmodifiable copy of a {@code LinkedHashMap} made twice (the extractor's, then the record's
 * own copy), ~0.5 KB and ten puts each, for every page of a crawl with rules. Immutable and thread-safe; equal to
 * any map with the same entries, as a {@code Map} is.
 */
public final class FieldMap extends AbstractMap<String, FieldValue> {
    private static final FieldMap EMPTY = new FieldMap(new String[0], new FieldValue[0]);

    /** A rule set's field names, distinct, in rule order; made once for the rule set, shared by its pages' maps. */
    public static final class Names {
        private final String[] names;

        public Names(List<String> names) {
            this.names = names.toArray(String[]::new);
            Set<String> seen = new HashSet<>();
            for (String name : this.names) {
                Objects.requireNonNull(name, "a field's name");
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("a field's name twice: " + name);
                }
            }
        }

        /**
         * These names with {@code values}, the value of the name at the same index. The array is taken over, not
         * copied: the caller must not change it afterwards.
         */
        public FieldMap with(FieldValue[] values) {
            if (values.length != names.length) {
                throw new IllegalArgumentException(values.length + " values for " + names.length + " fields");
            }
            for (int k = 0; k < values.length; k++) {
                if (values[k] == null) {
                    throw new NullPointerException("no value for the field " + names[k]);
                }
            }
            return names.length == 0 ? EMPTY : new FieldMap(names, values);
        }
    }

    private final String[] names;
    private final FieldValue[] values;

    private FieldMap(String[] names, FieldValue[] values) {
        this.names = names;
        this.values = values;
    }

    /** {@code fields} in its iteration order: itself when it is a {@code FieldMap}, else a copy. */
    public static FieldMap copyOf(Map<String, FieldValue> fields) {
        if (fields instanceof FieldMap map) {
            return map;
        }
        if (fields.isEmpty()) {
            return EMPTY; // every record of a crawl without rules
        }
        FieldValue[] values = new FieldValue[fields.size()];
        int k = 0;
        for (FieldValue value : fields.values()) {
            values[k++] = value;
        }
        return new Names(List.copyOf(fields.keySet())).with(values);
    }

    @Override
    public int size() {
        return names.length;
    }

    private int indexOf(Object name) {
        for (int k = 0; k < names.length; k++) {
            if (names[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public FieldValue get(Object name) {
        int k = indexOf(name);
        return k < 0 ? null : values[k];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super FieldValue> action) {
        for (int k = 0; k < names.length; k++) {
            action.accept(names[k], values[k]);
        }
    }

    @Override
    public Set<Entry<String, FieldValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, FieldValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, FieldValue> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int k = next++;
                        return Map.entry(names[k], values[k]);
                    }
                };
            }
        };
    }
}

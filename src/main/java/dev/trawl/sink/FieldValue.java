package dev.trawl.sink;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value an extraction rule took from one page: one string or none ({@code all: false}), or a list
 * ({@code all: true}). Immutable.
 */
public sealed interface FieldValue permits FieldValue.One, FieldValue.Many {

    /** No match, or a page with nothing to match (a failure, a non-HTML response). */
    One NONE = new One(Optional.empty());

    /** No match for an {@code all: true} rule. */
    Many EMPTY = new Many(List.of());

    /** The values in order: none or one for {@link One}. */
    List<String> values();

    /** The first match's value, if there was one. */
    record One(Optional<String> value) implements FieldValue {
        public One {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<String> values() {
            return value.map(List::of).orElse(List.of());
        }
    }

    /** Every match's value, in document order. */
    record Many(List<String> values) implements FieldValue {
        public Many {
            values = List.copyOf(values);
        }
    }
}

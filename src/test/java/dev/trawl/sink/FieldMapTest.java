package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldMapTest {
    private static final FieldValue TITLE = new FieldValue.One(Optional.of("Title"));
    private static final FieldValue LINKS = new FieldValue.Many(List.of("a", "b"));

    @Test
    void aFieldMapIsTheMapOfItsNamesAndValuesInRuleOrder() {
        FieldMap map = new FieldMap.Names(List.of("title", "links", "none"))
                .with(new FieldValue[] {TITLE, LINKS, FieldValue.NONE});
        Map<String, FieldValue> expected = new LinkedHashMap<>();
        expected.put("title", TITLE);
        expected.put("links", LINKS);
        expected.put("none", FieldValue.NONE);

        assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected).hasToString(expected.toString());
        assertThat(expected).isEqualTo(map);
        assertThat(List.copyOf(map.keySet())).containsExactly("title", "links", "none");
        assertThat(List.copyOf(map.values())).containsExactly(TITLE, LINKS, FieldValue.NONE);
        assertThat(map.get("links")).isEqualTo(LINKS);
        assertThat(map.get("other")).isNull();
        assertThat(map.containsKey("none")).isTrue();
        List<String> visited = new ArrayList<>();
        map.forEach((name, value) -> visited.add(name + "=" + value.values()));
        assertThat(visited).containsExactly("title=[Title]", "links=[a, b]", "none=[]");
    }

    @Test
    void aFieldMapCannotBeChanged() {
        FieldMap map = new FieldMap.Names(List.of("title")).with(new FieldValue[] {TITLE});
        assertThatThrownBy(() -> map.put("title", LINKS)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("title")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(LINKS))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRecordTakesAFieldMapAsItIsAndCopiesAnyOtherMapInItsOrder() {
        FieldMap map = new FieldMap.Names(List.of("title")).with(new FieldValue[] {TITLE});
        assertThat(FieldMap.copyOf(map)).isSameAs(map);
        assertThat(CrawlRecord.builder("http://a.test/", 0).fields(map).build().fields()).isSameAs(map);

        Map<String, FieldValue> other = new LinkedHashMap<>();
        other.put("z", LINKS);
        other.put("a", TITLE);
        Map<String, FieldValue> copied = CrawlRecord.builder("http://a.test/", 0).fields(other).build().fields();
        other.put("later", FieldValue.NONE);
        assertThat(List.copyOf(copied.keySet())).containsExactly("z", "a");
        assertThat(CrawlRecord.builder("http://a.test/", 0).build().fields()).isEmpty();
    }

    @Test
    void namesAndValuesMustMatch() {
        assertThatThrownBy(() -> new FieldMap.Names(List.of("a", "a"))).hasMessageContaining("a field's name twice: a");
        FieldMap.Names names = new FieldMap.Names(List.of("a", "b"));
        assertThatThrownBy(() -> names.with(new FieldValue[] {TITLE})).hasMessage("1 values for 2 fields");
        assertThatThrownBy(() -> names.with(new FieldValue[] {TITLE, null})).hasMessage("no value for the field b");
    }
}

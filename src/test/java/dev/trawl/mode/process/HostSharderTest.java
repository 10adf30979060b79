package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostSharderTest {

    @ParameterizedTest
    @CsvSource({"example.com, 2, 0", "example.com, 3, 0", "127.0.0.1:8080, 2, 0", "127.0.0.1:8081, 2, 1",
            "docs.example.org, 4, 2"})
    void shardIsStableAcrossRunsAndJvms(String host, int workers, int expected) {
        // the values are pinned: String.hashCode is specified, so any JVM computes the same shard
        assertThat(new HostSharder(workers).shardOf(host)).isEqualTo(expected);
        assertThat(new HostSharder(workers).shardOf(host)).isEqualTo(new HostSharder(workers).shardOf(host));
    }

    @Test
    void loopbackPortsSpreadEvenlyOverWorkers() {
        HostSharder sharder = new HostSharder(4);
        Map<Integer, Integer> perShard = new HashMap<>();
        for (int port = 40_000; port < 41_000; port++) {
            perShard.merge(sharder.shardOf("127.0.0.1:" + port), 1, Integer::sum);
        }
        assertThat(perShard).hasSize(4);
        assertThat(perShard.values()).allSatisfy(n -> assertThat(n).isBetween(200, 300));
    }

    @Test
    void everyShardIsInRangeEvenForNegativeHashes() {
        HostSharder sharder = new HostSharder(3);
        for (int i = 0; i < 10_000; i++) {
            assertThat(sharder.shardOf("host-" + i + ".test")).isBetween(0, 2);
        }
    }

    @Test
    void zeroWorkersIsRefused() {
        assertThatThrownBy(() -> new HostSharder(0)).hasMessage("workers must be at least 1: 0");
    }
}

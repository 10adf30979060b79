package dev.trawl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names {@code --modes} takes, and the crawl flags each one stands for. */
class BenchModeTest {

    @Test
    void asyncNamesItsClientAlwaysAndAsyncOkhttpChoosesOkHttp() {
        assertThat(BenchMode.of("async").crawlArguments()).containsExactly("--mode", "async", "--async-client", "reactor");
        assertThat(BenchMode.of(" async-okhttp ").crawlArguments())
                .containsExactly("--mode", "async", "--async-client", "okhttp");
        assertThat(BenchMode.of("virtual").crawlArguments()).containsExactly("--mode", "virtual");
        assertThat(BenchMode.ASYNC_OKHTTP.cliName()).isEqualTo("async-okhttp");
    }

    @Test
    void anUnknownNameListsTheNamesThereAre() {
        assertThatThrownBy(() -> BenchMode.of("asyncio"))
                .hasMessage("--modes: unknown mode 'asyncio'; expected one of threads, async, async-okhttp, virtual, processes");
    }
}

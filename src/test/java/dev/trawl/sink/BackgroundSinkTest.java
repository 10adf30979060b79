package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackgroundSinkTest {

    /** A writer that fails like a full disk on its {@code failAt}-th record. */
    private static class FailingWriter implements RecordWriter {
        final List<String> written = new CopyOnWriteArrayList<>();
        final int failAt;
        volatile boolean closed;

        FailingWriter(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String name() {
            return "/full/out.csv";
        }

        @Override
        public void write(RecordJson record) throws IOException {
            if (written.size() + 1 == failAt) {
                throw new IOException("No space left on device");
            }
            written.add(record.record().url());
        }

        @Override
        public void idle(long nanoTime) {}

        @Override
        public void close() {
            closed = true;
        }
    }

    private static CrawlRecord record(int i) {
        return CrawlRecord.builder("http://a.test/" + i, 0).fetchedAt(Instant.EPOCH).build();
    }

    @Test
    void aFullDiskIsAnErrorNamingTheFileAndEveryRecordBeforeItIsKept() throws IOException {
        FailingWriter writer = new FailingWriter(3);
        BackgroundSink sink = new BackgroundSink(writer, "test");
        sink.write(record(1));
        sink.write(record(2));
        sink.write(record(3));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> sink.write(record(4)))
                .isInstanceOf(OutputFailedException.class)
                .hasMessage("cannot write to /full/out.csv: No space left on device"));
        assertThat(writer.written).containsExactly("http://a.test/1", "http://a.test/2");
        assertThatThrownBy(sink::close).isInstanceOf(OutputFailedException.class);
        assertThat(writer.closed).isTrue();
    }

    @Test
    void aFailedWriterStillDrainsSoNoCrawlThreadStaysBlocked() throws Exception {
        BackgroundSink sink = new BackgroundSink(new FailingWriter(1), "test");
        Thread producer = writeUntilRefused(sink);
        assertThat(producer.isAlive()).isFalse();
        assertThatThrownBy(sink::close).isInstanceOf(OutputFailedException.class);
    }

    @Test
    void aWriterThatThrowsAnErrorFailsTheOutputAndStillDrains() throws Exception {
        FailingWriter overflowing = new FailingWriter(Integer.MAX_VALUE) {
            @Override
            public void write(RecordJson record) {
                throw new StackOverflowError("a pathological record");
            }
        };
        BackgroundSink sink = new BackgroundSink(overflowing, "test");
        Thread producer = writeUntilRefused(sink);

        assertThat(producer.isAlive()).as("a producer blocked on the full queue of a dead writer thread").isFalse();
        assertThatThrownBy(sink::close).isInstanceOf(OutputFailedException.class)
                .hasMessageContaining("/full/out.csv").hasMessageContaining("StackOverflowError");
        assertThat(overflowing.closed).isTrue();
    }

    /**
     * A crawl thread writing 10,000 records into {@code sink} until it refuses one, given 20 s; it is still alive
     * if it blocked on a full queue. A daemon, so that a failing test cannot keep the JVM from exiting.
     */
    private static Thread writeUntilRefused(BackgroundSink sink) throws InterruptedException {
        Thread producer = Thread.ofPlatform().daemon().start(() -> {
            for (int i = 0; i < 10_000; i++) {
                try {
                    sink.write(record(i));
                } catch (OutputFailedException e) {
                    return;
                }
            }
        });
        producer.join(Duration.ofSeconds(20));
        return producer;
    }

    @Test
    void aBrokenPipeIsTheReaderGoingAway() {
        assertThat(new OutputFailedException("standard output", new IOException("Broken pipe")).readerGone()).isTrue();
        assertThat(new OutputFailedException("a.csv", new IOException("No space left on device")).readerGone()).isFalse();
    }
}

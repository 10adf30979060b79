package dev.trawl.mode.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trawl.config.ConfigLoader;
import dev.trawl.config.ConfigOverride;
import dev.trawl.config.CrawlConfig;
import dev.trawl.fetch.FailureKind;
import dev.trawl.frontier.CrawlUrl;
import dev.trawl.sink.CrawlRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void everyMessageTypeSurvivesTheRoundTrip() throws IOException {
        CrawlConfig config = ConfigLoader.load(Optional.empty(), List.of(
                ConfigOverride.of("scope.include", "^http://a\\.test/\\d{1,3}"),
                ConfigOverride.of("politeness.delay", "250ms"),
                ConfigOverride.of("concurrency.worker-jvm-options", "-Xmx64m"),
                ConfigOverride.of("output.out", "out/x.jsonl")));
        CrawlUrl url = new CrawlUrl("http://a.test/x", "a.test", 3, List.of("http://a.test/", "http://a.test/y"), 2);
        CrawlRecord full = CrawlRecord.builder("http://a.test/x", 3).finalUrl("http://a.test/z").status(301)
                .contentType(Optional.of("text/html")).fetchedAt(Instant.parse("2025-01-02T03:04:05.678Z"))
                .elapsedMillis(12).bytes(3400).title(Optional.of("T")).description(Optional.of("d"))
                .language(Optional.of("en")).canonical(Optional.of("http://a.test/c")).charset(Optional.of("UTF-8"))
                .outlinks(9).noindex(true).attempts(2).error(FailureKind.REDIRECT_LOOP, "a -> b").build();
        CrawlRecord bare = CrawlRecord.builder("http://a.test/q", 0).nofollow(true).attempts(1).build();
        List<Message> messages = List.of(new Message.Hello(1, config, List.of("http://a.test/")),
                new Message.Crawl(url), new Message.End(), new Message.Stop(), new Message.Ready(4242),
                new Message.Discovered(CrawlUrl.of("http://b.test:81/", 1)), new Message.Recorded(full, List.of("http://a.test/l", "http://b.test/")),
                new Message.Recorded(bare, List.of()),
                new Message.Pace(List.of(new dev.trawl.frontier.Frontier.HostWait("a.test",
                        "robots.txt status 503 (try 2 of 3)", java.time.Duration.ofMillis(1500))),
                        java.util.Map.of("b.test:81", "503 x2, peak 2s, now 1s")),
                new Message.Pace(List.of(), java.util.Map.of()), new Message.Retrying("http://a.test/x"),
                new Message.Audited(List.of("{\"event\":\"sent\"}", "{\"event\":\"ended\"}")),
                new Message.Stats(7), new Message.Bye());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageWriter writer = new MessageWriter(codec, bytes);
        for (Message message : messages) {
            writer.send(message);
        }
        MessageReader reader = new MessageReader(codec, new ByteArrayInputStream(bytes.toByteArray()));
        for (Message message : messages) {
            Message read = reader.require();
            if (message instanceof Message.Hello hello) {
                Message.Hello back = (Message.Hello) read;
                assertThat(back.workerId()).isEqualTo(1);
                assertThat(back.seeds()).isEqualTo(hello.seeds());
                assertThat(back.config()).usingRecursiveComparison()
                        .withComparatorForType((a, b) -> a.pattern().compareTo(b.pattern()), java.util.regex.Pattern.class)
                        .isEqualTo(config);
            } else {
                assertThat(read).isEqualTo(message);
            }
        }
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void anotherProtocolVersionIsAClearError() {
        byte[] frame = frame("{\"v\":1,\"type\":\"bye\"}");

        assertThatThrownBy(() -> new MessageReader(codec, new ByteArrayInputStream(frame)).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("protocol version mismatch: peer speaks v1, this trawl speaks v" + Message.VERSION);
    }

    @Test
    void aFrameCutShortIsAnError() {
        byte[] frame = frame("{\"v\":1,\"type\":\"bye\"}");
        byte[] cut = Arrays.copyOf(frame, frame.length - 3);

        assertThatThrownBy(() -> new MessageReader(codec, new ByteArrayInputStream(cut)).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("truncated frame: stream ended after 17 of 20 payload bytes");
        assertThatThrownBy(() -> new MessageReader(codec, new ByteArrayInputStream(new byte[] {0, 0})).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("truncated frame: stream ended after 2 of 4 header bytes");
    }

    @Test
    void textWhereAFrameShouldBeIsRefused() {
        byte[] text = "Picked up JAVA_TOOL_OPTIONS\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new MessageReader(codec, new ByteArrayInputStream(text)).next())
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("bad frame length");
    }

    @Test
    void unknownTypeIsRefused() {
        assertThatThrownBy(() -> codec.decode(("{\"v\":" + Message.VERSION + ",\"type\":\"gossip\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("unknown message type: 'gossip'");
    }

    private static byte[] frame(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }
}

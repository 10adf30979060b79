package dev.trawl.mode;

import static dev.trawl.mode.TestCrawl.html;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The address rules end to end, on loopback only: a seed on {@code [::1]} allows ::1, and a link or a
 * redirect from it to 127.0.0.1 (another range) is refused and recorded, with not one request made there.
 */
class AddressRulesCrawlTest {
    private final MockWebServer v6 = new MockWebServer();
    private final MockWebServer v4 = new MockWebServer();

    @TempDir
    Path dir;

    private String seed;
    private String v4Base;

    @BeforeEach
    void start() throws Exception {
        v4.setDispatcher(answering(path -> "<title>private " + path + "</title>"));
        v4.start(InetAddress.getByName("127.0.0.1"), 0);
        v4Base = "http://127.0.0.1:" + v4.getPort();
        v6.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getUrl().encodedPath()) {
                    case "/robots.txt" -> new MockResponse.Builder().code(404).build();
                    case "/go" -> new MockResponse.Builder().code(302).setHeader("Location", v4Base + "/redirected").build();
                    case "/" -> html("<a href=/page>p</a> <a href=/go>go</a> <a href=" + v4Base + "/linked>l</a>");
                    default -> html("<title>public</title>");
                };
            }
        });
        v6.start(InetAddress.getByName("::1"), 0);
        seed = "http://[::1]:" + v6.getPort() + "/";
    }

    @AfterEach
    void stop() throws Exception {
        v6.close();
        v4.close();
    }

    private static Dispatcher answering(java.util.function.Function<String, String> body) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                return path.equals("/robots.txt") ? new MockResponse.Builder().code(404).build() : html(body.apply(path));
            }
        };
    }

    @Test
    void linkAndRedirectToAnotherPrivateRangeAreRefusedAndRecorded() throws Exception {
        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "scope.kind=any"), List.of(seed));

        assertThat(crawl.record(seed + "page").get("title").asText()).isEqualTo("public");
        for (String refused : List.of(v4Base + "/linked", v4Base + "/redirected")) {
            var record = crawl.record(refused);
            assertThat(record.get("error").asText()).isEqualTo("address_refused");
            assertThat(record.get("error_message").asText()).contains("127.0.0.1 is loopback 127.0.0.0/8");
        }
        assertThat(v4.getRequestCount()).as("requests to the refused range").isZero();
        assertThat(crawl.summary.errorsByKind()).containsEntry("address_refused", 2L);
    }

    @Test
    void allowPrivateLetsTheCrawlIn() throws Exception {
        TestCrawl crawl = TestCrawl.run(TestCrawl.config(dir.resolve("out.jsonl"), "scope.kind=any",
                "fetch.allow-private=true"), List.of(seed));

        assertThat(crawl.record(v4Base + "/linked").get("title").asText()).isEqualTo("private /linked");
        assertThat(crawl.record(v4Base + "/redirected").get("title").asText()).isEqualTo("private /redirected");
    }
}

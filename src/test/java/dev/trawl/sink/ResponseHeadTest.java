package dev.trawl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fields the WARC writer reads from a response head, in one pass. */
class ResponseHeadTest {

    private static ResponseHead of(String head) {
        return ResponseHead.of(head.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsTheFirstTypeAndCodingWithNamesInAnyCase() {
        ResponseHead head = of("HTTP/1.1 200 OK\r\ncontent-TYPE: Text/HTML; charset=utf-8\r\n"
                + "Content-Encoding:  gzip \r\nContent-Type: image/png\r\n\r\n");

        assertThat(head.mediaType()).contains("text/html");
        assertThat(head.encoding()).contains("gzip");
        assertThat(head.compressed()).isTrue();
    }

    @Test
    void blanksAroundANameAreThoseStringStripRemoves() {
        // form feed, vertical tab and the separators U+001C..U+001F are whitespace to String.strip(), which read the
        // names before; NUL is not
        assertThat(of("HTTP/1.1 200 OK\r\n\fContent-Type\u000B: image/png\r\n\r\n").mediaType()).contains("image/png");
        assertThat(of("HTTP/1.1 200 OK\r\n\u001FContent-Type: image/png\r\n\r\n").compressed()).isTrue();
        assertThat(of("HTTP/1.1 200 OK\r\n\u0000Content-Type: image/png\r\n\r\n").mediaType()).isEqualTo(Optional.empty());
    }

    @Test
    void identityOrNoCodingOnAPageIsNotCompressed() {
        assertThat(of("HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Type: text/html\r\n\r\n").compressed())
                .isFalse();
        assertThat(of("HTTP/1.1 200 OK\r\n\r\n").compressed()).isFalse();
    }
}

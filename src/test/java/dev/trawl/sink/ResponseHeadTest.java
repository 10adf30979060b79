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

    @Test
    void theStatusIsTheStatusLinesCodeWithOrWithoutAReason() {
        assertThat(of("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n").status()).isEqualTo(200);
        assertThat(of("HTTP/1.0 404 Not Found\r\n\r\n").status()).isEqualTo(404);
        // the fetcher writes no reason for an HTTP/2 response: the code ends at the line end
        assertThat(of("HTTP/1.1 302\r\nLocation: /x 1\r\n\r\n").status()).isEqualTo(302);
        assertThat(of("HTTP/1.1 503").status()).isEqualTo(503);
    }

    @Test
    void aStatusLineWithoutACodeGivesZero() {
        assertThat(of("HTTP/1.1\r\nServer: a b\r\n\r\n").status()).isZero();
        assertThat(of("HTTP/1.1 OK 200\r\n\r\n").status()).isZero();
        assertThat(of("HTTP/1.1  200 OK\r\n\r\n").status()).isZero();
        assertThat(of("HTTP/1.1 99999999999 OK\r\n\r\n").status()).isZero();
        assertThat(of("").status()).isZero();
    }

    @Test
    void theMediaTypeIsTheValueBeforeItsParametersStrippedAndLowered() {
        assertThat(of("HTTP/1.1 200 OK\r\nContent-Type: \t Text/HTML ; charset=utf-8\r\n\r\n").mediaType()).contains("text/html");
        assertThat(of("HTTP/1.1 200 OK\r\nContent-Type:IMAGE/\u00C9X\r\n\r\n").mediaType()).contains("image/\u00e9x");
        assertThat(of("HTTP/1.1 200 OK\r\nContent-Type: ;charset=x\r\n\r\n").mediaType()).contains("");
        assertThat(of("HTTP/1.1 200 OK\r\nContent-Type:\r\n\r\n").mediaType()).contains("");
        assertThat(of("HTTP/1.1 200 OK\nContent-Type: text/plain").mediaType()).contains("text/plain");
    }
}

package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireExchangeTest {

    private static WireExchange responding(String head) {
        return new WireExchange("http://a.test/", Instant.EPOCH, Optional.empty(), new byte[0],
                head.getBytes(StandardCharsets.ISO_8859_1), new byte[0], false);
    }

    @Test
    void theStatusIsReadWithOrWithoutAReasonPhrase() {
        assertThat(responding("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n").status()).isEqualTo(200);
        assertThat(responding("HTTP/1.1 302 Found\r\n\r\n").status()).isEqualTo(302);
        // an HTTP/2 response, or an empty message, is written back without a reason
        assertThat(responding("HTTP/1.1 200\r\nContent-Type: text/html\r\n\r\n").status()).isEqualTo(200);
        assertThat(responding("HTTP/1.0 404\r\n\r\n").status()).isEqualTo(404);
    }

    @Test
    void aHeadWithoutAStatusGivesZero() {
        assertThat(responding("").status()).isZero();
        assertThat(responding("HTTP/1.1\r\n\r\n").status()).isZero();
        assertThat(responding("HTTP/1.1 abc\r\n\r\n").status()).isZero();
    }
}

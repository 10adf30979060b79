package dev.trawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireBodyTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bodyOfTheAnnouncedLengthIsHandedOverWithoutACopy() {
        WireBody body = new WireBody();
        body.expect(10);
        body.write(ascii("01234"), 0, 5);
        body.write(ascii("56789"), 0, 5);

        byte[] bytes = body.bytes();

        assertThat(bytes).isEqualTo(ascii("0123456789"));
        assertThat(body.bytes()).isSameAs(bytes);
    }

    @Test
    void aWriteAfterTheHandOverGrowsANewArrayAndLeavesTheOneHandedOver() {
        WireBody body = new WireBody();
        body.expect(3);
        body.write(ascii("abc"), 0, 3);
        byte[] handed = body.bytes();

        body.write(ascii("def"), 0, 3);

        assertThat(handed).isEqualTo(ascii("abc"));
        assertThat(body.bytes()).isEqualTo(ascii("abcdef"));
    }

    @Test
    void shortOrLongBodiesAndUnknownLengthsComeBackExactly() {
        WireBody shorter = new WireBody();
        shorter.expect(100);
        shorter.write(ascii("cut"), 0, 3);
        assertThat(shorter.bytes()).isEqualTo(ascii("cut"));

        WireBody unknown = new WireBody();
        unknown.expect(-1);
        byte[] big = new byte[70_000];
        big[69_999] = 7;
        unknown.write(big, 0, big.length);
        unknown.write(ascii("!"), 0, 1);
        assertThat(unknown.bytes()).hasSize(70_001).endsWith(7, '!');
    }

    @Test
    void aHugeAnnouncedLengthReservesAtMostAMebibyte() {
        WireBody body = new WireBody();
        body.expect(Long.MAX_VALUE);
        body.write(ascii("x"), 0, 1);

        assertThat(body.bytes()).isEqualTo(ascii("x"));
        assertThat(body.size()).isEqualTo(1);

        // reserved exactly the mebibyte: filled to it, the buffer itself is handed over
        WireBody full = new WireBody();
        full.expect(Long.MAX_VALUE);
        full.write(new byte[WireBody.MOST_RESERVED], 0, WireBody.MOST_RESERVED);
        assertThat(full.bytes()).hasSize(WireBody.MOST_RESERVED).isSameAs(full.bytes());
    }

    @Test
    void buffersAreCopiedWithoutBeingConsumedWhetherHeapOrDirect() {
        WireBody body = new WireBody();
        ByteBuffer heap = ByteBuffer.wrap(ascii("--heap--"), 2, 4);
        ByteBuffer direct = ByteBuffer.allocateDirect(6).put(ascii("direct")).flip();

        body.write(heap);
        body.write(direct);

        assertThat(body.bytes()).isEqualTo(ascii("heapdirect"));
        assertThat(heap.remaining()).isEqualTo(4);
        assertThat(direct.remaining()).isEqualTo(6);
    }
}

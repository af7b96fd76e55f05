package dev.orrery.transport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LineSplitterTest {
    @Test
    void splitsOnNewlinesAcrossWritesAndDropsCarriageReturns() {
        Output out = new Output();
        LineSplitter splitter = new LineSplitter(out, false);
        write(splitter, "one\r\ntw");
        write(splitter, "o\n\nthre");
        splitter.write('e');
        splitter.close();

        assertThat(out.out()).containsExactly("one", "two", "", "three");
    }

    @Test
    void keepsMultiByteCharactersWhole() {
        Output out = new Output();
        LineSplitter splitter = new LineSplitter(out, true);
        byte[] bytes = "héllo ✅\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            splitter.write(b);
        }
        assertThat(out.err()).containsExactly("héllo ✅");
    }

    @Test
    void anEndlessLineIsHandedOverInBoundedPieces() {
        Output out = new Output();
        LineSplitter splitter = new LineSplitter(out, false);
        byte[] chunk = new byte[LineSplitter.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(chunk, (byte) 'x');
        splitter.write(chunk, 0, chunk.length);
        splitter.close();

        assertThat(out.out()).hasSize(2);
        assertThat(out.out().get(0)).hasSize(LineSplitter.MAX_LINE_BYTES);
        assertThat(out.out().get(1)).hasSize(10);
    }

    private static void write(LineSplitter splitter, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.write(bytes, 0, bytes.length);
    }
}

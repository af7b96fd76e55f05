package dev.orrery.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CodecTest {
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void timesAreWrittenAtFixedWidthAndReadBackExactly() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1999-12-31T23:59:59.999999999Z"),
                Instant.parse("2026-02-28T00:00:00.000000001Z"), Instant.parse("2028-02-29T12:30:45.5Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("0001-01-01T00:00:00Z")));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant at : instants) {
            String text = Codec.time(at);
            assertThat(text).as("%s", at).hasSize(30).isEqualTo(REFERENCE.format(at));
            assertThat(Codec.instant(text)).isEqualTo(at);
        }
        assertThat(Codec.time(null)).isNull();
    }

    @Test
    void yearsBeyondFourDigitsStillRoundTrip() {
        Instant far = Instant.parse("+12026-05-01T10:00:00.25Z");
        assertThat(Codec.instant(Codec.time(far))).isEqualTo(far);
    }
}

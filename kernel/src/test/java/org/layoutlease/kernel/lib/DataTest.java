package org.layoutlease.kernel.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataTest {

    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;

    private static Data ascii(String s) {
        return Data.latin1(s);
    }

    @Test
    void rendersTheSpecExamples() {
        assertThat(Data.zeros(4096).render()).isEqualTo("\"\\0\"*4096");
        assertThat(ascii("hello").render()).isEqualTo("\"hello\"");
        assertThat(Data.fill((byte) 'A', 10).concat(ascii("BB")).render()).isEqualTo("\"A\"*10 \"BB\"");
        assertThat(Data.fill((byte) 0xab, GIB).render()).isEqualTo("\"\\xab\"*1073741824");
        assertThat(Data.EMPTY.render()).isEqualTo("\"\"");
        assertThat(Data.zeros(0).render()).isEqualTo("\"\"");
    }

    @Test
    void runsShorterThanEightStayLiteral() {
        assertThat(Data.fill((byte) 'A', 7).render()).isEqualTo("\"AAAAAAA\"");
        assertThat(Data.fill((byte) 'A', 8).render()).isEqualTo("\"A\"*8");
        assertThat(ascii("xy").concat(Data.fill((byte) 'z', 3)).concat(ascii("w")).render()).isEqualTo("\"xyzzzw\"");
    }

    @Test
    void runsMergeAcrossRunBoundariesBeforeRendering() {
        Data d = ascii("xaa").concat(Data.fill((byte) 'a', 6)).concat(ascii("ab"));
        assertThat(d.render()).isEqualTo("\"x\" \"a\"*9 \"b\"");
        Data split = Data.fill((byte) 0, 3).concat(Data.fill((byte) 0, 5));
        assertThat(split.render()).isEqualTo("\"\\0\"*8");
        assertThat(split.normalize().runCount()).isEqualTo(1);
    }

    @Test
    void escapesBytesLikeC() {
        byte[] bytes = {0, 'a', 0, '7', '\n', '\t', '\r', '"', '\\', 0x7f, (byte) 0xff, ' ', '~', 0x1f, 0};
        assertThat(Data.of(bytes).render()).isEqualTo("\"\\0a\\x007\\n\\t\\r\\\"\\\\\\x7f\\xff ~\\x1f\\0\"");
    }

    @Test
    void zeroBeforeADigitIsHexEscaped() {
        assertThat(Data.of(new byte[] {0, '1'}).render()).isEqualTo("\"\\x001\"");
        assertThat(Data.of(new byte[] {0, 'x'}).render()).isEqualTo("\"\\0x\"");
    }

    @Test
    void longPeriodicRunsOfSeveralBytesRenderWithACount() {
        Data d = Data.repeat("ab".getBytes(StandardCharsets.US_ASCII), 1_000_000);
        assertThat(d.render()).isEqualTo("\"ab\"*1000000");
        Data doubled = Data.repeat("abab".getBytes(StandardCharsets.US_ASCII), 500_000);
        assertThat(doubled.render()).isEqualTo("\"ab\"*1000000");
        assertThat(Data.repeat("ab".getBytes(StandardCharsets.US_ASCII), 3).render()).isEqualTo("\"ababab\"");
    }

    @Test
    void equalityIsByContentWhateverTheRuns() {
        assertThat(ascii("aaaa")).isEqualTo(Data.fill((byte) 'a', 4));
        assertThat(ascii("aaaa").hashCode()).isEqualTo(Data.fill((byte) 'a', 4).hashCode());
        Data ab3 = Data.repeat("ab".getBytes(StandardCharsets.US_ASCII), 3);
        assertThat(ab3).isEqualTo(ascii("ababab")).hasSameHashCodeAs(ascii("ababab"));
        assertThat(ab3).isEqualTo(ascii("a").concat(Data.repeat("ba".getBytes(StandardCharsets.US_ASCII), 2))
                .concat(ascii("b")));
        assertThat(ab3).isNotEqualTo(ascii("ababaa"));
        assertThat(ab3).isNotEqualTo(ascii("abab"));
        assertThat(Data.zeros(3)).isNotEqualTo(Data.zeros(4));
        assertThat(Data.EMPTY).isEqualTo(ascii("")).hasSameHashCodeAs(ascii(""));
    }

    @Test
    void hugeRunsCompareWithoutMaterializing() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        Data whole = Data.repeat(abc, TIB);
        Data halves = Data.repeat(abc, TIB / 2).concat(Data.repeat(abc, TIB / 2));
        assertThat(whole).isEqualTo(halves).hasSameHashCodeAs(halves);
        Data rotated = Data.repeat("bca".getBytes(StandardCharsets.US_ASCII), TIB - 1).concat(ascii("bc"));
        Data sliced = whole.slice(1, 3 * TIB - 1);
        assertThat(sliced).isEqualTo(rotated).hasSameHashCodeAs(rotated);
        assertThat(Data.repeat("abcabd".getBytes(StandardCharsets.US_ASCII), TIB)).isNotEqualTo(Data.repeat(abc, 2 * TIB));
        Data zeros = Data.zeros(TIB);
        Data pieces = Data.zeros(TIB - 5).concat(Data.of(new byte[5]));
        assertThat(zeros).isEqualTo(pieces).hasSameHashCodeAs(pieces);
        assertThat(zeros).isNotEqualTo(Data.zeros(TIB - 1).concat(ascii("x")));
    }

    @Test
    void sliceAndByteAt() {
        Data d = ascii("hello").concat(Data.zeros(GIB)).concat(ascii("world"));
        assertThat(d.length()).isEqualTo(GIB + 10);
        assertThat(d.byteAt(0)).isEqualTo((byte) 'h');
        assertThat(d.byteAt(5)).isZero();
        assertThat(d.byteAt(GIB + 5)).isEqualTo((byte) 'w');
        assertThat(d.slice(3, 4)).isEqualTo(ascii("lo\0\0"));
        assertThat(d.slice(GIB + 4, 4)).isEqualTo(ascii("\0wor"));
        assertThat(d.slice(5, GIB).render()).isEqualTo("\"\\0\"*1073741824");
        assertThat(d.slice(0, d.length())).isSameAs(d);
        assertThat(d.slice(7, 0)).isEqualTo(Data.EMPTY);
        assertThatThrownBy(() -> d.slice(GIB, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> d.byteAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void slicingAPeriodicRunRotatesItsUnit() {
        Data d = Data.repeat("abcd".getBytes(StandardCharsets.US_ASCII), 4);
        assertThat(d.slice(2, 9)).isEqualTo(ascii("cdabcdabc"));
        assertThat(d.slice(5, 2)).isEqualTo(ascii("bc"));
        assertThat(d.slice(3, 13)).isEqualTo(ascii("dabcdabcdabcd"));
    }

    @Test
    void factoriesCopyTheirInput() {
        byte[] bytes = {1, 2, 3};
        Data d = Data.of(bytes);
        bytes[0] = 9;
        assertThat(d.byteAt(0)).isEqualTo((byte) 1);
        assertThat(d.toByteArray()).containsExactly(1, 2, 3);
        byte[] out = d.toByteArray();
        out[1] = 9;
        assertThat(d.byteAt(1)).isEqualTo((byte) 2);
    }

    @Test
    void zeroQueries() {
        assertThat(Data.zeros(GIB).isAllZero()).isTrue();
        assertThat(Data.zeros(5).concat(ascii("a")).isAllZero()).isFalse();
        assertThat(Data.EMPTY.isAllZero()).isTrue();
    }

    @Test
    void parseReadsWhatRenderWrites() {
        String[] texts = {"\"\\0\"*4096", "\"hello\"", "\"A\"*10 \"BB\"", "\"\\xab\"*1073741824", "\"\"",
            "\"\\0a\\x007\\n\\t\\r\\\"\\\\\\x7f\\xff ~\\x1f\\0\"", "\"ab\"*1000000"};
        for (String text : texts) {
            assertThat(Data.parse(text).render()).isEqualTo(text);
        }
    }

    @Test
    void parseAcceptsOtherCForms() {
        assertThat(Data.parse("\"\\101\\x42\\103\"")).isEqualTo(ascii("ABC"));
        assertThat(Data.parse("  \"A\"*3   \"B\"*2 ")).isEqualTo(ascii("AAABB"));
        assertThat(Data.parse("\"ab\"*2\"c\"")).isEqualTo(ascii("ababc"));
        assertThat(Data.parse("\"x\"*0")).isEqualTo(Data.EMPTY);
        assertThat(Data.parse("\"\\x4\"")).isEqualTo(Data.of(new byte[] {4}));
    }

    @Test
    void parseRejectsMalformedText() {
        for (String bad : new String[] {"", "hello", "\"abc", "\"a\"*", "\"a\"*x", "\"\\q\"", "\"\\x\"",
            "\"a\"*99999999999999999999", "\"\\777\""}) {
            assertThatThrownBy(() -> Data.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsNegativeLengths() {
        assertThatThrownBy(() -> Data.zeros(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Data.repeat(new byte[] {1}, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthOverflowIsDetected() {
        Data big = Data.zeros(Long.MAX_VALUE);
        assertThatThrownBy(() -> big.concat(Data.zeros(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void primitiveRootFindsTheShortestPeriod() {
        assertThat(Data.primitiveRoot("abab".getBytes(StandardCharsets.US_ASCII))).containsExactly('a', 'b');
        assertThat(Data.primitiveRoot("aba".getBytes(StandardCharsets.US_ASCII))).containsExactly('a', 'b', 'a');
        assertThat(Data.primitiveRoot("zzz".getBytes(StandardCharsets.US_ASCII))).containsExactly('z');
    }

    @Test
    void sameContentRendersTheSame() {
        Data a = Data.fill((byte) 'q', 20).concat(ascii("r"));
        Data b = ascii("qqqq").concat(Data.fill((byte) 'q', 16)).concat(ascii("r"));
        assertThat(a.render()).isEqualTo(b.render()).isEqualTo("\"q\"*20 \"r\"");
        assertThat(a.normalize()).isEqualTo(a);
    }
}

package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.lib.RandomCases;

class SparseMediaTest {

    private static final long TIB = 1L << 40;
    private static final long GIB = 1L << 30;

    private static Data ascii(String s) {
        return Data.latin1(s);
    }

    @Test
    void unwrittenSpaceReadsAsZeros() {
        SparseMedia m = new SparseMedia();
        assertThat(m.read(TIB, 4096).render()).isEqualTo("\"\\0\"*4096");
        assertThat(m.segmentCount()).isZero();
    }

    @Test
    void writesOverlayAndTrimEarlierOnes() {
        SparseMedia m = new SparseMedia(1000);
        m.write(10, Data.fill((byte) 'a', 20));
        m.write(15, ascii("XY"));
        m.write(28, ascii("bcd"));
        assertThat(m.read(8, 25).render()).isEqualTo("\"\\0\\0aaaaaXY\" \"a\"*11 \"bcd\\0\\0\"");
        assertThat(m.segmentCount()).isEqualTo(4);
        m.write(0, Data.fill((byte) 'z', 100));
        assertThat(m.segmentCount()).isEqualTo(1);
        assertThat(m.read(0, 100)).isEqualTo(Data.fill((byte) 'z', 100));
    }

    @Test
    void zeroDropsContents() {
        SparseMedia m = new SparseMedia(1000);
        m.write(0, Data.fill((byte) 1, 100));
        m.zero(10, 80);
        assertThat(m.read(0, 100)).isEqualTo(Data.fill((byte) 1, 10).concat(Data.zeros(80)).concat(Data.fill((byte) 1, 10)));
        assertThat(m.storedBytes()).isEqualTo(20);
    }

    @Test
    void copyBehavesLikeMemmove() {
        SparseMedia m = new SparseMedia(1000);
        m.write(0, ascii("abcdef"));
        m.copy(0, 2, 6);
        assertThat(m.read(0, 8)).isEqualTo(ascii("ababcdef"));
        m.copy(2, 0, 6);
        assertThat(m.read(0, 8)).isEqualTo(ascii("abcdefef"));
        m.copy(500, 1, 3);
        assertThat(m.read(0, 8)).isEqualTo(ascii("a\0\0\0efef"));
    }

    @Test
    void hugeWritesCostOneSegment() {
        SparseMedia m = new SparseMedia();
        for (int i = 0; i < 512; i++) {
            m.write(i * 2 * GIB, Data.fill((byte) 0xab, GIB));
        }
        assertThat(m.segmentCount()).isEqualTo(512);
        Data read = m.read(GIB / 2, 2 * GIB);
        assertThat(read.render()).isEqualTo("\"\\xab\"*536870912 \"\\0\"*1073741824 \"\\xab\"*536870912");
        m.copy(0, 1, TIB);
        assertThat(m.read(GIB, 2).render()).isEqualTo("\"\\xab\\0\"");
        assertThat(m.segmentCount()).isEqualTo(2);
    }

    @Test
    void rejectsOutOfRange() {
        SparseMedia m = new SparseMedia(100);
        assertThatThrownBy(() -> m.write(99, ascii("ab"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.read(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparseMedia().read(Long.MAX_VALUE, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void behavesLikeAByteArray() {
        int size = 256;
        RandomCases.run("SparseMediaTest", random -> {
            SparseMedia m = new SparseMedia(size);
            byte[] model = new byte[size];
            for (int op = 0; op < 40; op++) {
                int addr = random.nextInt(size);
                int len = random.nextInt(Math.min(48, size - addr) + 1);
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        Data d = randomData(random, len);
                        m.write(addr, d);
                        System.arraycopy(d.toByteArray(), 0, model, addr, len);
                    }
                    case 2 -> {
                        m.zero(addr, len);
                        Arrays.fill(model, addr, addr + len, (byte) 0);
                    }
                    default -> {
                        int to = random.nextInt(size - len + 1);
                        m.copy(addr, to, len);
                        System.arraycopy(model, addr, model, to, len);
                    }
                }
                assertThat(m.read(0, size).toByteArray()).isEqualTo(model);
                int a = random.nextInt(size);
                int n = random.nextInt(size - a + 1);
                assertThat(m.read(a, n)).isEqualTo(Data.of(Arrays.copyOfRange(model, a, a + n)));
            }
        });
    }

    private static Data randomData(Random random, int len) {
        Data.Builder b = new Data.Builder();
        while (b.length() < len) {
            int n = 1 + random.nextInt(len - (int) b.length());
            if (random.nextBoolean()) {
                b.fill((byte) (1 + random.nextInt(3)), n);
            } else {
                byte[] bytes = new byte[n];
                random.nextBytes(bytes);
                b.append(bytes);
            }
        }
        return b.build();
    }
}

package org.layoutlease.kernel.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random Data values and operations checked against a plain byte[] model. */
class DataModelTest {

    private static final int OPS_PER_CASE = 30;

    /** A value under test with the bytes it should hold. */
    private record Pair(Data data, byte[] model) {
    }

    @Test
    void dataBehavesLikeAByteArray() {
        RandomCases.run("DataModelTest", random -> {
            Pair current = randomPair(random);
            for (int op = 0; op < OPS_PER_CASE; op++) {
                current = step(random, current);
                check(random, current);
            }
        });
    }

    private static Pair step(Random random, Pair p) {
        switch (random.nextInt(3)) {
            case 0 -> {
                Pair q = randomPair(random);
                return new Pair(p.data.concat(q.data), concat(p.model, q.model));
            }
            case 1 -> {
                int off = random.nextInt(p.model.length + 1);
                int len = random.nextInt(p.model.length - off + 1);
                return new Pair(p.data.slice(off, len), Arrays.copyOfRange(p.model, off, off + len));
            }
            default -> {
                Pair q = randomPair(random);
                return new Pair(q.data.concat(p.data), concat(q.model, p.model));
            }
        }
    }

    private static void check(Random random, Pair p) {
        Data d = p.data;
        byte[] m = p.model;
        assertThat(d.length()).isEqualTo(m.length);
        assertThat(d.toByteArray()).isEqualTo(m);
        for (int k = 0; k < 5 && m.length > 0; k++) {
            int i = random.nextInt(m.length);
            assertThat(d.byteAt(i)).isEqualTo(m[i]);
        }
        Data plain = Data.of(m);
        assertThat(d).isEqualTo(plain);
        assertThat(d.hashCode()).isEqualTo(plain.hashCode());
        assertThat(d.render()).isEqualTo(plain.render()).isEqualTo(referenceRender(m));
        assertThat(Data.parse(d.render())).isEqualTo(d);
        assertThat(d.normalize()).isEqualTo(d);
        if (m.length > 0) {
            byte[] changed = m.clone();
            int i = random.nextInt(m.length);
            changed[i] ^= (byte) (1 + random.nextInt(255));
            assertThat(d).isNotEqualTo(Data.of(changed));
        }
    }

    /** The rendering rule of the scenario language, computed byte by byte. */
    static String referenceRender(byte[] m) {
        if (m.length == 0) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        int i = 0;
        while (i < m.length) {
            int j = i;
            while (j < m.length && m[j] == m[i]) {
                j++;
            }
            if (j - i >= Data.MIN_FILL_BYTES) {
                flushLiteral(out, literal);
                separate(out);
                out.append('"');
                DataText.appendByte(out, m[i] & 0xff, -1);
                out.append("\"*").append(j - i);
            } else {
                literal.write(m, i, j - i);
            }
            i = j;
        }
        flushLiteral(out, literal);
        return out.toString();
    }

    private static void flushLiteral(StringBuilder out, ByteArrayOutputStream literal) {
        if (literal.size() == 0) {
            return;
        }
        byte[] b = literal.toByteArray();
        separate(out);
        out.append('"');
        for (int i = 0; i < b.length; i++) {
            DataText.appendByte(out, b[i] & 0xff, i + 1 < b.length ? b[i + 1] & 0xff : -1);
        }
        out.append('"');
        literal.reset();
    }

    private static void separate(StringBuilder out) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
    }

    /** A small value built from random fills, literals and periodic runs. */
    static Pair randomPair(Random random) {
        Data d = Data.EMPTY;
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        int pieces = random.nextInt(4);
        for (int k = 0; k < pieces; k++) {
            byte b = randomByte(random);
            switch (random.nextInt(3)) {
                case 0 -> {
                    int n = random.nextInt(20);
                    d = d.concat(Data.fill(b, n));
                    for (int i = 0; i < n; i++) {
                        model.write(b);
                    }
                }
                case 1 -> {
                    byte[] lit = randomBytes(random, random.nextInt(10));
                    d = d.concat(Data.of(lit));
                    model.writeBytes(lit);
                }
                default -> {
                    byte[] unit = randomBytes(random, 1 + random.nextInt(4));
                    int times = random.nextInt(8);
                    d = d.concat(Data.repeat(unit, times));
                    for (int i = 0; i < times; i++) {
                        model.writeBytes(unit);
                    }
                }
            }
        }
        return new Pair(d, model.toByteArray());
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = randomByte(random);
        }
        return b;
    }

    /** Few distinct values, so runs and coincidences across pieces are common. */
    private static byte randomByte(Random random) {
        byte[] alphabet = {0, 'a', 'b', '1', '"', '\\', '\n', (byte) 0xff};
        return alphabet[random.nextInt(alphabet.length)];
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

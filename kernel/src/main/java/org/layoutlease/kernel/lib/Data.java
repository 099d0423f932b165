package org.layoutlease.kernel.lib;

import java.util.Arrays;
import java.util.Objects;

/**
 * Models the bytes of a user buffer or a range of file/device contents in run-length form, the
 * shape strace-style transcripts print (<code>"\0"*4096</code>).
 *
 * <p>A {@code Data} is an immutable list of runs, each a non-empty {@code unit} repeated
 * {@code repeat} times. Unit arrays are shared between instances and never mutated, so slicing
 * and concatenation cost the number of runs touched, never the number of bytes. Equality and
 * hashing are by content: the run structure is an implementation detail.
 */
public final class Data {

    /** A run of one byte at least this long renders as {@code "X"*N}; shorter ones stay literal. */
    public static final int MIN_FILL_BYTES = 8;

    /** Limit on the runs of one value, so a pathological scenario fails loudly instead of thrashing. */
    public static final int MAX_RUNS = 1 << 24;

    /**
     * A run of a multi-byte unit up to this many bytes is expanded into literal bytes by
     * {@link #normalize()}; longer ones stay periodic, so rendering stays bounded.
     */
    public static final int MAX_EXPAND_BYTES = 1 << 16;

    /** Largest value {@link #toByteArray()} materializes. */
    public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    /** Base of the polynomial content hash; odd so that powers never collapse to zero mod 2^32. */
    private static final int HASH_BASE = 0x01000193;

    /** One shared single-byte unit per byte value: fills never allocate a unit. */
    private static final byte[][] BYTE_UNITS = new byte[256][];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_UNITS[b] = new byte[] {(byte) b};
        }
    }

    /** The empty sequence. */
    public static final Data EMPTY = new Data(new byte[0][], new long[0], new long[0]);

    private final byte[][] units;
    private final long[] repeats;
    /** {@code ends[i]} is the offset just past run {@code i}; strictly increasing. */
    private final long[] ends;

    private int hash;
    private boolean hashKnown;

    private Data(byte[][] units, long[] repeats, long[] ends) {
        assert units.length == repeats.length && repeats.length == ends.length;
        this.units = units;
        this.repeats = repeats;
        this.ends = ends;
    }

    // ---------------------------------------------------------------- factories

    /** {@code n} zero bytes: one run, whatever {@code n}. */
    public static Data zeros(long n) {
        return fill((byte) 0, n);
    }

    /** {@code n} copies of {@code b}: one run. */
    public static Data fill(byte b, long n) {
        requireNonNegative(n, "length");
        return new Builder().addRun(BYTE_UNITS[b & 0xff], n).build();
    }

    /** The given bytes as one literal run (copied, so the caller may reuse the array). */
    public static Data of(byte[] bytes) {
        return new Builder().addRun(bytes.clone(), 1).build();
    }

    /** {@code unit} repeated {@code times} times, without materializing the repetition. */
    public static Data repeat(byte[] unit, long times) {
        requireNonNegative(times, "times");
        byte[] shared = unit.length == 1 ? BYTE_UNITS[unit[0] & 0xff] : unit.clone();
        return new Builder().addRun(shared, times).build();
    }

    /** The characters of {@code s} as bytes; each must be in 0..255 (ISO-8859-1). */
    public static Data latin1(String s) {
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("character " + (int) c + " at " + i + " is not a byte");
            }
            bytes[i] = (byte) c;
        }
        return new Builder().addRun(bytes, 1).build();
    }

    /** Parses the scenario run-length form, for example {@code "A"*10 "BB"}; inverse of {@link #render()}. */
    public static Data parse(CharSequence text) {
        return DataText.parse(text);
    }

    // ---------------------------------------------------------------- queries

    /** Number of bytes. */
    public long length() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    public boolean isEmpty() {
        return ends.length == 0;
    }

    /** Number of runs in this representation (not a content property; for cost accounting). */
    public int runCount() {
        return units.length;
    }

    /** The byte at {@code offset}, found by binary search over the runs. */
    public byte byteAt(long offset) {
        Objects.checkIndex(offset, length());
        int i = runIndexOf(offset);
        long inRun = offset - runStart(i);
        byte[] unit = units[i];
        return unit[(int) (inRun % unit.length)];
    }

    /** True if every byte equals {@code b} (true for empty data). */
    public boolean allBytesAre(byte b) {
        for (byte[] unit : units) {
            for (byte x : unit) {
                if (x != b) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if every byte is zero, as a never-written block reads. */
    public boolean isAllZero() {
        return allBytesAre((byte) 0);
    }

    // ---------------------------------------------------------------- derived values

    /** This data followed by {@code other}. */
    public Data concat(Data other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new Builder().append(this).append(other).build();
    }

    /** The {@code len} bytes starting at {@code off}; shares units with this value where it can. */
    public Data slice(long off, long len) {
        Objects.checkFromIndexSize(off, len, length());
        if (len == 0) {
            return EMPTY;
        }
        if (off == 0 && len == length()) {
            return this;
        }
        Builder b = new Builder();
        appendSlice(b, off, len);
        return b.build();
    }

    private void appendSlice(Builder b, long off, long len) {
        long end = off + len;
        long pos = off;
        for (int i = runIndexOf(off); pos < end; i++) {
            long take = Math.min(ends[i], end) - pos;
            appendPiece(b, units[i], pos - runStart(i), take);
            pos += take;
        }
    }

    /**
     * Appends {@code take} bytes of the periodic run {@code unit^*} starting {@code inRun} bytes
     * into it. A slice of a periodic sequence is periodic with the rotated unit, plus a prefix.
     */
    private static void appendPiece(Builder b, byte[] unit, long inRun, long take) {
        int k = unit.length;
        if (k == 1) {
            b.addRun(unit, take);
            return;
        }
        int rot = (int) (inRun % k);
        if (take < k) {
            b.addRun(cyclicCopy(unit, rot, (int) take), 1);
            return;
        }
        byte[] rotated = rot == 0 ? unit : cyclicCopy(unit, rot, k);
        b.addRun(rotated, take / k);
        int rem = (int) (take % k);
        if (rem > 0) {
            b.addRun(Arrays.copyOf(rotated, rem), 1);
        }
    }

    private static byte[] cyclicCopy(byte[] unit, int from, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = unit[(from + i) % unit.length];
        }
        return out;
    }

    /**
     * The canonical run structure of this content: maximal runs of one byte at least
     * {@link #MIN_FILL_BYTES} long become fill runs, everything else merges into literal runs.
     * Periodic runs of a multi-byte unit longer than {@link #MAX_EXPAND_BYTES} stay periodic
     * (reduced to their primitive unit), the one case where equal content may normalize differently.
     */
    public Data normalize() {
        Canonicalizer c = new Canonicalizer();
        for (int i = 0; i < units.length; i++) {
            c.feedRun(units[i], repeats[i]);
        }
        return c.finish();
    }

    /** The scenario text of this content, for example <code>"A"*10 "BB"</code>; see {@link DataText}. */
    public String render() {
        return DataText.render(normalize());
    }

    /** All bytes as an array; only for data up to {@link #MAX_ARRAY_BYTES}. */
    public byte[] toByteArray() {
        long n = length();
        if (n > MAX_ARRAY_BYTES) {
            throw new IllegalStateException("data of " + n + " bytes is too long to materialize");
        }
        byte[] out = new byte[(int) n];
        int pos = 0;
        for (int i = 0; i < units.length; i++) {
            byte[] unit = units[i];
            for (long r = 0; r < repeats[i]; r++) {
                System.arraycopy(unit, 0, out, pos, unit.length);
                pos += unit.length;
            }
        }
        assert pos == n;
        return out;
    }

    // ---------------------------------------------------------------- run access for renderers

    /** A copy of the unit of run {@code i}. */
    public byte[] runUnit(int i) {
        return units[i].clone();
    }

    /** Repeat count of run {@code i}. */
    public long runRepeat(int i) {
        return repeats[i];
    }

    int runUnitLength(int i) {
        return units[i].length;
    }

    byte runUnitByte(int i, int j) {
        return units[i][j];
    }

    // ---------------------------------------------------------------- content equality

    /**
     * Content equality, run against run. Two periodic pieces of periods p and q that agree on
     * their first p+q bytes agree everywhere (Fine and Wilf), so a huge run costs O(p+q).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Data other) || length() != other.length()) {
            return false;
        }
        if (hashKnown && other.hashKnown && hash != other.hash) {
            return false;
        }
        int i = 0;
        int j = 0;
        long inI = 0;
        long inJ = 0;
        while (i < units.length) {
            long n = Math.min(runLength(i) - inI, other.runLength(j) - inJ);
            if (!periodicEqual(units[i], inI, other.units[j], inJ, n)) {
                return false;
            }
            inI += n;
            inJ += n;
            if (inI == runLength(i)) {
                i++;
                inI = 0;
            }
            if (inJ == other.runLength(j)) {
                j++;
                inJ = 0;
            }
        }
        assert j == other.units.length;
        return true;
    }

    private static boolean periodicEqual(byte[] u, long uOff, byte[] v, long vOff, long n) {
        int p = u.length;
        int q = v.length;
        long checked = Math.min(n, (long) p + q);
        int ui = (int) (uOff % p);
        int vi = (int) (vOff % q);
        for (long t = 0; t < checked; t++) {
            if (u[ui] != v[vi]) {
                return false;
            }
            ui = ui + 1 == p ? 0 : ui + 1;
            vi = vi + 1 == q ? 0 : vi + 1;
        }
        return true;
    }

    /** Polynomial hash of the bytes; a run of r units costs O(unit + log r). */
    @Override
    public int hashCode() {
        if (!hashKnown) {
            int h = 0;
            for (int i = 0; i < units.length; i++) {
                h = combine(h, repeatedHash(units[i], repeats[i]), (long) units[i].length * repeats[i]);
            }
            hash = h;
            hashKnown = true;
        }
        return hash;
    }

    private static int combine(int left, int right, long rightLength) {
        return left * power(rightLength) + right;
    }

    private static int repeatedHash(byte[] unit, long times) {
        int unitHash = 0;
        for (byte b : unit) {
            unitHash = unitHash * HASH_BASE + (b & 0xff) + 1;
        }
        int unitPow = power(unit.length);
        int result = 0;
        int chunkHash = unitHash;
        int chunkPow = unitPow;
        // Binary doubling: every copy is identical, so the order in which chunks combine is free.
        for (long r = times; r > 0; r >>>= 1) {
            if ((r & 1) != 0) {
                result = result * chunkPow + chunkHash;
            }
            chunkHash = chunkHash * chunkPow + chunkHash;
            chunkPow = chunkPow * chunkPow;
        }
        return result;
    }

    private static int power(long exponent) {
        int result = 1;
        int base = HASH_BASE;
        for (long e = exponent; e > 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
        }
        return result;
    }

    @Override
    public String toString() {
        return render();
    }

    // ---------------------------------------------------------------- internals

    private long runLength(int i) {
        return (long) units[i].length * repeats[i];
    }

    private long runStart(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Index of the run holding {@code offset}, which must be in range. */
    private int runIndexOf(long offset) {
        int r = Arrays.binarySearch(ends, offset);
        int i = r >= 0 ? r + 1 : -r - 1;
        assert i < ends.length && runStart(i) <= offset && offset < ends[i];
        return i;
    }

    private static void requireNonNegative(long n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + n);
        }
    }

    static byte[] byteUnit(int b) {
        return BYTE_UNITS[b & 0xff];
    }

    // ---------------------------------------------------------------- builder

    /** Accumulates runs; merges a run into the previous one when their units are equal. */
    public static final class Builder {
        private byte[][] units = new byte[8][];
        private long[] repeats = new long[8];
        private int count;
        private long length;

        /** Appends all of {@code d}'s runs. */
        public Builder append(Data d) {
            for (int i = 0; i < d.units.length; i++) {
                addRun(d.units[i], d.repeats[i]);
            }
            return this;
        }

        /** Appends {@code len} bytes of {@code d} starting at {@code off}. */
        public Builder append(Data d, long off, long len) {
            Objects.checkFromIndexSize(off, len, d.length());
            if (len > 0) {
                d.appendSlice(this, off, len);
            }
            return this;
        }

        /** Appends a copy of {@code bytes}. */
        public Builder append(byte[] bytes) {
            return addRun(bytes.clone(), 1);
        }

        /** Appends {@code n} copies of {@code b}. */
        public Builder fill(byte b, long n) {
            requireNonNegative(n, "length");
            return addRun(BYTE_UNITS[b & 0xff], n);
        }

        /** Appends {@code n} zero bytes. */
        public Builder zeros(long n) {
            return fill((byte) 0, n);
        }

        public long length() {
            return length;
        }

        public Data build() {
            if (count == 0) {
                return EMPTY;
            }
            long[] ends = new long[count];
            long pos = 0;
            for (int i = 0; i < count; i++) {
                pos += (long) units[i].length * repeats[i];
                ends[i] = pos;
            }
            assert pos == length;
            return new Data(Arrays.copyOf(units, count), Arrays.copyOf(repeats, count), ends);
        }

        /** Takes ownership of {@code unit}: callers pass arrays nobody will mutate. */
        Builder addRun(byte[] unit, long repeat) {
            if (repeat == 0 || unit.length == 0) {
                return this;
            }
            assert repeat > 0;
            length = Math.addExact(length, Math.multiplyExact((long) unit.length, repeat));
            if (count > 0 && sameUnit(units[count - 1], unit)) {
                repeats[count - 1] += repeat;
                return this;
            }
            if (count == MAX_RUNS) {
                throw new IllegalStateException("data exceeds MAX_RUNS=" + MAX_RUNS + " runs");
            }
            if (count == units.length) {
                units = Arrays.copyOf(units, count * 2);
                repeats = Arrays.copyOf(repeats, count * 2);
            }
            units[count] = unit;
            repeats[count] = repeat;
            count++;
            return this;
        }

        /** Cheap unit comparison: merging is an optimisation, so long units are not compared. */
        private static boolean sameUnit(byte[] a, byte[] b) {
            return a == b || (a.length == 1 && b.length == 1 && a[0] == b[0]);
        }
    }

    // ---------------------------------------------------------------- normalization

    /** Streams bytes through a run detector: long one-byte runs become fills, the rest literals. */
    private static final class Canonicalizer {
        private final Builder out = new Builder();
        private byte[] literal = new byte[16];
        private int literalLength;
        private int pendingByte = -1;
        private long pendingCount;

        void feedRun(byte[] unit, long repeat) {
            if (unit.length == 1) {
                feed(unit[0] & 0xff, repeat);
            } else if (repeat == 1) {
                feedBytes(unit);
            } else {
                feedPeriodic(unit, repeat);
            }
        }

        private void feedPeriodic(byte[] unit, long repeat) {
            byte[] root = primitiveRoot(unit);
            long times = Math.multiplyExact(repeat, (long) (unit.length / root.length));
            if (root.length == 1) {
                feed(root[0] & 0xff, times);
            } else if (root.length * times <= MAX_EXPAND_BYTES) {
                for (long t = 0; t < times; t++) {
                    feedBytes(root);
                }
            } else {
                flushPending();
                flushLiteral();
                out.addRun(root, times);
            }
        }

        private void feedBytes(byte[] bytes) {
            for (byte b : bytes) {
                feed(b & 0xff, 1);
            }
        }

        private void feed(int b, long n) {
            if (b == pendingByte) {
                pendingCount = Math.addExact(pendingCount, n);
                return;
            }
            flushPending();
            pendingByte = b;
            pendingCount = n;
        }

        private void flushPending() {
            if (pendingCount >= MIN_FILL_BYTES) {
                flushLiteral();
                out.addRun(BYTE_UNITS[pendingByte], pendingCount);
            } else {
                for (long i = 0; i < pendingCount; i++) {
                    appendLiteral((byte) pendingByte);
                }
            }
            pendingByte = -1;
            pendingCount = 0;
        }

        private void appendLiteral(byte b) {
            if (literalLength == literal.length) {
                if (literalLength == MAX_ARRAY_BYTES) {
                    throw new IllegalStateException("literal run exceeds " + MAX_ARRAY_BYTES + " bytes");
                }
                literal = Arrays.copyOf(literal, (int) Math.min((long) literalLength * 2, MAX_ARRAY_BYTES));
            }
            literal[literalLength++] = b;
        }

        private void flushLiteral() {
            if (literalLength > 0) {
                out.addRun(Arrays.copyOf(literal, literalLength), 1);
                literalLength = 0;
            }
        }

        Data finish() {
            flushPending();
            flushLiteral();
            return out.build();
        }
    }

    /** The shortest unit whose repetition gives {@code unit} (KMP failure function). */
    static byte[] primitiveRoot(byte[] unit) {
        int n = unit.length;
        int[] fail = new int[n];
        for (int i = 1, k = 0; i < n; i++) {
            while (k > 0 && unit[i] != unit[k]) {
                k = fail[k - 1];
            }
            if (unit[i] == unit[k]) {
                k++;
            }
            fail[i] = k;
        }
        int period = n - fail[n - 1];
        if (n % period != 0 || period == n) {
            return unit;
        }
        return period == 1 ? BYTE_UNITS[unit[0] & 0xff] : Arrays.copyOf(unit, period);
    }
}

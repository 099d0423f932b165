package org.layoutlease.scenario.syntax;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A value in a call's argument list or result. Every node keeps its position and the exact
 * source text it was parsed from, so diagnostics and transcripts can quote the input verbatim.
 */
public sealed interface Expr {

    /** Where the expression starts. */
    SourcePos pos();

    /** The exact source text of the expression. */
    String text();

    /** An integer: decimal, hex ({@code 0x}), octal (leading {@code 0}), negative, or a char literal's byte. */
    record IntLit(long value, SourcePos pos, String text) implements Expr {
    }

    /** A {@code "..."} string; {@code bytes} are the decoded bytes (raw characters as ISO-8859-1). */
    record StrLit(byte[] bytes, SourcePos pos, String text) implements Expr {

        /** Copies the bytes so the node stays immutable. */
        public StrLit {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StrLit s && Arrays.equals(bytes, s.bytes)
                    && pos.equals(s.pos) && text.equals(s.text);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + text.hashCode();
        }

        @Override
        public String toString() {
            return "StrLit[" + text + "]";
        }
    }

    /** Run-length data: {@code "\xab"*4096}, {@code "A"*10 "B"*2}; a lone plain string is a {@link StrLit}. */
    record DataLit(List<DataRun> runs, SourcePos pos, String text) implements Expr {

        /** Copies the runs so the node stays immutable. */
        public DataLit {
            runs = List.copyOf(runs);
        }

        /** Total length in bytes; the parser keeps it within {@link Limits#MAX_DATA_BYTES}. */
        public long length() {
            long total = 0;
            for (DataRun run : runs) {
                total += run.length();
            }
            return total;
        }
    }

    /** One run of a data literal: {@code unit} repeated {@code repeat} times. */
    record DataRun(byte[] unit, long repeat) {

        /** Copies the unit so the run stays immutable. */
        public DataRun {
            unit = unit.clone();
        }

        @Override
        public byte[] unit() {
            return unit.clone();
        }

        /** Length of the run in bytes. */
        public long length() {
            return unit.length * repeat;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DataRun r && repeat == r.repeat && Arrays.equals(unit, r.unit);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(unit) * 31 + Long.hashCode(repeat);
        }

        @Override
        public String toString() {
            return "DataRun[" + HexFormat.of().formatHex(unit) + "*" + repeat + "]";
        }
    }

    /** An identifier: a constant ({@code O_RDWR}, {@code NULL}, {@code handler}) or a process name. */
    record Name(String name, SourcePos pos, String text) implements Expr {
    }

    /** A variable reference {@code $name}; {@code name} excludes the dollar sign. */
    record Var(String name, SourcePos pos, String text) implements Expr {
    }

    /** Two or more parts joined by {@code |}: {@code O_RDWR|O_CREAT}. */
    record Flags(List<Expr> parts, SourcePos pos, String text) implements Expr {

        /** Copies the parts so the node stays immutable. */
        public Flags {
            parts = List.copyOf(parts);
        }
    }

    /** {@code left op right} with {@code op} one of {@code +} and {@code -}, left-associative. */
    record BinOp(Expr left, char op, Expr right, SourcePos pos, String text) implements Expr {
    }

    /** A struct as strace prints it: {@code {st_size=0}}; only the fields written are listed. */
    record StructLit(List<Field> fields, SourcePos pos, String text) implements Expr {

        /** Copies the fields so the node stays immutable. */
        public StructLit {
            fields = List.copyOf(fields);
        }
    }

    /** One {@code name=value} field of a {@link StructLit}. */
    record Field(String name, Expr value, SourcePos pos) {
    }

    /** An array as strace prints it: {@code [SIGIO, SIGUSR1]}, {@code []}. */
    record ArrayLit(List<Expr> items, SourcePos pos, String text) implements Expr {

        /** Copies the items so the node stays immutable. */
        public ArrayLit {
            items = List.copyOf(items);
        }
    }

    /** {@code ?}: any value (an output argument not checked). */
    record Wildcard(SourcePos pos, String text) implements Expr {
    }
}

package org.layoutlease.kernel.lib;

/**
 * Models strace's string printer ({@code print_quoted_string()}) in the scenario's run-length
 * form: <code>"\xab"*4096</code>, <code>"hello"</code>, <code>"A"*10 "BB"</code>.
 *
 * <p>Rendering: each run of a normalized {@link Data} is one piece, pieces are separated by a
 * single space, a run with a repeat count above one is written {@code "unit"*N}. Bytes use C
 * escapes; {@code \0} becomes {@code \x00} before a digit so a C reader does not take it as octal.
 * Parsing accepts that form back, plus the other C escapes; {@code \x} takes at most two hex
 * digits, octal at most three.
 */
public final class DataText {

    /** Limit on a repeat count's digits, so overflow is reported rather than wrapped. */
    private static final int MAX_COUNT_DIGITS = 19;

    private DataText() {
    }

    /** Renders already-normalized data. */
    static String render(Data normalized) {
        if (normalized.isEmpty()) {
            return "\"\"";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < normalized.runCount(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendQuoted(sb, normalized, i);
            long repeat = normalized.runRepeat(i);
            if (repeat > 1) {
                sb.append('*').append(repeat);
            }
        }
        return sb.toString();
    }

    private static void appendQuoted(StringBuilder sb, Data d, int run) {
        int n = d.runUnitLength(run);
        sb.append('"');
        for (int j = 0; j < n; j++) {
            int next = j + 1 < n ? d.runUnitByte(run, j + 1) & 0xff : -1;
            appendByte(sb, d.runUnitByte(run, j) & 0xff, next);
        }
        sb.append('"');
    }

    /** Appends one byte with C escapes; {@code next} is the following byte in the same string or -1. */
    static void appendByte(StringBuilder sb, int b, int next) {
        switch (b) {
            case 0 -> sb.append(next >= '0' && next <= '9' ? "\\x00" : "\\0");
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\r' -> sb.append("\\r");
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (b >= 0x20 && b <= 0x7e) {
                    sb.append((char) b);
                } else {
                    sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
                }
            }
        }
    }

    /** Parses whitespace-separated pieces {@code "..."} each optionally followed by {@code *N}. */
    static Data parse(CharSequence text) {
        return new Parser(text).parseAll();
    }

    /** Recursive-descent reader over one run-length literal. */
    private static final class Parser {
        private final CharSequence text;
        private int pos;

        Parser(CharSequence text) {
            this.text = text;
        }

        Data parseAll() {
            Data.Builder out = new Data.Builder();
            skipSpace();
            if (pos == text.length()) {
                throw error("expected a string literal");
            }
            while (pos < text.length()) {
                byte[] unit = parseString();
                long times = parseCount();
                if (unit.length > 0) {
                    out.addRun(unit.length == 1 ? Data.byteUnit(unit[0]) : unit, times);
                }
                skipSpace();
            }
            return out.build();
        }

        private byte[] parseString() {
            expect('"');
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            while (true) {
                if (pos == text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return bytes.toByteArray();
                }
                if (c == '\\') {
                    bytes.write(parseEscape());
                } else if (c > 0xff) {
                    throw error("character is not a byte");
                } else {
                    bytes.write(c);
                }
            }
        }

        private int parseEscape() {
            if (pos == text.length()) {
                throw error("dangling backslash");
            }
            char c = text.charAt(pos++);
            return switch (c) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'a' -> 7;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> 11;
                case '\\', '"', '\'', '?' -> c;
                case 'x' -> parseDigits(16, 2, "hex escape");
                default -> {
                    if (c >= '0' && c <= '7') {
                        pos--;
                        int v = parseDigits(8, 3, "octal escape");
                        if (v > 0xff) {
                            throw error("octal escape out of range");
                        }
                        yield v;
                    }
                    throw error("unknown escape \\" + c);
                }
            };
        }

        private int parseDigits(int radix, int maxDigits, String what) {
            int value = 0;
            int digits = 0;
            while (digits < maxDigits && pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
                value = value * radix + Character.digit(text.charAt(pos++), radix);
                digits++;
            }
            if (digits == 0) {
                throw error("empty " + what);
            }
            return value;
        }

        private long parseCount() {
            if (pos == text.length() || text.charAt(pos) != '*') {
                return 1;
            }
            pos++;
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start || pos - start > MAX_COUNT_DIGITS) {
                throw error("bad repeat count");
            }
            try {
                return Long.parseLong(text, start, pos, 10);
            } catch (NumberFormatException e) {
                throw error("repeat count out of range");
            }
        }

        private void expect(char c) {
            if (pos == text.length() || text.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos + " in: " + text);
        }
    }
}

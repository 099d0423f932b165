package org.layoutlease.scenario.syntax;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Number grammars of the language: C integer literals, sizes ({@code 1G}, {@code 4_096}) and
 * durations ({@code 1.5s}). Each takes the word and its index on the line so errors point at it.
 */
final class Numbers {

    private static final long KIB = 1024;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s)");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
    /** Most digits in a seconds value; more cannot be meant and would only round. */
    private static final int MAX_SECONDS_CHARS = 32;
    /** Octal digits of the largest mode, 07777, without the leading zero. */
    private static final int MAX_MODE_DIGITS = 4;

    private Numbers() {
    }

    /**
     * A C integer literal, optionally negative: decimal, hex {@code 0x} (up to 64 bits, so
     * addresses fit) or octal with a leading {@code 0}.
     */
    static long parseInteger(Cursor in, int at, String word) {
        boolean negative = word.startsWith("-");
        String body = negative ? word.substring(1) : word;
        long magnitude = parseMagnitude(in, at, word, body);
        if (!negative) {
            return magnitude;
        }
        // Two's complement: -2^63 is representable, anything of larger magnitude is not.
        if (Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0) {
            throw outOfRange(in, at, word);
        }
        return -magnitude;
    }

    private static long parseMagnitude(Cursor in, int at, String word, String body) {
        if (body.startsWith("0x") || body.startsWith("0X")) {
            return parseDigits(in, at, word, body.substring(2), 16);
        }
        boolean octal = body.length() > 1 && body.charAt(0) == '0';
        long magnitude = octal ? parseDigits(in, at, word, body.substring(1), 8) : parseDigits(in, at, word, body, 10);
        // Hex may use all 64 bits (addresses); decimal and octal are signed, as strace prints them.
        if (magnitude < 0 && !word.startsWith("-")) {
            throw outOfRange(in, at, word);
        }
        return magnitude;
    }

    /** Unsigned 64-bit digits of {@code radix}. */
    private static long parseDigits(Cursor in, int at, String word, String digits, int radix) {
        if (digits.isEmpty() || !allDigits(digits, radix)) {
            throw in.error(at, "invalid integer literal " + Cursor.quote(word));
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException overflow) {
            throw outOfRange(in, at, word);
        }
    }

    private static ScenarioError outOfRange(Cursor in, int at, String word) {
        return in.error(at, "integer literal " + Cursor.quote(word) + " is out of range");
    }

    /**
     * A size: decimal or {@code 0x} hex digits with {@code _} separators between digits and an
     * optional {@code K}, {@code M} or {@code G} suffix (powers of 1024), at most {@code max}.
     */
    static long parseSize(Cursor in, int at, String word, long max, String what) {
        int shift = word.isEmpty() ? 0 : multiplierShift(word.charAt(word.length() - 1));
        String number = shift > 0 ? word.substring(0, word.length() - 1) : word;
        boolean hex = number.startsWith("0x") || number.startsWith("0X");
        int radix = hex ? 16 : 10;
        String digits = stripSeparators(hex ? number.substring(2) : number, radix);
        if (digits == null) {
            throw in.error(at, "invalid " + what + " " + Cursor.quote(word)
                    + ": expected digits with an optional K, M or G suffix");
        }
        long value = parseBounded(in, at, word, digits, radix, max, what);
        if (value > (max >> shift)) {
            throw tooLarge(in, at, word, max, what);
        }
        return value << shift;
    }

    private static long parseBounded(Cursor in, int at, String word, String digits, int radix, long max, String what) {
        try {
            long value = Long.parseLong(digits, radix);
            if (value > max) {
                throw tooLarge(in, at, word, max, what);
            }
            return value;
        } catch (NumberFormatException overflow) {
            throw tooLarge(in, at, word, max, what);
        }
    }

    private static ScenarioError tooLarge(Cursor in, int at, String word, long max, String what) {
        return in.error(at, what + " " + Cursor.quote(word) + " is too large: at most " + max);
    }

    /** Shift for a size suffix, 0 when {@code c} is not one. */
    private static int multiplierShift(char c) {
        return switch (c) {
            case 'K', 'k' -> 10;
            case 'M', 'm' -> 20;
            case 'G', 'g' -> 30;
            default -> 0;
        };
    }

    /** The digits without {@code _} separators, or null unless each separator sits between digits. */
    private static String stripSeparators(String s, int radix) {
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        String digits = s.replace("_", "");
        return allDigits(digits, radix) ? digits : null;
    }

    private static boolean allDigits(String s, int radix) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Character.digit would also accept non-ASCII digits, which C does not.
            if (c >= 0x80 || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A duration {@code 45s}, {@code 500ms}, {@code 2us}, {@code 10ns}, {@code 1.5s} in exact nanoseconds. */
    static long parseDuration(Cursor in, int at, String word) {
        Matcher m = DURATION.matcher(word);
        if (!m.matches()) {
            throw in.error(at, "invalid duration " + Cursor.quote(word)
                    + ": expected a number with a unit s, ms, us or ns, such as 45s or 1.5ms");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit(m.group(2)));
        if (nanos.signum() != 0 && nanos.stripTrailingZeros().scale() > 0) {
            throw in.error(at, "duration " + Cursor.quote(word) + " is not a whole number of nanoseconds");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Limits.MAX_DURATION_NANOS)) > 0) {
            throw in.error(at, "duration " + Cursor.quote(word) + " is too long: at most "
                    + Limits.MAX_DURATION_NANOS / 1_000_000_000L + "s");
        }
        return nanos.longValue();
    }

    private static BigDecimal nanosPerUnit(String unit) {
        return switch (unit) {
            case "s" -> NANOS_PER_SECOND;
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "us" -> BigDecimal.valueOf(1_000L);
            default -> BigDecimal.ONE;
        };
    }

    /** The {@code <S>} of a resumed line: seconds with optional decimals. */
    static double parseSeconds(Cursor in, int at, String text) {
        if (text.length() > MAX_SECONDS_CHARS || !SECONDS.matcher(text).matches()) {
            throw in.error(at, "invalid duration " + Cursor.quote(text) + ": expected seconds such as 2.000000");
        }
        return Double.parseDouble(text);
    }

    /** A non-negative decimal integer no larger than {@code max}. */
    static int parseDecimal(Cursor in, int at, String word, int max, String what) {
        if (word.isEmpty() || !allDigits(word, 10)) {
            throw in.error(at, "invalid " + what + " " + Cursor.quote(word) + ": expected a decimal number");
        }
        return (int) parseBounded(in, at, word, word, 10, max, what);
    }

    /** A file mode in octal ({@code 0644}; the leading zero is optional), at most {@code 07777}. */
    static int parseMode(Cursor in, int at, String word) {
        if (word.isEmpty() || !allDigits(word, 8)) {
            throw in.error(at, "invalid mode " + Cursor.quote(word) + ": expected octal digits such as 0644");
        }
        String digits = word.replaceFirst("^0+(?=.)", "");
        if (digits.length() > MAX_MODE_DIGITS || Integer.parseInt(digits, 8) > Limits.MAX_MODE) {
            throw in.error(at, "mode " + Cursor.quote(word) + " is too large: at most 07777");
        }
        return Integer.parseInt(digits, 8);
    }

    /** Bytes of a K/M/G size unit, for defaults written as sizes. */
    static long gib(long n) {
        return n * KIB * KIB * KIB;
    }
}

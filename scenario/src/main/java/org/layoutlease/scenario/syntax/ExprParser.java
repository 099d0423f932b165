package org.layoutlease.scenario.syntax;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the value grammar of spec §3:
 * <pre>
 * expr     := additive ('|' additive)*
 * additive := primary (('+' | '-') primary)*
 * primary  := INT | CHAR | data | NAME | $NAME | struct | array | '?'
 * data     := STRING ('*' SIZE)? (STRING ('*' SIZE)?)*
 * </pre>
 * Every method leaves the cursor right after the text it consumed, so {@code text()} is exact.
 */
final class ExprParser {

    /** Largest value of a string escape: one byte. */
    private static final int MAX_BYTE = 0xff;
    /** Digits a C octal escape may have. */
    private static final int MAX_OCTAL_ESCAPE_DIGITS = 3;
    /** Digits a hex escape may have (one byte, as strace prints them). */
    private static final int MAX_HEX_ESCAPE_DIGITS = 2;

    private final Cursor in;
    private int depth;

    ExprParser(Cursor in) {
        this.in = in;
    }

    /** A full expression: flags of sums of primaries. */
    Expr expression() {
        int start = in.pos();
        Expr first = additive();
        List<Expr> parts = new ArrayList<>(List.of(first));
        while (true) {
            int save = in.pos();
            in.skipSpaces();
            if (!in.accept('|')) {
                in.reset(save);
                break;
            }
            in.skipSpaces();
            parts.add(additive());
        }
        return parts.size() == 1 ? first : new Expr.Flags(parts, in.posAt(start), in.slice(start));
    }

    private Expr additive() {
        int start = in.pos();
        Expr left = primary();
        for (int operators = 0; ; operators++) {
            int save = in.pos();
            in.skipSpaces();
            int op = in.peek();
            if (op != '+' && op != '-') {
                in.reset(save);
                return left;
            }
            // Each operator nests the tree one level deeper; keep walks over it shallow.
            if (operators == Limits.MAX_NESTING_DEPTH) {
                throw in.errorHere("too many '+' and '-' in one expression: at most " + Limits.MAX_NESTING_DEPTH);
            }
            in.next();
            in.skipSpaces();
            Expr right = primary();
            left = new Expr.BinOp(left, (char) op, right, in.posAt(start), in.slice(start));
        }
    }

    private Expr primary() {
        int c = in.peek();
        if (Cursor.isDigit(c) || (c == '-' && Cursor.isDigit(in.peekAt(1)))) {
            return number();
        }
        return switch (c) {
            case '\'' -> charLiteral();
            case '"' -> stringOrData();
            case '$' -> variable();
            case '{' -> struct();
            case '[' -> array();
            case '?' -> wildcard();
            default -> name();
        };
    }

    private Expr number() {
        int start = in.pos();
        in.accept('-');
        while (Cursor.isIdentPart(in.peek()) || in.peek() == '.') {
            in.next();
        }
        String word = in.slice(start);
        return new Expr.IntLit(Numbers.parseInteger(in, start, word), in.posAt(start), word);
    }

    private Expr name() {
        int start = in.pos();
        String name = in.identifier();
        if (name == null) {
            throw in.errorHere("expected a value, found " + in.describe());
        }
        return new Expr.Name(name, in.posAt(start), name);
    }

    private Expr variable() {
        int start = in.pos();
        in.next();
        String name = in.identifier();
        if (name == null) {
            throw in.errorHere("expected a variable name after '$', found " + in.describe());
        }
        return new Expr.Var(name, in.posAt(start), in.slice(start));
    }

    private Expr wildcard() {
        int start = in.pos();
        in.next();
        return new Expr.Wildcard(in.posAt(start), "?");
    }

    private Expr charLiteral() {
        int start = in.pos();
        in.next();
        if (in.peek() == '\'') {
            throw in.error(start, "empty character literal");
        }
        int value = literalChar(start, "character");
        if (!in.accept('\'')) {
            throw in.error(start, "unterminated character literal: expected a closing ' after one character");
        }
        return new Expr.IntLit(value, in.posAt(start), in.slice(start));
    }

    /** A string, or run-length data when a {@code *} count or a second string follows. */
    private Expr stringOrData() {
        int start = in.pos();
        List<Expr.DataRun> runs = new ArrayList<>();
        boolean data = false;
        long total = 0;
        while (true) {
            int runAt = in.pos();
            byte[] unit = string();
            long repeat = 1;
            int save = in.pos();
            in.skipSpaces();
            if (in.accept('*')) {
                data = true;
                in.skipSpaces();
                repeat = repeatCount();
            } else {
                in.reset(save);
            }
            total = addRun(runs, new Expr.DataRun(unit, repeat), total, runAt);
            save = in.pos();
            in.skipSpaces();
            if (in.peek() != '"') {
                in.reset(save);
                break;
            }
            data = true;
        }
        SourcePos pos = in.posAt(start);
        return data ? new Expr.DataLit(runs, pos, in.slice(start)) : new Expr.StrLit(runs.get(0).unit(), pos, in.slice(start));
    }

    private long addRun(List<Expr.DataRun> runs, Expr.DataRun run, long total, int at) {
        // unit length <= line length and repeat <= 2^40, so the product cannot overflow.
        if (run.length() > Limits.MAX_DATA_BYTES - total) {
            throw in.error(at, "data literal is too long: at most " + Limits.MAX_DATA_BYTES + " bytes");
        }
        runs.add(run);
        return total + run.length();
    }

    private long repeatCount() {
        int start = in.pos();
        while (Cursor.isIdentPart(in.peek()) || in.peek() == '.') {
            in.next();
        }
        if (in.pos() == start) {
            throw in.errorHere("expected a repeat count after '*', found " + in.describe());
        }
        return Numbers.parseSize(in, start, in.slice(start), Limits.MAX_REPEAT, "repeat count");
    }

    /** The bytes of one {@code "..."} literal at the cursor. */
    private byte[] string() {
        int start = in.pos();
        in.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!in.accept('"')) {
            if (in.atEnd()) {
                throw in.error(start, "unterminated string literal: expected a closing '\"'");
            }
            bytes.write(literalChar(start, "string"));
        }
        return bytes.toByteArray();
    }

    /** One character or escape of a string or char literal, as a byte. */
    private int literalChar(int literalStart, String kind) {
        if (in.atEnd()) {
            throw in.error(literalStart, "unterminated " + kind + " literal");
        }
        int at = in.pos();
        char c = in.next();
        if (c == '\\') {
            return escape(at, literalStart, kind);
        }
        if (c > MAX_BYTE) {
            throw in.error(at, "character " + Cursor.quote(String.valueOf(c))
                    + " is not a single byte; write it with \\x escapes");
        }
        return c;
    }

    private int escape(int at, int literalStart, String kind) {
        if (in.atEnd()) {
            throw in.error(literalStart, "unterminated " + kind + " literal");
        }
        char c = in.next();
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'a' -> 0x07;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> 0x0b;
            case '\\', '"', '\'', '?' -> c;
            case 'x' -> hexEscape(at);
            default -> {
                if (c >= '0' && c <= '7') {
                    yield octalEscape(at, c);
                }
                throw in.error(at, "unknown escape sequence " + Cursor.quote("\\" + c));
            }
        };
    }

    private int hexEscape(int at) {
        int value = 0;
        int digits = 0;
        while (digits < MAX_HEX_ESCAPE_DIGITS && Character.digit(in.peek(), 16) >= 0 && in.peek() < 0x80) {
            value = value * 16 + Character.digit(in.next(), 16);
            digits++;
        }
        if (digits == 0) {
            throw in.error(at, "\\x escape without hex digits");
        }
        return value;
    }

    private int octalEscape(int at, char first) {
        int value = first - '0';
        int digits = 1;
        while (digits < MAX_OCTAL_ESCAPE_DIGITS && in.peek() >= '0' && in.peek() <= '7') {
            value = value * 8 + (in.next() - '0');
            digits++;
        }
        if (value > MAX_BYTE) {
            throw in.error(at, "octal escape " + Cursor.quote(in.slice(at)) + " is out of range: at most \\377");
        }
        return value;
    }

    private Expr struct() {
        int start = in.pos();
        enter(start);
        in.next();
        List<Expr.Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        in.skipSpaces();
        if (!in.accept('}')) {
            do {
                fields.add(field(seen));
                in.skipSpaces();
            } while (separator('}', "field"));
        }
        depth--;
        return new Expr.StructLit(fields, in.posAt(start), in.slice(start));
    }

    private Expr.Field field(Set<String> seen) {
        in.skipSpaces();
        int at = in.pos();
        String name = in.identifier();
        if (name == null) {
            throw in.errorHere("expected a field name, found " + in.describe());
        }
        if (!seen.add(name)) {
            throw in.error(at, "duplicate field '" + name + "'");
        }
        in.skipSpaces();
        in.expect('=', "after field name '" + name + "'");
        in.skipSpaces();
        return new Expr.Field(name, expression(), in.posAt(at));
    }

    private Expr array() {
        int start = in.pos();
        enter(start);
        in.next();
        List<Expr> items = new ArrayList<>();
        in.skipSpaces();
        if (!in.accept(']')) {
            do {
                in.skipSpaces();
                items.add(expression());
                in.skipSpaces();
            } while (separator(']', "element"));
        }
        depth--;
        return new Expr.ArrayLit(items, in.posAt(start), in.slice(start));
    }

    /** After an element: true on {@code ,} (another follows), false on {@code close}. */
    private boolean separator(char close, String element) {
        if (in.accept(',')) {
            return true;
        }
        if (in.accept(close)) {
            return false;
        }
        throw in.errorHere("expected ',' or '" + close + "' after " + element + ", found " + in.describe());
    }

    /** Bounds nesting so hostile input cannot overflow the stack. */
    private void enter(int at) {
        if (++depth > Limits.MAX_NESTING_DEPTH) {
            throw in.error(at, "structs and arrays nested too deeply: at most " + Limits.MAX_NESTING_DEPTH + " levels");
        }
    }
}

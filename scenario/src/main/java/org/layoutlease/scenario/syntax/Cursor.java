package org.layoutlease.scenario.syntax;

/**
 * A position in one line's body (the line up to its comment) with the primitives every
 * sub-parser shares: peeking, accepting, and errors that name what was found.
 */
final class Cursor {

    /** Longest piece of source quoted in an error message. */
    private static final int MAX_QUOTED_CHARS = 40;

    private final String file;
    private final int lineNo;
    private final String line;
    private final int end;
    private final String comment;
    private int pos;
    private SourcePos subject;

    /** A cursor over {@code line[start, end)}; {@code comment} is what follows {@code end}, or null. */
    Cursor(String file, int lineNo, String line, int start, int end, String comment) {
        assert 0 <= start && start <= end && end <= line.length();
        this.file = file;
        this.lineNo = lineNo;
        this.line = line;
        this.end = end;
        this.comment = comment;
        this.pos = start;
    }

    int lineNo() {
        return lineNo;
    }

    String raw() {
        return line;
    }

    String comment() {
        return comment;
    }

    int pos() {
        return pos;
    }

    /** Moves back to a position saved earlier on this line. */
    void reset(int saved) {
        assert saved <= end;
        pos = saved;
    }

    /** The position the line-level checks talk about (process name, keyword, pipe). */
    SourcePos subject() {
        return subject;
    }

    void setSubject(int index) {
        subject = posAt(index);
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The current character, or -1 at the end of the body. */
    int peek() {
        return peekAt(0);
    }

    /** The character {@code ahead} positions on, or -1 past the end of the body. */
    int peekAt(int ahead) {
        int i = pos + ahead;
        return i < end ? line.charAt(i) : -1;
    }

    /** Consumes and returns the current character; callers check {@link #atEnd()} first. */
    char next() {
        assert pos < end;
        return line.charAt(pos++);
    }

    /** Skips spaces and tabs; reports whether any were skipped. */
    boolean skipSpaces() {
        int start = pos;
        while (pos < end && isSpace(line.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    boolean lookingAt(String s) {
        return end - pos >= s.length() && line.startsWith(s, pos);
    }

    boolean accept(char c) {
        if (peek() != c) {
            return false;
        }
        pos++;
        return true;
    }

    boolean accept(String s) {
        if (!lookingAt(s)) {
            return false;
        }
        pos += s.length();
        return true;
    }

    /** Consumes {@code c} or fails with {@code expected 'c' CONTEXT, found X}. */
    void expect(char c, String context) {
        if (!accept(c)) {
            throw errorHere("expected '" + c + "' " + context + ", found " + describe());
        }
    }

    /** Fails unless only spaces remain before the comment. */
    void expectEnd(String context) {
        skipSpaces();
        if (!atEnd()) {
            throw errorHere("unexpected " + describe() + " " + context);
        }
    }

    /** Like {@link #expectEnd}, quoting the whole next word: directives have no tokens smaller than words. */
    void expectNoMoreWords(String context) {
        skipSpaces();
        int at = pos;
        String extra = word();
        if (extra != null) {
            throw error(at, "unexpected " + quote(extra) + " " + context);
        }
    }

    /** An identifier {@code [A-Za-z_][A-Za-z0-9_]*} at the cursor, or null (cursor unmoved). */
    String identifier() {
        if (!isIdentStart(peek())) {
            return null;
        }
        int start = pos;
        while (isIdentPart(peek())) {
            pos++;
        }
        return line.substring(start, pos);
    }

    /** A maximal run of non-space characters, or null at the end of the body. */
    String word() {
        int start = pos;
        while (pos < end && !isSpace(line.charAt(pos))) {
            pos++;
        }
        return pos > start ? line.substring(start, pos) : null;
    }

    /** The source text from {@code start} to the cursor. */
    String slice(int start) {
        return line.substring(start, pos);
    }

    SourcePos posAt(int index) {
        return new SourcePos(lineNo, index + 1);
    }

    SourcePos here() {
        return posAt(pos);
    }

    ScenarioError error(int index, String detail) {
        return new ScenarioError(file, lineNo, index + 1, detail);
    }

    ScenarioError errorHere(String detail) {
        return error(pos, detail);
    }

    /** What is at the cursor, for messages: {@code end of line} or the quoted token. */
    String describe() {
        if (atEnd()) {
            return "end of line";
        }
        int stop = pos + 1;
        if (isWordPart(line.charAt(pos))) {
            while (stop < end && isWordPart(line.charAt(stop))) {
                stop++;
            }
        }
        return quote(line.substring(pos, stop));
    }

    /** {@code 'text'} with non-printable characters escaped, so a message stays on one line. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(text.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < limit; i++) {
            appendPrintable(out, text.charAt(i));
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.append('\'').toString();
    }

    private static void appendPrintable(StringBuilder out, char c) {
        if (c == '\\') {
            out.append("\\\\");
        } else if (c >= 0x20 && c < 0x7f) {
            out.append(c);
        } else if (c < 0x100) {
            out.append(String.format("\\x%02x", (int) c));
        } else {
            out.append(String.format("\\u%04x", (int) c));
        }
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isIdentStart(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isIdentPart(int c) {
        return isIdentStart(c) || isDigit(c);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Characters of a number or name token, for quoting the whole token in messages. */
    private static boolean isWordPart(int c) {
        return isIdentPart(c) || c == '.';
    }
}

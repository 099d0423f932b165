package org.layoutlease.scenario.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses a {@code .scn} file (spec SCENARIO-LANGUAGE.md) into lines, then applies the static
 * checks that need more than one line. The first problem found, in file order, is thrown as a
 * {@link ScenarioError}; nothing else escapes.
 */
public final class Parser {

    private static final String BANG = "!!!";
    private static final Pattern INVARIANT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private Parser() {
    }

    /** Parses {@code text}; {@code file} names the source in error messages. */
    public static Scenario parse(String file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        List<String> raws = splitLines(file, text);
        StaticChecks checks = new StaticChecks(file);
        List<Line> lines = new ArrayList<>(raws.size());
        for (int i = 0; i < raws.size(); i++) {
            Parsed parsed = parseLine(file, i + 1, raws.get(i));
            checks.check(parsed.line(), parsed.subject());
            lines.add(parsed.line());
        }
        return new Scenario(file, lines);
    }

    /** A line and the position the static checks report against (null when they never do). */
    private record Parsed(Line line, SourcePos subject) {
    }

    /** Splits on LF; a CR before the LF belongs to the terminator; a final LF ends the last line. */
    static List<String> splitLines(String file, String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int stop = newline < 0 ? text.length() : newline;
            int lineNo = lines.size() + 1;
            if (lineNo > Limits.MAX_LINES) {
                throw new ScenarioError(file, lineNo, 1, "too many lines: at most " + Limits.MAX_LINES);
            }
            int end = stop > start && text.charAt(stop - 1) == '\r' ? stop - 1 : stop;
            if (end - start > Limits.MAX_LINE_CHARS) {
                throw new ScenarioError(file, lineNo, Limits.MAX_LINE_CHARS + 1,
                        "line too long: " + (end - start) + " characters, at most " + Limits.MAX_LINE_CHARS);
            }
            lines.add(text.substring(start, end));
            start = stop + 1;
        }
        return lines;
    }

    private static Parsed parseLine(String file, int lineNo, String raw) {
        int i = 0;
        while (i < raw.length() && Cursor.isSpace(raw.charAt(i))) {
            i++;
        }
        if (i == raw.length()) {
            return new Parsed(new Line.Blank(lineNo, raw, null), null);
        }
        char first = raw.charAt(i);
        if (first == '|') {
            return new Parsed(catOutput(file, lineNo, raw, i), new SourcePos(lineNo, i + 1));
        }
        if (first == '#') {
            return new Parsed(new Line.CommentLine(lineNo, raw, raw.substring(i)), null);
        }
        if (raw.startsWith(BANG, i)) {
            return bangLine(file, lineNo, raw, i);
        }
        int wordEnd = i;
        while (wordEnd < raw.length() && !isWordEnd(raw.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd < raw.length() && raw.charAt(wordEnd) == ':') {
            return processLine(file, lineNo, raw, i, wordEnd);
        }
        return directive(file, lineNo, raw, i, wordEnd);
    }

    private static boolean isWordEnd(char c) {
        return Cursor.isSpace(c) || c == ':' || c == '#';
    }

    /** {@code | text}: verbatim after the two characters pipe and space; no comment stripping. */
    private static Line catOutput(String file, int lineNo, String raw, int pipe) {
        int after = pipe + 1;
        if (after == raw.length()) {
            return new Line.CatOutputLine("", lineNo, raw, null);
        }
        if (raw.charAt(after) != ' ') {
            throw new ScenarioError(file, lineNo, after + 1, "expected ' ' after '|', found "
                    + Cursor.quote(raw.substring(after, after + 1)));
        }
        return new Line.CatOutputLine(raw.substring(after + 1), lineNo, raw, null);
    }

    /** {@code NAME: ...}; the comment search skips string and char literals. */
    private static Parsed processLine(String file, int lineNo, String raw, int nameAt, int colon) {
        String name = raw.substring(nameAt, colon);
        if (name.isEmpty()) {
            throw new ScenarioError(file, lineNo, nameAt + 1, "expected a process name before ':'");
        }
        if (!DirectiveParser.PROCESS_NAME.matcher(name).matches()) {
            throw new ScenarioError(file, lineNo, nameAt + 1, "invalid process name " + Cursor.quote(name)
                    + ": expected a letter followed by letters, digits or '_'");
        }
        int commentAt = commentStart(raw, colon + 1);
        Cursor in = new Cursor(file, lineNo, raw, colon + 1, commentAt, commentOf(raw, commentAt));
        in.setSubject(nameAt);
        return new Parsed(ProcessLineParser.parse(in, name), in.subject());
    }

    /** {@code KEYWORD args...}; directives have no literals, so any {@code #} starts a comment. */
    private static Parsed directive(String file, int lineNo, String raw, int keywordAt, int keywordEnd) {
        int hash = raw.indexOf('#', keywordAt);
        int commentAt = hash < 0 ? raw.length() : hash;
        Cursor in = new Cursor(file, lineNo, raw, keywordEnd, commentAt, commentOf(raw, commentAt));
        Directive d = DirectiveParser.parse(in, raw.substring(keywordAt, keywordEnd), keywordAt);
        return new Parsed(d, in.subject());
    }

    /** {@code !!! invariant NAME: text} or {@code !!! expected ...} (kept verbatim, never a comment). */
    private static Parsed bangLine(String file, int lineNo, String raw, int at) {
        Cursor head = new Cursor(file, lineNo, raw, at + BANG.length(), raw.length(), null);
        head.skipSpaces();
        int wordAt = head.pos();
        String word = head.identifier();
        if ("expected".equals(word)) {
            String text = raw.substring(head.pos()).strip();
            return new Parsed(new Line.ExpectedNote(text, lineNo, raw, null), null);
        }
        if (!"invariant".equals(word)) {
            String found = word == null ? head.describe() : Cursor.quote(word);
            throw head.error(wordAt, "expected 'invariant' or 'expected' after '!!!', found " + found);
        }
        int hash = raw.indexOf('#', head.pos());
        int commentAt = hash < 0 ? raw.length() : hash;
        Cursor in = new Cursor(file, lineNo, raw, head.pos(), commentAt, commentOf(raw, commentAt));
        return invariant(in);
    }

    private static Parsed invariant(Cursor in) {
        in.skipSpaces();
        int nameAt = in.pos();
        while (!in.atEnd() && in.peek() != ':' && !Cursor.isSpace(in.peek())) {
            in.next();
        }
        String name = in.slice(nameAt);
        if (!INVARIANT_NAME.matcher(name).matches()) {
            in.reset(nameAt);
            throw in.errorHere("expected an invariant name such as hang, found "
                    + (name.isEmpty() ? in.describe() : Cursor.quote(name)));
        }
        in.skipSpaces();
        in.expect(':', "after invariant name '" + name + "'");
        String text = in.raw().substring(in.pos(), in.raw().length() - lengthOf(in.comment())).strip();
        in.setSubject(nameAt);
        Line line = new Line.InvariantObservation(name, text, in.lineNo(), in.raw(), in.comment());
        return new Parsed(line, in.subject());
    }

    private static int lengthOf(String s) {
        return s == null ? 0 : s.length();
    }

    private static String commentOf(String raw, int commentAt) {
        return commentAt < raw.length() ? raw.substring(commentAt) : null;
    }

    /** The index of the first {@code #} outside string and char literals, or the line length. */
    static int commentStart(String raw, int from) {
        for (int i = from; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '#') {
                return i;
            }
            if (c == '"' || c == '\'') {
                i = closingQuote(raw, i);
                if (i < 0) {
                    // An unterminated literal runs to the end of the line; the parser reports it.
                    return raw.length();
                }
            }
        }
        return raw.length();
    }

    private static int closingQuote(String raw, int open) {
        char quote = raw.charAt(open);
        for (int i = open + 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}

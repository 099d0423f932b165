package org.layoutlease.scenario.syntax;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the part of a {@code NAME: ...} line after the colon: a step, resumed, signal or exit line. */
final class ProcessLineParser {

    private static final String UNFINISHED = "<unfinished ...>";
    private static final String RESUMED_OPEN = "<...";
    private static final String RESUMED_CLOSE = "resumed>";
    private static final String SIGNAL_MARK = "---";
    private static final String EXIT_MARK = "+++";
    /** Signal names as strace prints them, including real-time ones ({@code SIGRTMIN+1}). */
    private static final Pattern SIGNAL = Pattern.compile("SIG[A-Z0-9_]+");
    private static final Pattern ERRNO = Pattern.compile("E[A-Z0-9]+");

    private final Cursor in;
    private final String proc;

    private ProcessLineParser(Cursor in, String proc) {
        this.in = in;
        this.proc = proc;
    }

    /** The line for process {@code proc}; the cursor is just after the colon. */
    static Line parse(Cursor in, String proc) {
        return new ProcessLineParser(in, proc).parseBody();
    }

    private Line parseBody() {
        in.skipSpaces();
        if (in.lookingAt(RESUMED_OPEN)) {
            return resumed();
        }
        if (in.lookingAt(SIGNAL_MARK)) {
            return signal();
        }
        if (in.lookingAt(EXIT_MARK)) {
            return exit();
        }
        return step();
    }

    private Line.Step step() {
        int callAt = in.pos();
        String call = in.identifier();
        if (call == null) {
            throw in.errorHere("expected a call, '<... call resumed>', '---' or '+++' after '"
                    + proc + ":', found " + in.describe());
        }
        CallSpec spec = lookup(call, callAt);
        in.skipSpaces();
        in.expect('(', "after call name '" + call + "'");
        List<Expr> args = arguments();
        if (args.size() < spec.minArgs() || args.size() > spec.maxArgs()) {
            throw in.error(callAt, spec.arityMessage(args.size()));
        }
        Result result = stepResult();
        return new Line.Step(proc, call, args, in.posAt(callAt), result, in.lineNo(), in.raw(), in.comment());
    }

    private CallSpec lookup(String call, int at) {
        return CallCatalog.lookup(call)
                .orElseThrow(() -> in.error(at, "unknown call " + Cursor.quote(call)));
    }

    /** The arguments after {@code (}, through the closing {@code )}. */
    private List<Expr> arguments() {
        List<Expr> args = new ArrayList<>();
        ExprParser exprs = new ExprParser(in);
        in.skipSpaces();
        if (in.accept(')')) {
            return args;
        }
        while (true) {
            in.skipSpaces();
            if (in.atEnd()) {
                throw in.errorHere("expected ')' after argument list, found end of line");
            }
            args.add(exprs.expression());
            in.skipSpaces();
            if (in.accept(')')) {
                return args;
            }
            if (in.atEnd()) {
                throw in.errorHere("expected ')' after argument list, found end of line");
            }
            if (!in.accept(',')) {
                throw in.errorHere("expected ',' or ')' after argument, found " + in.describe());
            }
        }
    }

    /** Nothing, {@code = RESULT} or {@code <unfinished ...>} after the argument list. */
    private Result stepResult() {
        in.skipSpaces();
        if (in.atEnd()) {
            return null;
        }
        int at = in.pos();
        if (in.accept(UNFINISHED)) {
            in.expectEnd("after '" + UNFINISHED + "'");
            return new Result.UnfinishedResult(in.posAt(at));
        }
        if (!in.accept('=')) {
            throw in.errorHere("expected '=' or '" + UNFINISHED + "' after ')', found " + in.describe());
        }
        Result result = result();
        in.expectEnd("after the result");
        return result;
    }

    /** After {@code =}: {@code ?}, {@code $var}, {@code -1 ERRNO (text)} or a value. */
    private Result result() {
        in.skipSpaces();
        int at = in.pos();
        SourcePos pos = in.here();
        if (in.atEnd()) {
            throw in.errorHere("expected a result after '=', found end of line");
        }
        if (in.accept('?')) {
            return new Result.AnyResult(pos);
        }
        Result error = errorResult(pos);
        if (error != null) {
            return error;
        }
        in.reset(at);
        Expr value = new ExprParser(in).expression();
        if (value instanceof Expr.Var v) {
            return new Result.BindResult(v.name(), pos);
        }
        return new Result.ValueResult(value, pos);
    }

    /** {@code -1 ERRNO [(text)]}, or null (cursor unspecified) when the result is not a failure. */
    private Result errorResult(SourcePos pos) {
        boolean failure = in.accept("-1") && in.skipSpaces()
                && (Cursor.isIdentStart(in.peek()) || in.peek() == '(');
        if (!failure) {
            return null;
        }
        int at = in.pos();
        String errno = in.identifier();
        if (errno == null || !ERRNO.matcher(errno).matches()) {
            throw in.error(at, "expected an errno name such as EINVAL after -1, found " + describe(errno));
        }
        in.skipSpaces();
        if (in.peek() == '(') {
            skipErrorText();
        }
        return new Result.ErrorResult(errno, pos);
    }

    private String describe(String word) {
        return word == null ? in.describe() : Cursor.quote(word);
    }

    /** Skips strace's {@code (Text file busy)}, which is ignored. */
    private void skipErrorText() {
        int open = in.pos();
        in.next();
        while (!in.atEnd()) {
            if (in.next() == ')') {
                return;
            }
        }
        throw in.error(open, "expected ')' to end the error description, found end of line");
    }

    private Line.Resumed resumed() {
        in.accept(RESUMED_OPEN);
        in.skipSpaces();
        int callAt = in.pos();
        String call = in.identifier();
        if (call == null) {
            throw in.errorHere("expected a call name after '" + RESUMED_OPEN + "', found " + in.describe());
        }
        lookup(call, callAt);
        in.skipSpaces();
        if (!in.accept(RESUMED_CLOSE)) {
            throw in.errorHere("expected '" + RESUMED_CLOSE + "' after call name, found " + in.describe());
        }
        in.skipSpaces();
        in.expect(')', "after '" + RESUMED_CLOSE + "'");
        in.skipSpaces();
        Result result = null;
        Double seconds = null;
        if (!in.atEnd()) {
            in.expect('=', "after ')'");
            result = result();
            seconds = seconds();
            in.expectEnd(seconds == null ? "after the result" : "after the call's duration");
        }
        return new Line.Resumed(proc, call, result, seconds, in.lineNo(), in.raw(), in.comment());
    }

    /** The optional {@code <S>} after a resumed line's result. */
    private Double seconds() {
        in.skipSpaces();
        if (!in.accept('<')) {
            return null;
        }
        int at = in.pos();
        while (!in.atEnd() && in.peek() != '>') {
            in.next();
        }
        String text = in.slice(at);
        if (!in.accept('>')) {
            throw in.errorHere("expected '>' after the call's duration, found end of line");
        }
        return Numbers.parseSeconds(in, at, text);
    }

    private Line.SignalObservation signal() {
        in.accept(SIGNAL_MARK);
        in.skipSpaces();
        String signal = signalName();
        in.skipSpaces();
        List<Line.SignalField> fields = new ArrayList<>();
        boolean hasBraces = in.accept('{');
        if (hasBraces) {
            signalFields(fields);
        }
        in.skipSpaces();
        if (!in.accept(SIGNAL_MARK)) {
            throw in.errorHere("expected '" + SIGNAL_MARK + "' to end the signal line, found " + in.describe());
        }
        in.expectEnd("after '" + SIGNAL_MARK + "'");
        return new Line.SignalObservation(proc, signal, fields, hasBraces, in.lineNo(), in.raw(), in.comment());
    }

    /** A signal name, with an optional {@code +N} or {@code -N} ({@code SIGRTMIN+1}, {@code SIGRTMAX-2}). */
    private String signalName() {
        int at = in.pos();
        String name = in.identifier();
        if (name == null || !SIGNAL.matcher(name).matches()) {
            throw in.error(at, "expected a signal name such as SIGIO, found " + describe(name));
        }
        int c = in.peek();
        if ((c == '+' || c == '-') && Cursor.isDigit(in.peekAt(1))) {
            in.next();
            while (Cursor.isDigit(in.peek())) {
                in.next();
            }
        }
        return in.slice(at);
    }

    /** {@code name=value, ...}} after the opening brace; values are kept as trimmed text. */
    private void signalFields(List<Line.SignalField> fields) {
        Set<String> seen = new HashSet<>();
        in.skipSpaces();
        if (in.accept('}')) {
            return;
        }
        do {
            in.skipSpaces();
            int at = in.pos();
            String name = in.identifier();
            if (name == null) {
                throw in.errorHere("expected a siginfo field name, found " + in.describe());
            }
            if (!seen.add(name)) {
                throw in.error(at, "duplicate siginfo field '" + name + "'");
            }
            in.skipSpaces();
            in.expect('=', "after siginfo field '" + name + "'");
            fields.add(new Line.SignalField(name, fieldValue(name)));
        } while (fieldSeparator());
    }

    private boolean fieldSeparator() {
        if (in.accept(',')) {
            return true;
        }
        if (in.accept('}')) {
            return false;
        }
        throw in.errorHere("expected ',' or '}' after siginfo field, found " + in.describe());
    }

    /** Raw text up to the next {@code ,} or {@code }} outside brackets and quotes. */
    private String fieldValue(String name) {
        int start = in.pos();
        int nesting = 0;
        while (!in.atEnd()) {
            int c = in.peek();
            if (nesting == 0 && (c == ',' || c == '}')) {
                break;
            }
            if (c == '"' || c == '\'') {
                skipQuoted((char) c);
                continue;
            }
            nesting += c == '{' || c == '[' || c == '(' ? 1 : c == '}' || c == ']' || c == ')' ? -1 : 0;
            in.next();
        }
        String value = in.slice(start).strip();
        if (value.isEmpty()) {
            throw in.errorHere("expected a value for siginfo field '" + name + "', found " + in.describe());
        }
        return value;
    }

    private void skipQuoted(char quote) {
        in.next();
        while (!in.atEnd()) {
            char c = in.next();
            if (c == '\\' && !in.atEnd()) {
                in.next();
            } else if (c == quote) {
                return;
            }
        }
    }

    private Line.ExitObservation exit() {
        in.accept(EXIT_MARK);
        in.skipSpaces();
        int at = in.pos();
        String verb = in.identifier();
        Integer code = null;
        String killedBy = null;
        if ("exited".equals(verb)) {
            expectWord("with");
            in.skipSpaces();
            int codeAt = in.pos();
            while (Cursor.isIdentPart(in.peek())) {
                in.next();
            }
            if (in.pos() == codeAt) {
                throw in.errorHere("expected an exit status after 'exited with', found " + in.describe());
            }
            code = Numbers.parseDecimal(in, codeAt, in.slice(codeAt), Limits.MAX_EXIT_STATUS, "exit status");
        } else if ("killed".equals(verb)) {
            expectWord("by");
            in.skipSpaces();
            killedBy = signalName();
        } else {
            throw in.error(at, "expected 'exited with N' or 'killed by SIGNAME' after '+++', found " + describe(verb));
        }
        in.skipSpaces();
        if (!in.accept(EXIT_MARK)) {
            throw in.errorHere("expected '" + EXIT_MARK + "' to end the exit line, found " + in.describe());
        }
        in.expectEnd("after '" + EXIT_MARK + "'");
        return new Line.ExitObservation(proc, code, killedBy, in.lineNo(), in.raw(), in.comment());
    }

    private void expectWord(String word) {
        in.skipSpaces();
        int at = in.pos();
        String found = in.identifier();
        if (!word.equals(found)) {
            throw in.error(at, "expected '" + word + "', found " + describe(found));
        }
    }
}

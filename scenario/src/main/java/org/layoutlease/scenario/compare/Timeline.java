package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.TranscriptEntry;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.Scenario;

/**
 * The picture of one run, as data: one lane per process or thread (plus the kernel's), the
 * events placed in slots, blocked intervals as bars, and signals, wake-ups and forks as arrows.
 *
 * <p>The horizontal axis is hybrid. Each slot is one transcript event, in transcript order; slots
 * at the same virtual instant sit side by side, and between two instants a gap stands for the
 * virtual time that passed. The transcript does not record causes, so the builder infers them:
 * a signal comes from the {@code kill}/{@code tgkill} that named it (or the sender its
 * {@code si_pid} names), else from the step just before it at the same instant, else from the
 * kernel (a timer); a blocked call is woken by the last step or exit of another task at the
 * instant it returned, else by the kernel.
 *
 * @param lanes    the process lanes, in creation order (the kernel lane is implicit, above them)
 * @param slots    the virtual time of each slot, in nanoseconds
 * @param marks    the events
 * @param bars     the intervals during which a call was blocked
 * @param arrows   signals, wake-ups and forks
 * @param ends     the slot after which each lane's task no longer exists, by lane name
 * @param invalid  the error that stopped an invalid run, else null
 */
public record Timeline(List<Lane> lanes, List<Long> slots, List<Mark> marks, List<Bar> bars, List<Arrow> arrows,
                       Map<String, Integer> ends, String invalid) {

    /** The lane name of the kernel: timers, {@code advance}, {@code cat} and invariants. */
    public static final String KERNEL = "";

    /**
     * One process or thread. {@code note} says what it is ({@code pid 1000 · uid 1000}, {@code fork of A});
     * {@code startSlot} is the slot of the fork or thread call that created it, or -1 for a task that
     * exists from the start.
     */
    public record Lane(String name, String note, int startSlot) {
    }

    /** What a mark shows. */
    public enum MarkKind { STEP, ERROR, BLOCKS, RESUMED, STILL_BLOCKED, SIGNAL, EXIT, KILLED, INVARIANT,
        EXPECTED_INVARIANT, ADVANCE, CAT, INVALID }

    /**
     * One event.
     *
     * @param slot     its slot
     * @param lane     the lane it sits on ({@link #KERNEL} for the kernel's)
     * @param kind     what it is
     * @param label    the short text above it (a call name, a signal name, an invariant)
     * @param sublabel the short text below it (a result), possibly empty
     * @param line     the input line it answers, or 0
     * @param tooltip  the transcript lines behind it
     * @param notes    what the file stated where this event contradicts it
     */
    public record Mark(int slot, String lane, MarkKind kind, String label, String sublabel, int line, String tooltip,
                       List<String> notes) {
        public Mark {
            notes = List.copyOf(notes);
        }
    }

    /**
     * A blocked call: from the slot where it blocked to the slot where it returned ({@code to} is
     * -1 while it never returned). {@code hang} when the run reported it as a hang.
     */
    public record Bar(String lane, int from, int to, String call, long nanos, boolean hang) {
    }

    /** What an arrow shows. */
    public enum ArrowKind { SIGNAL, WAKE, SPAWN }

    /** An arrow from a slot on one lane to a slot on another ({@link #KERNEL} for the kernel). */
    public record Arrow(ArrowKind kind, int fromSlot, String fromLane, int toSlot, String toLane, String tooltip) {
    }

    /** Copies everything so a timeline stays immutable. */
    public Timeline {
        lanes = List.copyOf(lanes);
        slots = List.copyOf(slots);
        marks = List.copyOf(marks);
        bars = List.copyOf(bars);
        arrows = List.copyOf(arrows);
        ends = Map.copyOf(ends);
    }

    /** Draws the run {@code r} of {@code scenario}. */
    public static Timeline of(Scenario scenario, RunResult r) {
        return new Builder(scenario).build(r);
    }

    /** Reads a transcript once, left to right, keeping what the inferences need. */
    private static final class Builder {
        private static final Pattern SI_PID = Pattern.compile("si_pid=(\\d+)");
        private static final Pattern SI_CODE = Pattern.compile("si_code=([A-Z_]+)");
        private static final Pattern SECONDS = Pattern.compile("<(\\d+)\\.(\\d{6})>");
        private static final long SAME_INSTANT_NANOS = 1_000;
        private static final int FIRST_PID = 1000;
        private static final int LABEL_MAX = 18;

        private final Map<Integer, Line> byNumber = new HashMap<>();
        private final LinkedHashMap<String, Lane> lanes = new LinkedHashMap<>();
        private final Map<Integer, String> pids = new HashMap<>();
        private final List<Long> slots = new ArrayList<>();
        private final List<Mark> marks = new ArrayList<>();
        private final List<Bar> bars = new ArrayList<>();
        private final List<Arrow> arrows = new ArrayList<>();
        private final Map<String, Integer> ends = new HashMap<>();
        private final Map<String, Bar> open = new HashMap<>();
        private final List<Step> steps = new ArrayList<>();
        // steps and exits: a task's death releases what it held, so it can wake another
        private final List<Step> wakers = new ArrayList<>();
        private int nextPid = FIRST_PID;
        private TranscriptEntry lastPrimary;
        private int lastPrimarySlot = -1;
        private final Map<Integer, List<String>> notes = new HashMap<>();
        private final Map<Integer, StringBuilder> catText = new HashMap<>();

        private record Step(int slot, String proc, String call, String text, long nanos) {
        }

        Builder(Scenario scenario) {
            for (Line l : scenario.lines()) {
                byNumber.put(l.lineNo(), l);
            }
        }

        Timeline build(RunResult r) {
            for (TranscriptEntry e : r.entries()) {
                entry(e);
            }
            for (Bar b : open.values()) {
                bars.add(b);
            }
            String invalid = null;
            if (r.status() == RunResult.INVALID && r.error() != null) {
                invalid = r.error().getMessage();
                long t = slots.isEmpty() ? 0 : slots.getLast();
                int s = slot(t);
                marks.add(new Mark(s, KERNEL, MarkKind.INVALID, "invalid", "line " + r.error().line(), r.error().line(),
                    invalid, List.of()));
            }
            bars.sort((a, b) -> Integer.compare(a.from(), b.from()));
            return new Timeline(List.copyOf(lanes.values()), slots, finishMarks(), bars, arrows, ends, invalid);
        }

        private List<Mark> finishMarks() {
            List<Mark> out = new ArrayList<>();
            for (int i = 0; i < marks.size(); i++) {
                Mark m = marks.get(i);
                List<String> n = notes.getOrDefault(i, List.of());
                String tip = catText.containsKey(i) ? m.tooltip() + catText.get(i) : m.tooltip();
                out.add(new Mark(m.slot(), m.lane(), m.kind(), m.label(), m.sublabel(), m.line(), tip, n));
            }
            return out;
        }

        private int slot(long nanos) {
            slots.add(nanos);
            return slots.size() - 1;
        }

        private void entry(TranscriptEntry e) {
            switch (e.kind()) {
                case "directive" -> directive(e);
                case "cat" -> {
                    int s = slot(e.nanos());
                    marks.add(new Mark(s, KERNEL, MarkKind.CAT, "cat", lastPathPart(e.text()), e.inputLine(), e.text().strip(), List.of()));
                    catText.put(marks.size() - 1, new StringBuilder());
                    primary(e, s);
                }
                case "output" -> {
                    StringBuilder sb = catText.get(marks.size() - 1);
                    if (sb != null) {
                        sb.append('\n').append(e.text());
                    }
                }
                case "step" -> step(e);
                case "resumed" -> resumed(e);
                case "signal" -> signal(e);
                case "exit" -> exit(e);
                case "invariant" -> {
                    int s = slot(e.nanos());
                    MarkKind k = e.inputLine() > 0 ? MarkKind.EXPECTED_INVARIANT : MarkKind.INVARIANT;
                    marks.add(new Mark(s, KERNEL, k, e.result(), e.inputLine() > 0 ? "expected" : "unexpected",
                        e.inputLine(), e.text().strip(), List.of()));
                    markHang(e);
                }
                case "mismatch" -> mismatch(e);
                default -> {
                    // comments and blank lines draw nothing
                }
            }
        }

        private void primary(TranscriptEntry e, int s) {
            lastPrimary = e;
            lastPrimarySlot = s;
        }

        private void directive(TranscriptEntry e) {
            Line l = byNumber.get(e.inputLine());
            switch (l) {
                case Directive.ProcessDirective p -> {
                    int pid = nextPid++;
                    pids.put(pid, p.name());
                    lane(p.name(), "pid " + pid + (p.uid() == null ? " · root" : " · uid " + p.uid()), -1);
                }
                case Directive.PeerDirective p -> lane(p.name(), "RDMA peer", -1);
                case Directive.AdvanceDirective a -> {
                    int s = slot(e.nanos());
                    marks.add(new Mark(s, KERNEL, MarkKind.ADVANCE, "advance", a.raw().strip().substring("advance".length()).strip(),
                        e.inputLine(), e.text().strip(), List.of()));
                    primary(e, s);
                }
                case null, default -> {
                    // setup directives happen before time starts and need no slot
                }
            }
        }

        private void lane(String name, String note, int startSlot) {
            lanes.putIfAbsent(name, new Lane(name, note, startSlot));
        }

        private void step(TranscriptEntry e) {
            int s = slot(e.nanos());
            lane(e.proc(), "", -1);
            String result = e.result() == null ? "" : e.result();
            MarkKind k = result.equals("<unfinished ...>") ? MarkKind.BLOCKS : result.startsWith("-1 ") ? MarkKind.ERROR : MarkKind.STEP;
            String sub = k == MarkKind.BLOCKS ? "blocks" : shortResult(result);
            marks.add(new Mark(s, e.proc(), k, e.call(), sub, e.inputLine(), e.text().strip(), List.of()));
            if (k == MarkKind.BLOCKS) {
                open.put(e.proc(), new Bar(e.proc(), s, -1, e.call(), e.nanos(), false));
            }
            if ((e.call().equals("fork") || e.call().equals("thread")) && k == MarkKind.STEP && !result.isEmpty()) {
                int pid = nextPid++;
                pids.put(pid, result);
                String what = e.call().equals("fork") ? "fork of " + e.proc() + " · pid " : "thread of " + e.proc() + " · tid ";
                lane(result, what + pid, s);
                arrows.add(new Arrow(ArrowKind.SPAWN, s, e.proc(), s, result, e.text().strip()));
            }
            Step st = new Step(s, e.proc(), e.call(), e.text().strip(), e.nanos());
            steps.add(st);
            wakers.add(st);
            primary(e, s);
        }

        private void resumed(TranscriptEntry e) {
            int s = slot(e.nanos());
            lane(e.proc(), "", -1);
            Long took = seconds(e.text());
            Bar b = open.get(e.proc());
            if (took == null) {
                // a resumed line the runner could not complete: the call is still blocked (a hang)
                marks.add(new Mark(s, e.proc(), MarkKind.STILL_BLOCKED, e.call() == null ? "" : e.call(), "still blocked",
                    e.inputLine(), e.text().strip(), List.of()));
                primary(e, s);
                return;
            }
            marks.add(new Mark(s, e.proc(), MarkKind.RESUMED, e.call(), shortResult(e.result()), e.inputLine(),
                e.text().strip(), List.of()));
            if (b != null) {
                open.remove(e.proc());
                long end = b.nanos() + took;
                bars.add(new Bar(b.lane(), b.from(), s, b.call(), took, b.hang()));
                Step waker = waker(e.proc(), b.from(), end);
                String tip = e.proc() + "'s " + b.call() + " returned " + e.result() + " after " + Render.seconds(took);
                if (waker != null) {
                    arrows.add(new Arrow(ArrowKind.WAKE, waker.slot(), waker.proc(), s, e.proc(), tip + ", after " + waker.text()));
                } else {
                    arrows.add(new Arrow(ArrowKind.WAKE, s, KERNEL, s, e.proc(), tip + " (a timer or deadline)"));
                }
            }
            primary(e, s);
        }

        /** The last step of another task, after the call blocked, at the instant it returned. */
        private Step waker(String proc, int from, long end) {
            Step found = null;
            for (Step st : wakers) {
                if (st.slot() > from && !st.proc().equals(proc) && Math.abs(st.nanos() - end) < SAME_INSTANT_NANOS) {
                    found = st;
                }
            }
            return found;
        }

        private void signal(TranscriptEntry e) {
            int s = slot(e.nanos());
            lane(e.proc(), "", -1);
            String text = Alignment.eventText(e);
            int sp = text.indexOf(' ');
            String sig = sp < 0 ? text : text.substring(0, sp);
            marks.add(new Mark(s, e.proc(), MarkKind.SIGNAL, sig, "", e.inputLine(), e.text().strip(), List.of()));
            Step from = sender(e, sig);
            if (from != null) {
                arrows.add(new Arrow(ArrowKind.SIGNAL, from.slot(), from.proc(), s, e.proc(), sig + " to " + e.proc()
                    + ", sent by " + from.text()));
            } else {
                arrows.add(new Arrow(ArrowKind.SIGNAL, s, KERNEL, s, e.proc(), sig + " to " + e.proc() + ", from the kernel"));
            }
        }

        private Step sender(TranscriptEntry e, String sig) {
            Matcher pid = SI_PID.matcher(e.text());
            if (pid.find()) {
                String who = pids.get(Integer.parseInt(pid.group(1)));
                Step st = lastStep(x -> x.proc().equals(who) && mentions(x.text(), sig));
                if (st != null) {
                    return st;
                }
            }
            Matcher code = SI_CODE.matcher(e.text());
            String c = code.find() ? code.group(1) : null;
            if (c == null || c.equals("SI_USER") || c.equals("SI_TKILL") || c.equals("SI_QUEUE")) {
                Step st = lastStep(x -> (x.call().equals("kill") || x.call().equals("tgkill")) && mentions(x.text(), sig));
                if (st != null) {
                    return st;
                }
            }
            if (lastPrimary != null && lastPrimary.kind().equals("step")
                && Math.abs(lastPrimary.nanos() - e.nanos()) < SAME_INSTANT_NANOS) {
                return steps.getLast();
            }
            return null;
        }

        private static boolean mentions(String text, String sig) {
            return Pattern.compile("\\b" + Pattern.quote(sig) + "\\b(?![+\\d])").matcher(text).find();
        }

        private Step lastStep(java.util.function.Predicate<Step> p) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                if (p.test(steps.get(i))) {
                    return steps.get(i);
                }
            }
            return null;
        }

        private void exit(TranscriptEntry e) {
            int s = slot(e.nanos());
            lane(e.proc(), "", -1);
            String text = Alignment.eventText(e);
            boolean killed = text.startsWith("killed");
            String sub = killed ? text.substring(text.lastIndexOf(' ') + 1) : text.replace("exited with ", "status ");
            marks.add(new Mark(s, e.proc(), killed ? MarkKind.KILLED : MarkKind.EXIT, killed ? "killed" : "exit", sub,
                e.inputLine(), e.text().strip(), List.of()));
            ends.put(e.proc(), s);
            wakers.add(new Step(s, e.proc(), "exit", e.text().strip(), e.nanos()));
        }

        /** A hang invariant marks the blocked call it names (its explanation starts with the task's name). */
        private void markHang(TranscriptEntry e) {
            if (!"hang".equals(e.result())) {
                return;
            }
            String text = e.text();
            int colon = text.indexOf(": ");
            String rest = colon < 0 ? "" : text.substring(colon + 2);
            for (var entry : open.entrySet()) {
                if (rest.startsWith(entry.getKey() + " ") || rest.startsWith(entry.getKey() + "'")) {
                    Bar b = entry.getValue();
                    entry.setValue(new Bar(b.lane(), b.from(), b.to(), b.call(), b.nanos(), true));
                    return;
                }
            }
            if (lastPrimary != null && lastPrimary.proc() != null && open.containsKey(lastPrimary.proc())) {
                Bar b = open.get(lastPrimary.proc());
                open.put(lastPrimary.proc(), new Bar(b.lane(), b.from(), b.to(), b.call(), b.nanos(), true));
            }
        }

        private void mismatch(TranscriptEntry e) {
            String note = e.text().startsWith("!!! expected ") ? e.text().substring("!!! expected ".length()) : e.text();
            int target = -1;
            for (int i = marks.size() - 1; i >= 0; i--) {
                if (e.inputLine() == 0 || marks.get(i).line() == e.inputLine() || lineOwner(e.inputLine()) == marks.get(i).line()) {
                    target = i;
                    break;
                }
            }
            if (target < 0) {
                return;
            }
            notes.computeIfAbsent(target, k -> new ArrayList<>()).add(note);
        }

        /** The cat line a {@code |} line belongs to, else the line itself. */
        private int lineOwner(int line) {
            int l = line;
            while (byNumber.get(l) instanceof Line.CatOutputLine) {
                l--;
            }
            return l;
        }

        private static Long seconds(String text) {
            Matcher m = SECONDS.matcher(text);
            Long last = null;
            while (m.find()) {
                last = Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)) * 1_000L;
            }
            return last;
        }

        private static String shortResult(String result) {
            if (result == null) {
                return "";
            }
            String r = result.startsWith("-1 ") ? result.substring(3) : result;
            int paren = r.indexOf(" (");
            r = result.startsWith("-1 ") && paren > 0 ? r.substring(0, paren) : r;
            return r.length() > LABEL_MAX ? r.substring(0, LABEL_MAX - 1) + "…" : r;
        }

        private static String lastPathPart(String catLine) {
            String t = catLine.strip();
            int slash = t.lastIndexOf('/');
            return slash < 0 ? "" : t.substring(slash + 1);
        }
    }

    /** Small formatting helpers shared with the renderer. */
    static final class Render {
        private Render() {
        }

        /** {@code 2 s}, {@code 1.5 s}, {@code 250 ms}, {@code 3 µs}, {@code 0 s}. */
        static String seconds(long nanos) {
            if (nanos == 0) {
                return "0 s";
            }
            if (nanos % 1_000_000_000L == 0) {
                return nanos / 1_000_000_000L + " s";
            }
            if (nanos >= 1_000_000_000L) {
                return trim(String.format(java.util.Locale.ROOT, "%.6f", nanos / 1e9)) + " s";
            }
            if (nanos >= 1_000_000L) {
                return trim(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6)) + " ms";
            }
            if (nanos >= 1_000L) {
                return trim(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e3)) + " µs";
            }
            return nanos + " ns";
        }

        private static String trim(String s) {
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
    }
}

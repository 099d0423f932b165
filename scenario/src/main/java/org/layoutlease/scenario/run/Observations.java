package org.layoutlease.scenario.run;

import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.scenario.syntax.Line;

/** Matching of signal and exit lines against what happened (§5: stated fields must match). */
final class Observations {
    private Observations() {
    }

    static boolean matches(Env env, Line l, KernelEvent e) {
        return switch (l) {
            case Line.SignalObservation s -> e instanceof KernelEvent.SignalDelivered d && signalMatches(s, d);
            case Line.ExitObservation x -> exitMatches(x, e);
            default -> false;
        };
    }

    private static boolean signalMatches(Line.SignalObservation s, KernelEvent.SignalDelivered d) {
        if (Signals.byName(s.signal()) != d.info().signo()) {
            return false;
        }
        for (Line.SignalField f : s.fields()) {
            String actual = d.info().field(f.name());
            if (actual == null || !sameValue(f.value(), actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean exitMatches(Line.ExitObservation x, KernelEvent e) {
        if (x.exitCode() != null) {
            return e instanceof KernelEvent.Exited ex && ex.code() == x.exitCode();
        }
        return e instanceof KernelEvent.Killed k && Signals.byName(x.killedBy()) == k.signo();
    }

    /** Field values compare as numbers when both read as numbers or signal names, else as text. */
    static boolean sameValue(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        Long a = number(expected);
        Long b = number(actual);
        return a != null && a.equals(b);
    }

    private static Long number(String s) {
        int sig = Signals.byName(s);
        if (sig > 0) {
            return (long) sig;
        }
        try {
            return Long.decode(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

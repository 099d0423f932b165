package org.layoutlease.kernel.uapi;

/**
 * Signal numbers and names as glibc and strace use them on x86-64. SIGRTMIN is 34 (the kernel's
 * 32 and 33 are taken by the C library), and {@code SIGRTMIN+N} is 34+N.
 */
public final class Signals {
    private Signals() {
    }

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    public static final int SIGRTMIN = 34;
    public static final int SIGRTMAX = 64;
    public static final int NSIG = 64;

    private static final String[] NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"
    };

    /** strace's name: SIGIO, SIGRTMIN, SIGRTMIN+1, ... ; numbers 32 and 33 print as SIG32/SIG33. */
    public static String name(int sig) {
        if (sig >= 1 && sig < NAMES.length) {
            return NAMES[sig];
        }
        if (sig == SIGRTMIN) {
            return "SIGRTMIN";
        }
        if (sig > SIGRTMIN && sig <= SIGRTMAX) {
            return "SIGRTMIN+" + (sig - SIGRTMIN);
        }
        return "SIG" + sig;
    }

    /** The number of a signal name (also SIGPOLL, SIGIOT, SIGRTMAX, SIGRTMIN+N), or -1. */
    public static int byName(String name) {
        switch (name) {
            case "SIGPOLL":
                return SIGIO;
            case "SIGIOT":
                return SIGABRT;
            case "SIGRTMIN":
                return SIGRTMIN;
            case "SIGRTMAX":
                return SIGRTMAX;
            default:
                break;
        }
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        if (name.startsWith("SIGRTMIN+")) {
            try {
                int n = SIGRTMIN + Integer.parseInt(name.substring(9));
                return n <= SIGRTMAX ? n : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    public static boolean isValid(int sig) {
        return sig >= 1 && sig <= NSIG;
    }

    public static boolean isRealtime(int sig) {
        return sig >= 32 && sig <= SIGRTMAX;
    }

    /** Linux's default action for a signal. Stop/continue are not modelled: see docs. */
    public static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case SIGCHLD, SIGURG, SIGWINCH, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> DefaultAction.IGNORE;
            default -> DefaultAction.TERMINATE;
        };
    }

    /** What SIG_DFL does. */
    public enum DefaultAction { TERMINATE, IGNORE }

    /** si_code names as strace prints them. */
    /** SEGV_MAPERR/SEGV_ACCERR and BUS_ADRERR: the si_code of a memory fault. */
    public static final int SEGV_MAPERR = 1;
    public static final int SEGV_ACCERR = 2;
    public static final int BUS_ADRERR = 2;

    /** The name of a fault si_code of SIGSEGV or SIGBUS. */
    public static String faultCodeName(int signo, int code) {
        if (signo == SIGSEGV && code == SEGV_MAPERR) {
            return "SEGV_MAPERR";
        }
        if (signo == SIGSEGV && code == SEGV_ACCERR) {
            return "SEGV_ACCERR";
        }
        if (signo == SIGBUS && code == BUS_ADRERR) {
            return "BUS_ADRERR";
        }
        return Integer.toString(code);
    }

    public static String siCodeName(int code) {
        return switch (code) {
            case Uapi.SI_USER -> "SI_USER";
            case Uapi.SI_KERNEL -> "SI_KERNEL";
            case Uapi.SI_QUEUE -> "SI_QUEUE";
            case Uapi.SI_TKILL -> "SI_TKILL";
            case Uapi.SI_SIGIO -> "SI_SIGIO";
            case Uapi.POLL_IN -> "POLL_IN";
            case Uapi.POLL_OUT -> "POLL_OUT";
            case Uapi.POLL_MSG -> "POLL_MSG";
            default -> Integer.toString(code);
        };
    }
}

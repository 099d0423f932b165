package org.layoutlease.kernel.signal;

import org.layoutlease.kernel.uapi.Uapi;

/** One entry of a process's signal handler table (struct k_sigaction). */
public record SigAction(long handler, long flags) {
    public static final SigAction DEFAULT = new SigAction(Uapi.SIG_DFL, 0);

    public boolean isDefault() {
        return handler == Uapi.SIG_DFL;
    }

    public boolean isIgnore() {
        return handler == Uapi.SIG_IGN;
    }

    public boolean isHandler() {
        return !isDefault() && !isIgnore();
    }

    public boolean restarts() {
        return (flags & Uapi.SA_RESTART) != 0;
    }
}

package org.layoutlease.kernel.uapi;

import java.util.EnumMap;
import java.util.Map;

/**
 * A system call's error return, thrown from deep inside a call to unwind to the syscall
 * boundary (the way kernel code returns -EFOO up the stack). Carries no stack trace, so it costs
 * what a return does.
 */
public final class SysErr extends RuntimeException {
    private static final Map<Errno, SysErr> CACHE = new EnumMap<>(Errno.class);

    static {
        for (Errno e : Errno.values()) {
            CACHE.put(e, new SysErr(e));
        }
    }

    private final Errno errno;

    private SysErr(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }

    public static SysErr of(Errno errno) {
        return CACHE.get(errno);
    }

    public Errno errno() {
        return errno;
    }
}

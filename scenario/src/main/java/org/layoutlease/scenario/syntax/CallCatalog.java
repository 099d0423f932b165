package org.layoutlease.scenario.syntax;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls a scenario may make (spec §4), with the argument counts of their Linux prototypes
 * as strace prints them, or of the spec's form for pseudo-calls. A call not listed here is a
 * parse error rather than a silent no-op.
 */
public final class CallCatalog {

    private static final Map<String, CallSpec> CALLS = build();

    private CallCatalog() {
    }

    /** The call named {@code name}, or empty when the model does not know it. */
    public static Optional<CallSpec> lookup(String name) {
        return Optional.ofNullable(CALLS.get(name));
    }

    /** Every known call, in the order of spec §4. */
    public static Collection<CallSpec> all() {
        return CALLS.values();
    }

    private static Map<String, CallSpec> build() {
        Map<String, CallSpec> calls = new LinkedHashMap<>();
        filesAndDescriptors(calls);
        fcntlAndIoctl(calls);
        processesAndSignals(calls);
        memory(calls);
        rdmaAndPinners(calls);
        return Collections.unmodifiableMap(calls);
    }

    /** §4.1; output arguments are the buffers and structs strace prints after the call. */
    private static void filesAndDescriptors(Map<String, CallSpec> calls) {
        add(calls, "open", 2, 3);
        add(calls, "openat", 3, 4);
        add(calls, "creat", 2, 2);
        add(calls, "close", 1, 1);
        add(calls, "dup", 1, 1);
        add(calls, "dup2", 2, 2);
        add(calls, "dup3", 3, 3);
        add(calls, "read", 3, 3, 1);
        add(calls, "pread64", 4, 4, 1);
        add(calls, "write", 3, 3);
        add(calls, "pwrite64", 4, 4);
        add(calls, "lseek", 3, 3);
        add(calls, "stat", 2, 2, 1);
        add(calls, "fstat", 2, 2, 1);
        add(calls, "truncate", 2, 2);
        add(calls, "ftruncate", 2, 2);
        add(calls, "fallocate", 4, 4);
        add(calls, "unlink", 1, 1);
        add(calls, "rename", 2, 2);
        add(calls, "link", 2, 2);
        add(calls, "chmod", 2, 2);
        add(calls, "chown", 3, 3);
        add(calls, "fsync", 1, 1);
        // strace prints execve(path, argv, envp); the spec writes execve(path).
        add(calls, "execve", 1, 3);
        add(calls, "mkdir", 2, 2);
        // mknod(path, S_IFIFO|0644) has no dev argument in strace's output for FIFOs.
        add(calls, "mknod", 2, 3);
        add(calls, "mkfifo", 2, 2);
        add(calls, "pipe2", 2, 2, 0);
        add(calls, "socketpair", 4, 4, 3);
        add(calls, "utimensat", 2, 4);
        add(calls, "setxattr", 3, 5);
    }

    /** The struct of FS_IOC_FIEMAP and F_GETOWN_EX is output only for those commands. */
    private static void fcntlAndIoctl(Map<String, CallSpec> calls) {
        add(calls, "ioctl", 3, 3, 2);
        add(calls, "fcntl", 2, 3, 2);
    }

    /** §4.3. */
    private static void processesAndSignals(Map<String, CallSpec> calls) {
        add(calls, "fork", 0, 0);
        add(calls, "thread", 0, 0);
        add(calls, "exit_group", 1, 1);
        add(calls, "kill", 2, 2);
        add(calls, "tgkill", 3, 3);
        add(calls, "getpid", 0, 0);
        add(calls, "gettid", 0, 0);
        add(calls, "setuid", 1, 1);
        add(calls, "seteuid", 1, 1);
        add(calls, "setfsuid", 1, 1);
        add(calls, "setpgid", 2, 2);
        add(calls, "getpgid", 1, 1);
        add(calls, "rt_sigaction", 2, 3);
        add(calls, "rt_sigprocmask", 2, 2);
        // The siginfo is printed as a signal line after the call, not as an argument.
        add(calls, "rt_sigtimedwait", 2, 2);
        add(calls, "scm_rights", 2, 2);
    }

    /** §4.4; poke and peek are the CPU touching memory. */
    private static void memory(Map<String, CallSpec> calls) {
        add(calls, "mmap", 6, 6);
        add(calls, "munmap", 2, 2);
        add(calls, "poke", 3, 3);
        add(calls, "peek", 2, 2);
    }

    /** §4.5, in the spec's pseudo-call forms. */
    private static void rdmaAndPinners(Map<String, CallSpec> calls) {
        add(calls, "ibv_alloc_pd", 1, 1);
        add(calls, "ibv_dealloc_pd", 1, 1);
        add(calls, "ibv_reg_mr", 4, 4);
        add(calls, "ibv_dereg_mr", 1, 1);
        add(calls, "rdma_write", 4, 4);
        add(calls, "rdma_read", 3, 3);
        add(calls, "io_uring_setup", 1, 1);
        add(calls, "io_uring_register", 4, 4);
        add(calls, "io_submit", 5, 5);
        add(calls, "io_getevents", 1, 1);
    }

    private static void add(Map<String, CallSpec> calls, String name, int min, int max, Integer... outputs) {
        CallSpec previous = calls.put(name, new CallSpec(name, min, max, Set.of(outputs)));
        assert previous == null : "call listed twice: " + name;
    }
}

package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog holds every call of spec §4 with its arity and output arguments. */
class CallCatalogTest {

    private static final List<String> SPEC_CALLS = List.of("open", "openat", "creat", "close", "dup", "dup2", "dup3",
            "read", "pread64", "write", "pwrite64", "lseek", "stat", "fstat", "truncate", "ftruncate", "fallocate",
            "ioctl", "unlink", "rename", "link", "chmod", "chown", "fsync", "execve", "mkdir", "mknod", "mkfifo",
            "pipe2", "socketpair", "utimensat", "setxattr", "fcntl", "fork", "thread", "exit_group", "kill", "tgkill",
            "getpid", "gettid", "setuid", "seteuid", "setfsuid", "setpgid", "getpgid", "rt_sigaction",
            "rt_sigprocmask", "rt_sigtimedwait", "scm_rights", "mmap", "munmap", "poke", "peek", "ibv_alloc_pd",
            "ibv_dealloc_pd", "ibv_reg_mr", "ibv_dereg_mr", "rdma_write", "rdma_read", "io_uring_setup",
            "io_uring_register", "io_submit", "io_getevents");

    @Test
    void holdsExactlyTheSpecCalls() {
        assertThat(CallCatalog.all()).extracting(CallSpec::name).containsExactlyInAnyOrderElementsOf(SPEC_CALLS);
        for (String call : SPEC_CALLS) {
            assertThat(CallCatalog.lookup(call)).as(call).isPresent();
        }
    }

    @Test
    void unknownCallsAreEmpty() {
        assertThat(CallCatalog.lookup("opne")).isEmpty();
        assertThat(CallCatalog.lookup("")).isEmpty();
        assertThat(CallCatalog.lookup("OPEN")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "open, 2, 3", "openat, 3, 4", "rt_sigaction, 2, 3", "fcntl, 2, 3", "ioctl, 3, 3", "mmap, 6, 6",
        "fallocate, 4, 4", "socketpair, 4, 4", "pipe2, 2, 2", "utimensat, 2, 4", "setxattr, 3, 5", "mknod, 2, 3",
        "execve, 1, 3", "kill, 2, 2", "tgkill, 3, 3", "exit_group, 1, 1", "fork, 0, 0", "thread, 0, 0",
        "pread64, 4, 4", "ibv_reg_mr, 4, 4", "io_submit, 5, 5", "rdma_write, 4, 4", "scm_rights, 2, 2",
    })
    void arities(String call, int min, int max) {
        CallSpec spec = CallCatalog.lookup(call).orElseThrow();
        assertThat(spec.minArgs()).isEqualTo(min);
        assertThat(spec.maxArgs()).isEqualTo(max);
    }

    @Test
    void outputArguments() {
        assertThat(outputs("read")).containsExactly(1);
        assertThat(outputs("pread64")).containsExactly(1);
        assertThat(outputs("stat")).containsExactly(1);
        assertThat(outputs("fstat")).containsExactly(1);
        assertThat(outputs("pipe2")).containsExactly(0);
        assertThat(outputs("socketpair")).containsExactly(3);
        assertThat(outputs("ioctl")).containsExactly(2);
        assertThat(outputs("fcntl")).containsExactly(2);
        assertThat(outputs("write")).isEmpty();
        assertThat(CallCatalog.lookup("read").orElseThrow().isOutput(1)).isTrue();
        assertThat(CallCatalog.lookup("read").orElseThrow().isOutput(0)).isFalse();
        long withOutputs = CallCatalog.all().stream().filter(c -> !c.outputArgs().isEmpty()).count();
        assertThat(withOutputs).isEqualTo(8);
    }

    @Test
    void everyArityIsAcceptedAndNothingElse() {
        for (CallSpec spec : CallCatalog.all()) {
            for (int n = 0; n <= spec.maxArgs() + 1; n++) {
                String line = "A: " + spec.name() + "(" + String.join(", ", java.util.Collections.nCopies(n, "0")) + ")";
                boolean ok = n >= spec.minArgs() && n <= spec.maxArgs();
                try {
                    Scn.parse("process A", line);
                    assertThat(ok).as(line).isTrue();
                } catch (ScenarioError e) {
                    assertThat(ok).as(line + ": " + e.getMessage()).isFalse();
                    assertThat(e.col()).isEqualTo(4);
                    assertThat(e.detail()).startsWith(spec.name() + " takes ").endsWith(", got " + n);
                }
            }
        }
    }

    private static Set<Integer> outputs(String call) {
        return CallCatalog.lookup(call).orElseThrow().outputArgs();
    }
}

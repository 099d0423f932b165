/*
 * kernel_anchors: the LINUX-LEASES.md Part C measurements, taken again on the kernel of the
 * machine this runs on, so that scripts/bench can put the simulator and the real kernel side by
 * side from the same run.
 *
 *   kernel_anchors DIR [--quick]
 *
 * DIR must be writable and on the filesystem to test (leases need a local filesystem such as
 * ext4, xfs or tmpfs). Every measurement is taken in ROUNDS rounds; each round takes many
 * samples and keeps their median. One tab-separated line per measurement goes to stdout:
 *
 *   name  median_us  min_us  max_us  samples_per_round  note
 *
 * where median_us is the median of the round medians and min/max the lowest and highest round
 * median (the same "median [min-max]" as Part C's five reruns). A measurement that cannot be
 * taken here prints "name  NA  reason". Lines starting with '#' describe the machine.
 *
 * Operations, as in LINUX-LEASES.md Part C:
 *   lease_pair            F_SETLEASE F_RDLCK + F_SETLEASE F_UNLCK, sole opener
 *   getlease_none         F_GETLEASE on a file nobody leases
 *   getlease_held         F_GETLEASE on an fd that holds a read lease
 *   open_close            open(O_RDONLY) + close() of an unleased file
 *   break_same_cpu        breaker open(O_WRONLY) of a read-leased file until it returns; holder
 *                         in sigwaitinfo(SIGIO) answers with F_UNLCK; both on CPU 0
 *   break_cross_cpu       the same, holder on CPU 0 and breaker on CPU 1
 *   fanout_procs_N        one break, N holder processes (all on CPU 0)
 *   fanout_fds_N          one break, one holder process with N leased fds (CPU 0)
 *   uring_register_page   IORING_REGISTER_BUFFERS of 128 MiB of pre-faulted 4 KiB anonymous
 *                         pages, per page (raw syscalls, no liburing)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_HOLDERS 100
#define ROUND_TIMEOUT_SECONDS 120

static int rounds = 5;
static int quick;
static char path_plain[4096];
static char path_leased[4096];
static char path_break[4096];
static int ncpus;

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Prints the median of the round medians and their range. */
static void report(const char *name, double *round_medians, int n_rounds, int samples, const char *note) {
    double lo = round_medians[0], hi = round_medians[0];
    for (int i = 1; i < n_rounds; i++) {
        if (round_medians[i] < lo) lo = round_medians[i];
        if (round_medians[i] > hi) hi = round_medians[i];
    }
    double m = median(round_medians, n_rounds);
    printf("%s\t%.4f\t%.4f\t%.4f\t%d\t%s\n", name, m, lo, hi, samples, note);
    fflush(stdout);
}

static void not_available(const char *name, const char *why, int err) {
    printf("%s\tNA\t%s%s%s\n", name, why, err ? ": " : "", err ? strerror(err) : "");
    fflush(stdout);
}

static void pin_to(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu % (ncpus > 0 ? ncpus : 1), &set);
    sched_setaffinity(0, sizeof set, &set);
}

static void unpin(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int i = 0; i < ncpus; i++) CPU_SET(i, &set);
    sched_setaffinity(0, sizeof set, &set);
}

static int make_file(const char *path) {
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) return -1;
    if (write(fd, "0123456789abcdef", 16) != 16) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* ------------------------------------------------------------------ simple calls */

enum op { OP_LEASE_PAIR, OP_GETLEASE, OP_OPEN_CLOSE };

static int run_op(enum op op, int fd) {
    switch (op) {
    case OP_LEASE_PAIR:
        if (fcntl(fd, F_SETLEASE, F_RDLCK) < 0) return -1;
        return fcntl(fd, F_SETLEASE, F_UNLCK);
    case OP_GETLEASE:
        return fcntl(fd, F_GETLEASE);
    case OP_OPEN_CLOSE: {
        int f = open(path_plain, O_RDONLY);
        if (f < 0) return -1;
        return close(f);
    }
    }
    return -1;
}

/* Times batches of `batch` calls (the timer costs ~20 ns, too much for a 0.1 us call). */
static void measure_calls(const char *name, enum op op, int fd, int samples, int batch) {
    double med[16];
    double *v = malloc(sizeof(double) * samples);
    pin_to(0);
    for (int i = 0; i < 1000; i++) {
        if (run_op(op, fd) < 0) {
            not_available(name, "the call fails here", errno);
            free(v);
            unpin();
            return;
        }
    }
    for (int r = 0; r < rounds; r++) {
        for (int s = 0; s < samples; s++) {
            double t0 = now_us();
            for (int b = 0; b < batch; b++) run_op(op, fd);
            v[s] = (now_us() - t0) / batch;
        }
        med[r] = median(v, samples);
    }
    char note[64];
    snprintf(note, sizeof note, "CPU 0, batches of %d", batch);
    report(name, med, rounds, samples, note);
    free(v);
    unpin();
}

/* ------------------------------------------------------------------ break round trips */

static int read_full(int fd, char *buf, int n) {
    int got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        got += r;
    }
    return got;
}

/*
 * A holder process: takes `leases` read leases on path_break through as many fds, tells the
 * breaker it is ready, waits in sigwaitinfo for SIGIO, unlocks them all. Command 'g' starts
 * a cycle, 'q' ends the process.
 */
static void holder_main(int go_fd, int ready_fd, int leases, int cpu) {
    sigset_t set;
    struct timespec zero = {0, 0};
    int fds[MAX_HOLDERS];
    sigemptyset(&set);
    sigaddset(&set, SIGIO);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (cpu >= 0) pin_to(cpu);
    for (int i = 0; i < leases; i++) {
        fds[i] = open(path_break, O_RDONLY);
        if (fds[i] < 0) _exit(2);
    }
    for (;;) {
        char c;
        if (read_full(go_fd, &c, 1) < 0 || c == 'q') _exit(0);
        while (sigtimedwait(&set, NULL, &zero) > 0) {
        }
        char status = 'r';
        for (int i = 0; i < leases; i++) {
            if (fcntl(fds[i], F_SETLEASE, F_RDLCK) < 0) status = 'e';
        }
        if (write(ready_fd, &status, 1) != 1) _exit(3);
        if (status == 'e') continue;
        siginfo_t si;
        while (sigwaitinfo(&set, &si) < 0 && errno == EINTR) {
        }
        for (int i = 0; i < leases; i++) fcntl(fds[i], F_SETLEASE, F_UNLCK);
    }
}

/*
 * One break round trip measurement: `procs` holder processes with `leases` leases each. The
 * breaker (this process, on breaker_cpu) times open(O_WRONLY) from its start to its return.
 */
static void measure_break(const char *name, int procs, int leases, int holder_cpu, int breaker_cpu,
                          int samples, const char *note) {
    int go[MAX_HOLDERS][2], ready[2];
    pid_t pids[MAX_HOLDERS];
    double med[16];
    double *v = malloc(sizeof(double) * samples);
    char buf[MAX_HOLDERS];
    const char *failure = NULL;
    int failure_errno = 0;

    if (pipe(ready) < 0) {
        not_available(name, "pipe", errno);
        free(v);
        return;
    }
    for (int p = 0; p < procs; p++) {
        if (pipe(go[p]) < 0) {
            not_available(name, "pipe", errno);
            free(v);
            return;
        }
        pids[p] = fork();
        if (pids[p] == 0) {
            close(ready[0]);
            holder_main(go[p][0], ready[1], leases, holder_cpu);
        }
        close(go[p][0]);
    }
    close(ready[1]);
    if (breaker_cpu >= 0) pin_to(breaker_cpu);
    alarm(ROUND_TIMEOUT_SECONDS);
    int warmup = samples / 10 + 5;
    for (int r = 0; r < rounds && !failure; r++) {
        for (int s = -warmup; s < samples && !failure; s++) {
            for (int p = 0; p < procs; p++) {
                if (write(go[p][1], "g", 1) != 1) failure = "holder gone";
            }
            if (failure || read_full(ready[0], buf, procs) < 0) {
                failure = "holder gone";
                break;
            }
            if (memchr(buf, 'e', procs)) {
                failure = "F_SETLEASE fails on this filesystem";
                failure_errno = 0;
                break;
            }
            double t0 = now_us();
            int fd = open(path_break, O_WRONLY);
            double t1 = now_us();
            if (fd < 0) {
                failure = "open for write failed";
                failure_errno = errno;
                break;
            }
            close(fd);
            if (s >= 0) v[s] = t1 - t0;
        }
        if (!failure) med[r] = median(v, samples);
    }
    alarm(0);
    for (int p = 0; p < procs; p++) {
        if (write(go[p][1], "q", 1) != 1) {
            /* already gone */
        }
        close(go[p][1]);
    }
    for (int p = 0; p < procs; p++) waitpid(pids[p], NULL, 0);
    close(ready[0]);
    unpin();
    if (failure) {
        not_available(name, failure, failure_errno);
    } else {
        report(name, med, rounds, samples, note);
    }
    free(v);
}

/* ------------------------------------------------------------------ io_uring */

static void measure_uring(void) {
    const char *name = "uring_register_page";
    const size_t size = 128UL << 20;
    const size_t pages = size / 4096;
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    int ring = (int)syscall(__NR_io_uring_setup, 4, &params);
    if (ring < 0) {
        not_available(name, "io_uring_setup", errno);
        return;
    }
    char *buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        not_available(name, "mmap", errno);
        close(ring);
        return;
    }
    madvise(buf, size, MADV_NOHUGEPAGE); /* 4 KiB pages, as in the anchor */
    memset(buf, 1, size);                /* pre-faulted */
    struct iovec iov = {buf, size};
    int samples = quick ? 3 : 7;
    double med[16], v[16], unreg[16], um[16];
    for (int r = 0; r < rounds; r++) {
        for (int s = 0; s < samples; s++) {
            double t0 = now_us();
            long rc = syscall(__NR_io_uring_register, ring, IORING_REGISTER_BUFFERS, &iov, 1);
            double t1 = now_us();
            if (rc < 0) {
                int e = errno;
                not_available(name, "IORING_REGISTER_BUFFERS", e);
                munmap(buf, size);
                close(ring);
                return;
            }
            syscall(__NR_io_uring_register, ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
            double t2 = now_us();
            v[s] = (t1 - t0) / pages;
            unreg[s] = (t2 - t1) / pages;
        }
        med[r] = median(v, samples);
        um[r] = median(unreg, samples);
    }
    report(name, med, rounds, samples, "128 MiB anonymous, 4 KiB pages pre-faulted");
    report("uring_unregister_page", um, rounds, samples, "128 MiB anonymous, 4 KiB pages");
    munmap(buf, size);
    close(ring);
}

/* ------------------------------------------------------------------ main */

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "kernel_anchors: a break round trip hung; giving up\n";
    if (write(2, msg, sizeof msg - 1) < 0) {
        /* nothing more to do */
    }
    _exit(4);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [--quick]\n", argv[0]);
        return 2;
    }
    quick = argc > 2 && strcmp(argv[2], "--quick") == 0;
    rounds = quick ? 3 : 5;
    ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
    signal(SIGALRM, on_alarm);
    snprintf(path_plain, sizeof path_plain, "%s/plain", argv[1]);
    snprintf(path_leased, sizeof path_leased, "%s/leased", argv[1]);
    snprintf(path_break, sizeof path_break, "%s/break", argv[1]);

    struct utsname u;
    uname(&u);
    printf("# kernel\t%s %s\n", u.sysname, u.release);
    printf("# cpus\t%d\n", ncpus);
    printf("# rounds\t%d\n", rounds);
    FILE *lbt = fopen("/proc/sys/fs/lease-break-time", "r");
    int break_time = -1;
    if (lbt) {
        if (fscanf(lbt, "%d", &break_time) != 1) break_time = -1;
        fclose(lbt);
    }
    printf("# lease-break-time\t%d\n", break_time);
    fflush(stdout);

    if (make_file(path_plain) || make_file(path_leased) || make_file(path_break)) {
        fprintf(stderr, "kernel_anchors: cannot create files in %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int n = quick ? 2000 : 10000;
    int plain = open(path_plain, O_RDONLY);
    int leased = open(path_leased, O_RDONLY);
    measure_calls("lease_pair", OP_LEASE_PAIR, plain, n, 10);
    measure_calls("getlease_none", OP_GETLEASE, plain, n, 100);
    if (fcntl(leased, F_SETLEASE, F_RDLCK) == 0) {
        measure_calls("getlease_held", OP_GETLEASE, leased, n, 100);
        fcntl(leased, F_SETLEASE, F_UNLCK);
    } else {
        not_available("getlease_held", "F_SETLEASE", errno);
    }
    measure_calls("open_close", OP_OPEN_CLOSE, -1, n, 10);
    close(plain);
    close(leased);

    int rt = quick ? 300 : 2000;
    measure_break("break_same_cpu", 1, 1, 0, 0, rt, "holder and breaker on CPU 0");
    if (ncpus > 1) {
        measure_break("break_cross_cpu", 1, 1, 0, 1, rt, "holder on CPU 0, breaker on CPU 1");
    } else {
        not_available("break_cross_cpu", "one CPU only", 0);
    }
    static const int fan[] = {1, 10, 100};
    for (int i = 0; i < 3; i++) {
        char name[64];
        int samples = fan[i] >= 100 ? (quick ? 30 : 150) : (quick ? 100 : 600);
        snprintf(name, sizeof name, "fanout_procs_%d", fan[i]);
        measure_break(name, fan[i], 1, 0, 0, samples, "N holder processes, all on CPU 0");
        snprintf(name, sizeof name, "fanout_fds_%d", fan[i]);
        measure_break(name, 1, fan[i], 0, 0, samples, "1 holder process with N fds, CPU 0");
    }
    measure_uring();
    unlink(path_plain);
    unlink(path_leased);
    unlink(path_break);
    return 0;
}

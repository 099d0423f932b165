package org.layoutlease.scenario.explore;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.KernelEvent;
import org.layoutlease.kernel.NotImplemented;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.run.CallImpl;
import org.layoutlease.scenario.run.CallTable;
import org.layoutlease.scenario.run.Directives;
import org.layoutlease.scenario.run.Env;
import org.layoutlease.scenario.syntax.Directive;
import org.layoutlease.scenario.syntax.Line;
import org.layoutlease.scenario.syntax.ScenarioError;

/**
 * One execution of a {@link Plan}: a fresh kernel after the setup, then moves chosen by the
 * explorer. Stateless model checking re-creates a machine and replays a schedule for every
 * prefix it extends, so this is the hot path: no parsing, no transcript, no string building
 * unless {@code recording} is on (it is only for the schedules that get printed).
 */
public final class Machine {
    private static final CallTable CALLS = Plan.CALLS;

    /** A call that blocked, waiting for its completion event. */
    record BlockedCall(Task task, Plan.Call call) {
    }

    /** A blocked call that returned (or was abandoned by its dying task) during a move. */
    public record Completion(String proc, String call, Plan.Call op, SysResult result) {
    }

    /** What one move did, kept when recording: the input of {@link Counterexample} rendering. */
    public record MoveRecord(int move, Plan.Op op, long advancedNanos, SysResult result,
                             List<Completion> completions, List<KernelEvent.Invariant> invariants) {
    }

    private final Plan plan;
    private final Kernel kernel;
    private final Env env;
    private final int[] pc;
    private final boolean recording;
    private final List<BlockedCall> pending = new ArrayList<>(4);
    private final List<KernelEvent.Invariant> invariants = new ArrayList<>(2);
    private final List<Completion> completions = new ArrayList<>(2);
    private final List<MoveRecord> log;
    private final boolean[] bound;
    private final long[] values;
    /** Each program's task once it exists (tasks are never replaced), or whether it is a peer's. */
    private final Task[] taskOf;
    private final boolean[] peer;
    private int depth;
    /** {@link #enabledMask()} since the last move, or -1 (no mask has bit 63: moves are bits 0 to 62). */
    private long enabledCache = -1;

    private Machine(Plan plan, boolean recording) {
        this.plan = plan;
        this.recording = recording;
        this.kernel = new Kernel(Policies.byName(plan.policy()));
        this.env = new Env(kernel, plan.file());
        env.shareLiterals(plan.literals());
        this.pc = new int[plan.programs().size()];
        this.log = recording ? new ArrayList<>() : null;
        this.bound = new boolean[plan.vars().size()];
        this.values = new long[plan.vars().size()];
        this.taskOf = new Task[plan.programs().size()];
        this.peer = new boolean[plan.programs().size()];
    }

    /**
     * A kernel with the setup applied. Invariants the setup raised are in {@link #invariants()}.
     * Throws {@link ExploreError} when the setup cannot run.
     */
    public static Machine boot(Plan plan, boolean recording) {
        Machine m = new Machine(plan, recording);
        for (Directive d : plan.setup()) {
            m.guarded(d.lineNo(), () -> Directives.apply(m.env, d));
        }
        m.drain();
        return m;
    }

    /** Boots and runs {@code schedule[0..length)}; every move must be enabled when its turn comes. */
    public static Machine replay(Plan plan, byte[] schedule, int length, boolean recording) {
        Machine m = boot(plan, recording);
        for (int i = 0; i < length; i++) {
            int move = schedule[i];
            if (!m.isEnabled(move)) {
                throw new IllegalStateException("move " + move + " (" + plan.moveName(move) + ") is not enabled at step "
                    + i + " of the schedule");
            }
            m.execute(move);
        }
        return m;
    }

    public Plan plan() {
        return plan;
    }

    public Kernel kernel() {
        return kernel;
    }

    Env env() {
        return env;
    }

    /** How many moves ran. */
    public int depth() {
        return depth;
    }

    /** The next op of program {@code p}: how far it got. */
    int pc(int p) {
        return pc[p];
    }

    /** Whether the {@code v}-th variable of {@link Plan#vars()} is bound. */
    boolean isBound(int v) {
        return bound[v];
    }

    /** The value of the {@code v}-th variable (0 while unbound). */
    long varValue(int v) {
        return values[v];
    }

    private void bind(String var, SysResult.Value v) {
        env.bindVar(var, v.value(), v.output());
        int i = plan.varIndex(var);
        bound[i] = true;
        values[i] = v.value();
    }

    /** The calls still blocked, in the order they blocked. */
    List<BlockedCall> pendingCalls() {
        return pending;
    }

    /** The moves recorded so far (recording machines only). */
    public List<MoveRecord> log() {
        return log;
    }

    /** Invariants raised by the last move (or by the setup, before any move). */
    public List<KernelEvent.Invariant> invariants() {
        return invariants;
    }

    /** The moves that can run now, as a bit set: program i is bit i, the timer move the bit after them. */
    public long enabledMask() {
        if (enabledCache != -1) {
            return enabledCache;
        }
        long mask = 0;
        List<Plan.Program> programs = plan.programs();
        for (int i = 0; i < programs.size(); i++) {
            if (enabled(i)) {
                mask |= 1L << i;
            }
        }
        if (nextDeadline() >= 0) {
            mask |= 1L << plan.timerMove();
        }
        enabledCache = mask;
        return mask;
    }

    /** Whether {@code move} is in {@link #enabledMask()}, without computing the other moves. */
    boolean isEnabled(int move) {
        if (enabledCache != -1) {
            return (enabledCache & (1L << move)) != 0;
        }
        return move == plan.timerMove() ? nextDeadline() >= 0 : move >= 0 && move < plan.timerMove() && enabled(move);
    }

    /**
     * When time next matters: the earliest armed timer, or a lease deadline still ahead (lease
     * expiry is lazy, so nothing fires there, but a later call sees it passed). -1 if none.
     */
    private long nextDeadline() {
        long timer = kernel.timers.nextDeadline();
        long lease = kernel.sub().leases().nextDeadlineAfter(kernel.clock.nowNanos());
        if (timer < 0) {
            return lease;
        }
        return lease < 0 ? timer : Math.min(timer, lease);
    }

    private boolean enabled(int p) {
        Plan.Op[] ops = plan.ops(p);
        int i = pc[p];
        if (i >= ops.length) {
            return false;
        }
        if (!(ops[i] instanceof Plan.Call c)) {
            return true;
        }
        if (!peer[p]) {
            Task t = task(p, c.step().proc());
            if (!peer[p] && (t == null || !t.isAlive() || t.isBlocked())) {
                return false;
            }
        }
        for (int v : plan.neededVars(p, i)) {
            if (v < 0 || !bound[v]) {
                return false;
            }
        }
        for (String n : plan.neededTasks(p, i)) {
            if (env.task(n) == null && !env.isPeer(n)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Program {@code p}'s task (its name is {@code proc}), looked up once it exists: names are
     * unique and tasks never replaced. Null for a peer (then {@code peer[p]} is set) and for a
     * task not created yet.
     */
    private Task task(int p, String proc) {
        Task t = taskOf[p];
        if (t == null && !peer[p]) {
            if (env.isPeer(proc)) {
                peer[p] = true;
            } else {
                t = env.task(proc);
                taskOf[p] = t;
            }
        }
        return t;
    }

    /** The task that runs program {@code p}'s calls; null for a peer or a task not created yet. */
    Task programTask(int p) {
        return nextOp(p) instanceof Plan.Call c ? task(p, c.step().proc()) : null;
    }

    /** The next op of program {@code p}, or null when it is done. */
    Plan.Op nextOp(int p) {
        Plan.Op[] ops = plan.ops(p);
        return pc[p] < ops.length ? ops[pc[p]] : null;
    }

    /** Runs one move (which must be enabled); its invariants are then in {@link #invariants()}. */
    public void execute(int move) {
        enabledCache = -1;
        invariants.clear();
        completions.clear();
        depth++;
        if (move == plan.timerMove()) {
            long nanos = Math.max(0, nextDeadline() - kernel.clock.nowNanos());
            guarded(0, () -> kernel.advance(nanos));
            drain();
            record(move, null, nanos, null);
            return;
        }
        int at = pc[move]++;
        Plan.Op op = plan.ops(move)[at];
        SysResult r = null;
        switch (op) {
            case Plan.World w -> guarded(w.directive().lineNo(), () -> Directives.apply(env, w.directive()));
            case Plan.Call c -> r = call(move, at, c);
        }
        drain();
        record(move, op, 0, r);
    }

    private void record(int move, Plan.Op op, long nanos, SysResult r) {
        if (recording) {
            log.add(new MoveRecord(move, op, nanos, r, List.copyOf(completions), List.copyOf(invariants)));
        }
    }

    /** Runs op {@code at} of program {@code p}, the call {@code c}. */
    private SysResult call(int p, int at, Plan.Call c) {
        Line.Step s = c.step();
        CallImpl impl = plan.impl(p, at);
        if (impl == null) {
            throw new ExploreError(env.error(s.callPos(), "unknown call '" + s.call() + "'"));
        }
        Task task = task(p, s.proc());
        boolean peer = this.peer[p];
        if (peer && !CALLS.peerMayCall(s.call())) {
            throw new ExploreError(env.error(s.callPos(), s.proc() + " is a peer: it can only issue rdma_write and rdma_read"));
        }
        SysResult[] out = new SysResult[1];
        guarded(s.lineNo(), () -> out[0] = peer
            ? kernel.external(() -> impl.call(env, null, s, s.args()))
            : kernel.syscall(task, () -> impl.call(env, task, s, s.args())));
        SysResult r = out[0];
        if (c.newTask() != null && r instanceof SysResult.Value v) {
            env.bindTask(c.newTask(), kernel.task((int) v.value()));
        }
        if (r.isBlocked()) {
            pending.add(new BlockedCall(task, c));
        } else if (c.bindVar() != null && r instanceof SysResult.Value v) {
            bind(c.bindVar(), v);
        }
        return r;
    }

    /** Routes the kernel's events: invariants are kept, completed calls bind their variables. */
    private void drain() {
        for (KernelEvent e : kernel.drainEvents()) {
            switch (e) {
                case KernelEvent.Invariant inv -> invariants.add(inv);
                case KernelEvent.CallReturned r -> completed(r.task(), r.call(), r.result());
                case KernelEvent.CallAbandoned a -> completed(a.task(), a.call(), null);
                default -> {
                }
            }
        }
    }

    private void completed(Task task, String call, SysResult result) {
        Plan.Call op = null;
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).task() == task) {
                op = pending.remove(i).call();
                break;
            }
        }
        if (op != null && op.bindVar() != null && result instanceof SysResult.Value v) {
            bind(op.bindVar(), v);
        }
        if (recording) {
            completions.add(new Completion(task.name(), call, op, result));
        }
    }

    /**
     * The invariants of a state where nothing can move any more, as the runner reports them at
     * the end of a file: {@code hang} for every task still blocked, {@code leak} when every
     * process has exited. Empty when some move is still enabled.
     */
    public List<KernelEvent.Invariant> endInvariants() {
        if (enabledMask() != 0) {
            return List.of();
        }
        List<KernelEvent.Invariant> out = new ArrayList<>();
        long now = kernel.clock.nowNanos();
        for (Task t : kernel.liveTasks()) {
            if (t.isBlocked()) {
                out.add(new KernelEvent.Invariant(now, "hang", t.name() + " (" + t.tid() + ") waits in "
                    + t.blockedCall() + " and no timer or pending event can complete it"));
            }
        }
        if (kernel.liveGroups().isEmpty()) {
            for (String leak : kernel.leaks()) {
                out.add(new KernelEvent.Invariant(now, "leak", leak));
            }
        }
        return out;
    }

    /** A canonical hash of this state (see {@link StateHasher}). */
    public long stateHash() {
        try {
            return StateHasher.hash(this);
        } catch (IllegalStateException e) {
            throw new ExploreError(new ScenarioError(plan.file(), 1, 1, "the explorer cannot hash this state: "
                + e.getMessage()));
        }
    }

    private void guarded(int lineNo, Runnable r) {
        try {
            r.run();
        } catch (ScenarioError e) {
            throw new ExploreError(e);
        } catch (NotImplemented e) {
            throw new ExploreError(new ScenarioError(plan.file(), Math.max(lineNo, 1), 1, e.getMessage()));
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            throw new ExploreError(new ScenarioError(plan.file(), Math.max(lineNo, 1), 1,
                "the model cannot run this line: " + e.getMessage()));
        }
    }
}

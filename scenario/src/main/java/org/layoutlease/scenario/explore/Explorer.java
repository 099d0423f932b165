package org.layoutlease.scenario.explore;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.layoutlease.kernel.KernelEvent;

/**
 * The interleaving explorer: stateless model checking of a {@link Plan}. Every state is
 * reached by booting a fresh kernel and replaying the schedule that leads to it, so the kernel
 * needs no snapshots; a canonical state hash ({@link StateHasher}) prunes states already seen.
 *
 * <p>{@link Strategy#EXHAUSTIVE} is a breadth-first search, level by level, so the first
 * counterexample found is a shortest one (in moves). With reduction on it carries sleep sets:
 * when two enabled moves commute ({@link Footprint}), the order "second, then first" is not
 * tried once "first, then second" has been; a state reached again with a smaller sleep set is
 * expanded again for the moves it had skipped, which keeps the reduction sound with hashing.
 *
 * <p>{@link Strategy#RANDOM} runs {@code budget} random walks; walk {@code i} draws its moves
 * from a generator seeded with {@code seed + i}, so every walk is reproducible on its own.
 *
 * <p>The explorer never reads a clock: it calls {@link Progress} every
 * {@link #PROGRESS_EVERY} states and the caller decides whether to show anything.
 */
public final class Explorer {
    /** Schedules are byte arrays of moves; a depth bound keeps them short and the search finite. */
    public static final int MAX_DEPTH_LIMIT = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 1_000;
    public static final long DEFAULT_EXHAUSTIVE_BUDGET = 10_000_000;
    public static final long DEFAULT_RANDOM_BUDGET = 10_000;
    /** How many states pass between two progress calls. */
    public static final int PROGRESS_EVERY = 1024;

    public enum Strategy { EXHAUSTIVE, RANDOM }

    /**
     * @param budget    exhaustive: states to visit at most; random: walks to run
     * @param maxDepth  moves per schedule at most
     * @param reduction sleep-set partial-order reduction (exhaustive only)
     * @param only      the invariants that count as a finding (empty: all of them); the others are
     *                  reported in the counterexample but do not stop a branch
     */
    public record Options(Strategy strategy, long seed, long budget, int maxDepth, boolean reduction,
                          java.util.Set<String> only) {
        public Options(Strategy strategy, long seed, long budget, int maxDepth, boolean reduction) {
            this(strategy, seed, budget, maxDepth, reduction, java.util.Set.of());
        }

        public Options {
            only = java.util.Set.copyOf(only);
            if (budget <= 0) {
                throw new IllegalArgumentException("budget must be positive");
            }
            if (maxDepth < 0 || maxDepth > MAX_DEPTH_LIMIT) {
                throw new IllegalArgumentException("max depth must be between 0 and " + MAX_DEPTH_LIMIT);
            }
        }

        public static Options exhaustive() {
            return new Options(Strategy.EXHAUSTIVE, 0, DEFAULT_EXHAUSTIVE_BUDGET, DEFAULT_MAX_DEPTH, true);
        }

        public static Options random(long seed) {
            return new Options(Strategy.RANDOM, seed, DEFAULT_RANDOM_BUDGET, DEFAULT_MAX_DEPTH, true);
        }
    }

    /**
     * Progress figures.
     *
     * @param schedules prefixes executed from a fresh kernel (replays, or random walks)
     * @param states    states reached (every executed move, revisits included)
     * @param distinct  distinct states by hash
     * @param depth     the current search depth (exhaustive: the level; random: the deepest walk)
     * @param frontier  states waiting to be expanded (exhaustive)
     * @param moves     moves executed, replays included: the real work
     */
    public record Stats(long schedules, long states, long distinct, int depth, long frontier, long moves) {
    }

    /** Told every {@link #PROGRESS_EVERY} states; the CLI turns it into a progress line. */
    @FunctionalInterface
    public interface Progress {
        void update(Stats stats);

        Progress NONE = s -> { };
    }

    /**
     * How a search ended.
     *
     * @param counterexample the first (for exhaustive: a shortest) schedule violating an invariant, or null
     * @param complete       exhaustive search covered every state within the depth bound
     * @param limit          what stopped an incomplete search ("budget", "depth"), or null
     * @param distinctByDepth distinct states first reached at each depth (exhaustive)
     */
    public record Outcome(Stats stats, Counterexample counterexample, boolean complete, String limit,
                          long[] distinctByDepth) {
    }

    private final Plan plan;
    private final Options options;
    private final Progress progress;
    private long schedules;
    private long states;
    private long moves;
    private int depth;
    private long frontierSize;
    private final StateTable seen = new StateTable();

    /** For tests: told every state hash reached; with it, findings end a branch instead of the search. */
    private final java.util.function.LongConsumer visitor;

    private Explorer(Plan plan, Options options, Progress progress, java.util.function.LongConsumer visitor) {
        this.plan = plan;
        this.options = options;
        this.progress = progress;
        this.visitor = visitor;
    }

    /**
     * Explores every state (exhaustive strategy), telling {@code visitor} each state hash
     * reached; a violating move ends its branch but not the search. For checking the
     * reduction against a naive enumeration.
     */
    static Outcome exploreVisiting(Plan plan, Options options, java.util.function.LongConsumer visitor) {
        return new Explorer(plan, options, Progress.NONE, visitor).breadthFirst();
    }

    /** Explores {@code plan}; throws {@link ExploreError} if some order reaches a line the model cannot run. */
    public static Outcome explore(Plan plan, Options options, Progress progress) {
        Explorer e = new Explorer(plan, options, progress == null ? Progress.NONE : progress, null);
        return options.strategy() == Strategy.EXHAUSTIVE ? e.breadthFirst() : e.randomWalks();
    }

    private Stats stats() {
        return new Stats(schedules, states, seen.size(), depth, frontierSize, moves);
    }

    private void tick() {
        states++;
        if (states % PROGRESS_EVERY == 0) {
            progress.update(stats());
        }
    }

    private Machine replay(byte[] schedule, int length) {
        schedules++;
        moves += length;
        return Machine.replay(plan, schedule, length, false);
    }

    // ================================================================ breadth-first search

    /** The search tree, one entry per distinct state, in primitive arrays. */
    private int nodes;
    private int[] parent = new int[1024];
    private byte[] moveOf = new byte[1024];
    private int[] depthOf = new int[1024];
    private long[] sleep = new long[1024];
    /** Moves a node must still try when it is expanded again (its sleep set shrank). */
    private long[] redo = new long[1024];
    private boolean[] expanded = new boolean[1024];
    private boolean[] queued = new boolean[1024];
    /**
     * Live machines kept for queued nodes: the machine that just reached a new state is that
     * state, so the node's first move can run on it without a replay. Bounded by memory.
     */
    private Machine[] live = new Machine[1024];
    private int liveCount;
    private final int liveLimit = liveLimit();
    private long[] byDepth = new long[1];
    private boolean truncated;

    private int newNode(int from, int move, int d, long sleepSet) {
        if (nodes == parent.length) {
            int n = nodes * 2;
            parent = Arrays.copyOf(parent, n);
            moveOf = Arrays.copyOf(moveOf, n);
            depthOf = Arrays.copyOf(depthOf, n);
            sleep = Arrays.copyOf(sleep, n);
            redo = Arrays.copyOf(redo, n);
            expanded = Arrays.copyOf(expanded, n);
            queued = Arrays.copyOf(queued, n);
            live = Arrays.copyOf(live, n);
        }
        parent[nodes] = from;
        moveOf[nodes] = (byte) move;
        depthOf[nodes] = d;
        sleep[nodes] = sleepSet;
        return nodes++;
    }

    private byte[] scheduleOf(int node) {
        byte[] s = new byte[depthOf[node]];
        for (int n = node; n > 0; n = parent[n]) {
            s[depthOf[n] - 1] = moveOf[n];
        }
        return s;
    }

    private Outcome breadthFirst() {
        Machine root = Machine.boot(plan, false);
        schedules++;
        int rootNode = newNode(-1, 0, 0, 0);
        long rootHash = root.stateHash();
        seen.putIfAbsent(rootHash, rootNode);
        if (visitor != null) {
            visitor.accept(rootHash);
        }
        byDepth = new long[Math.min(options.maxDepth(), 4096) + 1];
        byDepth[0] = 1;
        states++;
        Counterexample found = check(root, new byte[0], false, 0);
        if (found != null && visitor == null) {
            return new Outcome(stats(), found, false, null, trim(byDepth));
        }
        int[] frontier = {rootNode};
        int frontierLength = 1;
        while (frontierLength > 0) {
            int[] next = new int[16];
            int nextLength = 0;
            for (int i = 0; i < frontierLength; i++) {
                int n = frontier[i];
                queued[n] = false;
                frontierSize = frontierLength - i - 1 + nextLength;
                if (states >= options.budget()) {
                    return new Outcome(stats(), null, false, "budget", trim(byDepth));
                }
                Expansion x = expand(n);
                if (x.found != null) {
                    return new Outcome(stats(), x.found, false, null, trim(byDepth));
                }
                for (int c : x.children) {
                    if (c < 0 || queued[c] || depthOf[c] >= options.maxDepth()) {
                        continue;
                    }
                    queued[c] = true;
                    if (nextLength == next.length) {
                        next = Arrays.copyOf(next, nextLength * 2);
                    }
                    next[nextLength++] = c;
                }
            }
            frontier = next;
            frontierLength = nextLength;
            if (frontierLength > 0) {
                depth++;
            }
        }
        frontierSize = 0;
        return new Outcome(stats(), null, !truncated, truncated ? "depth" : null, trim(byDepth));
    }

    /** How many machines to keep alive: a fraction of the heap, a few hundred kilobytes each. */
    private static int liveLimit() {
        long perMachine = 256 * 1024;
        long budget = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(16, Math.min(1 << 14, budget / perMachine));
    }

    private static long[] trim(long[] byDepth) {
        int n = byDepth.length;
        while (n > 1 && byDepth[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(byDepth, n);
    }

    private record Expansion(int[] children, Counterexample found) {
    }

    /** Tries every move of node {@code n} that its sleep set allows; returns the new or re-opened children. */
    private Expansion expand(int n) {
        byte[] schedule = scheduleOf(n);
        byte[] extended = Arrays.copyOf(schedule, schedule.length + 1);
        Machine m = live[n];
        if (m != null) {
            live[n] = null;
            liveCount--;
        } else {
            m = replay(schedule, schedule.length);
        }
        long enabled = m.enabledMask();
        long todo = enabled & ~sleep[n];
        boolean again = expanded[n];
        if (again) {
            todo &= redo[n];
            redo[n] = 0;
        }
        expanded[n] = true;
        int[] children = new int[Long.bitCount(todo)];
        Arrays.fill(children, -1);
        if (todo == 0) {
            return new Expansion(children, null);
        }
        // Footprints are taken in node n's state, before any move runs on this machine; only the
        // moves that take part in a commutation test need one.
        long asleep = sleep[n] & enabled;
        boolean tests = options.reduction() && (asleep != 0 || Long.bitCount(todo) > 1);
        Footprint[] fp = tests ? Footprint.of(m, todo | asleep) : null;
        long before = 0;
        int k = 0;
        for (long rest = todo; rest != 0; rest &= rest - 1) {
            int move = Long.numberOfTrailingZeros(rest);
            if (k > 0) {
                m = replay(schedule, schedule.length);
            }
            long childSleep = 0;
            if (fp != null) {
                long candidates = (sleep[n] | before) & enabled;
                for (long c = candidates; c != 0; c &= c - 1) {
                    int a = Long.numberOfTrailingZeros(c);
                    if (!fp[a].conflicts(fp[move])) {
                        childSleep |= 1L << a;
                    }
                }
            }
            before |= 1L << move;
            m.execute(move);
            moves++;
            tick();
            extended[schedule.length] = (byte) move;
            Counterexample found = check(m, extended, false, 0);
            long hash = m.stateHash();
            if (visitor != null) {
                visitor.accept(hash);
                if (found != null) {
                    // The violating move ends this branch (so it counts as unexplored for the sleep
                    // sets of its siblings); the same state reached otherwise is explored.
                    before &= ~(1L << move);
                    k++;
                    continue;
                }
            } else if (found != null) {
                return new Expansion(children, found);
            }
            int firstNew = nodes;
            int c = child(n, move, hash, childSleep);
            if (c >= 0 && depthOf[c] >= options.maxDepth() && m.enabledMask() != 0) {
                truncated = true;
            }
            if (c >= firstNew && depthOf[c] < options.maxDepth() && liveCount < liveLimit) {
                live[c] = m;
                liveCount++;
            }
            children[k++] = c;
        }
        return new Expansion(children, null);
    }

    /** Records the state reached from {@code n} by {@code move}; returns the node to (re)expand, or -1. */
    private int child(int n, int move, long hash, long childSleep) {
        int c = seen.get(hash);
        if (c < 0) {
            c = newNode(n, move, depthOf[n] + 1, childSleep);
            seen.putIfAbsent(hash, c);
            if (depthOf[c] < byDepth.length) {
                byDepth[depthOf[c]]++;
            }
            return c;
        }
        long narrowed = sleep[c] & childSleep;
        if (narrowed == sleep[c]) {
            return -1;
        }
        if (expanded[c]) {
            redo[c] |= sleep[c] & ~narrowed;
        }
        sleep[c] = narrowed;
        return expanded[c] ? c : -1;
    }

    /**
     * The counterexample at {@code m}'s state, if any: invariants the last move raised, or the
     * end-of-file ones (hang, leak) when nothing can move any more.
     */
    private Counterexample check(Machine m, byte[] schedule, boolean random, long seed) {
        if (!violates(m, options.only())) {
            return null;
        }
        return new Counterexample(plan, schedule.clone(), random, seed, options.strategy(), options.only());
    }

    /** Whether the last move (or, in a final state, the end of the programs) violated an invariant in {@code only}. */
    static boolean violates(Machine m, java.util.Set<String> only) {
        return counts(m.invariants(), only) || (m.enabledMask() == 0 && counts(m.endInvariants(), only));
    }

    private static boolean counts(List<KernelEvent.Invariant> found, java.util.Set<String> only) {
        for (KernelEvent.Invariant inv : found) {
            if (only.isEmpty() || only.contains(inv.name())) {
                return true;
            }
        }
        return false;
    }

    // ================================================================ random walks

    private Outcome randomWalks() {
        for (long walk = 0; walk < options.budget(); walk++) {
            long seed = options.seed() + walk;
            Counterexample found = walk(seed);
            if (found != null) {
                return new Outcome(stats(), found, false, null, null);
            }
        }
        return new Outcome(stats(), null, false, "budget", null);
    }

    /** One random walk from a fresh kernel; returns its counterexample, if it found one. */
    private Counterexample walk(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Machine m = Machine.boot(plan, false);
        schedules++;
        byte[] schedule = new byte[Math.min(options.maxDepth(), 64)];
        int length = 0;
        while (true) {
            Counterexample found = check(m, Arrays.copyOf(schedule, length), true, seed);
            if (found != null) {
                return found;
            }
            long enabled = m.enabledMask();
            if (enabled == 0 || length >= options.maxDepth()) {
                return null;
            }
            int move = pick(random, enabled);
            m.execute(move);
            moves++;
            if (length == schedule.length) {
                schedule = Arrays.copyOf(schedule, length * 2);
            }
            schedule[length++] = (byte) move;
            depth = Math.max(depth, length);
            seen.putIfAbsent(m.stateHash(), 0);
            tick();
        }
    }

    /** A uniformly chosen set bit of {@code mask}. */
    static int pick(SplittableRandom random, long mask) {
        int k = random.nextInt(Long.bitCount(mask));
        long rest = mask;
        for (int i = 0; i < k; i++) {
            rest &= rest - 1;
        }
        return Long.numberOfTrailingZeros(rest);
    }

    /**
     * Runs one walk with {@code seed}, after forcing {@code prefix} (may be empty): the schedule
     * {@code replay --seed N [--schedule ...]} re-runs. Returns the full schedule taken.
     */
    public static byte[] walkSchedule(Plan plan, byte[] prefix, long seed, int maxDepth, java.util.Set<String> only) {
        Machine m = Machine.replay(plan, prefix, prefix.length, false);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] schedule = Arrays.copyOf(prefix, Math.max(prefix.length, 16));
        int length = prefix.length;
        while (length < maxDepth && !violates(m, only)) {
            long enabled = m.enabledMask();
            if (enabled == 0) {
                break;
            }
            int move = pick(random, enabled);
            m.execute(move);
            if (length == schedule.length) {
                schedule = Arrays.copyOf(schedule, length * 2);
            }
            schedule[length++] = (byte) move;
        }
        return Arrays.copyOf(schedule, length);
    }
}

/**
 * The interleaving explorer ({@code layoutlease explore} and {@code replay}): stateless model
 * checking of a scenario's programs.
 *
 * <p><b>Programs and moves.</b> {@link org.layoutlease.scenario.explore.Plan} cuts a scenario
 * into a setup (the directives before the first step) and programs: each process's, thread's
 * and peer's steps in file order, plus a "world" program holding the later directives
 * ({@code advance}, {@code sysctl}, ...). A move runs the next step of one program, or lets time
 * run to the next deadline (an armed timer, or a lease deadline that lazy expiry would act on).
 * A program's next step is enabled when its task exists (a forked child's or thread's program
 * starts after the fork), is alive and not blocked (a blocked call is resumed by the kernel, and
 * the program waits for it), and every {@code $var} it uses has been bound. Stated results are
 * dropped, except bindings and the new name of {@code fork() = C}.
 *
 * <p><b>Execution.</b> A {@link org.layoutlease.scenario.explore.Machine} is a kernel booted
 * with the setup, driven move by move through the runner's call table and directives, on the
 * pre-parsed lines: no text, no transcript. There are no kernel snapshots: a state is reached by
 * replaying its schedule on a fresh machine; the machine that first reaches a state is kept (up
 * to a memory bound) so that the state's first move needs no replay.
 *
 * <p><b>Search.</b> {@link org.layoutlease.scenario.explore.Explorer}: breadth-first, so the
 * first counterexample is a shortest one; a canonical state hash
 * ({@link org.layoutlease.scenario.explore.StateHasher}) prunes revisits; sleep sets skip the
 * second order of two moves that commute ({@link org.layoutlease.scenario.explore.Footprint}:
 * steps of different processes on disjoint inodes, namespaces and block allocators), and a state
 * reached again with a smaller sleep set is expanded again for what it skipped, so hashing and
 * reduction together still reach every state (tests compare against a naive enumeration). The
 * random strategy runs seeded walks, walk {@code i} from seed {@code seed + i}.
 *
 * <p><b>Findings.</b> {@link org.layoutlease.scenario.explore.Counterexample} renders a schedule
 * as a linear scenario with its {@code !!! invariant} lines; the runner reproduces it with exit
 * status 0, and its transcript (results filled in) is what the CLI prints.
 *
 * <p>Nothing here reads a clock: progress is a callback every
 * {@link org.layoutlease.scenario.explore.Explorer#PROGRESS_EVERY} states, timed by the CLI.
 */
package org.layoutlease.scenario.explore;

package org.layoutlease.scenario.run;

import java.util.List;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.SysResult;
import org.layoutlease.scenario.syntax.Expr;
import org.layoutlease.scenario.syntax.Line;

/** How one scenario call maps onto the kernel: evaluate the arguments, make the call. */
@FunctionalInterface
public interface CallImpl {

    /**
     * Makes the call for {@code task} (null for a peer). Runs inside {@code Kernel.syscall}, so
     * a SysErr thrown here becomes the call's error result.
     */
    SysResult call(Env env, Task task, Line.Step step, List<Expr> args);
}

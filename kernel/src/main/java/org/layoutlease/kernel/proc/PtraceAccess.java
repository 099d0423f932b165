package org.layoutlease.kernel.proc;

import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;

/**
 * ptrace_may_access(PTRACE_MODE_READ_FSCREDS) (kernel/ptrace.c), the check that guards
 * /proc/{pid}/maps and v2's /proc/{pid}/file_pins: the reader's fsuid/fsgid must match all of
 * the target's uids/gids and its capabilities must cover the target's, unless it has
 * CAP_SYS_PTRACE. A refusal fails the open with EACCES.
 */
public final class PtraceAccess {
    private PtraceAccess() {
    }

    public static void checkRead(Cred reader, Cred target) {
        if (reader.capable(Capabilities.CAP_SYS_PTRACE)) {
            return;
        }
        boolean sameUser = reader.fsuid == target.uid && reader.fsuid == target.euid && reader.fsuid == target.suid
            && reader.fsgid == target.gid && reader.fsgid == target.egid && reader.fsgid == target.sgid;
        boolean capsCovered = (target.capPermitted & ~reader.capEffective) == 0;
        if (!sameUser || !capsCovered) {
            throw SysErr.of(Errno.EACCES);
        }
    }
}

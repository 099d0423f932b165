package org.layoutlease.kernel.sched;

import org.layoutlease.kernel.uapi.Capabilities;

/** A process's credentials (struct cred): the four uids, four gids and capability sets. */
public final class Cred {
    public int uid;
    public int euid;
    public int suid;
    public int fsuid;
    public int gid;
    public int egid;
    public int sgid;
    public int fsgid;
    public long capEffective;
    public long capPermitted;

    public Cred(int uid, int gid, long caps) {
        this.uid = this.euid = this.suid = this.fsuid = uid;
        this.gid = this.egid = this.sgid = this.fsgid = gid;
        this.capEffective = this.capPermitted = caps;
    }

    public Cred copy() {
        Cred c = new Cred(uid, gid, capPermitted);
        c.euid = euid;
        c.suid = suid;
        c.fsuid = fsuid;
        c.egid = egid;
        c.sgid = sgid;
        c.fsgid = fsgid;
        c.capEffective = capEffective;
        return c;
    }

    /** capable(): the capability is in the effective set. */
    public boolean capable(int cap) {
        return (capEffective & Capabilities.bit(cap)) != 0;
    }
}

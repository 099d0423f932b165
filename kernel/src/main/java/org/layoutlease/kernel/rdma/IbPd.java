package org.layoutlease.kernel.rdma;

/** struct ib_pd: a protection domain, owned by one uverbs file; MRs hang off it. */
public final class IbPd {
    private final UverbsFile ufile;
    private final int handle;
    int mrCount;
    boolean destroyed;

    IbPd(UverbsFile ufile, int handle) {
        this.ufile = ufile;
        this.handle = handle;
    }

    public UverbsFile ufile() {
        return ufile;
    }

    public int handle() {
        return handle;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "pd " + handle;
    }
}

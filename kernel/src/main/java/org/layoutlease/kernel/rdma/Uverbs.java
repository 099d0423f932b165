package org.layoutlease.kernel.rdma;

import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.Devices;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.sched.Task;

/**
 * The uverbs character device driver (drivers/infiniband/core/uverbs_main.c): open creates a
 * context, the final release of the open file destroys every object in it, which deregisters
 * the MRs and so releases their pins (ib_uverbs_close → uverbs_destroy_ufile_hw).
 */
public final class Uverbs implements Devices.Driver {
    private final IbDevice device;
    private final RdmaCalls rdma;

    public Uverbs(IbDevice device, RdmaCalls rdma) {
        this.device = device;
        this.rdma = rdma;
    }

    public IbDevice device() {
        return device;
    }

    @Override
    public void open(Kernel k, Task t, File f) {
        f.privateData = new UverbsFile(device, f);
    }

    @Override
    public void release(Kernel k, File f) {
        if (f.privateData instanceof UverbsFile u) {
            rdma.destroyAll(u);
        }
    }

    @Override
    public boolean seekable() {
        return false;
    }
}

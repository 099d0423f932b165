package org.layoutlease.kernel.rdma;

/** struct ib_device: an RDMA adapter, with or without on-demand paging (IB_ODP_SUPPORT). */
public record IbDevice(String name, int index, boolean odp) {
    public String uverbsPath() {
        return "/dev/infiniband/uverbs" + index;
    }
}

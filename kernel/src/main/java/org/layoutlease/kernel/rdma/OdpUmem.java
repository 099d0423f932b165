package org.layoutlease.kernel.rdma;

import org.layoutlease.kernel.mm.MmStruct;

/**
 * struct ib_umem_odp: an on-demand-paging registration. It pins nothing; it keeps the address
 * space (mmgrab) and resolves each device access through the current page tables
 * (hmm_range_fault), so after a truncate the MMU-notifier invalidation leaves the device
 * faulting instead of writing into freed blocks (SYSTEM.md §2.12).
 */
record OdpUmem(MmStruct mm, long start, long length) {
}

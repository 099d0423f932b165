package org.layoutlease.kernel.mm;

import org.layoutlease.kernel.fs.File;

/**
 * struct vaddr_pin (v2 patch 09): who owns a long-term pin. Callers that can hand their pins to
 * other processes through a descriptor (RDMA) name that descriptor's open file
 * ({@code f_owner}, no reference taken: the caller holds one); others name the address space.
 * Legacy FOLL_LONGTERM callers pass no token at all (null).
 */
public record VaddrPin(File fOwner, MmStruct mm) {
    public VaddrPin {
        if (fOwner == null && mm == null) {
            // vaddr_pin_pages() returns EINVAL for a token naming neither owner.
            throw new IllegalArgumentException("vaddr_pin with neither f_owner nor mm");
        }
    }
}

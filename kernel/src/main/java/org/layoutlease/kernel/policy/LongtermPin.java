package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.locks.LayoutLeases;

/**
 * A FOLL_LONGTERM get_user_pages() of one file mapping, as the long-term checks see it
 * (check_vma_flags(), folio_is_longterm_pinnable(), mapping_inode_has_layout()).
 *
 * @param inode          the mapped file
 * @param vmaIsFsDax     the mapping is of a file on an FS-DAX mount (vma_is_fsdax)
 * @param pagesAreFsDax  the pages pinned are the file's DAX blocks (not copies in anonymous memory)
 * @param sharedPageCacheWrite a FOLL_WRITE pin of a shared mapping of a page-cache file whose
 *                       filesystem tracks dirty pages (ext4, xfs; not tmpfs)
 * @param tgid           the pinning thread group (current->tgid)
 * @param hasVaddrPin    the caller passed a vaddr_pin token (RDMA umem); legacy FOLL_LONGTERM
 *                       callers (io_uring, vfio) do not
 * @param leases         the layout leases, to ask who holds one
 */
public record LongtermPin(Inode inode, boolean vmaIsFsDax, boolean pagesAreFsDax, boolean sharedPageCacheWrite,
                          int tgid, boolean hasVaddrPin, LayoutLeases leases) {
}

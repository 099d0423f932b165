package org.layoutlease.kernel.fs.block;

/**
 * Models {@code -ENOSPC} from the block allocator ({@code xfs_alloc_vextent()} finding no
 * space); thrown only after nothing was allocated, so callers need no rollback.
 *
 * <p>It is an expected outcome, not a bug, so it carries no stack trace: scenarios and the
 * explorer may hit it on every step.
 */
public final class NoSpaceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long requestedBlocks;
    private final long freeBlocks;

    public NoSpaceException(long requestedBlocks, long freeBlocks) {
        super("ENOSPC: need " + requestedBlocks + " blocks, " + freeBlocks + " free", null, false, false);
        this.requestedBlocks = requestedBlocks;
        this.freeBlocks = freeBlocks;
    }

    public long requestedBlocks() {
        return requestedBlocks;
    }

    public long freeBlocks() {
        return freeBlocks;
    }
}

package org.layoutlease.kernel.mm;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.lib.RangeSet;

/**
 * The pages one get_user_pages() call pinned, as its caller holds them (the page array of an
 * {@code ib_umem}, an io_uring buffer, a direct-I/O request): runs of backing memory in user
 * address order, each pinned once. A long-term pin holds them until released; device access
 * goes wherever the runs point, even after the filesystem took a block back.
 *
 * <p>Filesystem blocks the pin still references but that no longer belong to the pinned file
 * range ("stale": freed, moved or remapped under the pin) are kept per store, so a later DMA
 * into them can be recognised (invariant {@code dma-after-free}).
 */
public final class PinnedPages {
    /** Replaced only when page-cache pages leave their file (see {@link PinTable}). */
    private List<PageRun> runs;
    /** The runs that are filesystem blocks, kept with {@link #runs}: pin and unpin each walk them. */
    private List<PageRun.FileBlocks> fileRuns;
    private final long length;
    private final boolean longterm;
    /** Who holds the pin, for invariant explanations: "A's MR". */
    private final String holder;
    /** The vaddr_pin token the pin was taken with, or null (legacy callers, short-term pins). */
    private final VaddrPin token;
    private Map<BlockFileStore, RangeSet> stale;
    /** The file-pin references this pin took (add_file_pin), to put at unpin. */
    final List<FileShare> fileShares = new ArrayList<>(1);
    private boolean released;

    PinnedPages(List<PageRun> runs, boolean longterm, String holder, VaddrPin token) {
        this.runs = List.copyOf(runs);
        this.fileRuns = fileRunsOf(this.runs);
        long n = 0;
        for (PageRun r : runs) {
            n += r.length();
        }
        this.length = n;
        this.longterm = longterm;
        this.holder = holder;
        this.token = token;
    }

    public List<PageRun> runs() {
        return runs;
    }

    public long length() {
        return length;
    }

    public boolean isLongterm() {
        return longterm;
    }

    public String holder() {
        return holder;
    }

    public VaddrPin token() {
        return token;
    }

    public boolean isReleased() {
        return released;
    }

    void markReleased() {
        assert !released : "pin released twice";
        released = true;
    }

    /** The stale blocks of this pin on {@code store} (device block numbers); empty if none. */
    RangeSet staleBlocks(BlockFileStore store) {
        RangeSet s = staleBlocksOrNull(store);
        return s == null ? new RangeSet() : s;
    }

    /** The stale blocks of this pin on {@code store}, or null if none: no set made for the common case. */
    RangeSet staleBlocksOrNull(BlockFileStore store) {
        return stale == null ? null : stale.get(store);
    }

    void markStale(BlockFileStore store, long startBlock, long endBlock) {
        if (stale == null) {
            stale = new IdentityHashMap<>();
        }
        stale.computeIfAbsent(store, s -> new RangeSet()).add(startBlock, endBlock);
    }

    /** Whether device access to {@code [off, off+len)} touches a stale block. */
    public boolean touchesStale(long off, long len) {
        if (stale == null) {
            return false;
        }
        boolean[] hit = new boolean[1];
        forEachPiece(off, len, (r, roff, n, at) -> {
            if (r instanceof PageRun.FileBlocks fb) {
                RangeSet s = stale.get(fb.store());
                int bs = fb.store().blockSize();
                long first = (fb.physAddr() + roff) / bs;
                long end = (fb.physAddr() + roff + n + bs - 1) / bs;
                hit[0] |= s != null && s.overlaps(first, end);
            }
        });
        return hit[0];
    }

    /** DMA from the device: the bytes {@code [off, off+len)} of the pinned memory. */
    public Data read(long off, long len) {
        Data.Builder b = new Data.Builder();
        forEachPiece(off, len, (r, roff, n, at) -> b.append(r.read(roff, n)));
        return b.build();
    }

    /** DMA to the device's target: {@code data} lands at {@code off} in the pinned memory. */
    public void write(long off, Data data) {
        forEachPiece(off, data.length(), (r, roff, n, at) -> r.write(roff, data.slice(at - off, n)));
    }

    /** Pages of one data file recorded as a file pin under the pin's token. */
    record FileShare(org.layoutlease.kernel.fs.File leaseFile, long pages) {
    }

    private interface Piece {
        /** {@code at} is the offset of the piece in the pinned range. */
        void accept(PageRun run, long offsetInRun, long length, long at);
    }

    private void forEachPiece(long off, long len, Piece p) {
        assert off >= 0 && off + len <= length : "access outside the pinned range";
        long runStart = 0;
        for (PageRun r : runs) {
            long runEnd = runStart + r.length();
            long from = Math.max(off, runStart);
            long to = Math.min(off + len, runEnd);
            if (from < to) {
                p.accept(r, from - runStart, to - from, from);
            }
            runStart = runEnd;
            if (runStart >= off + len) {
                return;
            }
        }
    }

    /**
     * Rewrites the runs that are blocks of {@code store} inside {@code blocks} (device block
     * numbers): each such piece becomes what {@code replace} makes of it; other runs stay.
     */
    void rewrite(BlockFileStore store, RangeSet blocks, java.util.function.Function<PageRun.FileBlocks, PageRun> replace) {
        List<PageRun> out = new ArrayList<>(runs.size() + 2);
        for (PageRun r : runs) {
            if (!(r instanceof PageRun.FileBlocks fb) || fb.store() != store
                || !blocks.overlaps(fb.firstBlock(), fb.endBlock())) {
                out.add(r);
                continue;
            }
            int bs = store.blockSize();
            long pos = fb.firstBlock();
            for (RangeSet.Range hit : blocks.intersect(fb.firstBlock(), fb.endBlock())) {
                if (hit.start() > pos) {
                    out.add(fb.slice((pos - fb.firstBlock()) * bs, (hit.start() - fb.firstBlock()) * bs));
                }
                long to = Math.min(fb.length(), (hit.end() - fb.firstBlock()) * bs);
                out.add(replace.apply((PageRun.FileBlocks) fb.slice((hit.start() - fb.firstBlock()) * bs, to)));
                pos = hit.end();
            }
            if (pos < fb.endBlock()) {
                out.add(fb.slice((pos - fb.firstBlock()) * bs, fb.length()));
            }
        }
        runs = List.copyOf(out);
        fileRuns = fileRunsOf(runs);
    }

    /** The runs of this pin that are filesystem blocks. */
    List<PageRun.FileBlocks> fileRuns() {
        return fileRuns;
    }

    private static List<PageRun.FileBlocks> fileRunsOf(List<PageRun> runs) {
        List<PageRun.FileBlocks> out = new ArrayList<>(runs.size());
        for (PageRun r : runs) {
            if (r instanceof PageRun.FileBlocks fb) {
                out.add(fb);
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return holder + " (" + length + " bytes" + (longterm ? ", long-term" : "") + ")";
    }
}

package org.layoutlease.kernel.mm;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.block.Extent;
import org.layoutlease.kernel.fs.block.ExtentChange;
import org.layoutlease.kernel.fs.locks.LayoutLeases;
import org.layoutlease.kernel.lib.RangeCounter;
import org.layoutlease.kernel.lib.RangeList;
import org.layoutlease.kernel.lib.RangeSet;
import org.layoutlease.kernel.sched.WaitQueue;

/**
 * Every page pin in the system, counted per device block the way {@code page_maybe_dma_pinned()}
 * reads a page's refcount, and the checks of SCENARIO-LANGUAGE.md §6 that concern pins:
 * {@code pinned-block-freed} (told by each filesystem's layout listener before a freed block can
 * be reused), {@code pin-without-lease} (a state, checked whenever the kernel is quiescent) and
 * the pins and file pins left at the end ({@code leak}).
 *
 * <p>Counts are interval counters per filesystem, so pinning a gigabyte is one update, and the
 * busy-page question of a truncate is O(log n + k) for k extents in its range.
 */
public final class PinTable {
    /** Most live pins: a limit, not a Linux rule (Linux is bounded by RLIMIT_MEMLOCK and memory). */
    public static final int MAX_PINS = 1 << 20;

    /** What the DAX busy-page scan finds in a range (dax_layout_busy_page). */
    public enum Busy { IDLE, SHORT_TERM, LONG_TERM }

    /** The pins on one filesystem's blocks. */
    private static final class StorePins {
        final RangeCounter longterm = new RangeCounter();
        final RangeCounter shortterm = new RangeCounter();
        /** Pins with blocks here, in pinning order: searched only when a pinned block is disturbed. */
        final Set<PinnedPages> pins = new LinkedHashSet<>();
    }

    private final Kernel k;
    private final FilePins filePins;
    private final Map<BlockFileStore, StorePins> stores = new IdentityHashMap<>();
    private final Set<PinnedPages> live = new LinkedHashSet<>();
    /** FS-DAX blocks still long-term pinned in place, per file (inode order of first pin). */
    private final Map<Inode, long[]> daxPinnedBlocks = new LinkedHashMap<>();
    /** Files in the pin-without-lease state, reported when they entered it. */
    private final Set<Inode> withoutLease = new LinkedHashSet<>();
    /** Woken whenever pages are unpinned: the busy-page waits sleep here (wait_var_event on _refcount). */
    public final WaitQueue unpinned = new WaitQueue();

    /** {@code filePins} is null when the policy does not track file pins. */
    public PinTable(Kernel k, FilePins filePins) {
        this.k = k;
        this.filePins = filePins;
    }

    public FilePins filePins() {
        return filePins;
    }

    // ------------------------------------------------------------------ pin and unpin

    /** Records a pin of {@code runs}: the counters of every filesystem block go up by one. */
    PinnedPages pin(List<PageRun> runs, boolean longterm, String holder, VaddrPin token) {
        if (live.size() >= MAX_PINS) {
            throw new IllegalStateException("more than " + MAX_PINS + " pins");
        }
        PinnedPages p = new PinnedPages(runs, longterm, holder, token);
        List<PageRun.FileBlocks> fileRuns = p.fileRuns();
        for (StoreBlocks sb : blocksByStore(fileRuns, null)) {
            StorePins sp = storePins(sb.store);
            (longterm ? sp.longterm : sp.shortterm).adjustAll(sb.blocks, 1);
            sp.pins.add(p);
        }
        if (longterm) {
            daxBlocksPerFile(fileRuns, null, this::addDaxBlocks);
        }
        live.add(p);
        return p;
    }

    /** The blocks of one store that a pin adds or drops, gathered for one batch update. */
    private record StoreBlocks(BlockFileStore store, RangeList blocks) {
    }

    /**
     * The blocks of {@code fileRuns} per store, stores in first-use order, leaving out the
     * pin's blocks in {@code staleOf} (null: none are stale). A pin has one store or two, so
     * a list searched in order beats a map and keeps the order deterministic.
     */
    private static List<StoreBlocks> blocksByStore(List<PageRun.FileBlocks> fileRuns, PinnedPages staleOf) {
        List<StoreBlocks> out = new ArrayList<>(1);
        StoreBlocks last = null;
        for (PageRun.FileBlocks fb : fileRuns) {
            if (last == null || last.store != fb.store()) {
                last = storeBlocks(out, fb.store(), fileRuns.size());
            }
            RangeSet stale = staleOf == null ? null : staleOf.staleBlocksOrNull(fb.store());
            if (stale == null || !stale.overlaps(fb.firstBlock(), fb.endBlock())) {
                last.blocks.add(fb.firstBlock(), fb.endBlock());
                continue;
            }
            for (RangeSet.Range r : stale.gaps(fb.firstBlock(), fb.endBlock())) {
                last.blocks.add(r.start(), r.end());
            }
        }
        return out;
    }

    private static StoreBlocks storeBlocks(List<StoreBlocks> all, BlockFileStore store, int capacity) {
        for (StoreBlocks sb : all) {
            if (sb.store == store) {
                return sb;
            }
        }
        StoreBlocks sb = new StoreBlocks(store, new RangeList(capacity));
        all.add(sb);
        return sb;
    }

    /**
     * Long-term pinned FS-DAX blocks of {@code fileRuns} per file, summed over consecutive runs
     * of one file and handed to {@code perFile} once per file; the blocks of {@code staleOf}
     * (null: none) are left out, as they no longer count as pinned in place.
     */
    private static void daxBlocksPerFile(List<PageRun.FileBlocks> fileRuns, PinnedPages staleOf,
                                         java.util.function.ObjLongConsumer<Inode> perFile) {
        Inode inode = null;
        long blocks = 0;
        for (PageRun.FileBlocks fb : fileRuns) {
            if (!fb.isFsDax()) {
                continue;
            }
            if (fb.inode() != inode) {
                if (inode != null) {
                    perFile.accept(inode, blocks);
                }
                inode = fb.inode();
                blocks = 0;
            }
            RangeSet stale = staleOf == null ? null : staleOf.staleBlocksOrNull(fb.store());
            blocks += fb.endBlock() - fb.firstBlock()
                - (stale == null ? 0 : stale.overlapLength(fb.firstBlock(), fb.endBlock()));
        }
        if (inode != null) {
            perFile.accept(inode, blocks);
        }
    }

    private void addDaxBlocks(Inode inode, long blocks) {
        daxPinnedBlocks.computeIfAbsent(inode, i -> new long[1])[0] += blocks;
    }

    /** Records that {@code pages} pages of a data file are pinned under the pin's token as a file pin. */
    void addFilePin(PinnedPages p, org.layoutlease.kernel.fs.File leaseFile, long pages) {
        filePins.add(p.token(), leaseFile, pages);
        p.fileShares.add(new PinnedPages.FileShare(leaseFile, pages));
    }

    /**
     * unpin_user_pages() (for a vaddr_pin: vaddr_unpin_pages_dirty_lock): the counts go down for
     * the blocks still pinned in place, file pins are put (possibly the final fput of a data
     * file, which ends its lease), and busy-page waiters re-check.
     */
    public void unpin(PinnedPages p) {
        p.markReleased();
        live.remove(p);
        List<PageRun.FileBlocks> fileRuns = p.fileRuns();
        for (StoreBlocks sb : blocksByStore(fileRuns, p.isLongterm() ? p : null)) {
            StorePins sp = storePins(sb.store);
            (p.isLongterm() ? sp.longterm : sp.shortterm).adjustAll(sb.blocks, -1);
            sp.pins.remove(p);
        }
        if (p.isLongterm()) {
            daxBlocksPerFile(fileRuns, p, this::dropDaxBlocks);
        }
        for (PinnedPages.FileShare s : p.fileShares) {
            filePins.release(p.token(), s.leaseFile(), s.pages());
        }
        k.scheduler.wakeAll(unpinned);
    }

    private void dropDaxBlocks(Inode inode, long blocks) {
        if (inode == null || blocks == 0) {
            return;
        }
        long[] c = daxPinnedBlocks.get(inode);
        assert c != null && c[0] >= blocks : "unpinning more DAX blocks than pinned";
        c[0] -= blocks;
        if (c[0] == 0) {
            daxPinnedBlocks.remove(inode);
        }
    }

    private StorePins storePins(BlockFileStore s) {
        return stores.computeIfAbsent(s, x -> new StorePins());
    }

    // ------------------------------------------------------------------ the busy-page scan

    /**
     * The pin state of the blocks that file bytes {@code [start, end)} map: the part of
     * dax_layout_busy_page_range() that asks each entry's page refcount. The caller decides
     * whether the file is mapped at all.
     */
    public Busy busy(BlockFileStore store, Inode inode, long start, long end) {
        StorePins sp = stores.get(store);
        if (sp == null || end <= start || (sp.longterm.isEmpty() && sp.shortterm.isEmpty())) {
            return Busy.IDLE;
        }
        int bs = store.blockSize();
        long first = start / bs;
        long count = (end + bs - 1) / bs - first;
        Busy found = Busy.IDLE;
        for (Extent e : BlockFileStore.map(inode).extentsIn(first, count)) {
            if (sp.longterm.overlaps(e.physical(), e.physicalEnd())) {
                return Busy.LONG_TERM;
            }
            if (sp.shortterm.overlaps(e.physical(), e.physicalEnd())) {
                found = Busy.SHORT_TERM;
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ invariants

    /**
     * A filesystem changed a file's layout (BlockFileStore's listener, before freed blocks can be
     * reused). On DAX the pinned page is the block; see {@link #daxLayoutChanged}. In the page
     * cache it is not: see {@link #pageCacheChanged}.
     */
    public void layoutChanged(BlockFileStore store, Inode inode, ExtentChange c) {
        StorePins sp = stores.get(store);
        if (sp == null || sp.pins.isEmpty() || c.isEmpty()) {
            return;
        }
        if (store.mount().isDax()) {
            daxLayoutChanged(sp, store, inode, c);
        } else {
            pageCacheChanged(sp, store, c);
        }
    }

    /**
     * Blocks a long-term pin references that were freed, moved or remapped become stale for
     * that pin, and the step reports {@code pinned-block-freed}; blocks shared into another file
     * are reported but stay in place.
     */
    private void daxLayoutChanged(StorePins sp, BlockFileStore store, Inode inode, ExtentChange c) {
        if (sp.longterm.isEmpty()) {
            return;
        }
        RangeSet taken = new RangeSet();
        RangeSet shared = new RangeSet();
        for (Extent e : c.unmapped()) {
            addPinned(sp.longterm, taken, e.physical(), e.physicalEnd());
        }
        for (ExtentChange.Shift s : c.shifted()) {
            addPinned(sp.longterm, taken, s.physical(), s.physical() + s.length());
        }
        for (ExtentChange.Remap r : c.remapped()) {
            addPinned(sp.longterm, taken, r.oldPhysical(), r.oldPhysical() + r.length());
        }
        for (Extent e : c.shared()) {
            addPinned(sp.longterm, shared, e.physical(), e.physicalEnd());
        }
        if (taken.isEmpty() && shared.isEmpty()) {
            return;
        }
        List<String> holders = new ArrayList<>();
        for (PinnedPages p : List.copyOf(sp.pins)) {
            if (p.isLongterm() && (markStale(sp, p, store, taken) | references(p, store, shared))) {
                holders.add(p.holder());
            }
        }
        String what = taken.isEmpty() ? "shared " + shared.totalLength() : "freed or moved " + taken.totalLength();
        k.emitInvariant("pinned-block-freed", store.mount().type().name().toLowerCase() + " " + what
            + " block(s) of " + pathOf(inode) + " still pinned by " + String.join(", ", holders));
    }

    /**
     * Page-cache pins pin pages, not blocks. When a block moves under copy-on-write the file's
     * page stays in the cache, now backed by the new block, so the pin follows it. When a page
     * leaves the file (truncate, punch, collapse) it leaves the cache but lives on while pinned:
     * the pin keeps a private copy and device access no longer reaches the file, as on Linux.
     */
    private void pageCacheChanged(StorePins sp, BlockFileStore store, ExtentChange c) {
        RangeSet moved = new RangeSet();
        for (ExtentChange.Remap r : c.remapped()) {
            moved.add(r.oldPhysical(), r.oldPhysical() + r.length());
            RangeSet old = new RangeSet();
            old.add(r.oldPhysical(), r.oldPhysical() + r.length());
            long delta = (r.newPhysical() - r.oldPhysical()) * store.blockSize();
            rewritePins(sp, store, old, fb -> new PageRun.FileBlocks(store, fb.inode(), fb.path(), fb.fileOffset(),
                fb.physAddr() + delta, fb.length()));
        }
        RangeSet gone = new RangeSet();
        for (Extent e : c.unmapped()) {
            gone.add(e.physical(), e.physicalEnd());
        }
        for (ExtentChange.Shift s : c.shifted()) {
            gone.add(s.physical(), s.physical() + s.length());
        }
        for (RangeSet.Range r : moved.ranges()) {
            gone.remove(r);
        }
        if (!gone.isEmpty()) {
            rewritePins(sp, store, gone, fb -> {
                AnonMemory copy = new AnonMemory(false);
                copy.write(0, fb.read(0, fb.length()));
                return new PageRun.Anon(copy, 0, fb.length());
            });
        }
    }

    /** Rewrites the pieces of every pin on {@code store} that lie in {@code blocks}, moving their counts. */
    private void rewritePins(StorePins sp, BlockFileStore store, RangeSet blocks,
                             java.util.function.Function<PageRun.FileBlocks, PageRun> replace) {
        for (PinnedPages p : List.copyOf(sp.pins)) {
            if (!references(p, store, blocks)) {
                continue;
            }
            RangeCounter counter = p.isLongterm() ? sp.longterm : sp.shortterm;
            p.rewrite(store, blocks, fb -> {
                counter.decrement(fb.firstBlock(), fb.endBlock());
                PageRun r = replace.apply(fb);
                if (r instanceof PageRun.FileBlocks moved) {
                    counter.increment(moved.firstBlock(), moved.endBlock());
                }
                return r;
            });
            if (p.fileRuns().stream().noneMatch(fb -> fb.store() == store)) {
                sp.pins.remove(p);
            }
        }
    }

    private static void addPinned(RangeCounter counter, RangeSet into, long start, long end) {
        for (RangeSet.Range r : counter.intersect(start, end).ranges()) {
            into.add(r);
        }
    }

    /** Marks the blocks of {@code p} inside {@code taken} stale; true if there were any. */
    private boolean markStale(StorePins sp, PinnedPages p, BlockFileStore store, RangeSet taken) {
        boolean any = false;
        for (PageRun.FileBlocks fb : p.fileRuns()) {
            if (fb.store() != store || taken.isEmpty()) {
                continue;
            }
            for (RangeSet.Range hit : taken.intersect(fb.firstBlock(), fb.endBlock())) {
                for (RangeSet.Range fresh : p.staleBlocks(store).gaps(hit.start(), hit.end())) {
                    sp.longterm.decrement(fresh.start(), fresh.end());
                    if (fb.isFsDax()) {
                        dropDaxBlocks(fb.inode(), fresh.length());
                    }
                    p.markStale(store, fresh.start(), fresh.end());
                    any = true;
                }
            }
        }
        return any;
    }

    private static boolean references(PinnedPages p, BlockFileStore store, RangeSet blocks) {
        for (PageRun.FileBlocks fb : p.fileRuns()) {
            if (fb.store() == store && !blocks.isEmpty() && blocks.overlaps(fb.firstBlock(), fb.endBlock())) {
                return true;
            }
        }
        return false;
    }

    private String pathOf(Inode inode) {
        for (PinnedPages p : live) {
            for (PageRun.FileBlocks fb : p.fileRuns()) {
                if (fb.inode() == inode) {
                    return fb.path();
                }
            }
        }
        return "inode " + inode.ino();
    }

    /**
     * pin-without-lease (a state): an FS-DAX block is long-term pinned in place while no layout
     * lease is on its file. Reported when a file enters the state, again only after it left it.
     */
    public void checkLeaseCoverage(LayoutLeases leases) {
        if (daxPinnedBlocks.isEmpty() && withoutLease.isEmpty()) {
            return; // the common case, checked after every call: no FS-DAX page is pinned
        }
        withoutLease.removeIf(i -> !daxPinnedBlocks.containsKey(i) || leases.hasLayoutLease(i));
        for (Inode i : daxPinnedBlocks.keySet()) {
            if (!leases.hasLayoutLease(i) && withoutLease.add(i)) {
                k.emitInvariant("pin-without-lease", holdersOf(i) + " pin(s) pages of " + pathOf(i)
                    + " and no layout lease covers the file");
            }
        }
    }

    private String holdersOf(Inode inode) {
        List<String> out = new ArrayList<>();
        for (PinnedPages p : live) {
            for (PageRun.FileBlocks fb : p.fileRuns()) {
                if (fb.inode() == inode && p.isLongterm() && !out.contains(p.holder())) {
                    out.add(p.holder());
                }
            }
        }
        return String.join(", ", out);
    }

    /** Pins and file pins still alive, described for the {@code leak} invariant. */
    public List<String> remaining() {
        List<String> out = new ArrayList<>();
        for (PinnedPages p : live) {
            if (p.isLongterm()) {
                out.add("a long-term pin held by " + p.holder());
            }
        }
        if (filePins != null) {
            out.addAll(filePins.remaining());
        }
        return out;
    }

    public int liveCount() {
        return live.size();
    }
}

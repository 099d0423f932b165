package org.layoutlease.kernel.mm;

import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.dax.DeviceDax;
import org.layoutlease.kernel.lib.Data;

/**
 * A run of user pages resolved to the memory behind them, as the {@code struct page *} array
 * that get_user_pages() fills: contiguous in user addresses and in the backing memory. A pin
 * holds runs, not pages, so pinning a gigabyte of contiguous memory is one object. Device access
 * (DMA) reads and writes the backing memory directly, whatever became of the mapping.
 */
public sealed interface PageRun {

    long length();

    /** The bytes at {@code [off, off+len)} of this run. */
    Data read(long off, long len);

    /** DMA into the run: the bytes land in the backing memory. */
    void write(long off, Data data);

    /** The part {@code [from, to)} of this run. */
    PageRun slice(long from, long to);

    /**
     * Filesystem blocks of a regular file: on a DAX mount the persistent memory itself
     * (ZONE_DEVICE pages of pgmap type MEMORY_DEVICE_FS_DAX); otherwise the page cache, which
     * this model keeps in the same store. {@code physAddr} is the byte address on the store;
     * {@code path} names the file as the mapping opened it, for explanations.
     */
    record FileBlocks(BlockFileStore store, Inode inode, String path, long fileOffset, long physAddr, long length)
        implements PageRun {
        public boolean isFsDax() {
            return store.mount().isDax();
        }

        public long firstBlock() {
            return physAddr / store.blockSize();
        }

        /** One past the last device block the run touches. */
        public long endBlock() {
            return (physAddr + length + store.blockSize() - 1) / store.blockSize();
        }

        @Override
        public Data read(long off, long len) {
            return store.media().read(physAddr + off, len);
        }

        @Override
        public void write(long off, Data data) {
            store.media().write(physAddr + off, data);
        }

        @Override
        public PageRun slice(long from, long to) {
            return new FileBlocks(store, inode, path, fileOffset + from, physAddr + from, to - from);
        }
    }

    /** Anonymous pages (or a private mapping's copies), at an offset in their object. */
    record Anon(AnonMemory memory, long offset, long length) implements PageRun {
        @Override
        public Data read(long off, long len) {
            return memory.read(offset + off, len);
        }

        @Override
        public void write(long off, Data data) {
            memory.write(offset + off, data);
        }

        @Override
        public PageRun slice(long from, long to) {
            return new Anon(memory, offset + from, to - from);
        }
    }

    /** Device-DAX memory: no filesystem, so nothing can free it under a pin. */
    record Device(DeviceDax device, long offset, long length) implements PageRun {
        @Override
        public Data read(long off, long len) {
            return device.media().read(offset + off, len);
        }

        @Override
        public void write(long off, Data data) {
            device.media().write(offset + off, data);
        }

        @Override
        public PageRun slice(long from, long to) {
            return new Device(device, offset + from, to - from);
        }
    }

    /**
     * The shared zero page: what a read fault maps over a hole or an unwritten extent. Reads are
     * zeros; a device write to it is lost (it is no block of the file).
     */
    record Zero(long length) implements PageRun {
        @Override
        public Data read(long off, long len) {
            return Data.zeros(len);
        }

        @Override
        public void write(long off, Data data) {
        }

        @Override
        public PageRun slice(long from, long to) {
            return new Zero(to - from);
        }
    }
}

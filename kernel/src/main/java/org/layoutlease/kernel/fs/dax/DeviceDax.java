package org.layoutlease.kernel.fs.dax;

import org.layoutlease.kernel.fs.Devices;
import org.layoutlease.kernel.fs.block.SparseMedia;

/**
 * A device-DAX character device ({@code /dev/daxX.Y}, drivers/dax/device.c): persistent memory
 * mapped whole, with no filesystem and so no layout to protect. Long-term pins of it were always
 * allowed (SYSTEM.md §2.12). It cannot be read or written with read(2)/write(2), truncated or
 * leased; only mmap(MAP_SHARED) gives access.
 */
public final class DeviceDax implements Devices.Driver {
    /** Smallest and largest device the model accepts. */
    public static final long MIN_BYTES = 4096;
    public static final long MAX_BYTES = 1L << 44;

    private final String path;
    private final long sizeBytes;
    private final SparseMedia media;

    public DeviceDax(String path, long sizeBytes) {
        if (sizeBytes < MIN_BYTES || sizeBytes > MAX_BYTES) {
            throw new IllegalArgumentException("device-DAX size out of range: " + sizeBytes);
        }
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.media = new SparseMedia(sizeBytes);
    }

    public String path() {
        return path;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public SparseMedia media() {
        return media;
    }

    @Override
    public boolean seekable() {
        return false;
    }
}

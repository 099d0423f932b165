package org.layoutlease.kernel.fs;

/**
 * A mounted filesystem: the super block and its vfsmount in one (the model has no bind mounts).
 * Devices follow the language's determinism rules: the N-th DAX mount is 259:N, others 0:(30+N).
 */
public final class Mount {
    private final int mountId;
    private final FsType type;
    private final String mountPoint;
    private final boolean dax;
    private final int devMajor;
    private final int devMinor;
    private final long sizeBytes;
    private final int blockSize;
    private long nextIno;
    public Inode root;
    /** Block allocation and media of this filesystem; null for tmpfs root and procfs. */
    public Object storage;

    public Mount(int mountId, FsType type, String mountPoint, boolean dax, int devMajor, int devMinor,
                 long sizeBytes, int blockSize, long firstIno) {
        this.mountId = mountId;
        this.type = type;
        this.mountPoint = mountPoint;
        this.dax = dax;
        this.devMajor = devMajor;
        this.devMinor = devMinor;
        this.sizeBytes = sizeBytes;
        this.blockSize = blockSize;
        this.nextIno = firstIno;
    }

    public long allocateIno() {
        return nextIno++;
    }

    /** The number the next {@link #allocateIno} returns (read-only: the explorer's state hash). */
    public long peekNextIno() {
        return nextIno;
    }

    public int mountId() {
        return mountId;
    }

    public FsType type() {
        return type;
    }

    public String mountPoint() {
        return mountPoint;
    }

    public boolean isDax() {
        return dax;
    }

    public int devMajor() {
        return devMajor;
    }

    public int devMinor() {
        return devMinor;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The device as /proc/locks prints it: two-digit hex major:minor. */
    public String devString() {
        return String.format("%02x:%02x", devMajor, devMinor);
    }
}

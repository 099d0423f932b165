package org.layoutlease.kernel.fs.block;

/**
 * Models one {@code struct fiemap_extent} as {@code FS_IOC_FIEMAP} returns it, in blocks (the
 * caller scales by the block size for {@code fe_logical}, {@code fe_physical}, {@code fe_length}).
 *
 * @param last      {@code FIEMAP_EXTENT_LAST}: the last extent reported
 * @param unwritten {@code FIEMAP_EXTENT_UNWRITTEN}
 * @param shared    {@code FIEMAP_EXTENT_SHARED}: another owner maps these blocks
 */
public record FiemapExtent(long logical, long physical, long length, boolean last, boolean unwritten,
        boolean shared) {

    public FiemapExtent {
        if (logical < 0 || physical < 0 || length <= 0) {
            throw new IllegalArgumentException("bad fiemap extent " + logical + "->" + physical + "+" + length);
        }
    }

    FiemapExtent asLast() {
        return new FiemapExtent(logical, physical, length, true, unwritten, shared);
    }
}

package org.layoutlease.kernel.uapi;

import java.util.List;

/** The output of FS_IOC_FIEMAP, printed as strace prints struct fiemap. */
public record Fiemap(long start, long length, List<Extent> extents) {

    /** One struct fiemap_extent. */
    public record Extent(long logical, long physical, long length, int flags) {
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("{fm_start=").append(start).append(", fm_length=").append(length)
            .append(", fm_mapped_extents=").append(extents.size()).append(", fm_extents=[");
        for (int i = 0; i < extents.size(); i++) {
            Extent e = extents.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("{fe_logical=").append(e.logical).append(", fe_physical=").append(e.physical)
                .append(", fe_length=").append(e.length).append(", fe_flags=").append(flagNames(e.flags)).append('}');
        }
        return sb.append("]}").toString();
    }

    public static String flagNames(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        if ((flags & Uapi.FIEMAP_EXTENT_LAST) != 0) {
            sb.append("FIEMAP_EXTENT_LAST");
        }
        if ((flags & Uapi.FIEMAP_EXTENT_UNWRITTEN) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("FIEMAP_EXTENT_UNWRITTEN");
        }
        if ((flags & Uapi.FIEMAP_EXTENT_SHARED) != 0) {
            sb.append(sb.isEmpty() ? "" : "|").append("FIEMAP_EXTENT_SHARED");
        }
        return sb.toString();
    }
}

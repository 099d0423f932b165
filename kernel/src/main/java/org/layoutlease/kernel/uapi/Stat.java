package org.layoutlease.kernel.uapi;

/** The fields of struct stat the language can check. {@code blocks} counts 512-byte units. */
public record Stat(long dev, long ino, int mode, long nlink, int uid, int gid, long size, long blocks) {

    /** The value of a field as strace names it, or null. */
    public Long field(String name) {
        return switch (name) {
            case "st_dev" -> dev;
            case "st_ino" -> ino;
            case "st_mode" -> (long) mode;
            case "st_nlink" -> nlink;
            case "st_uid" -> (long) uid;
            case "st_gid" -> (long) gid;
            case "st_size" -> size;
            case "st_blocks" -> blocks;
            default -> null;
        };
    }

    public static final String[] FIELDS = {"st_dev", "st_ino", "st_mode", "st_nlink", "st_uid", "st_gid", "st_size", "st_blocks"};
}

package org.layoutlease.kernel;

/** The sysctls the model knows (/proc/sys/fs). */
public final class Sysctl {
    /** fs.lease-break-time in seconds; 0 or negative means a break never times out. */
    public long leaseBreakTimeSeconds = 45;
    /** fs.leases-enable. */
    public long leasesEnable = 1;

    /** Sets a sysctl by its dotted name; returns false for an unknown name. */
    public boolean set(String key, long value) {
        switch (key) {
            case "fs.lease-break-time" -> leaseBreakTimeSeconds = value;
            case "fs.leases-enable" -> leasesEnable = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The value of a sysctl, or null for an unknown name. */
    public Long get(String key) {
        return switch (key) {
            case "fs.lease-break-time" -> leaseBreakTimeSeconds;
            case "fs.leases-enable" -> leasesEnable;
            default -> null;
        };
    }
}

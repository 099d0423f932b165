package org.layoutlease.kernel.policy;

/** Upstream Linux 6.18: no user layout leases; FS-DAX long-term pins refused (LINUX-LEASES.md). */
public class LinuxPolicy implements Policy {
    @Override
    public String name() {
        return "linux";
    }

    @Override
    public String summary() {
        return "upstream Linux 6.18: F_LAYOUT is EINVAL, FS-DAX long-term pins fail EOPNOTSUPP";
    }
}

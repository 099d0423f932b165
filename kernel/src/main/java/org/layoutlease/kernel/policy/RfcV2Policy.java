package org.layoutlease.kernel.policy;

/** The August 2019 series as posted, with the XFS return-code fix (SYSTEM.md §2.3-§2.11). */
public class RfcV2Policy implements Policy {
    @Override
    public String name() {
        return "rfc-v2";
    }

    @Override
    public String summary() {
        return "August 2019 RFC v2 as posted: exclusive layout leases, vaddr_pin, file pins, zombie leases";
    }
}

package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.uapi.Errno;

/**
 * rfc-v2 plus Ira Weiny's stated intent of 4 Sep 2019 (SYSTEM.md §2.10, §9): F_UNLCK of a layout
 * lease that still backs pins fails with EBUSY, and a zombie lease cannot license new pins.
 */
public class V2UnlockRefusedPolicy extends RfcV2Policy {
    @Override
    public String name() {
        return "v2-unlock-refused";
    }

    @Override
    public String summary() {
        return "rfc-v2 + Ira's 4 Sep intent: F_UNLCK while pinned is EBUSY; a zombie lease cannot pin more";
    }

    @Override
    public Errno unlockPinnedLayoutLease() {
        return Errno.EBUSY;
    }

    @Override
    public boolean zombieLeaseLicensesPins() {
        return false;
    }
}

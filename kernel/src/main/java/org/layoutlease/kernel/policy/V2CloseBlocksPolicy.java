package org.layoutlease.kernel.policy;

/**
 * rfc-v2 with Dave Chinner's alternative (SYSTEM.md §3 item 14, §9): no zombie leases (a file pin
 * takes no reference on the leased open file); the last close() of a leased data file whose lease
 * backs pins blocks interruptibly until the pins are gone. On the exit path, or with a fatal
 * signal pending, close does not block and the lease is dropped, leaving the pins unguarded.
 */
public class V2CloseBlocksPolicy extends RfcV2Policy {
    @Override
    public String name() {
        return "v2-close-blocks";
    }

    @Override
    public String summary() {
        return "rfc-v2 + Dave's alternative: no zombie leases; last close of a leased file blocks until unpinned";
    }

    @Override
    public boolean filePinHoldsLeaseFile() {
        return false;
    }

    @Override
    public boolean lastCloseWaitsForPins() {
        return true;
    }
}

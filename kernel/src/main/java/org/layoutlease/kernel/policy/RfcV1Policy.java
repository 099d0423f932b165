package org.layoutlease.kernel.policy;

/** The June 2019 series (SYSTEM.md §2.13): any layout lease enables pinning; breaks then ETXTBSY. */
public class RfcV1Policy implements Policy {
    @Override
    public String name() {
        return "rfc-v1";
    }

    @Override
    public String summary() {
        return "June 2019 RFC: any layout lease allows pins; truncate breaks it, then ETXTBSY if still pinned";
    }
}

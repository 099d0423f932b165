package org.layoutlease.kernel.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of designs, by the name a scenario uses. */
public final class Policies {
    private Policies() {
    }

    public static final String DEFAULT = "rfc-v2";

    private static final Map<String, Supplier<Policy>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("linux", LinuxPolicy::new);
        ALL.put("rfc-v1", RfcV1Policy::new);
        ALL.put("rfc-v2", RfcV2Policy::new);
        ALL.put("v2-unlock-refused", V2UnlockRefusedPolicy::new);
        ALL.put("v2-close-blocks", V2CloseBlocksPolicy::new);
        ALL.put("layoutlease", LayoutLeasePolicy::new);
    }

    /** A fresh policy instance, or null for an unknown name. */
    public static Policy byName(String name) {
        Supplier<Policy> s = ALL.get(name);
        return s == null ? null : s.get();
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}

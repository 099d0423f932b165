package org.layoutlease.scenario.run;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The calls the runner can make, by name. Each subsystem's table registers its own. */
public final class CallTable {
    private final Map<String, CallImpl> calls = new HashMap<>();
    /** Calls a peer (a remote machine) may issue. */
    private final Set<String> peerCalls = new java.util.HashSet<>();

    public CallTable() {
        FileCalls.register(this);
        TaskCalls.register(this);
        MemoryCalls.register(this);
    }

    public void add(String name, CallImpl impl) {
        if (calls.put(name, impl) != null) {
            throw new IllegalStateException("call registered twice: " + name);
        }
    }

    public void addPeerCall(String name, CallImpl impl) {
        add(name, impl);
        peerCalls.add(name);
    }

    public CallImpl get(String name) {
        return calls.get(name);
    }

    public boolean peerMayCall(String name) {
        return peerCalls.contains(name);
    }

    public Set<String> names() {
        return calls.keySet();
    }
}

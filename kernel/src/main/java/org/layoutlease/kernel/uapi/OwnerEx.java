package org.layoutlease.kernel.uapi;

/** struct f_owner_ex, as F_GETOWN_EX fills it. */
public record OwnerEx(int type, int pid) {
    public String render() {
        String t = switch (type) {
            case Uapi.F_OWNER_TID -> "F_OWNER_TID";
            case Uapi.F_OWNER_PID -> "F_OWNER_PID";
            case Uapi.F_OWNER_PGRP -> "F_OWNER_PGRP";
            default -> Integer.toString(type);
        };
        return "{type=" + t + ", pid=" + pid + "}";
    }
}

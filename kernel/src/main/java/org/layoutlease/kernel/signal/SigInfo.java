package org.layoutlease.kernel.signal;

import org.layoutlease.kernel.uapi.Signals;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * The siginfo_t a signal carries. {@code hasSender} says whether si_pid/si_uid are filled (kill,
 * tgkill); {@code hasPoll} whether si_band/si_fd are (F_SETSIG notifications); {@code hasAddr}
 * whether si_addr is (SIGBUS and SIGSEGV from a memory fault).
 */
public record SigInfo(int signo, int code, int pid, int uid, boolean hasSender, long band, int fd, boolean hasPoll,
                      long addr, boolean hasAddr) {

    public static SigInfo kernel(int signo) {
        return new SigInfo(signo, Uapi.SI_KERNEL, 0, 0, false, 0, 0, false, 0, false);
    }

    public static SigInfo user(int signo, int code, int senderPid, int senderUid) {
        return new SigInfo(signo, code, senderPid, senderUid, true, 0, 0, false, 0, false);
    }

    public static SigInfo poll(int signo, int code, long band, int fd) {
        return new SigInfo(signo, code, 0, 0, false, band, fd, true, 0, false);
    }

    /** force_sig_fault(): a memory fault at {@code addr} (BUS_ADRERR, SEGV_MAPERR, SEGV_ACCERR). */
    public static SigInfo fault(int signo, int code, long addr) {
        return new SigInfo(signo, code, 0, 0, false, 0, 0, false, addr, true);
    }

    /** strace's rendering of the fields between the braces. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("{si_signo=").append(Signals.name(signo)).append(", si_code=").append(codeName());
        if (hasSender) {
            sb.append(", si_pid=").append(pid).append(", si_uid=").append(uid);
        }
        if (hasPoll) {
            sb.append(", si_band=0x").append(Long.toHexString(band)).append(", si_fd=").append(fd);
        }
        if (hasAddr) {
            sb.append(", si_addr=0x").append(Long.toHexString(addr));
        }
        return sb.append('}').toString();
    }

    /** si_code as strace names it: fault codes are per signal, the others are global. */
    private String codeName() {
        return hasAddr ? Signals.faultCodeName(signo, code) : Signals.siCodeName(code);
    }

    /** The value of a named field as strace prints it, or null when this siginfo does not fill it. */
    public String field(String name) {
        return switch (name) {
            case "si_signo" -> Signals.name(signo);
            case "si_code" -> codeName();
            case "si_pid" -> hasSender ? Integer.toString(pid) : null;
            case "si_uid" -> hasSender ? Integer.toString(uid) : null;
            case "si_band" -> hasPoll ? "0x" + Long.toHexString(band) : null;
            case "si_fd" -> hasPoll ? Integer.toString(fd) : null;
            case "si_addr" -> hasAddr ? "0x" + Long.toHexString(addr) : null;
            default -> null;
        };
    }
}

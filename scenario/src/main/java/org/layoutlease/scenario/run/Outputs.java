package org.layoutlease.scenario.run;

import java.util.List;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.uapi.Fiemap;
import org.layoutlease.kernel.uapi.OwnerEx;
import org.layoutlease.kernel.uapi.Stat;
import org.layoutlease.scenario.syntax.Expr;

/**
 * Output arguments: what the kernel filled in (read data, struct stat, struct fiemap, the fds
 * of pipe2), rendered as strace prints them and compared with what the input expects.
 */
final class Outputs {
    private Outputs() {
    }

    static Expr.StructLit struct(Env env, List<Expr> args, int i) {
        if (args.size() <= i || !(args.get(i) instanceof Expr.StructLit s)) {
            throw env.error(args.get(Math.min(i, args.size() - 1)).pos(), "expected a struct like {type=F_OWNER_TID, pid=T}");
        }
        return s;
    }

    static Expr field(Env env, Expr.StructLit s, String name) {
        for (Expr.Field f : s.fields()) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        throw env.error(s.pos(), "missing field " + name);
    }

    /** strace's rendering of an output argument. */
    static String render(Object out) {
        return switch (out) {
            case Data d -> d.render();
            case Stat s -> "{st_ino=" + s.ino() + ", st_mode=" + modeText(s.mode()) + ", st_nlink=" + s.nlink()
                + ", st_uid=" + s.uid() + ", st_gid=" + s.gid() + ", st_blocks=" + s.blocks() + ", st_size=" + s.size() + "}";
            case Fiemap f -> f.render();
            case OwnerEx o -> o.render();
            case int[] fds -> "[" + fds[0] + ", " + fds[1] + "]";
            default -> String.valueOf(out);
        };
    }

    static String modeText(int mode) {
        String type = switch (mode & 0170000) {
            case 0100000 -> "S_IFREG";
            case 0040000 -> "S_IFDIR";
            case 0020000 -> "S_IFCHR";
            case 0010000 -> "S_IFIFO";
            case 0140000 -> "S_IFSOCK";
            default -> "0" + Integer.toOctalString(mode & 0170000);
        };
        return type + "|0" + Integer.toOctalString(mode & 07777);
    }

    /** Whether the kernel's output satisfies what the input wrote (a wildcard always does). */
    static boolean matches(Env env, Expr expected, Object actual) {
        if (expected instanceof Expr.Wildcard) {
            return true;
        }
        return switch (actual) {
            case Data d -> (expected instanceof Expr.StrLit || expected instanceof Expr.DataLit) && env.data(expected).equals(d);
            case Stat s -> expected instanceof Expr.StructLit st && fieldsMatch(env, st, s::field);
            case OwnerEx o -> expected instanceof Expr.StructLit st
                && fieldsMatch(env, st, n -> n.equals("type") ? (Long) (long) o.type() : n.equals("pid") ? (Long) (long) o.pid() : null);
            case Fiemap f -> expected instanceof Expr.StructLit st && fiemapMatches(env, st, f);
            case int[] fds -> expected instanceof Expr.ArrayLit arr && arr.items().size() == 2
                && env.num(arr.items().get(0)) == fds[0] && env.num(arr.items().get(1)) == fds[1];
            default -> false;
        };
    }

    private static boolean fieldsMatch(Env env, Expr.StructLit st, java.util.function.Function<String, Long> get) {
        for (Expr.Field f : st.fields()) {
            Long v = get.apply(f.name());
            if (v == null) {
                throw env.error(f.pos(), "unknown field " + f.name());
            }
            if (!(f.value() instanceof Expr.Wildcard) && env.num(f.value()) != v) {
                return false;
            }
        }
        return true;
    }

    private static boolean fiemapMatches(Env env, Expr.StructLit st, Fiemap f) {
        for (Expr.Field fld : st.fields()) {
            if (fld.value() instanceof Expr.Wildcard) {
                continue;
            }
            boolean ok = switch (fld.name()) {
                case "fm_start" -> env.num(fld.value()) == f.start();
                case "fm_length" -> env.num(fld.value()) == f.length();
                case "fm_mapped_extents" -> env.num(fld.value()) == f.extents().size();
                case "fm_extents" -> extentsMatch(env, fld.value(), f.extents());
                default -> throw env.error(fld.pos(), "unknown field " + fld.name());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean extentsMatch(Env env, Expr e, List<Fiemap.Extent> actual) {
        if (!(e instanceof Expr.ArrayLit arr) || arr.items().size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            Fiemap.Extent x = actual.get(i);
            if (!(arr.items().get(i) instanceof Expr.StructLit st)) {
                return false;
            }
            boolean ok = fieldsMatch(env, st, n -> switch (n) {
                case "fe_logical" -> x.logical();
                case "fe_physical" -> x.physical();
                case "fe_length" -> x.length();
                case "fe_flags" -> (long) x.flags();
                default -> null;
            });
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

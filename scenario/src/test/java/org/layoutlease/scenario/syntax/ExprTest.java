package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.scenario.syntax.Scn.arg;
import static org.layoutlease.scenario.syntax.Scn.assertArgError;
import static org.layoutlease.scenario.syntax.Scn.latin1;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of spec §3: literals, names, variables, flags, sums, structs, arrays and data. */
class ExprTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "3|3",
        "0|0",
        "4096|4096",
        "0x7f0000000000|139637976727552",
        "0X1F|31",
        "0644|420",
        "-1|-1",
        "-0x10|-16",
        "0xffffffffffffffff|-1",
        "9223372036854775807|9223372036854775807",
        "-9223372036854775808|-9223372036854775808",
        "'x'|120",
        "'\\n'|10",
        "'\\xab'|171",
        "'\\0'|0",
        "'\\''|39",
        "'#'|35",
        "'\\377'|255",
    })
    void integerLiterals(String text, long value) {
        Expr e = arg(text);
        assertThat(e).isInstanceOf(Expr.IntLit.class);
        assertThat(((Expr.IntLit) e).value()).isEqualTo(value);
        assertThat(e.text()).isEqualTo(text);
        assertThat(e.pos()).isEqualTo(new SourcePos(2, 10));
    }

    @Test
    void stringWithEveryEscape() {
        String text = "\"\\n\\t\\r\\0\\\\\\\"\\'\\x41\\101\\a\\b\\f\\v\\?z\"";
        Expr.StrLit s = (Expr.StrLit) arg(text);
        assertThat(s.bytes()).containsExactly('\n', '\t', '\r', 0, '\\', '"', '\'', 'A', 'A', 7, 8, 12, 11, '?', 'z');
        assertThat(s.text()).isEqualTo(text);
    }

    @Test
    void stringKeepsSpecialCharactersAndLatin1() {
        Expr.StrLit s = (Expr.StrLit) arg("\"a#b)c,d=e é\"");
        assertThat(s.bytes()).isEqualTo(latin1("a#b)c,d=e é"));
        assertThat(s.bytes()[s.bytes().length - 1]).isEqualTo((byte) 0xe9);
    }

    @Test
    void octalEscapeStopsAfterThreeDigits() {
        Expr.StrLit s = (Expr.StrLit) arg("\"\\1011\\x414\"");
        assertThat(s.bytes()).isEqualTo(latin1("A1A4"));
    }

    @Test
    void repeatedData() {
        Expr.DataLit d = (Expr.DataLit) arg("\"\\xab\"*4096");
        assertThat(d.runs()).containsExactly(new Expr.DataRun(new byte[] {(byte) 0xab}, 4096));
        assertThat(d.length()).isEqualTo(4096);
        assertThat(d.text()).isEqualTo("\"\\xab\"*4096");
    }

    @Test
    void juxtaposedRuns() {
        Expr.DataLit d = (Expr.DataLit) arg("\"A\"*10 \"B\"*2");
        assertThat(d.runs()).containsExactly(new Expr.DataRun(latin1("A"), 10), new Expr.DataRun(latin1("B"), 2));
        assertThat(d.text()).isEqualTo("\"A\"*10 \"B\"*2");
        assertThat(d.length()).isEqualTo(12);
    }

    @Test
    void juxtaposedStringsWithoutCountAreData() {
        Expr.DataLit d = (Expr.DataLit) arg("\"ab\" \"c\"");
        assertThat(d.runs()).containsExactly(new Expr.DataRun(latin1("ab"), 1), new Expr.DataRun(latin1("c"), 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"\\0\"*4096|4096",
        "\"\\0\"*4K|4096",
        "\"\\0\"*2M|2097152",
        "\"\\0\"*1_000|1000",
        "\"\\0\"*0x10|16",
        "\"\\0\" * 3|3",
        "\"\\0\"*0|0",
    })
    void repeatCountsUseTheSizeGrammar(String text, long repeat) {
        Expr.DataLit d = (Expr.DataLit) arg(text);
        assertThat(d.runs()).containsExactly(new Expr.DataRun(new byte[] {0}, repeat));
    }

    @Test
    void namesAndVariables() {
        assertThat(arg("O_RDWR")).isEqualTo(new Expr.Name("O_RDWR", new SourcePos(2, 10), "O_RDWR"));
        assertThat(arg("handler")).isInstanceOf(Expr.Name.class);
        Line.Step step = (Line.Step) Scn.last("process A", "A: open(\"/f\", 0) = $buf", "A: write($buf, 0, 0)");
        assertThat(step.args().get(0)).isEqualTo(new Expr.Var("buf", new SourcePos(3, 10), "$buf"));
    }

    @Test
    void flags() {
        Expr.Flags f = (Expr.Flags) arg("O_RDWR|O_CREAT|0644");
        assertThat(f.parts()).extracting(Expr::text).containsExactly("O_RDWR", "O_CREAT", "0644");
        assertThat(f.parts().get(1).pos()).isEqualTo(new SourcePos(2, 17));
        assertThat(f.text()).isEqualTo("O_RDWR|O_CREAT|0644");
    }

    @Test
    void flagsWithSpacesKeepTheirText() {
        Expr.Flags f = (Expr.Flags) arg("PROT_READ | PROT_WRITE");
        assertThat(f.text()).isEqualTo("PROT_READ | PROT_WRITE");
        assertThat(f.parts()).hasSize(2);
    }

    @Test
    void sumsAreLeftAssociative() {
        Expr.BinOp outer = (Expr.BinOp) arg("1 - 2+3");
        assertThat(outer.op()).isEqualTo('+');
        assertThat(outer.right()).isInstanceOf(Expr.IntLit.class);
        Expr.BinOp inner = (Expr.BinOp) outer.left();
        assertThat(inner.op()).isEqualTo('-');
        assertThat(inner.text()).isEqualTo("1 - 2");
        assertThat(outer.text()).isEqualTo("1 - 2+3");
    }

    @Test
    void realTimeSignalIsASum() {
        Expr.BinOp b = (Expr.BinOp) arg("SIGRTMIN+1");
        assertThat(b.left()).isEqualTo(new Expr.Name("SIGRTMIN", new SourcePos(2, 10), "SIGRTMIN"));
        assertThat(((Expr.IntLit) b.right()).value()).isEqualTo(1);
    }

    @Test
    void flagsOfSums() {
        Expr.Flags f = (Expr.Flags) arg("A+1|B");
        assertThat(f.parts().get(0)).isInstanceOf(Expr.BinOp.class);
    }

    @Test
    void fiemapStruct() {
        String text = "{fm_start=0, fm_length=N, fm_mapped_extents=1, fm_extents=[{fe_logical=0, fe_physical=P,"
                + " fe_length=L, fe_flags=FIEMAP_EXTENT_LAST}]}";
        Expr.StructLit s = (Expr.StructLit) arg(text);
        assertThat(s.text()).isEqualTo(text);
        assertThat(s.fields()).extracting(Expr.Field::name)
                .containsExactly("fm_start", "fm_length", "fm_mapped_extents", "fm_extents");
        Expr.ArrayLit extents = (Expr.ArrayLit) s.fields().get(3).value();
        Expr.StructLit extent = (Expr.StructLit) extents.items().get(0);
        assertThat(extent.fields()).extracting(f -> f.value().text())
                .containsExactly("0", "P", "L", "FIEMAP_EXTENT_LAST");
        assertThat(s.fields().get(1).pos()).isEqualTo(new SourcePos(2, 23));
    }

    @Test
    void structsAndArrays() {
        assertThat(((Expr.StructLit) arg("{st_size=0}")).fields())
                .containsExactly(new Expr.Field("st_size", new Expr.IntLit(0, new SourcePos(2, 19), "0"), new SourcePos(2, 11)));
        assertThat(((Expr.StructLit) arg("{ }")).fields()).isEmpty();
        assertThat(((Expr.ArrayLit) arg("[SIGIO, SIGUSR1]")).items()).extracting(Expr::text).containsExactly("SIGIO", "SIGUSR1");
        assertThat(((Expr.ArrayLit) arg("[]")).items()).isEmpty();
        assertThat(((Expr.StructLit) arg("{type=F_OWNER_TID, pid=A}")).fields()).hasSize(2);
    }

    @Test
    void wildcard() {
        assertThat(arg("?")).isEqualTo(new Expr.Wildcard(new SourcePos(2, 10), "?"));
    }

    @Test
    void textIsTheExactSourceSlice() {
        Line.Step step = (Line.Step) Scn.last("process A",
                "A:  mmap( NULL ,2097152,PROT_READ|PROT_WRITE ,  MAP_SHARED, 3, 0x0 ) = 0x7f0000000000");
        for (Expr e : step.args()) {
            int from = e.pos().col() - 1;
            assertThat(step.raw().substring(from, from + e.text().length())).isEqualTo(e.text());
        }
        assertThat(step.args()).extracting(Expr::text)
                .containsExactly("NULL", "2097152", "PROT_READ|PROT_WRITE", "MAP_SHARED", "3", "0x0");
    }

    @Test
    void stringBytesAreCopied() {
        Expr.StrLit s = (Expr.StrLit) arg("\"ab\"");
        s.bytes()[0] = 'x';
        assertThat(s.bytes()).isEqualTo(latin1("ab"));
        assertThat(s).isEqualTo(new Expr.StrLit(latin1("ab"), new SourcePos(2, 10), "\"ab\""));
        assertThat(s.hashCode()).isEqualTo(new Expr.StrLit(latin1("ab"), new SourcePos(2, 10), "\"ab\"").hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "08;10;invalid integer literal '08'",
        "12ab;10;invalid integer literal '12ab'",
        "1.5;10;invalid integer literal '1.5'",
        "0x;10;invalid integer literal '0x'",
        "0xg;10;invalid integer literal '0xg'",
        "99999999999999999999;10;integer literal '99999999999999999999' is out of range",
        "0x10000000000000000;10;integer literal '0x10000000000000000' is out of range",
        "-9223372036854775809;10;integer literal '-9223372036854775809' is out of range",
        "'';10;empty character literal",
        "'ab';10;unterminated character literal: expected a closing ' after one character",
        "'\\q';11;unknown escape sequence '\\\\q'",
        "\"\\400\";11;octal escape '\\\\400' is out of range: at most \\377",
        "\"a\\x\";12;\\x escape without hex digits",
        "\"A\"*;14;expected a repeat count after '*', found ','",
        "\"A\"*2T;14;invalid repeat count '2T': expected digits with an optional K, M or G suffix",
        "\"A\"*2000G;14;repeat count '2000G' is too large: at most 1099511627776",
        "\"AB\"*1099511627776;10;data literal is too long: at most 1099511627776 bytes",
        "$;11;expected a variable name after '$', found ','",
        "{a=1, a=2};16;duplicate field 'a'",
        "{a 1};13;expected '=' after field name 'a', found '1'",
        "{=1};11;expected a field name, found '='",
        "{a=1;16;expected a field name, found '0'",
        "{a=1 2};15;expected ',' or '}' after field, found '2'",
        "[1 2];13;expected ',' or ']' after element, found '2'",
        "-A;10;expected a value, found '-'",
        "1+;12;expected a value, found ','",
        "@;10;expected a value, found '@'",
        "O_RDWR|);17;expected a value, found ')'",
    })
    void valueErrors(String text, int col, String detail) {
        assertArgError(text, col, detail);
    }

    @Test
    void unterminatedStringPointsAtItsQuote() {
        Scn.assertError(2, 10, "unterminated string literal: expected a closing '\"'", "process A", "A: write(\"abc, 0, 0)");
    }

    @Test
    void nonByteCharacterInString() {
        assertArgError("\"a\u0100\"", 12, "character '\\u0100' is not a single byte; write it with \\x escapes");
    }

    @Test
    void nestingIsLimited() {
        int depth = Limits.MAX_NESTING_DEPTH;
        assertThat(arg("[".repeat(depth) + "]".repeat(depth))).isInstanceOf(Expr.ArrayLit.class);
        assertArgError("[".repeat(depth + 1) + "]".repeat(depth + 1), 10 + depth,
                "structs and arrays nested too deeply: at most " + depth + " levels");
    }

    @Test
    void operatorChainsAreLimited() {
        int max = Limits.MAX_NESTING_DEPTH;
        assertThat(arg("1" + "+1".repeat(max))).isInstanceOf(Expr.BinOp.class);
        assertArgError("1" + "+1".repeat(max + 1), 11 + 2 * max, "too many '+' and '-' in one expression: at most " + max);
    }

    @Test
    void recordsCopyTheirLists() {
        List<Expr> parts = new java.util.ArrayList<>(List.of(arg("1"), arg("2")));
        Expr.Flags f = new Expr.Flags(parts, new SourcePos(1, 1), "1|2");
        parts.clear();
        assertThat(f.parts()).hasSize(2);
    }
}

/*
 * test_xml_check.c - the export's XML checker and cleaner (export/xml_check.c): documents an xlsx
 * holds pass; each way a part can be wrong is refused with its reason and the byte it is at (the
 * end for a part cut short); the cleaner replaces exactly what XML 1.0 or a terminal cannot take.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/xml_check.h"
#include "base/xmem.h"

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Well-formed documents, as libxlsxwriter writes them and as XML allows. */
static const char *const accepted[] = {
    DECL "<a/>",
    "<a/>",
    "\xef\xbb\xbf" DECL "<a></a>",                       /* a BOM */
    DECL "<cp:coreProperties xmlns:cp=\"http://x\" xmlns:dc=\"http://y\">"
    "<dc:title>示例县机关事务服务中心 2024 年度碳排放数据</dc:title></cp:coreProperties>",
    "<sst count=\"1\"><si><t xml:space=\"preserve\"> a &amp; b &lt; c &gt; d &quot;&apos;</t></si></sst>",
    "<a b='1' c=\"2\" d = \"x&amp;y\"/>",
    "<a>&#65;&#x4E2D;&#x1F600;&#9;</a>",                 /* numeric references to characters */
    "<a><!-- a comment - with a dash --><b/><?pi data?></a>",
    "<!-- before --><?pi?>\n<a/>\n<!-- after -->\n",
    "<a><![CDATA[<not a tag> & ]] ]>]]></a>",
    "<a>\t\r\n text > still text </a >",
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><f>SUM(A1:A2)</f><v>3</v></c></row>",
    "<a>\xc2\x85\xc2\x9b</a>",                           /* XML 1.0 allows C1 */
    "<a>\xef\xbf\xbd \xf4\x8f\xbf\xbd</a>",              /* U+FFFD, U+10FFFD */
};

static void
test_accepted(void **state)
{
    size_t i, at = 99;
    const char *why;

    (void)state;
    for (i = 0; i < nitems(accepted); i++)
        if ((why = xml_check(accepted[i], strlen(accepted[i]), &at)) != NULL)
            fail_msg("case %zu refused: %s at %zu: %s", i, why, at, accepted[i]);
}

/*
 * Each way a part is wrong: the reason and the byte offset it names (counted from 0). A part cut
 * short is at its end (its length), which is how export_file.c tells a truncated part, whose
 * cause is a full disk, from a wrong one.
 */
static const struct {
    const char *xml;
    const char *why;
    size_t at;
} refused[] = {
    /* the unit name with a vertical tab, as libxlsxwriter wrote docProps/core.xml: at 11 */
    {"<dc:title>a\vb</dc:title>", "含有 XML 不允许的字符", 11},
    {"<a>\x1b[2J</a>", "含有 XML 不允许的字符", 3},
    {"<a>x\0y</a>", "含有 XML 不允许的字符", 4},     /* a NUL: length 11 given below */
    {"<a>\xef\xbf\xbe</a>", "含有 XML 不允许的字符", 3},   /* U+FFFE */
    {"<a>\xff</a>", "不是 UTF-8 文本", 3},
    {"<a>\xed\xa0\x80</a>", "不是 UTF-8 文本", 3},          /* a lone surrogate */
    {"<a>\xc0\xbc</a>", "不是 UTF-8 文本", 3},              /* an overlong '<' */
    {"<a><b></a></b>", "结束标签与开始标签不符", 6},
    {"<a></b>", "结束标签与开始标签不符", 3},
    {"<a b=1/>", "属性值须加引号", 5},
    {"<a b=\"1\" b=\"2\"/>", "同一标签中属性重复", 9},
    {"<a b=\"1\"c=\"2\"/>", "标签格式错误（属性之前须有空白）", 8},
    {"<a b/>", "属性缺少“=”", 4},
    {"<a b=\"x<y\"/>", "属性值中不可有“<”", 7},
    {"<a>&nbsp;</a>", "实体引用无效（只可用 &amp; &lt; &gt; &quot; &apos; 和数字引用）", 3},
    {"<a>A & B</a>", "实体引用无效（只可用 &amp; &lt; &gt; &quot; &apos; 和数字引用）", 5},
    {"<a b=\"&x;\"/>", "实体引用无效（只可用 &amp; &lt; &gt; &quot; &apos; 和数字引用）", 6},
    {"<a>&#11;</a>", "数字字符引用指向 XML 不允许的字符", 3},   /* &#11; is the VT again */
    {"<a>&#xFFFE;</a>", "数字字符引用指向 XML 不允许的字符", 3},
    {"<a>&#;</a>", "数字字符引用指向 XML 不允许的字符", 3},
    {"<a>&#x12G;</a>", "数字字符引用无效", 3},
    {"<a>&#99999999;</a>", "数字字符引用超出范围", 3},
    {"<a><!-- a -- b --></a>", "注释中不可有“--”", 3},
    {"<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "不可有 DOCTYPE", 0},
    {"<a/><b/>", "根元素之后还有内容", 4},
    {"<a/>text", "根元素之后还有内容", 4},
    {"text<a/>", "根元素之前有文字", 0},
    {"", "没有根元素", 0},
    {DECL, "没有根元素", sizeof(DECL) - 1},
    {"<a><?xml version=\"1.0\"?></a>", "XML 声明只能在文件开头", 3},
    {"<a>]]></a>", "文本中不可有“]]>”", 3},
    {"<a><!foo></a>", "标签格式错误", 3},
    {"<1a/>", "名称无效", 1},
    {"<a></ b>", "名称无效", 5},
    /* cut short: at the end */
    {"<worksheet><sheetData><row", "文件在文档结束之前就结束了", 26},
    {"<worksheet><sheetData>", "文件在文档结束之前就结束了", 22},
    {"<a b=\"1", "文件在文档结束之前就结束了", 7},
    {"<a><!-- x", "文件在文档结束之前就结束了", 9},
    {"<a>&am", "文件在文档结束之前就结束了", 6},
    {"<a>\xe4\xb8", "文件在文档结束之前就结束了", 5},       /* a character cut in two */
    {"<a>\xe4\xb8x", "不是 UTF-8 文本", 3},                 /* one broken inside */
};

static void
test_refused(void **state)
{
    size_t i, at, n;
    const char *why;

    (void)state;
    for (i = 0; i < nitems(refused); i++) {
        n = i == 2 ? 11 : strlen(refused[i].xml);
        at = 999;
        why = xml_check(refused[i].xml, n, &at);
        if (why == NULL)
            fail_msg("case %zu accepted: %s", i, refused[i].xml);
        if (strcmp(why, refused[i].why) != 0 || at != refused[i].at)
            fail_msg("case %zu: \"%s\" at %zu, want \"%s\" at %zu", i, why, at, refused[i].why,
                     refused[i].at);
    }
}

/* xml_stream_feed of text (n bytes) in pieces of k bytes (the last may be shorter): its verdict. */
static const char *
fed(const char *text, size_t n, size_t k, size_t *at)
{
    struct xml_stream *s = xml_stream_new();
    const char *why = NULL;
    size_t off = 0;

    do {
        size_t m = n - off < k ? n - off : k;

        why = xml_stream_feed(s, text + off, m, off + m == n, at);
        off += m;
    } while (why == NULL && off < n);
    xml_stream_free(s);
    return why;
}

/*
 * The check fed in pieces says what the whole check says, wherever the pieces break: every
 * accepted document and every refused one (the reason and its byte, the end for a part cut
 * short) in pieces of every size from 1 byte to the whole, so that a piece ends inside every
 * name, reference, comment, CDATA section and multibyte character of them.
 */
static void
test_stream(void **state)
{
    size_t i, k, n, at;
    const char *why;

    (void)state;
    for (i = 0; i < nitems(accepted); i++)
        for (k = 1, n = strlen(accepted[i]); k <= n; k++)
            if ((why = fed(accepted[i], n, k, &at)) != NULL)
                fail_msg("case %zu in pieces of %zu refused: %s at %zu", i, k, why, at);
    for (i = 0; i < nitems(refused); i++) {
        n = i == 2 ? 11 : strlen(refused[i].xml);
        for (k = 1; k <= (n > 0 ? n : 1); k++) {
            at = 999;
            why = fed(refused[i].xml, n, k, &at);
            if (why == NULL || strcmp(why, refused[i].why) != 0 || at != refused[i].at)
                fail_msg("case %zu in pieces of %zu: \"%s\" at %zu, want \"%s\" at %zu", i, k,
                         why != NULL ? why : "(none)", at, refused[i].why, refused[i].at);
        }
    }
}

/* Deep nesting is a stack on the heap: 10 000 levels pass, and one missing end tag is at the end. */
static void
test_deep(void **state)
{
    size_t depth = 10000, i, at = 0, n;
    char *xml = xmalloc(depth * 7 + 1), *p = xml;

    (void)state;
    for (i = 0; i < depth; i++)
        p += sprintf(p, "<e>");
    for (i = 0; i < depth; i++)
        p += sprintf(p, "</e>");
    n = (size_t)(p - xml);
    assert_null(xml_check(xml, n, &at));
    assert_string_equal(xml_check(xml, n - 4, &at), "文件在文档结束之前就结束了");
    assert_int_equal(at, n - 4);
    free(xml);
}

static void
test_clean(void **state)
{
    static const struct {
        const char *s, *want;   /* want NULL: nothing to clean */
    } cases[] = {
        {"示例县机关事务服务中心", NULL},
        {"", NULL},
        {"a\tb\nc\rd", NULL},                                   /* XML keeps these */
        {"a\vb", "a\xef\xbf\xbd" "b"},                           /* the vertical tab */
        {"\x1b[2J\a", "\xef\xbf\xbd[2J\xef\xbf\xbd"},
        {"x\x7f\xc2\x9b", "x\xef\xbf\xbd\xef\xbf\xbd"},          /* DEL, CSI */
        {"\xef\xbf\xbe\xef\xbf\xbf!", "\xef\xbf\xbd\xef\xbf\xbd!"},
        {"bad\xff utf8", "bad\xef\xbf\xbd utf8"},
        {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},  /* a surrogate, byte by byte */
        {"end\xe4\xb8", "end\xef\xbf\xbd\xef\xbf\xbd"},
    };
    size_t i, at;
    char *got, *doc;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        got = xml_clean(cases[i].s);
        if (cases[i].want == NULL) {
            if (got != NULL)
                fail_msg("case %zu cleaned to \"%s\"", i, got);
            continue;
        }
        if (got == NULL || strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: \"%s\", want \"%s\"", i, got ? got : "(null)", cases[i].want);
        /* what comes out goes into XML as it is */
        doc = xasprintf("<t>%s</t>", got);
        assert_null(xml_check(doc, strlen(doc), &at));
        free(doc);
        free(got);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_stream),
        cmocka_unit_test(test_deep),
        cmocka_unit_test(test_clean),
    };

    return cmocka_run_group_tests_name("xml_check", tests, NULL, NULL);
}

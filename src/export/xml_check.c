/*
 * xml_check.c - a small, strict XML 1.0 well-formedness checker and a cleaner of text for XML
 * (xml_check.h). The checker is written here rather than borrowed: the export must know that
 * every part it wrote parses (a control character in a unit name once gave a docProps/core.xml
 * no reader would open), and an xlsx part needs no DTD, no entities but the predefined ones and
 * no namespaces checked, which keeps it a few hundred lines that can be read and tested whole.
 */
#include "export/xml_check.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/xmem.h"

struct span {                   /* a name in the text: an element's, an attribute's */
    const char *s;
    size_t n;
};

struct cur {
    const char *base, *p, *end;
    const char *why;            /* the first problem, or NULL */
    const char *at;             /* where it is */
    struct span *stack;         /* the open elements, innermost last */
    size_t depth, cap;
};

/* Records the first problem, at p; returns 0 for the caller to return. */
static int
fail(struct cur *c, const char *p, const char *why)
{
    if (c->why == NULL) {
        c->why = why;
        c->at = p;
    }
    return 0;
}

/* Records that the text ends too soon. */
static int
fail_end(struct cur *c)
{
    return fail(c, c->end, "文件在文档结束之前就结束了");
}

/* Whether cp is a character XML 1.0 allows (its production Char). */
static int
xml_char(unsigned long cp)
{
    return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff)
           || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/* The length of the UTF-8 sequence at p (before end), its code point in *cp; 0 when invalid. */
static size_t
next_char(const char *p, const char *end, unsigned long *cp)
{
    char tail[5] = {0};

    if (end - p >= 4)
        return text_utf8_next(p, cp);
    memcpy(tail, p, (size_t)(end - p));    /* NUL-terminated, so a cut sequence is refused */
    return text_utf8_next(tail, cp);
}

/* Whether the bytes from p to end are the start of a UTF-8 sequence the end cut short. */
static int
cut_short(const char *p, const char *end)
{
    unsigned char lead = (unsigned char)*p;
    long need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
                : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const char *q;

    if (end - p >= need)
        return 0;
    for (q = p + 1; q < end; q++)
        if (((unsigned char)*q & 0xc0) != 0x80)
            return 0;
    return 1;
}

/* Checks that the whole text is UTF-8 of XML characters. */
static int
chars_ok(struct cur *c)
{
    const char *p;
    unsigned long cp;
    size_t n;

    for (p = c->base; p < c->end; p += n) {
        if ((unsigned char)*p < 0x80) {     /* ASCII, most of a part: no decoding */
            for (n = 0; p + n < c->end && (unsigned char)p[n] >= 0x20
                        && (unsigned char)p[n] < 0x80;)
                n++;
            if (n > 0)
                continue;
            n = 1;
            if (!xml_char((unsigned char)*p))
                return fail(c, p, "含有 XML 不允许的字符");
            continue;
        }
        if ((n = next_char(p, c->end, &cp)) == 0)
            return cut_short(p, c->end) ? fail_end(c) : fail(c, p, "不是 UTF-8 文本");
        if (!xml_char(cp))
            return fail(c, p, "含有 XML 不允许的字符");
    }
    return 1;
}

static int
is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Skips blanks; whether there were any. */
static int
skip_space(struct cur *c)
{
    const char *from = c->p;

    while (c->p < c->end && is_space(*c->p))
        c->p++;
    return c->p > from;
}

/* Whether the text at the cursor begins with s. */
static int
at(const struct cur *c, const char *s)
{
    size_t n = strlen(s);

    return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

/* Moves the cursor past the next s; 0 (text ends too soon) when there is none. */
static int
skip_past(struct cur *c, const char *s)
{
    size_t n = strlen(s);

    for (; (size_t)(c->end - c->p) >= n; c->p++)
        if (memcmp(c->p, s, n) == 0) {
            c->p += n;
            return 1;
        }
    c->p = c->end;
    return fail_end(c);
}

/* Whether ch may start a name (ASCII letters, '_', ':', any non-ASCII character). */
static int
name_start(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_' || ch == ':'
           || ch >= 0x80;
}

static int
name_char(unsigned char ch)
{
    return name_start(ch) || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.';
}

/* Reads a name at the cursor into *out; 0 when there is none. */
static int
name(struct cur *c, struct span *out)
{
    const char *from = c->p;

    if (c->p >= c->end)
        return fail_end(c);
    if (!name_start((unsigned char)*c->p))
        return fail(c, c->p, "名称无效");
    while (c->p < c->end && name_char((unsigned char)*c->p))
        c->p++;
    out->s = from;
    out->n = (size_t)(c->p - from);
    return 1;
}

/* Reads a reference after its '&': &amp; &lt; &gt; &quot; &apos;, &#N; or &#xH; to a character. */
static int
reference(struct cur *c)
{
    static const char *const named[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
    const char *from = c->p - 1;
    unsigned long cp = 0;
    size_t i, digits = 0;
    int hex;

    for (i = 0; i < nitems(named); i++)
        if (at(c, named[i])) {
            c->p += strlen(named[i]);
            return 1;
        }
    if (c->p >= c->end || *c->p != '#') {
        const char *q = c->p;

        while (q < c->end && name_char((unsigned char)*q))
            q++;
        if (q >= c->end) {          /* "&am" at the end: cut short, not wrong */
            c->p = c->end;
            return fail_end(c);
        }
        return fail(c, from, "实体引用无效（只可用 &amp; &lt; &gt; &quot; &apos; 和数字引用）");
    }
    c->p++;
    hex = c->p < c->end && *c->p == 'x';
    c->p += hex;
    for (; c->p < c->end && *c->p != ';'; c->p++, digits++) {
        char ch = *c->p;
        int d = ch >= '0' && ch <= '9' ? ch - '0'
                : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;

        if (d < 0)
            return fail(c, from, "数字字符引用无效");
        cp = cp * (hex ? 16 : 10) + (unsigned long)d;
        if (cp > 0x10ffff)
            return fail(c, from, "数字字符引用超出范围");
    }
    if (c->p >= c->end)
        return fail_end(c);
    c->p++;
    if (digits == 0 || !xml_char(cp))
        return fail(c, from, "数字字符引用指向 XML 不允许的字符");
    return 1;
}

/* Reads a comment after its "<!--": no "--" inside, ending in "-->". */
static int
comment(struct cur *c)
{
    const char *from = c->p - 4;

    for (; c->end - c->p >= 2; c->p++)
        if (c->p[0] == '-' && c->p[1] == '-') {
            if (c->end - c->p < 3)
                break;
            if (c->p[2] != '>')
                return fail(c, from, "注释中不可有“--”");
            c->p += 3;
            return 1;
        }
    c->p = c->end;
    return fail_end(c);
}

/* Reads a processing instruction after its "<?": a target other than "xml", then to "?>". */
static int
pi(struct cur *c)
{
    const char *from = c->p - 2;
    struct span t;

    if (!name(c, &t))
        return 0;
    if (t.n == 3 && (t.s[0] | 0x20) == 'x' && (t.s[1] | 0x20) == 'm' && (t.s[2] | 0x20) == 'l')
        return fail(c, from, "XML 声明只能在文件开头");
    if (!at(c, "?>") && !skip_space(c) && c->p < c->end)
        return fail(c, c->p, "处理指令格式错误");
    return skip_past(c, "?>");
}

/* Reads the comments, processing instructions and blanks before or after the root element. */
static int
misc(struct cur *c)
{
    for (;;) {
        skip_space(c);
        if (at(c, "<!--")) {
            c->p += 4;
            if (!comment(c))
                return 0;
        } else if (at(c, "<?")) {
            c->p += 2;
            if (!pi(c))
                return 0;
        } else if (at(c, "<!DOCTYPE")) {
            return fail(c, c->p, "不可有 DOCTYPE");
        } else {
            return 1;
        }
    }
}

/* Reads an attribute value at its opening quote, up to the same quote. */
static int
attr_value(struct cur *c)
{
    char q;

    if (c->p >= c->end)
        return fail_end(c);
    if (*c->p != '"' && *c->p != '\'')
        return fail(c, c->p, "属性值须加引号");
    q = *c->p++;
    while (c->p < c->end && *c->p != q) {
        if (*c->p == '<')
            return fail(c, c->p, "属性值中不可有“<”");
        if (*c->p++ == '&' && !reference(c))
            return 0;
    }
    if (c->p >= c->end)
        return fail_end(c);
    c->p++;
    return 1;
}

/*
 * Reads a start tag after its '<': the name, the attributes (each once), then "/>" or '>'.
 * *open is whether it opened an element (pushed on the stack).
 */
static int
start_tag(struct cur *c, int *open)
{
    struct span el, *attrs = NULL;
    size_t nattrs = 0, cap = 0, i;
    int ok = 0;

    if (!name(c, &el))
        return 0;
    for (;;) {
        struct span a;
        int space = skip_space(c);

        if (c->p >= c->end) {
            fail_end(c);
            break;
        }
        if (*c->p == '>' || at(c, "/>")) {
            *open = *c->p == '>';
            c->p += *open ? 1 : 2;
            ok = 1;
            break;
        }
        if (!space) {
            fail(c, c->p, "标签格式错误（属性之前须有空白）");
            break;
        }
        if (!name(c, &a))
            break;
        for (i = 0; i < nattrs; i++)
            if (attrs[i].n == a.n && memcmp(attrs[i].s, a.s, a.n) == 0)
                break;
        if (i < nattrs) {
            fail(c, a.s, "同一标签中属性重复");
            break;
        }
        attrs = xgrow(attrs, &cap, nattrs + 1, sizeof(*attrs));
        attrs[nattrs++] = a;
        skip_space(c);
        if (c->p >= c->end) {
            fail_end(c);
            break;
        }
        if (*c->p != '=') {
            fail(c, c->p, "属性缺少“=”");
            break;
        }
        c->p++;
        skip_space(c);
        if (!attr_value(c))
            break;
    }
    free(attrs);
    if (ok && *open) {
        c->stack = xgrow(c->stack, &c->cap, c->depth + 1, sizeof(*c->stack));
        c->stack[c->depth++] = el;
    }
    return ok;
}

/* Reads an end tag after its "</": the innermost open element's name, blanks, '>'. */
static int
end_tag(struct cur *c)
{
    const char *from = c->p - 2;
    struct span el;
    const struct span *top = &c->stack[c->depth - 1];

    if (!name(c, &el))
        return 0;
    if (el.n != top->n || memcmp(el.s, top->s, el.n) != 0)
        return fail(c, from, "结束标签与开始标签不符");
    skip_space(c);
    if (c->p >= c->end)
        return fail_end(c);
    if (*c->p != '>')
        return fail(c, c->p, "标签格式错误");
    c->p++;
    c->depth--;
    return 1;
}

/*
 * Reads what is in the open elements, until the last closes (1) or the text ends between two
 * parts of it (-1, with c->p at the end); 0 on an error.
 */
static int
content(struct cur *c)
{
    int open = 0;

    while (c->depth > 0) {
        /* text up to the next character that may begin markup, a reference or "]]>" */
        while (c->p < c->end && *c->p != '<' && *c->p != '&' && *c->p != ']')
            c->p++;
        if (c->p >= c->end)
            return -1;
        if (at(c, "</")) {
            c->p += 2;
            if (!end_tag(c))
                return 0;
        } else if (at(c, "<!--")) {
            c->p += 4;
            if (!comment(c))
                return 0;
        } else if (at(c, "<![CDATA[")) {
            c->p += 9;
            if (!skip_past(c, "]]>"))
                return 0;
        } else if (at(c, "<?")) {
            c->p += 2;
            if (!pi(c))
                return 0;
        } else if (at(c, "<!")) {
            return fail(c, c->p, "标签格式错误");
        } else if (*c->p == '<') {
            c->p++;
            if (!start_tag(c, &open))
                return 0;
        } else if (*c->p == '&') {
            c->p++;
            if (!reference(c))
                return 0;
        } else if (at(c, "]]>")) {
            return fail(c, c->p, "文本中不可有“]]>”");
        } else {
            c->p++;
        }
    }
    return 1;
}

/* Reads the root element and everything in it, at its '<'. */
static int
element(struct cur *c)
{
    int open = 0, r;

    c->p++;
    if (!start_tag(c, &open))
        return 0;
    if ((r = content(c)) < 0)
        return fail_end(c);
    return r;
}

/* Reads the XML declaration at the start, when there is one: "<?xml" blanks ... "?>". */
static int
declaration(struct cur *c)
{
    if (!at(c, "<?xml") || c->end - c->p < 6 || !is_space(c->p[5]))
        return 1;
    c->p += 5;
    return skip_past(c, "?>");
}

const char *
xml_check(const char *xml, size_t n, size_t *at_out)
{
    struct cur c = {.base = xml, .p = xml, .end = xml + n};

    if (chars_ok(&c)) {
        if (at(&c, "\xef\xbb\xbf"))
            c.p += 3;
        if (declaration(&c) && misc(&c)) {
            if (c.p >= c.end)
                fail(&c, c.end, "没有根元素");
            else if (*c.p != '<')
                fail(&c, c.p, "根元素之前有文字");
            else if (element(&c) && misc(&c) && c.p < c.end)
                fail(&c, c.p, "根元素之后还有内容");
        }
    }
    free(c.stack);
    *at_out = c.why != NULL ? (size_t)(c.at - xml) : 0;
    return c.why;
}

/* ---- the same check, fed in pieces ---------------------------------------------------------- */

enum { XS_PROLOG, XS_ROOT, XS_AFTER };

struct xml_stream {
    char *buf;                  /* the bytes fed and not yet read */
    size_t len, cap;
    size_t off;                 /* the offset of buf[0] in the part */
    int state;                  /* before, in or after the root element */
    struct span *stack;         /* the open elements, their names in names */
    size_t depth, scap;
    char *names;
};

struct xml_stream *
xml_stream_new(void)
{
    return xcalloc(1, sizeof(struct xml_stream));
}

void
xml_stream_free(struct xml_stream *s)
{
    if (s == NULL)
        return;
    free(s->buf);
    free(s->stack);
    free(s->names);
    free(s);
}

/* Reads the text of c as the part from s's state on; last: the part ends with it. */
static int
stream_read(struct xml_stream *s, struct cur *c, int last)
{
    int open = 0, r;

    if (!chars_ok(c))
        return 0;
    if (s->state == XS_PROLOG) {
        if (s->off == 0 && at(c, "\xef\xbb\xbf"))
            c->p += 3;
        if (!declaration(c) || !misc(c))
            return 0;
        if (c->p >= c->end)
            return last ? fail(c, c->end, "没有根元素") : fail_end(c);
        if (*c->p != '<')
            return fail(c, c->p, "根元素之前有文字");
        c->p++;
        if (!start_tag(c, &open))
            return 0;
        s->state = XS_ROOT;
    }
    if (s->state == XS_ROOT) {
        if ((r = content(c)) == 0)
            return 0;
        if (r < 0)
            return last ? fail_end(c) : 1;
        s->state = XS_AFTER;
    }
    if (!misc(c))
        return 0;
    if (c->p < c->end)
        return fail(c, c->p, "根元素之后还有内容");
    return 1;
}

/* The names of the open elements copied out of the bytes about to go. */
static void
keep_names(struct xml_stream *s, struct cur *c)
{
    size_t i, n = 0;
    char *names, *q;

    for (i = 0; i < c->depth; i++)
        n += c->stack[i].n;
    q = names = xmalloc(n + 1);
    for (i = 0; i < c->depth; i++) {
        memcpy(q, c->stack[i].s, c->stack[i].n);
        c->stack[i].s = q;
        q += c->stack[i].n;
    }
    free(s->names);
    s->names = names;
}

const char *
xml_stream_feed(struct xml_stream *s, const char *p, size_t n, int last, size_t *at_out)
{
    struct span *saved;
    size_t cut = 0, i;
    int state = s->state;
    struct cur c;

    *at_out = 0;
    if (s->len + n > s->cap) {
        s->cap = 2 * (s->len + n) + 4096;
        s->buf = xrealloc(s->buf, s->cap);
    }
    if (n > 0)
        memcpy(s->buf + s->len, p, n);
    s->len += n;
    /* a piece ends before its last '<': no name, reference or tag is cut in two */
    if (last)
        cut = s->len;
    else
        for (i = s->len; i-- > 0 && cut == 0;)
            if (s->buf[i] == '<')
                cut = i;
    if (cut == 0 && !last)
        return NULL;
    c = (struct cur){.base = s->buf, .p = s->buf, .end = s->buf + cut, .stack = s->stack,
                     .depth = s->depth, .cap = s->scap};
    saved = xcalloc(s->depth + 1, sizeof(*saved));
    if (s->depth > 0)
        memcpy(saved, s->stack, s->depth * sizeof(*saved));
    if (!stream_read(s, &c, last)) {
        if (!last && c.at == c.end) {
            /* a comment, CDATA section or instruction with a '<' in it runs on: read again
               from the same place once more has come */
            s->stack = c.stack;
            s->scap = c.cap;
            if (s->depth > 0)
                memcpy(s->stack, saved, s->depth * sizeof(*saved));
            s->state = state;
            free(saved);
            return NULL;
        }
        s->stack = c.stack;
        s->scap = c.cap;
        free(saved);
        *at_out = s->off + (size_t)(c.at - s->buf);
        return c.why;
    }
    free(saved);
    keep_names(s, &c);
    s->stack = c.stack;
    s->scap = c.cap;
    s->depth = c.depth;
    if (s->len > cut)
        memmove(s->buf, s->buf + cut, s->len - cut);
    s->len -= cut;
    s->off += cut;
    return NULL;
}

char *
xml_clean(const char *s)
{
    struct strbuf sb = {0};
    const char *p, *done = s;
    unsigned long cp;
    size_t n;
    int changed = 0;

    for (p = s; *p != '\0'; p += n) {
        n = text_utf8_next(p, &cp);
        if (n != 0 && cp != 0xfffe && cp != 0xffff
            && (!text_is_control(cp) || cp == '\t' || cp == '\n' || cp == '\r'))
            continue;
        sb_appendn(&sb, done, (size_t)(p - done));
        sb_append(&sb, "\xef\xbf\xbd");     /* U+FFFD */
        n = n != 0 ? n : 1;
        done = p + n;
        changed = 1;
    }
    if (!changed)
        return NULL;
    sb_append(&sb, done);
    return sb_take(&sb);
}

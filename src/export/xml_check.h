/*
 * xml_check.h - what XML 1.0 allows, for the parts of an export: a strict well-formedness check
 * of a written part (export_file.c reads every XML member of a zip back with it) and the cleaning
 * of text before it goes into one (export_xlsx.c, since libxlsxwriter writes some characters
 * raw that XML does not allow).
 */
#ifndef TANBOOK_XML_CHECK_H
#define TANBOOK_XML_CHECK_H

#include <stddef.h>

/*
 * Whether the n bytes at xml are a well-formed XML 1.0 document, checked strictly for what an
 * xlsx part holds: UTF-8 of XML 1.0 characters only (an optional BOM), an optional declaration,
 * comments and processing instructions, one root element, tags balanced and nested, attributes
 * quoted and not repeated, no "<" in a value, "&" only in the five predefined references (&amp;
 * &lt; &gt; &quot; &apos;) or a numeric one to an allowed character, CDATA sections, no
 * DOCTYPE. Returns NULL, or a static Chinese phrase saying what is wrong, with *at its byte
 * offset: n when the text ends before the document does (a part cut short).
 */
const char *xml_check(const char *xml, size_t n, size_t *at);

/*
 * xml_check of a part fed in pieces (the bytes of a zip member as they inflate), holding little
 * more than a piece at a time: xml_stream_feed the next n bytes at p, last for the end of the
 * part. Returns NULL while all is well so far; else what xml_check says, with *at the byte
 * offset in the whole part (its size when the part ends too soon). Feed nothing after an error.
 */
struct xml_stream;
struct xml_stream *xml_stream_new(void);
const char *xml_stream_feed(struct xml_stream *s, const char *p, size_t n, int last, size_t *at);
void xml_stream_free(struct xml_stream *s);

/*
 * s with every character an export must not put into XML replaced by U+FFFD: the C0 controls
 * but tab, newline and carriage return, DEL, the C1 controls (U+0080-U+009F), U+FFFE, U+FFFF,
 * and every byte that is not UTF-8. NULL when s has none of them; else a copy, caller frees.
 */
char *xml_clean(const char *s);

#endif

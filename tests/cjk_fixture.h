/*
 * cjk_fixture.h - what the English tests look for: a Chinese character or full-width punctuation
 * left in a text meant to be English.
 */
#ifndef TANBOOK_CJK_FIXTURE_H
#define TANBOOK_CJK_FIXTURE_H

/* Whether s has a CJK character or full-width punctuation (U+3000–303F, 3400–4DBF, 4E00–9FFF, FF00–FFEF). */
static int
has_cjk(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;

    for (; *u != '\0'; u++) {
        if ((*u & 0xf0) != 0xe0 || u[1] == '\0' || u[2] == '\0')
            continue;
        cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
        if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x3400 && cp <= 0x4dbf)
            || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xff00 && cp <= 0xffef))
            return 1;
    }
    return 0;
}

#endif

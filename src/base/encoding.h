/* encoding.h - bringing imported text to UTF-8 (UTF-8 with or without BOM, or GB18030 from Chinese Excel). */
#ifndef TANBOOK_ENCODING_H
#define TANBOOK_ENCODING_H

#include <stddef.h>

#include "base/err.h"

enum encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030 };

/*
 * Converts data[0..len) to NUL-terminated UTF-8 in *out (caller frees), *outlen bytes without the
 * NUL: a UTF-8 BOM is stripped; valid UTF-8 is copied; anything else is decoded as GB18030 (which
 * contains GBK and GB2312). UTF-16 (a FF FE / FE FF BOM, or NULs at every other byte) is refused
 * with a hint to save as UTF-8.
 * Returns ERR_INPUT with *cause when the bytes are neither (caller frees).
 */
enum err encoding_to_utf8(const char *data, size_t len, char **out, size_t *outlen,
                          enum encoding *enc, char **cause);
/* "UTF-8", "UTF-8 (BOM)", "GB18030". */
const char *encoding_name(enum encoding enc);

#endif

/* zip.c - little-endian fields and raw inflate for the export's zip reading (zip.h). */
#include "export/zip.h"

#include <string.h>

#include <zlib.h>

unsigned long
zip_le16(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8;
}

unsigned long
zip_le32(const unsigned char *p)
{
    return zip_le16(p) | zip_le16(p + 2) << 16;
}

int
zip_inflate(const unsigned char *data, unsigned long csize, char *out, unsigned long usize)
{
    z_stream z;
    int rc;

    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)data;
    z.avail_in = (uInt)csize;
    z.next_out = (unsigned char *)out;
    z.avail_out = (uInt)usize;
    rc = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    return rc == Z_STREAM_END && z.total_out == usize;
}

/*
 * zip.h - the little of the zip format the export reads: little-endian fields and a raw deflate
 * member inflated. Shared by export_file.c (reading a written file back) and xlsx_patch.c
 * (rewriting one member).
 */
#ifndef TANBOOK_ZIP_H
#define TANBOOK_ZIP_H

/* The 16- and 32-bit little-endian numbers at p. */
unsigned long zip_le16(const unsigned char *p);
unsigned long zip_le32(const unsigned char *p);
/* Inflates the raw deflate data (csize bytes) into out; whether it gave exactly usize bytes. */
int zip_inflate(const unsigned char *data, unsigned long csize, char *out, unsigned long usize);

#endif

/* embed.h - the forms/ and factors/ files, built into the binary so it runs from anywhere. */
#ifndef TANBOOK_EMBED_H
#define TANBOOK_EMBED_H

#include <stddef.h>

struct embedded_file {
    const char *name;   /* path relative to the repository, e.g. "forms/a1.tsv" */
    const char *data;   /* file bytes, NUL-terminated */
    size_t len;
};

/* The built-in file called name, or NULL. */
const struct embedded_file *embed_find(const char *name);
/* All built-in files, in name order; *n receives their count. */
const struct embedded_file *embed_all(size_t *n);

#endif

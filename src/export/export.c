/*
 * export.c - the table of exporters: every format a report can be written in, looked up by name.
 * A new format adds its struct exporter here, and `tanbook export --format NAME` offers it.
 */
#include "export/export.h"

#include <stddef.h>
#include <string.h>

const struct exporter *const export_formats[] = {
    &export_xlsx_format,
    &export_json_format,
    NULL,
};

const struct exporter *
export_find(const char *name)
{
    size_t i;

    for (i = 0; export_formats[i] != NULL; i++)
        if (strcmp(export_formats[i]->name, name) == 0)
            return export_formats[i];
    return NULL;
}

/* err.h - error values shared by every module; code below the UI returns these and never prints. */
#ifndef TANBOOK_ERR_H
#define TANBOOK_ERR_H

enum err {
    ERR_OK = 0,
    ERR_USAGE,      /* the command line is malformed */
    ERR_INPUT,      /* user data rejected: bad number, unit, period, CSV row ... */
    ERR_NOTFOUND,   /* a year, source or key that does not exist */
    ERR_IO,         /* a file could not be read or written */
    ERR_NOTWORKBOOK,/* the file is not a tanbook workbook */
    ERR_NEWER,      /* the workbook was written by a newer tanbook */
    ERR_LOCKED,     /* another program holds the workbook */
    ERR_CORRUPT,    /* the workbook or a data file is damaged */
    ERR_DATA,       /* a built-in forms/ or factors/ file is invalid */
    ERR_READONLY,   /* a write to a workbook opened read-only */
    ERR__COUNT
};

/* A short message for e, in Chinese; never NULL. */
const char *err_str(enum err e);
/* The process exit code for e: 0 ok, 1 rejected input, 2 usage, 3 workbook or I/O. */
int err_exit_code(enum err e);

#endif

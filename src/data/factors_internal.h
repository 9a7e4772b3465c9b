/*
 * factors_internal.h - what the factor library's two files share: factors.c (reading and checking
 * factors/) and factors_lookup.c (look-ups and default pins). Private to factors*.c.
 */
#ifndef TANBOOK_FACTORS_INTERNAL_H
#define TANBOOK_FACTORS_INTERNAL_H

#include "data/factors.h"

/* The area of the national grid factor, the one of level "national" that factors/ must ship. */
#define FACTORS_NATIONAL_AREA "全国"

#endif

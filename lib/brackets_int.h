/*
 * brackets_int.h - the built-in dated bracket tables (private).
 *
 * liq__brackets_usdm holds the lines of lib/brackets/binance-usdm.txt
 * without its comments, NULL terminated; the build makes it
 * (mk/embed.sh into $(BUILD)/gen/brackets_usdm.c) so that a program finds
 * the tables with no data path.  Each line is one version of one symbol's
 * table: "SYMBOL FROM LEV:CAP:MMR:CUM ..." (man/liq-model.7, MAINTENANCE
 * BRACKETS), sorted by symbol, then date.
 */
#ifndef LIQ_BRACKETS_INT_H
#define LIQ_BRACKETS_INT_H

#include <stddef.h>

extern const char *const liq__brackets_usdm[];

/* The grid's brackets= value for est (lib/brackets.c). */
struct liq_estimate;
void liq__brackets_param(struct liq_estimate *est, char *buf, size_t cap);

#endif

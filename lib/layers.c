/*
 * layers.c - a grid's layer pairs by name (man/liq-grid.5, "Layer
 * names"): the name of each long/short pair, the pairs a name given on
 * a command line picks (a whole name such as binance.25x, or one of its
 * dot-separated parts, a venue or a tier), and the sum of the chosen
 * pairs of a column, for the programs that draw or read one layer or a
 * few instead of all.
 */
#include <stdio.h>
#include <string.h>

#include "liq.h"

/* The n-th comma-separated name of list into buf; 0 when there is none. */
static int
nth_name(const char *list, uint32_t n, char *buf, size_t len)
{
	const char *p = list;
	size_t w;

	for (uint32_t i = 0; i < n; i++) {
		if ((p = strchr(p, ',')) == NULL)
			return 0;
		p++;
	}
	w = strcspn(p, ",");
	if (w >= len)
		w = len - 1;
	memcpy(buf, p, w);
	buf[w] = '\0';
	return 1;
}

char *
liq_grid_layer_name(const struct liq_grid_info *g, uint32_t k, char *buf,
    size_t len)
{
	char name[256];
	size_t n;

	if (len == 0 || k >= g->nlayers / 2)
		return NULL;
	if (!nth_name(g->layers, 2 * k, name, sizeof(name)))
		name[0] = '\0';
	n = strlen(name);
	if (n >= 5 && strcmp(name + n - 5, ".long") == 0)
		name[n - 5] = '\0';
	else if (strcmp(name, "long") == 0 || n == 0)
		snprintf(name, sizeof(name), "%s", g->venue);
	snprintf(buf, len, "%s", name);
	return buf;
}

/* Is name pair's whole name or one of its dot-separated parts? */
static int
name_matches(const char *pair, const char *name)
{
	size_t n = strlen(name);
	const char *p = pair;

	if (n == 0)
		return 0;
	if (strcmp(pair, name) == 0)
		return 1;
	for (;;) {
		size_t w = strcspn(p, ".");

		if (w == n && strncmp(p, name, n) == 0)
			return 1;
		if (p[w] == '\0')
			return 0;
		p += w + 1;
	}
}

int
liq_grid_layer_match(const struct liq_grid_info *g, const char *name,
    uint32_t *mask, struct liq_error *e)
{
	char pair[256], list[1024];
	size_t o = 0;
	int count = 0;

	*mask = 0;
	list[0] = '\0';
	for (uint32_t k = 0; liq_grid_layer_name(g, k, pair, sizeof(pair));
	    k++) {
		int w;

		if (name_matches(pair, name)) {
			*mask |= UINT32_C(1) << k;
			count++;
		}
		w = snprintf(list + o, sizeof(list) - o, "%s%s", k ? ", " : "",
		    pair);
		if (w > 0 && (size_t)w < sizeof(list) - o)
			o += (size_t)w;
	}
	if (count == 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "unknown layer \"%s\": the grid's layers are %s", name,
		    list);
	return count;
}

void
liq_grid_layer_sum(const struct liq_grid_column *c, uint32_t nlayers,
    uint32_t nbins, uint32_t mask, float *long_usd, float *short_usd)
{
	int first = 1;

	memset(long_usd, 0, sizeof(float) * nbins);
	memset(short_usd, 0, sizeof(float) * nbins);
	for (uint32_t l = 0; l + 1 < nlayers; l += 2) {
		if (mask != 0 && !(mask >> (l / 2) & 1))
			continue;
		if (first) {
			memcpy(long_usd, c->layer[l], sizeof(float) * nbins);
			memcpy(short_usd, c->layer[l + 1], sizeof(float) * nbins);
			first = 0;
			continue;
		}
		for (uint32_t i = 0; i < nbins; i++) {
			long_usd[i] += c->layer[l][i];
			short_usd[i] += c->layer[l + 1][i];
		}
	}
}

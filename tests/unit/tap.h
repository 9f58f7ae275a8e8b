/*
 * tap.h - the TAP-style checks the unit tests share: "ok N - what" or
 * "not ok N - what" per check, the failures counted in nfail (a test's
 * main returns nfail > 0).  Included by one test file each.
 */
#ifndef LIQ_TESTS_TAP_H
#define LIQ_TESTS_TAP_H

#include <math.h>
#include <stdio.h>

static int ntest, nfail;

static inline void
check(int cond, const char *what)
{
	ntest++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntest, what);
	if (!cond)
		nfail++;
}

/* got within tol of want, both printed when not */
static inline void
near(double got, double want, double tol, const char *what)
{
	int ok = fabs(got - want) <= tol;

	check(ok, what);
	if (!ok)
		printf("# got %.17g, want %.17g\n", got, want);
}

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The runner's outputs: the expected-deviation profile, the totals, and
 * the report files (out.c hands them to profile.c and report.c).
 */
#ifndef M2_CF_OUT_H
#define M2_CF_OUT_H

#include <stddef.h>

#include "result.h"

/* cf_out_profile_load reads the profile at |path|; -1 (and a message). */
int		 cf_out_profile_load(const char *path);

/* cf_out_profile_mark sets |r|'s expected_fail and profile_reason. */
void		 cf_out_profile_mark(struct cf_result *r);

/*
 * cf_out_finish prints the totals over |r[0..n)| (|ncases| distinct
 * cases) and writes the reports asked for (NULL paths are skipped).  It
 * returns the exit status: 0 if nothing failed outside the profile.
 */
int		 cf_out_finish(struct cf_result *r, size_t n, size_t ncases,
		    const char *json, const char *junit, const char *html,
		    double seconds);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The runner's outputs (out.h): the profile through cf_profile_*
 * (profile.h), every report through cf_report_write_all (report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

#include "profile.h"
#include "report.h"

static struct cf_profile *profile;

/* see out.h */
int
cf_out_profile_load(const char *path)
{
	if ((profile = calloc(1, sizeof(*profile))) == NULL)
		return -1;
	if (cf_profile_load(path, profile) != 0) {
		fprintf(stderr, "m2conform: %s\n", profile->err);
		return -1;
	}
	return 0;
}

/* see out.h */
void
cf_out_profile_mark(struct cf_result *r)
{
	const struct cf_profile_entry *e;

	if (profile == NULL)
		return;
	if ((e = cf_profile_match(profile, r->id, r->variant)) != NULL) {
		r->expected_fail = 1;
		r->profile_reason = e->reason;
	}
}

/* see out.h */
int
cf_out_finish(struct cf_result *r, size_t n, size_t ncases, const char *json,
    const char *junit, const char *html, double seconds)
{
	struct cf_report_opts o;

	memset(&o, 0, sizeof(o));
	o.json_path = json;
	o.junit_path = junit;
	o.html_path = html;
	o.console = stdout;
	printf("%zu cases, %zu runs, %.1f s\n", ncases, n, seconds);
	if (cf_report_write_all(r, n, &o) != 0)
		return 1;
	return cf_report_ok(r, n, 0) ? 0 : 1;
}

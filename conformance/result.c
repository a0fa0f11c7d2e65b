/* SPDX-License-Identifier: MIT */
/*
 * Names of verdicts and reactions (result.h), and their inverses
 * (report.h): the tokens JSON reports carry.
 */
#include <string.h>

#include "report.h"
#include "result.h"

static const char *const verdict_names[] = {
	[CF_PASS] = "pass",
	[CF_FAIL] = "fail",
	[CF_UNSUPPORTED] = "unsupported",
	[CF_TIMEOUT] = "timeout",
	[CF_ERROR] = "error"
};

static const char *const reaction_names[] = {
	[CF_R_NONE] = "none",
	[CF_R_CLOSE] = "close",
	[CF_R_RESET] = "reset",
	[CF_R_FRAME] = "frame",
	[CF_R_SILENCE] = "silence",
	[CF_R_COMPLETED] = "completed",
	[CF_R_REFUSED] = "refused"
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* see result.h */
const char *
cf_verdict_name(enum cf_verdict v)
{
	if ((unsigned)v >= NELEM(verdict_names))
		return "?";
	return verdict_names[v];
}

/* see result.h */
const char *
cf_reaction_name(enum cf_reaction r)
{
	if ((unsigned)r >= NELEM(reaction_names))
		return "?";
	return reaction_names[r];
}

/* see report.h */
int
cf_verdict_parse(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < NELEM(verdict_names); i++)
		if (strcmp(s, verdict_names[i]) == 0)
			return (int)i;
	return -1;
}

/* see report.h */
int
cf_reaction_parse(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < NELEM(reaction_names); i++)
		if (strcmp(s, reaction_names[i]) == 0)
			return (int)i;
	return -1;
}

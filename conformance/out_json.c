/* SPDX-License-Identifier: MIT */
/*
 * The runner's outputs (out.h).  With report.h and profile.h in the tree
 * (the report writers), everything goes through cf_report_write_all and
 * cf_profile_*; without them this file carries a minimal profile reader,
 * the console totals and a JSON writer of its own.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

#if __has_include("report.h") && __has_include("profile.h")
#define CF_HAVE_REPORTS	1
#include "profile.h"
#include "report.h"
#endif

#ifdef CF_HAVE_REPORTS

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

#else /* a minimal fallback */

#define PROFILE_MAX	(64u << 10)
#define PROFILE_LINES	1024

static char	*ptext;
static char	*pid[PROFILE_LINES], *preason[PROFILE_LINES];
static size_t	 nprof;

/* see result.h */
const char *
cf_verdict_name(enum cf_verdict v)
{
	static const char *const n[] = { "pass", "fail", "unsupported",
	    "timeout", "error" };

	return (unsigned)v < 5 ? n[v] : "?";
}

/* see result.h */
const char *
cf_reaction_name(enum cf_reaction r)
{
	static const char *const n[] = { "none", "close", "reset", "frame",
	    "silence", "completed", "refused" };

	return (unsigned)r < 7 ? n[r] : "?";
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* see out.h */
int
cf_out_profile_load(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len;
	char *line, *next;

	if (f == NULL || (ptext = calloc(1, PROFILE_MAX + 1)) == NULL) {
		fprintf(stderr, "m2conform: cannot read %s\n", path);
		if (f != NULL)
			fclose(f);
		return -1;
	}
	len = fread(ptext, 1, PROFILE_MAX + 1, f);
	fclose(f);
	if (len > PROFILE_MAX) {
		fprintf(stderr, "m2conform: %s is too big\n", path);
		return -1;
	}
	ptext[len] = '\0';
	for (line = ptext; line != NULL && *line != '\0'; line = next) {
		char *colon;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		line = trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		if ((colon = strchr(line, ':')) == NULL ||
		    nprof == PROFILE_LINES) {
			fprintf(stderr, "m2conform: %s: bad line \"%s\"\n",
			    path, line);
			return -1;
		}
		*colon = '\0';
		pid[nprof] = trim(line);
		preason[nprof++] = trim(colon + 1);
	}
	return 0;
}

/* see out.h */
void
cf_out_profile_mark(struct cf_result *r)
{
	for (size_t i = 0; i < nprof; i++) {
		char *at = strchr(pid[i], '@'), id[256];
		const char *var = NULL;

		snprintf(id, sizeof(id), "%s", pid[i]);
		if (at != NULL) {
			id[at - pid[i]] = '\0';
			var = trim(at + 1);
		}
		if (fnmatch(trim(id), r->id, 0) != 0)
			continue;
		if (var != NULL && fnmatch(var, r->variant, 0) != 0)
			continue;
		r->expected_fail = 1;
		r->profile_reason = preason[i];
		return;
	}
}

static void
json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s != NULL && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static int
write_json(const char *path, const struct cf_result *r, size_t n)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");

	if (f == NULL) {
		fprintf(stderr, "m2conform: cannot write %s\n", path);
		return -1;
	}
	fprintf(f, "{\"results\": [\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "  {\"id\": ");
		json_str(f, r[i].id);
		fprintf(f, ", \"area\": ");
		json_str(f, r[i].area);
		fprintf(f, ", \"variant\": ");
		json_str(f, r[i].variant);
		fprintf(f, ", \"target\": ");
		json_str(f, r[i].target);
		fprintf(f, ", \"verdict\": ");
		json_str(f, cf_verdict_name(r[i].verdict));
		fprintf(f, ", \"reaction\": ");
		json_str(f, cf_reaction_name(r[i].reaction));
		fprintf(f, ", \"tag\": %d, \"code\": %d", r[i].tag,
		    (int)r[i].code);
		fprintf(f, ", \"expect\": ");
		json_str(f, r[i].expect);
		fprintf(f, ", \"detail\": ");
		json_str(f, r[i].detail);
		fprintf(f, ", \"ref\": ");
		json_str(f, r[i].ref);
		fprintf(f, ", \"desc\": ");
		json_str(f, r[i].desc);
		fprintf(f, ", \"tags\": ");
		json_str(f, r[i].tags);
		fprintf(f, ", \"seconds\": %.6f, \"expected_fail\": %s",
		    r[i].seconds, r[i].expected_fail ? "true" : "false");
		if (r[i].profile_reason != NULL) {
			fprintf(f, ", \"profile_reason\": ");
			json_str(f, r[i].profile_reason);
		}
		fprintf(f, "}%s\n", i + 1 < n ? "," : "");
	}
	fprintf(f, "]}\n");
	if (f != stdout && fclose(f) != 0)
		return -1;
	return 0;
}

/* see out.h */
int
cf_out_finish(struct cf_result *r, size_t n, size_t ncases, const char *json,
    const char *junit, const char *html, double seconds)
{
	size_t cnt[5] = { 0 }, xfail = 0, xpass = 0, bad = 0;

	for (size_t i = 0; i < n; i++) {
		if (r[i].expected_fail && r[i].verdict == CF_PASS)
			xpass++;
		else if (r[i].expected_fail && (r[i].verdict == CF_FAIL ||
		    r[i].verdict == CF_TIMEOUT))
			xfail++;
		else
			cnt[r[i].verdict]++;
		if (!r[i].expected_fail && (r[i].verdict == CF_FAIL ||
		    r[i].verdict == CF_TIMEOUT || r[i].verdict == CF_ERROR))
			bad++;
	}
	printf("%zu cases, %zu runs in %.1f s: %zu pass, %zu fail, "
	    "%zu timeout, %zu error, %zu unsupported, %zu xfail, %zu xpass\n",
	    ncases, n, seconds, cnt[CF_PASS], cnt[CF_FAIL], cnt[CF_TIMEOUT],
	    cnt[CF_ERROR], cnt[CF_UNSUPPORTED], xfail, xpass);
	if (junit != NULL || html != NULL)
		fprintf(stderr, "m2conform: JUnit and HTML reports need "
		    "report.c (not in this tree)\n");
	if (json != NULL && write_json(json, r, n) != 0)
		return 1;
	return bad ? 1 : 0;
}

#endif

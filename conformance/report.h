/* SPDX-License-Identifier: MIT */
/*
 * The conformance runner's reports: a console summary, JUnit XML, JSON (one
 * record per case) and a self-contained HTML matrix of cases by target.
 * Also reads JSON reports back, so runs against several targets merge
 * into one matrix.  Input is the contract in result.h.
 */
#ifndef M2_CF_REPORT_H
#define M2_CF_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "result.h"

/*
 * What a case finally counts as, once the profile is taken into account.
 * A fail or a timeout that the target's profile lists is an expected
 * deviation (XFAIL); a pass the profile lists is an unexpected pass
 * (XPASS: the profile is stale, or the peer got fixed).  Unsupported and
 * runner errors stay what they are, listed or not.
 */
enum cf_outcome {
	CF_O_PASS,
	CF_O_FAIL,
	CF_O_TIMEOUT,
	CF_O_XFAIL,
	CF_O_XPASS,
	CF_O_UNSUPPORTED,
	CF_O_ERROR,
	CF_O_N
};

/* cf_outcome_of returns what |r| counts as (see enum cf_outcome). */
enum cf_outcome	 cf_outcome_of(const struct cf_result *r);

/* cf_outcome_name returns a stable token: "pass", "fail", "timeout",
 * "xfail", "xpass", "unsupported", "error". */
const char	*cf_outcome_name(enum cf_outcome o);

/* cf_verdict_parse and cf_reaction_parse map the tokens of
 * cf_verdict_name and cf_reaction_name back; they return -1 for an
 * unknown token. */
int		 cf_verdict_parse(const char *s);
int		 cf_reaction_parse(const char *s);

/* Counts of outcomes over a set of results. */
struct cf_totals {
	size_t	n[CF_O_N];		/* indexed by enum cf_outcome */
	size_t	total;
	double	seconds;
};

/* cf_report_count adds |r[0..n)| whose target is |target| (all of them if
 * |target| is NULL) and whose area is |area| (any if NULL) to |*t|, which
 * the caller zeroes first. */
void		 cf_report_count(const struct cf_result *r, size_t n,
		    const char *target, const char *area,
		    struct cf_totals *t);

/*
 * cf_report_ok returns 1 if no case of |r[0..n)| failed, timed out or
 * errored outside its profile (and, if |xpass_fails|, none passed
 * unexpectedly), else 0.  The runner's exit status follows it.
 */
int		 cf_report_ok(const struct cf_result *r, size_t n,
		    int xpass_fails);

/*
 * Where the reports go.  Any path may be NULL (that report is skipped);
 * "-" means standard output.  |console| receives the human summary
 * (NULL: none).  Zero-initialise and set what is needed.
 */
struct cf_report_opts {
	const char	*junit_path;
	const char	*json_path;
	const char	*html_path;
	/*
	 * Where wirelogs live: a result's |wirelog| that is a relative
	 * path is taken relative to this directory (NULL: as given).
	 * The HTML links each case to its wirelog.
	 */
	const char	*wirelog_dir;
	int		 color;		/* ANSI colour on |console| */
	FILE		*console;
	int		 verbose;	/* console: list every case */
	int		 xpass_fails;	/* JUnit/console: an XPASS fails */
	const char	*title;		/* HTML title (NULL: a default) */
	/* Free text recorded in JSON and shown in HTML (e.g. the command
	 * line or the date); NULL omits it, so the output is a function of
	 * the results alone. */
	const char	*generated;
};

/*
 * cf_report_write_all writes each report |o| asks for about the results
 * |r[0..n)| (which may span several targets: the HTML shows one column
 * per distinct |target|, in order of first appearance).  Returns 0, or -1
 * if a report could not be written (a message went to |o->console| or
 * stderr; the other reports are still attempted).
 */
int		 cf_report_write_all(const struct cf_result *r, size_t n,
		    const struct cf_report_opts *o);

/* The writers one by one, to an open stream.  Each returns 0 or -1 (a
 * write error on |f|). */
int		 cf_report_console(FILE *f, const struct cf_result *r,
		    size_t n, const struct cf_report_opts *o);
int		 cf_report_junit(FILE *f, const struct cf_result *r,
		    size_t n, const struct cf_report_opts *o);
int		 cf_report_json(FILE *f, const struct cf_result *r,
		    size_t n, const struct cf_report_opts *o);
int		 cf_report_html(FILE *f, const struct cf_result *r,
		    size_t n, const struct cf_report_opts *o);

/* Caps on what cf_report_merge_json reads (the JSON comes from files a
 * user names, but stays bounded all the same). */
#define CF_REPORT_JSON_MAX_BYTES	(64u << 20)	/* per file */
#define CF_REPORT_MAX_RESULTS		(1u << 20)	/* over all files */

/* Results read back from JSON reports; the strings belong to |priv|. */
struct cf_merged {
	struct cf_result	*r;
	size_t			 n;
	void			*priv;
};

/*
 * cf_report_merge_json reads the JSON reports |paths[0..n)| (as written by
 * cf_report_json) into |*out|, in order: the results of each file follow
 * those of the files before it.  A record without a "target" takes the
 * file's top-level "target", else the file's base name without ".json".
 * A path written "LABEL=PATH" relabels every record of that file as
 * LABEL (for two runs against the same target label).  Each file is at
 * most CF_REPORT_JSON_MAX_BYTES; the total at most CF_REPORT_MAX_RESULTS
 * records.  Returns 0, or -1 with a message in |err| (and |*out| empty).
 * Free with cf_merged_free.
 */
int		 cf_report_merge_json(const char *const *paths, size_t n,
		    struct cf_merged *out, char *err, size_t errlen);

/* cf_merged_free releases what cf_report_merge_json allocated. */
void		 cf_merged_free(struct cf_merged *m);

#endif

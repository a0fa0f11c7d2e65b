/* SPDX-License-Identifier: MIT */
/*
 * What one conformance case produced, the contract between the runner
 * (which fills these) and the report writers (report.c: console, JSON,
 * JUnit XML, HTML) and the expected-deviation profiles (profile.c).
 */
#ifndef M2_CF_RESULT_H
#define M2_CF_RESULT_H

#include <stddef.h>
#include <stdint.h>

enum cf_verdict {
	CF_PASS,		/* the peer did what the case requires */
	CF_FAIL,		/* it did something else */
	CF_UNSUPPORTED,		/* the case does not apply to this peer/settings */
	CF_TIMEOUT,		/* the peer was silent past a step's deadline */
	CF_ERROR		/* the runner itself could not run the case */
};

/* How the peer reacted, as observed on the wire. */
enum cf_reaction {
	CF_R_NONE,		/* not observed (e.g. unsupported) */
	CF_R_CLOSE,		/* clean close (FIN) */
	CF_R_RESET,		/* connection reset (RST) */
	CF_R_FRAME,		/* sent a frame: see |tag| (and |code|) */
	CF_R_SILENCE,		/* nothing before the deadline */
	CF_R_COMPLETED,		/* went on normally (the step succeeded) */
	CF_R_REFUSED		/* could not connect / no client connected */
};

struct cf_result {
	const char	*id;		/* case id, e.g. "banner.len-short" */
	const char	*area;		/* banner, preamble, framing, ... */
	const char	*ref;		/* SPEC-NOTES section; Ceph function */
	const char	*desc;		/* one line */
	const char	*expect;	/* what counts as passing, one line */
	const char	*tags;		/* comma-separated, e.g. "cve-2020-1759" */
	const char	*variant;	/* "rev1-crc", "rev0-secure", "-" */
	const char	*target;	/* the target's label (matrix column) */
	enum cf_verdict	 verdict;
	enum cf_reaction reaction;
	int		 tag;		/* frame tag for CF_R_FRAME, else -1 */
	int32_t		 code;		/* e.g. AUTH_BAD_METHOD's result, or 0 */
	char		 detail[256];	/* one line: what happened */
	double		 seconds;	/* duration */
	/* profile outcome */
	int		 expected_fail;	/* listed in the profile */
	const char	*profile_reason;
	/* wirelog, if requested: a file path, or NULL */
	const char	*wirelog;
};

const char	*cf_verdict_name(enum cf_verdict v);	/* "pass", ... */
const char	*cf_reaction_name(enum cf_reaction r);	/* "close", ... */

#endif

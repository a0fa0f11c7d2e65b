/* SPDX-License-Identifier: MIT */
/*
 * Expected-deviation profiles: one file per implementation under
 * conformance/expect/, listing the cases it is known to fail, each with a
 * reason.  The format is in conformance/expect/README.md:
 *
 *	# comment
 *	case-id-or-glob: reason
 *	case-id-or-glob @variant-glob: reason
 *
 * Loading never allocates: the file is read into the caller's struct,
 * whose size is fixed by the caps below.
 */
#ifndef M2_CF_PROFILE_H
#define M2_CF_PROFILE_H

#include <stddef.h>

#include "result.h"

#define CF_PROFILE_MAX_BYTES	(64u << 10)	/* the whole file */
#define CF_PROFILE_MAX_ENTRIES	1024
#define CF_PROFILE_MAX_PATTERN	128		/* id or variant glob */
#define CF_PROFILE_MAX_REASON	512

struct cf_profile_entry {
	const char	*id_glob;	/* fnmatch(3) pattern on the case id */
	const char	*variant_glob;	/* on the variant; NULL: any */
	const char	*reason;
	unsigned	 line;		/* in the file, for messages */
};

/* A loaded profile.  Fields are read-only for the caller.  It is large
 * (about 100 KiB): allocate it statically or on the heap. */
struct cf_profile {
	char			 path[256];
	char			 text[CF_PROFILE_MAX_BYTES + 1];
	struct cf_profile_entry	 e[CF_PROFILE_MAX_ENTRIES];
	size_t			 n;
	char			 err[320];	/* after a failed load */
};

/*
 * cf_profile_load reads the profile file |path| into |*p|.  Returns 0, or
 * -1 with a message "path:line: why" in |p->err|: the file cannot be read
 * or exceeds CF_PROFILE_MAX_BYTES, a line has no ':' or an empty reason,
 * a pattern is empty or longer than CF_PROFILE_MAX_PATTERN, a reason is
 * longer than CF_PROFILE_MAX_REASON, there are more than
 * CF_PROFILE_MAX_ENTRIES entries, or the file holds a NUL byte.
 */
int	cf_profile_load(const char *path, struct cf_profile *p);

/*
 * cf_profile_parse is cf_profile_load on text already in memory: |len|
 * bytes of |text| (copied into |p|; at most CF_PROFILE_MAX_BYTES).
 * |name| labels messages.
 */
int	cf_profile_parse(const char *name, const char *text, size_t len,
	    struct cf_profile *p);

/*
 * cf_profile_match returns the first entry of |p| matching case |id| with
 * variant |variant| (NULL counts as "-"), or NULL.
 */
const struct cf_profile_entry *cf_profile_match(const struct cf_profile *p,
	    const char *id, const char *variant);

/*
 * cf_profile_apply sets, for each of |r[0..n)|, |expected_fail| and
 * |profile_reason| from the first matching entry of |p| (and clears them
 * where none matches).  A listed fail or timeout then counts as an
 * expected deviation, a listed pass as an unexpected pass (see
 * cf_outcome_of in report.h); unsupported and error stay as they are.
 * |profile_reason| points into |*p|, which must outlive the results.  |p|
 * may be NULL (clears every mark).  Returns the number of results marked.
 */
size_t	cf_profile_apply(const struct cf_profile *p, struct cf_result *r,
	    size_t n);

/*
 * cf_profile_stale stores in |out[0..max)| the entries of |p| that decide
 * none of |r[0..n)| (a line for a case that no longer exists or was not
 * run, or one shadowed by earlier lines), and returns how many there are (possibly more than
 * |max|).
 */
size_t	cf_profile_stale(const struct cf_profile *p,
	    const struct cf_result *r, size_t n,
	    const struct cf_profile_entry **out, size_t max);

#endif

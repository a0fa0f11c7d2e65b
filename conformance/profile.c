/* SPDX-License-Identifier: MIT */
/*
 * Expected-deviation profiles (conformance/expect/README.md): load a
 * capped file into a caller-owned struct, match case ids and variants by
 * glob, mark results.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "profile.h"

static int
perr(struct cf_profile *p, unsigned line, const char *fmt, ...)
{
	va_list	ap;
	int	k;

	if (line != 0)
		k = snprintf(p->err, sizeof(p->err), "%s:%u: ", p->path, line);
	else
		k = snprintf(p->err, sizeof(p->err), "%s: ", p->path);
	if (k < 0 || (size_t)k >= sizeof(p->err))
		k = 0;
	va_start(ap, fmt);
	vsnprintf(p->err + k, sizeof(p->err) - (size_t)k, fmt, ap);
	va_end(ap);
	p->n = 0;
	return -1;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims blanks at both ends of s[0..*len) in place; returns the start. */
static char *
trim(char *s, size_t *len)
{
	while (*len > 0 && is_space(s[0])) {
		s++;
		(*len)--;
	}
	while (*len > 0 && is_space(s[*len - 1]))
		(*len)--;
	s[*len] = '\0';
	return s;
}

/* One non-comment line |s| (NUL-terminated, no newline; may be cut). */
static int
parse_line(struct cf_profile *p, unsigned line, char *s, size_t len)
{
	struct cf_profile_entry	*e;
	char			*colon, *key, *reason, *at;
	size_t			 klen, rlen, vlen;

	if ((colon = memchr(s, ':', len)) == NULL)
		return perr(p, line, "no ':' (want \"case-id-or-glob: "
		    "reason\")");
	klen = (size_t)(colon - s);
	rlen = len - klen - 1;
	key = trim(s, &klen);
	reason = trim(colon + 1, &rlen);
	if (rlen == 0)
		return perr(p, line, "empty reason: every deviation needs "
		    "one");
	if (rlen > CF_PROFILE_MAX_REASON)
		return perr(p, line, "reason longer than %u bytes",
		    (unsigned)CF_PROFILE_MAX_REASON);
	if (p->n >= CF_PROFILE_MAX_ENTRIES)
		return perr(p, line, "more than %u entries",
		    (unsigned)CF_PROFILE_MAX_ENTRIES);
	e = &p->e[p->n];
	memset(e, 0, sizeof(*e));
	if ((at = memchr(key, '@', klen)) != NULL) {
		vlen = klen - (size_t)(at - key) - 1;
		klen = (size_t)(at - key);
		key = trim(key, &klen);
		e->variant_glob = trim(at + 1, &vlen);
		if (vlen == 0)
			return perr(p, line, "empty variant after '@'");
		if (vlen > CF_PROFILE_MAX_PATTERN)
			return perr(p, line, "variant pattern longer than "
			    "%u bytes", (unsigned)CF_PROFILE_MAX_PATTERN);
		if (strpbrk(e->variant_glob, " \t") != NULL)
			return perr(p, line, "blank inside the variant "
			    "pattern");
	}
	if (klen == 0)
		return perr(p, line, "empty case pattern");
	if (klen > CF_PROFILE_MAX_PATTERN)
		return perr(p, line, "case pattern longer than %u bytes",
		    (unsigned)CF_PROFILE_MAX_PATTERN);
	if (strpbrk(key, " \t") != NULL)
		return perr(p, line, "blank inside the case pattern "
		    "(variants go after '@')");
	e->id_glob = key;
	e->reason = reason;
	e->line = line;
	p->n++;
	return 0;
}

/* see profile.h */
int
cf_profile_parse(const char *name, const char *text, size_t len,
    struct cf_profile *p)
{
	size_t		 off, end;
	unsigned	 line = 0;

	p->n = 0;
	p->err[0] = '\0';
	snprintf(p->path, sizeof(p->path), "%s", name != NULL ? name :
	    "(profile)");
	if (len > CF_PROFILE_MAX_BYTES)
		return perr(p, 0, "larger than %u bytes",
		    (unsigned)CF_PROFILE_MAX_BYTES);
	if (len > 0 && memchr(text, '\0', len) != NULL)
		return perr(p, 0, "holds a NUL byte");
	if (text != p->text)
		memcpy(p->text, text, len);
	p->text[len] = '\0';
	for (off = 0; off < len; off = end + 1) {
		char	*s = p->text + off;
		size_t	 l;

		line++;
		end = off;
		while (end < len && p->text[end] != '\n')
			end++;
		p->text[end] = '\0';
		l = end - off;
		/* a comment is a whole line; a reason may hold '#' */
		s = trim(s, &l);
		if (l == 0 || s[0] == '#')
			continue;
		if (parse_line(p, line, s, l) != 0)
			return -1;
	}
	return 0;
}

/* see profile.h */
int
cf_profile_load(const char *path, struct cf_profile *p)
{
	FILE	*f;
	size_t	 len;
	int	 over;

	p->n = 0;
	snprintf(p->path, sizeof(p->path), "%s", path);
	if ((f = fopen(path, "rb")) == NULL)
		return perr(p, 0, "%s", strerror(errno));
	/* read one byte past the cap to tell "at the cap" from "over" */
	len = fread(p->text, 1, CF_PROFILE_MAX_BYTES + 1, f);
	over = len > CF_PROFILE_MAX_BYTES;
	if (ferror(f)) {
		fclose(f);
		return perr(p, 0, "read error");
	}
	fclose(f);
	if (over)
		return perr(p, 0, "larger than %u bytes",
		    (unsigned)CF_PROFILE_MAX_BYTES);
	/* parse in place: the text is already where it belongs */
	return cf_profile_parse(path, p->text, len, p);
}

/* see profile.h */
const struct cf_profile_entry *
cf_profile_match(const struct cf_profile *p, const char *id,
    const char *variant)
{
	size_t	i;

	if (p == NULL || id == NULL)
		return NULL;
	if (variant == NULL || variant[0] == '\0')
		variant = "-";
	for (i = 0; i < p->n; i++) {
		const struct cf_profile_entry *e = &p->e[i];

		if (fnmatch(e->id_glob, id, 0) != 0)
			continue;
		if (e->variant_glob != NULL &&
		    fnmatch(e->variant_glob, variant, 0) != 0)
			continue;
		return e;
	}
	return NULL;
}

/* see profile.h */
size_t
cf_profile_apply(const struct cf_profile *p, struct cf_result *r, size_t n)
{
	size_t	i, marked = 0;

	for (i = 0; i < n; i++) {
		const struct cf_profile_entry *e;

		e = cf_profile_match(p, r[i].id, r[i].variant);
		r[i].expected_fail = e != NULL;
		r[i].profile_reason = e != NULL ? e->reason : NULL;
		marked += e != NULL;
	}
	return marked;
}

/* see profile.h */
size_t
cf_profile_stale(const struct cf_profile *p, const struct cf_result *r,
    size_t n, const struct cf_profile_entry **out, size_t max)
{
	size_t	i, j, k = 0;

	if (p == NULL)
		return 0;
	for (i = 0; i < p->n; i++) {
		const struct cf_profile_entry *e = &p->e[i];

		for (j = 0; j < n; j++)
			if (cf_profile_match(p, r[j].id, r[j].variant) == e)
				break;
		if (j < n)
			continue;
		if (k < max)
			out[k] = e;
		k++;
	}
	return k;
}

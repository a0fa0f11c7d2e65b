/* SPDX-License-Identifier: MIT */
/*
 * The runner's reports (report.h): console summary, JUnit XML, JSON and a
 * self-contained HTML matrix; and JSON read back for multi-target merges.
 * Strings from results may hold anything the runner saw, so every writer
 * escapes for its format and replaces invalid UTF-8.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "m2/msg.h"
#include "report.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const outcome_names[CF_O_N] = {
	[CF_O_PASS] = "pass",
	[CF_O_FAIL] = "fail",
	[CF_O_TIMEOUT] = "timeout",
	[CF_O_XFAIL] = "xfail",
	[CF_O_XPASS] = "xpass",
	[CF_O_UNSUPPORTED] = "unsupported",
	[CF_O_ERROR] = "error"
};

/* Console and HTML labels, and the HTML symbols (colour is not enough). */
static const char *const outcome_label[CF_O_N] = {
	[CF_O_PASS] = "pass",
	[CF_O_FAIL] = "FAIL",
	[CF_O_TIMEOUT] = "TIMEOUT",
	[CF_O_XFAIL] = "expected deviation",
	[CF_O_XPASS] = "UNEXPECTED PASS",
	[CF_O_UNSUPPORTED] = "unsupported",
	[CF_O_ERROR] = "ERROR"
};

static const char *const outcome_sym[CF_O_N] = {
	[CF_O_PASS] = "\xe2\x9c\x93",		/* check mark */
	[CF_O_FAIL] = "\xe2\x9c\x97",		/* ballot x */
	[CF_O_TIMEOUT] = "T",
	[CF_O_XFAIL] = "~",
	[CF_O_XPASS] = "!",
	[CF_O_UNSUPPORTED] = "\xe2\x80\x93",	/* en dash */
	[CF_O_ERROR] = "E"
};

static const char *const outcome_ansi[CF_O_N] = {
	[CF_O_PASS] = "\033[32m",
	[CF_O_FAIL] = "\033[1;31m",
	[CF_O_TIMEOUT] = "\033[1;33m",
	[CF_O_XFAIL] = "\033[33m",
	[CF_O_XPASS] = "\033[1;34m",
	[CF_O_UNSUPPORTED] = "\033[2m",
	[CF_O_ERROR] = "\033[1;35m"
};

/* Severity order for an area's summary colour: the worst outcome wins. */
static const int outcome_rank[CF_O_N] = {
	[CF_O_PASS] = 1, [CF_O_UNSUPPORTED] = 0, [CF_O_XFAIL] = 2,
	[CF_O_XPASS] = 3, [CF_O_TIMEOUT] = 4, [CF_O_FAIL] = 5,
	[CF_O_ERROR] = 6
};

/* see report.h */
enum cf_outcome
cf_outcome_of(const struct cf_result *r)
{
	switch (r->verdict) {
	case CF_PASS:
		return r->expected_fail ? CF_O_XPASS : CF_O_PASS;
	case CF_FAIL:
		return r->expected_fail ? CF_O_XFAIL : CF_O_FAIL;
	case CF_TIMEOUT:
		return r->expected_fail ? CF_O_XFAIL : CF_O_TIMEOUT;
	case CF_UNSUPPORTED:
		return CF_O_UNSUPPORTED;
	case CF_ERROR:
	default:
		return CF_O_ERROR;
	}
}

/* see report.h */
const char *
cf_outcome_name(enum cf_outcome o)
{
	if ((unsigned)o >= CF_O_N)
		return "?";
	return outcome_names[o];
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static const char *
target_of(const struct cf_result *r)
{
	return r->target != NULL && r->target[0] != '\0' ? r->target : "-";
}

static const char *
area_of(const struct cf_result *r)
{
	return r->area != NULL && r->area[0] != '\0' ? r->area : "-";
}

static const char *
variant_of(const struct cf_result *r)
{
	return r->variant != NULL && r->variant[0] != '\0' ? r->variant : "-";
}

static int
streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* see report.h */
void
cf_report_count(const struct cf_result *r, size_t n, const char *target,
    const char *area, struct cf_totals *t)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (target != NULL && !streq(target, target_of(&r[i])))
			continue;
		if (area != NULL && !streq(area, area_of(&r[i])))
			continue;
		t->n[cf_outcome_of(&r[i])]++;
		t->total++;
		if (r[i].seconds > 0)
			t->seconds += r[i].seconds;
	}
}

/* see report.h */
int
cf_report_ok(const struct cf_result *r, size_t n, int xpass_fails)
{
	size_t	i;

	for (i = 0; i < n; i++)
		switch (cf_outcome_of(&r[i])) {
		case CF_O_FAIL:
		case CF_O_TIMEOUT:
		case CF_O_ERROR:
			return 0;
		case CF_O_XPASS:
			if (xpass_fails)
				return 0;
			break;
		default:
			break;
		}
	return 1;
}

/*
 * The length of the well-formed UTF-8 sequence at |p| (at most |left|
 * bytes), or 0 if none starts there (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF).
 */
static size_t
utf8_seq(const unsigned char *p, size_t left)
{
	size_t	 len, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1fu;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0fu;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07u;
	} else
		return 0;
	if (left < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/*
 * Writes |s| escaped for XML/HTML text (|attr|: for a double-quoted
 * attribute, where line breaks and tabs become character references so
 * tooltips keep them).  Characters XML 1.0 forbids and invalid UTF-8
 * become U+FFFD.
 */
static void
put_esc(FILE *f, const char *s, int attr)
{
	const unsigned char	*p = (const unsigned char *)nz(s);
	size_t			 left = strlen((const char *)p), k;

	while (left > 0) {
		unsigned char c = *p;

		switch (c) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		case '\n':
			fputs(attr ? "&#10;" : "\n", f);
			break;
		case '\t':
			fputs(attr ? "&#9;" : "\t", f);
			break;
		default:
			if (c < 0x20) {
				fputs(REPLACEMENT, f);
				break;
			}
			if ((k = utf8_seq(p, left)) == 0) {
				fputs(REPLACEMENT, f);
				break;
			}
			/* U+FFFE and U+FFFF are not XML characters either */
			if (k == 3 && p[0] == 0xef && p[1] == 0xbf &&
			    p[2] >= 0xbe)
				fputs(REPLACEMENT, f);
			else
				fwrite(p, 1, k, f);
			p += k;
			left -= k;
			continue;
		}
		p++;
		left--;
	}
}

/*
 * Writes |s| for a terminal: control characters (an escape sequence from
 * the peer could drive the terminal) and invalid UTF-8 become U+FFFD.
 */
static void
put_plain(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)nz(s);
	size_t			 left = strlen((const char *)p), k;

	while (left > 0) {
		if (*p < 0x20 || *p == 0x7f || (k = utf8_seq(p, left)) == 0) {
			fputs(REPLACEMENT, f);
			k = 1;
		} else
			fwrite(p, 1, k, f);
		p += k;
		left -= k;
	}
}

/* A copy of |s| with invalid UTF-8 replaced by U+FFFD (for jansson). */
static char *
utf8_clean(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), k, o = 0;
	char			*out;

	if (left > (SIZE_MAX - 1) / 3 || (out = malloc(left * 3 + 1)) == NULL)
		return NULL;
	while (left > 0) {
		if ((k = utf8_seq(p, left)) == 0) {
			memcpy(out + o, REPLACEMENT, 3);
			o += 3;
			k = 1;
		} else {
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
		left -= k;
	}
	out[o] = '\0';
	return out;
}

/* A JSON string for |s| (null for NULL), valid UTF-8 whatever |s| is. */
static json_t *
jstr(const char *s)
{
	json_t	*j;
	char	*c;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	if ((c = utf8_clean(s)) == NULL)
		return json_null();
	j = json_string(c);
	free(c);
	return j != NULL ? j : json_null();
}

/* The peer's reaction in words, e.g. "sent AUTH_BAD_METHOD (code -95)". */
static void
reaction_text(const struct cf_result *r, char *buf, size_t len)
{
	const char	*t;

	switch (r->reaction) {
	case CF_R_NONE:
		snprintf(buf, len, "not observed");
		break;
	case CF_R_CLOSE:
		snprintf(buf, len, "closed the connection");
		break;
	case CF_R_RESET:
		snprintf(buf, len, "reset the connection");
		break;
	case CF_R_FRAME:
		t = r->tag >= 0 ? m2_tag_name((unsigned)r->tag) : NULL;
		if (t != NULL)
			snprintf(buf, len, "sent %s", t);
		else
			snprintf(buf, len, "sent a frame with tag %d", r->tag);
		if (r->code != 0) {
			size_t	k = strlen(buf);

			snprintf(buf + k, len - k, " (code %ld)",
			    (long)r->code);
		}
		break;
	case CF_R_SILENCE:
		snprintf(buf, len, "stayed silent past the deadline");
		break;
	case CF_R_COMPLETED:
		snprintf(buf, len, "went on normally");
		break;
	case CF_R_REFUSED:
		snprintf(buf, len, "refused the connection (or none came)");
		break;
	default:
		snprintf(buf, len, "reaction %d", (int)r->reaction);
		break;
	}
}

/* "id [variant]" and, with several targets, " @target". */
static void
case_name(const struct cf_result *r, int multi, char *buf, size_t len)
{
	const char	*v = variant_of(r);

	if (streq(v, "-"))
		snprintf(buf, len, "%s", nz(r->id));
	else
		snprintf(buf, len, "%s [%s]", nz(r->id), v);
	if (multi) {
		size_t	k = strlen(buf);

		snprintf(buf + k, len - k, " @%s", target_of(r));
	}
}

/*
 * Interning: distinct strings numbered in order of first appearance, in
 * an open-addressed table (FNV-1a).  Linear in the number of results.
 */
struct intern {
	const char	**key;		/* [cap] hash slots */
	size_t		 *slot_id;	/* [cap] */
	const char	**name;		/* [n] by id */
	size_t		 cap, n;
};

static int
intern_init(struct intern *t, size_t max)
{
	size_t	cap = 16;

	while (cap < 2 * max + 2)
		cap *= 2;
	memset(t, 0, sizeof(*t));
	t->key = calloc(cap, sizeof(*t->key));
	t->slot_id = calloc(cap, sizeof(*t->slot_id));
	t->name = calloc(max + 1, sizeof(*t->name));
	t->cap = cap;
	if (t->key == NULL || t->slot_id == NULL || t->name == NULL)
		return -1;
	return 0;
}

static void
intern_free(struct intern *t)
{
	free(t->key);
	free(t->slot_id);
	free(t->name);
}

static size_t
intern(struct intern *t, const char *s)
{
	uint64_t	h = 0xcbf29ce484222325u;
	const char	*q;
	size_t		 i;

	for (q = s; *q != '\0'; q++)
		h = (h ^ (unsigned char)*q) * 0x100000001b3u;
	for (i = (size_t)h & (t->cap - 1); t->key[i] != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (streq(t->key[i], s))
			return t->slot_id[i];
	t->key[i] = s;
	t->slot_id[i] = t->n;
	t->name[t->n] = s;
	return t->n++;
}

/* The results arranged as a matrix: areas > rows (case ids) > targets. */
struct ent {
	size_t	area, row, tgt, var, idx;
};

struct view {
	const struct cf_result	*r;
	size_t			 n;
	struct intern		 areas, rows, tgts, vars;
	size_t			*row_area;	/* [rows.n] */
	size_t			*row_first;	/* [rows.n] a result */
	struct ent		*ord;		/* [n] sorted */
	int			 multi_var;	/* more than one variant */
};

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	if (x->area != y->area)
		return x->area < y->area ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->tgt != y->tgt)
		return x->tgt < y->tgt ? -1 : 1;
	if (x->var != y->var)
		return x->var < y->var ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void
view_free(struct view *v)
{
	intern_free(&v->areas);
	intern_free(&v->rows);
	intern_free(&v->tgts);
	intern_free(&v->vars);
	free(v->row_area);
	free(v->row_first);
	free(v->ord);
	memset(v, 0, sizeof(*v));
}

static int
view_init(struct view *v, const struct cf_result *r, size_t n)
{
	size_t	i, row;

	memset(v, 0, sizeof(*v));
	v->r = r;
	v->n = n;
	if (intern_init(&v->areas, n) != 0 || intern_init(&v->rows, n) != 0 ||
	    intern_init(&v->tgts, n) != 0 || intern_init(&v->vars, n) != 0 ||
	    (v->row_area = calloc(n + 1, sizeof(size_t))) == NULL ||
	    (v->row_first = calloc(n + 1, sizeof(size_t))) == NULL ||
	    (v->ord = calloc(n + 1, sizeof(struct ent))) == NULL) {
		view_free(v);
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct ent *e = &v->ord[i];

		e->idx = i;
		e->tgt = intern(&v->tgts, target_of(&r[i]));
		e->var = intern(&v->vars, variant_of(&r[i]));
		row = v->rows.n;
		e->row = intern(&v->rows, nz(r[i].id));
		if (e->row == row) {		/* a new row: its area */
			v->row_area[row] = intern(&v->areas, area_of(&r[i]));
			v->row_first[row] = i;
		}
		e->area = v->row_area[e->row];
	}
	v->multi_var = v->vars.n > 1;
	qsort(v->ord, n, sizeof(*v->ord), ent_cmp);
	return 0;
}

static int
finish(FILE *f)
{
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}

/* |r|'s wirelog path, with a relative one under |o->wirelog_dir|. */
static void
wirelog_path(const struct cf_result *r, const struct cf_report_opts *o,
    char *out, size_t len)
{
	if (r->wirelog[0] != '/' && o->wirelog_dir != NULL)
		snprintf(out, len, "%s/%s", o->wirelog_dir, r->wirelog);
	else
		snprintf(out, len, "%s", r->wirelog);
}

/*
 * Console.
 */
static void
con_on(FILE *f, const struct cf_report_opts *o, enum cf_outcome c)
{
	if (o->color)
		fputs(outcome_ansi[c], f);
}

static void
con_off(FILE *f, const struct cf_report_opts *o)
{
	if (o->color)
		fputs("\033[0m", f);
}

static void
con_counts_head(FILE *f, int w)
{
	fprintf(f, "  %-*s %6s %6s %7s %6s %6s %6s %6s\n", w, "area",
	    "pass", "fail", "timeout", "xfail", "xpass", "unsup", "error");
}

static void
con_counts(FILE *f, const struct cf_report_opts *o, int w, const char *name,
    const struct cf_totals *t)
{
	static const enum cf_outcome col[] = { CF_O_PASS, CF_O_FAIL,
	    CF_O_TIMEOUT, CF_O_XFAIL, CF_O_XPASS, CF_O_UNSUPPORTED,
	    CF_O_ERROR };
	static const int width[] = { 6, 6, 7, 6, 6, 6, 6 };
	size_t	i;

	fputs("  ", f);
	put_plain(f, name);
	fprintf(f, "%*s", w > (int)strlen(name) ? w - (int)strlen(name) : 0,
	    "");
	for (i = 0; i < NELEM(col); i++) {
		int	hot = t->n[col[i]] != 0 && col[i] != CF_O_PASS &&
			    col[i] != CF_O_UNSUPPORTED;

		fputc(' ', f);
		if (hot)
			con_on(f, o, col[i]);
		fprintf(f, "%*zu", width[i], t->n[col[i]]);
		if (hot)
			con_off(f, o);
	}
	fputc('\n', f);
}

static void
con_line(FILE *f, const char *key, const char *val)
{
	if (val == NULL || val[0] == '\0')
		return;
	fprintf(f, "           %-9s ", key);
	put_plain(f, val);
	fputc('\n', f);
}

/* One case: a line, and with |full| what was expected and what came. */
static void
con_case(FILE *f, const struct cf_result *r, const struct cf_report_opts *o,
    int multi, int full)
{
	static const char *const tok[CF_O_N] = {
		[CF_O_PASS] = "pass", [CF_O_FAIL] = "FAIL",
		[CF_O_TIMEOUT] = "TIMEOUT", [CF_O_XFAIL] = "xfail",
		[CF_O_XPASS] = "XPASS", [CF_O_UNSUPPORTED] = "unsup",
		[CF_O_ERROR] = "ERROR"
	};
	enum cf_outcome	c = cf_outcome_of(r);
	char		name[512], react[160], detail[sizeof(r->detail) + 1];

	case_name(r, multi, name, sizeof(name));
	reaction_text(r, react, sizeof(react));
	snprintf(detail, sizeof(detail), "%.*s",
	    (int)strnlen(r->detail, sizeof(r->detail)), r->detail);
	fputs("  ", f);
	con_on(f, o, c);
	fprintf(f, "%-8s", tok[c]);
	con_off(f, o);
	fputc(' ', f);
	put_plain(f, name);
	fprintf(f, " (%.3f s)\n", r->seconds);
	if (!full) {
		if (r->expected_fail)
			con_line(f, "profile:", r->profile_reason);
		return;
	}
	con_line(f, "case:", r->desc);
	con_line(f, "expected:", r->expect);
	con_line(f, "peer:", react);
	con_line(f, "detail:", detail);
	con_line(f, "ref:", r->ref);
	if (r->expected_fail)
		con_line(f, "profile:", r->profile_reason);
	if (r->wirelog != NULL) {
		char	path[PATH_MAX];

		wirelog_path(r, o, path, sizeof(path));
		con_line(f, "wirelog:", path);
	}
}

/* see report.h */
int
cf_report_console(FILE *f, const struct cf_result *r, size_t n,
    const struct cf_report_opts *o)
{
	struct view	v;
	struct cf_totals all;
	size_t		t, a, i, k;
	int		w = 6, multi;

	if (view_init(&v, r, n) != 0)
		return -1;
	multi = v.tgts.n > 1;
	for (a = 0; a < v.areas.n; a++)
		if ((int)strlen(v.areas.name[a]) > w &&
		    strlen(v.areas.name[a]) < 40)
			w = (int)strlen(v.areas.name[a]);
	for (t = 0; t < v.tgts.n; t++) {
		struct cf_totals tt;

		memset(&tt, 0, sizeof(tt));
		cf_report_count(r, n, v.tgts.name[t], NULL, &tt);
		fprintf(f, "\nm2conform: %zu case runs against ", tt.total);
		put_plain(f, v.tgts.name[t]);
		fprintf(f, " in %.1f s\n", tt.seconds);
		con_counts_head(f, w);
		for (a = 0; a < v.areas.n; a++) {
			struct cf_totals at;

			memset(&at, 0, sizeof(at));
			cf_report_count(r, n, v.tgts.name[t], v.areas.name[a],
			    &at);
			if (at.total != 0)
				con_counts(f, o, w, v.areas.name[a], &at);
		}
		con_counts(f, o, w, "total", &tt);
	}
	/* the cases that need a look, in matrix order; all with verbose */
	for (k = 0, i = 0; i < n; i++) {
		const struct cf_result *c = &r[v.ord[i].idx];
		enum cf_outcome oc = cf_outcome_of(c);

		int full = oc == CF_O_FAIL || oc == CF_O_TIMEOUT ||
		    oc == CF_O_ERROR || oc == CF_O_XPASS;

		if (!o->verbose && !full)
			continue;
		if (k++ == 0)
			fputs("\n", f);
		con_case(f, c, o, multi, full);
	}
	memset(&all, 0, sizeof(all));
	cf_report_count(r, n, NULL, NULL, &all);
	fputc('\n', f);
	if (cf_report_ok(r, n, o->xpass_fails)) {
		con_on(f, o, CF_O_PASS);
		fputs("PASSED", f);
	} else {
		con_on(f, o, CF_O_FAIL);
		fputs("FAILED", f);
	}
	con_off(f, o);
	fprintf(f, ": %zu runs, %zu passed, %zu failed, %zu timed out, "
	    "%zu errors; %zu expected deviations, %zu unexpected passes, "
	    "%zu unsupported", all.total, all.n[CF_O_PASS], all.n[CF_O_FAIL],
	    all.n[CF_O_TIMEOUT], all.n[CF_O_ERROR], all.n[CF_O_XFAIL],
	    all.n[CF_O_XPASS], all.n[CF_O_UNSUPPORTED]);
	if (multi)
		fprintf(f, " (%zu targets)", v.tgts.n);
	fputs("\n", f);
	view_free(&v);
	return finish(f);
}

/* "key: value" in a <system-out>, if there is a value. */
static void
so_line(FILE *f, const char *key, const char *val)
{
	if (val == NULL || val[0] == '\0')
		return;
	fprintf(f, "%s: ", key);
	put_esc(f, val, 0);
	fputc('\n', f);
}

/*
 * JUnit XML, as Jenkins, GitLab and GitHub's reporters read it: one
 * <testsuite> per area (per target and area with several targets),
 * classname = area.  Fail and timeout are <failure>; runner errors
 * <error>; unsupported and expected deviations <skipped>; an unexpected
 * pass is a <failure> with |xpass_fails|, else a pass that says so.
 */
static void
junit_case(FILE *f, const struct cf_result *r,
    const struct cf_report_opts *o, int multi)
{
	enum cf_outcome	c = cf_outcome_of(r);
	char		name[512], react[160], msg[512];
	char		detail[sizeof(r->detail) + 1], path[PATH_MAX];

	snprintf(detail, sizeof(detail), "%.*s",
	    (int)strnlen(r->detail, sizeof(r->detail)), r->detail);
	case_name(r, multi, name, sizeof(name));
	reaction_text(r, react, sizeof(react));
	fputs("    <testcase classname=\"", f);
	put_esc(f, area_of(r), 1);
	fputs("\" name=\"", f);
	put_esc(f, name, 1);
	fprintf(f, "\" time=\"%.3f\">\n", r->seconds > 0 ? r->seconds : 0.0);
	switch (c) {
	case CF_O_FAIL:
	case CF_O_TIMEOUT:
		snprintf(msg, sizeof(msg), "expected: %s; peer %s",
		    nz(r->expect), react);
		fprintf(f, "      <failure type=\"%s\" message=\"",
		    c == CF_O_FAIL ? "fail" : "timeout");
		put_esc(f, msg, 1);
		fputs("\">", f);
		put_esc(f, detail, 0);
		fputs("</failure>\n", f);
		break;
	case CF_O_ERROR:
		fputs("      <error type=\"error\" message=\"", f);
		put_esc(f, detail, 1);
		fputs("\"/>\n", f);
		break;
	case CF_O_UNSUPPORTED:
		fputs("      <skipped message=\"unsupported: ", f);
		put_esc(f, detail, 1);
		fputs("\"/>\n", f);
		break;
	case CF_O_XFAIL:
		fputs("      <skipped message=\"expected deviation: ", f);
		put_esc(f, r->profile_reason, 1);
		fputs("\"/>\n", f);
		break;
	case CF_O_XPASS:
		if (o->xpass_fails) {
			fputs("      <failure type=\"unexpected-pass\" "
			    "message=\"passed, but the profile lists it: ", f);
			put_esc(f, r->profile_reason, 1);
			fputs("\"/>\n", f);
		}
		break;
	default:
		break;
	}
	fprintf(f, "      <system-out>verdict: %s\noutcome: %s\n",
	    cf_verdict_name(r->verdict), cf_outcome_name(c));
	so_line(f, "case", r->desc);
	so_line(f, "expected", r->expect);
	so_line(f, "peer", react);
	so_line(f, "detail", detail);
	so_line(f, "ref", r->ref);
	so_line(f, "tags", r->tags);
	if (r->expected_fail)
		so_line(f, "profile", r->profile_reason);
	if (r->wirelog != NULL) {
		/* the Jenkins attachments plugin's convention */
		wirelog_path(r, o, path, sizeof(path));
		fputs("[[ATTACHMENT|", f);
		put_esc(f, path, 0);
		fputs("]]\n", f);
	}
	fputs("</system-out>\n    </testcase>\n", f);
}

static void
junit_counts(FILE *f, const struct cf_totals *t,
    const struct cf_report_opts *o)
{
	size_t	fail = t->n[CF_O_FAIL] + t->n[CF_O_TIMEOUT] +
		    (o->xpass_fails ? t->n[CF_O_XPASS] : 0);

	fprintf(f, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	    "skipped=\"%zu\" time=\"%.3f\"", t->total, fail, t->n[CF_O_ERROR],
	    t->n[CF_O_UNSUPPORTED] + t->n[CF_O_XFAIL], t->seconds);
}

/* see report.h */
int
cf_report_junit(FILE *f, const struct cf_result *r, size_t n,
    const struct cf_report_opts *o)
{
	struct view	 v;
	struct cf_totals all;
	size_t		 i, j;
	int		 multi;

	if (view_init(&v, r, n) != 0)
		return -1;
	multi = v.tgts.n > 1;
	memset(&all, 0, sizeof(all));
	cf_report_count(r, n, NULL, NULL, &all);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fputs("<testsuites name=\"m2conform\"", f);
	junit_counts(f, &all, o);
	fputs(">\n", f);
	/* v.ord is grouped by area, then case, then target: regroup by
	 * (target, area) so each suite is contiguous */
	for (size_t t = 0; t < v.tgts.n; t++)
		for (size_t a = 0; a < v.areas.n; a++) {
			struct cf_totals at;
			char		 sname[512];

			memset(&at, 0, sizeof(at));
			for (i = 0; i < n; i++)
				if (v.ord[i].tgt == t && v.ord[i].area == a) {
					const struct cf_result *c;

					c = &r[v.ord[i].idx];
					at.n[cf_outcome_of(c)]++;
					at.total++;
					if (c->seconds > 0)
						at.seconds += c->seconds;
				}
			if (at.total == 0)
				continue;
			if (multi)
				snprintf(sname, sizeof(sname), "%s @%s",
				    v.areas.name[a], v.tgts.name[t]);
			else
				snprintf(sname, sizeof(sname), "%s",
				    v.areas.name[a]);
			fputs("  <testsuite name=\"", f);
			put_esc(f, sname, 1);
			fputs("\"", f);
			junit_counts(f, &at, o);
			fputs(">\n", f);
			for (j = 0; j < n; j++)
				if (v.ord[j].tgt == t && v.ord[j].area == a)
					junit_case(f, &r[v.ord[j].idx], o,
					    multi);
			fputs("  </testsuite>\n", f);
		}
	fputs("</testsuites>\n", f);
	view_free(&v);
	return finish(f);
}

/*
 * JSON: {"format": "m2conform-report", "version": 1, "targets": [...],
 * "totals": {...}, "results": [one object per case run]}.
 */
static void
set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v != NULL ? v : json_null());
}

static json_t *
json_totals(const struct cf_totals *t)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; i < CF_O_N; i++)
		set(o, outcome_names[i], json_integer((json_int_t)t->n[i]));
	set(o, "total", json_integer((json_int_t)t->total));
	return o;
}

static json_t *
json_record(const struct cf_result *r)
{
	json_t		*o = json_object(), *tags = json_array(), *prof;
	const char	*t, *s;
	char		 detail[sizeof(r->detail) + 1];
	double		 ms;

	set(o, "id", jstr(r->id));
	set(o, "area", jstr(r->area));
	set(o, "variant", jstr(r->variant));
	set(o, "target", jstr(r->target));
	set(o, "verdict", json_string(cf_verdict_name(r->verdict)));
	set(o, "outcome", json_string(cf_outcome_name(cf_outcome_of(r))));
	set(o, "reaction", json_string(cf_reaction_name(r->reaction)));
	set(o, "tag", r->tag >= 0 ? json_integer(r->tag) : json_null());
	t = r->tag >= 0 ? m2_tag_name((unsigned)r->tag) : NULL;
	set(o, "tag_name", t != NULL ? json_string(t) : json_null());
	set(o, "code", json_integer(r->code));
	set(o, "expectation", jstr(r->expect));
	snprintf(detail, sizeof(detail), "%.*s",
	    (int)strnlen(r->detail, sizeof(r->detail)), r->detail);
	set(o, "detail", jstr(detail));
	/* microseconds: finer is noise, and it keeps the numbers short */
	ms = r->seconds > 0 ? (double)(long long)(r->seconds * 1e6 + 0.5) /
	    1e6 : 0.0;
	set(o, "duration", json_real(ms));
	set(o, "ref", jstr(r->ref));
	set(o, "desc", jstr(r->desc));
	for (s = nz(r->tags); *s != '\0';) {
		size_t	k = strcspn(s, ",");
		char	one[128];

		while (k > 0 && *s == ' ') {
			s++;
			k--;
		}
		if (k > 0 && k < sizeof(one)) {
			memcpy(one, s, k);
			one[k] = '\0';
			while (k > 0 && one[k - 1] == ' ')
				one[--k] = '\0';
			json_array_append_new(tags, jstr(one));
		}
		s += k;
		if (*s == ',')
			s++;
	}
	set(o, "tags", tags);
	prof = json_object();
	set(prof, "expected_fail", json_boolean(r->expected_fail));
	set(prof, "reason", r->expected_fail ? jstr(r->profile_reason) :
	    json_null());
	set(o, "profile", prof);
	set(o, "wirelog", jstr(r->wirelog));
	return o;
}

/* see report.h */
int
cf_report_json(FILE *f, const struct cf_result *r, size_t n,
    const struct cf_report_opts *o)
{
	struct view	 v;
	struct cf_totals tt;
	json_t		*root, *tgts, *tot, *res;
	size_t		 i, t;
	int		 rc;

	if (view_init(&v, r, n) != 0)
		return -1;
	root = json_object();
	tgts = json_array();
	tot = json_object();
	res = json_array();
	set(root, "format", json_string("m2conform-report"));
	set(root, "version", json_integer(1));
	if (o->generated != NULL)
		set(root, "generated", jstr(o->generated));
	if (v.tgts.n == 1)
		set(root, "target", jstr(v.tgts.name[0]));
	for (t = 0; t < v.tgts.n; t++) {
		json_array_append_new(tgts, jstr(v.tgts.name[t]));
		memset(&tt, 0, sizeof(tt));
		cf_report_count(r, n, v.tgts.name[t], NULL, &tt);
		set(tot, v.tgts.name[t], json_totals(&tt));
	}
	set(root, "targets", tgts);
	set(root, "totals", tot);
	set(root, "ok", json_boolean(cf_report_ok(r, n, o->xpass_fails)));
	for (i = 0; i < n; i++)		/* run order, as given */
		json_array_append_new(res, json_record(&r[i]));
	set(root, "results", res);
	rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(9));
	fputc('\n', f);
	json_decref(root);
	view_free(&v);
	return rc != 0 ? -1 : finish(f);
}

/*
 * HTML: one file, inline CSS, no script.  A card of totals per target,
 * then the matrix: a header row per area with per-target counts, a row
 * per case with one chip per variant in each target's column (symbol and
 * colour by outcome, the details in a tooltip, non-passing chips linking
 * to their entry in the list below the matrix).
 */
static const char html_css[] =
"*{box-sizing:border-box}"
"body{font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;"
"margin:0;color:#1f2328;background:#f6f8fa}"
"header{background:#24292f;color:#fff;padding:14px 24px}"
"header h1{margin:0;font-size:19px;font-weight:600}"
"header p{margin:2px 0 0;color:#9da7b3;font-size:12px}"
"main{padding:16px 24px}"
"h2{font-size:15px;margin:22px 0 8px}"
".cards{display:grid;gap:12px;"
"grid-template-columns:repeat(auto-fill,minmax(320px,1fr))}"
".card{background:#fff;border:1px solid #d0d7de;border-radius:8px;"
"padding:10px 14px}"
".card h3{margin:0 0 6px;font-size:14px;display:flex;"
"justify-content:space-between;gap:12px}"
".badge{font-size:11px;padding:1px 8px;border-radius:10px;color:#fff}"
".ok{background:#1a7f37}.bad{background:#cf222e}"
".bar{display:flex;height:8px;border-radius:4px;overflow:hidden;"
"background:#eaeef2;margin:6px 0}"
".bar span{display:block;height:100%}"
".nums{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:12px;"
"color:#57606a}"
".nums b{color:#1f2328}"
".legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:14px 0 4px;"
"font-size:12px;color:#57606a;align-items:center}"
".areas{margin:6px 0 10px;font-size:12px}"
".areas a{margin-right:10px;color:#0969da;text-decoration:none}"
"table.m{border-collapse:separate;border-spacing:0;background:#fff;"
"border:1px solid #d0d7de;border-radius:8px;width:100%}"
".m th,.m td{padding:3px 8px;border-bottom:1px solid #eaeef2;"
"text-align:left;vertical-align:top}"
".m thead th{position:sticky;top:0;background:#f6f8fa;z-index:1;"
"font-size:12px;color:#57606a;white-space:nowrap;"
"border-bottom:1px solid #d0d7de}"
".m thead th.t{text-align:center}"
".m tr.ar th{background:#f6f8fa;font-size:13px;padding-top:8px}"
".m tr.ar td{background:#f6f8fa;text-align:center;font-size:12px;"
"padding-top:8px;white-space:nowrap}"
".m tbody tr:hover td{background:#f6f8fa}"
".m td.id{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;"
"font-size:12px;white-space:nowrap}"
".m td.d{color:#57606a;font-size:12px;max-width:38em}"
".m td.c{text-align:center;white-space:nowrap}"
"details summary{cursor:pointer;list-style:none}"
"details summary::-webkit-details-marker{display:none}"
"details summary:before{content:'\\25B8';color:#8c959f;margin-right:4px}"
"details[open] summary:before{content:'\\25BE'}"
"details dl{font-family:system-ui,sans-serif;white-space:normal;"
"margin:4px 0 6px 14px;font-size:12px}"
"dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;"
"margin:6px 0}"
"dt{color:#57606a}dd{margin:0;overflow-wrap:anywhere}"
"a.x,span.x{display:inline-block;min-width:22px;height:20px;"
"line-height:20px;margin:0 1px;padding:0 4px;border-radius:4px;"
"font-size:12px;font-weight:600;text-align:center;color:#fff;"
"text-decoration:none}"
".x small{font-weight:400;font-size:10px;opacity:.85;margin-left:2px}"
".o-pass{background:#2da44e}.o-fail{background:#cf222e}"
".o-timeout{background:#bc4c00}.o-xfail{background:#d4a72c;"
"color:#3b2300!important}"
".o-xpass{background:#0969da}.o-unsupported{background:#d0d7de;"
"color:#57606a!important}"
".o-error{background:#8250df}"
".none{color:#afb8c1}"
".cnt{display:inline-block;padding:0 6px;border-radius:8px;"
"border:1px solid #d0d7de;background:#fff}"
".cnt.w-fail,.cnt.w-error,.cnt.w-timeout{border-color:#cf222e;"
"color:#cf222e}"
".cnt.w-xpass{border-color:#0969da;color:#0969da}"
".cnt.w-xfail{border-color:#d4a72c;color:#7d4e00}"
".cnt.w-pass{border-color:#2da44e;color:#1a7f37}"
".det{background:#fff;border:1px solid #d0d7de;border-left-width:5px;"
"border-radius:6px;padding:4px 12px;margin:6px 0}"
".det dl{margin:2px 0 4px;font-size:12px}"
"details.sec>summary h2{display:inline-block}"
".det:target{box-shadow:0 0 0 3px #54aeff66}"
".det h4{margin:2px 0;font-size:13px;font-family:ui-monospace,"
"SFMono-Regular,Menlo,monospace}"
".det.b-fail{border-left-color:#cf222e}"
".det.b-timeout{border-left-color:#bc4c00}"
".det.b-xfail{border-left-color:#d4a72c}"
".det.b-xpass{border-left-color:#0969da}"
".det.b-error{border-left-color:#8250df}"
".det.b-unsupported{border-left-color:#d0d7de}"
"footer{color:#8c959f;font-size:11px;padding:10px 24px 24px}";

/* Short variant label: "rev1-crc" -> "1c", "rev0-secure" -> "0s". */
static void
var_abbrev(const char *v, char *out, size_t len)
{
	size_t	o = 0;

	out[0] = '\0';
	if (streq(v, "-"))
		return;
	while (*v != '\0' && o + 1 < len) {
		size_t	k = strcspn(v, "-_");

		if (k >= 4 && strncmp(v, "rev", 3) == 0 && v[3] >= '0' &&
		    v[3] <= '9') {
			for (size_t i = 3; i < k && o + 1 < len; i++)
				out[o++] = v[i];
		} else if (k > 0)
			out[o++] = v[0];
		v += k;
		if (*v != '\0')
			v++;
	}
	out[o] = '\0';
}

/* The directory part of |path| ("." if none), into |out|. */
static void
dir_of(const char *path, char *out, size_t len)
{
	const char	*s = strrchr(path, '/');

	if (s == NULL)
		snprintf(out, len, ".");
	else if (s == path)
		snprintf(out, len, "/");
	else
		snprintf(out, len, "%.*s", (int)(s - path), path);
}

/* |p| as an absolute path (lexically: "." and ".." resolved). */
static int
abs_path(const char *p, char *out, size_t len)
{
	char	 tmp[PATH_MAX * 2];
	char	*comp[PATH_MAX / 2];
	size_t	 nc = 0, o = 0, i;
	char	*s, *save = NULL;

	if (p[0] == '/')
		snprintf(tmp, sizeof(tmp), "%s", p);
	else {
		char	cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return -1;
		snprintf(tmp, sizeof(tmp), "%s/%s", cwd, p);
	}
	for (s = strtok_r(tmp, "/", &save); s != NULL;
	    s = strtok_r(NULL, "/", &save)) {
		if (streq(s, "."))
			continue;
		if (streq(s, "..")) {
			if (nc > 0)
				nc--;
			continue;
		}
		if (nc >= NELEM(comp))
			return -1;
		comp[nc++] = s;
	}
	if (len < 2)
		return -1;
	out[0] = '\0';
	for (i = 0; i < nc; i++) {
		int	k = snprintf(out + o, len - o, "/%s", comp[i]);

		if (k < 0 || (size_t)k >= len - o)
			return -1;
		o += (size_t)k;
	}
	if (o == 0)
		snprintf(out, len, "/");
	return 0;
}

/* A link to |target| from a page in directory |from| (both absolute). */
static void
rel_link(const char *from, const char *target, char *out, size_t len)
{
	size_t	i = 0, common = 0, o = 0;

	/* the longest common prefix that ends at a component boundary */
	while (from[i] != '\0' && from[i] == target[i]) {
		i++;
		if (target[i] == '/' && (from[i] == '/' || from[i] == '\0'))
			common = i;
	}
	if (from[i] == '\0' && target[i] == '/')
		common = i;
	if (streq(from, "/")) {
		snprintf(out, len, "%s", target + 1);
		return;
	}
	out[0] = '\0';
	/* one ".." per component of |from| past the common prefix */
	for (i = common; from[i] != '\0'; i++)
		if (from[i] == '/' && o + 4 < len) {
			memcpy(out + o, "../", 3);
			o += 3;
		}
	snprintf(out + o, len - o, "%s", target + common + 1);
}

/* The href for |r|'s wirelog, as seen from the HTML file. */
static void
wirelog_href(const struct cf_result *r, const struct cf_report_opts *o,
    char *out, size_t len)
{
	char	path[PATH_MAX], a[PATH_MAX], d[PATH_MAX], ad[PATH_MAX];

	wirelog_path(r, o, path, sizeof(path));
	if (o->html_path == NULL || streq(o->html_path, "-")) {
		snprintf(out, len, "%s", path);
		return;
	}
	dir_of(o->html_path, d, sizeof(d));
	if (abs_path(path, a, sizeof(a)) != 0 ||
	    abs_path(d, ad, sizeof(ad)) != 0) {
		snprintf(out, len, "%s", path);
		return;
	}
	rel_link(ad, a, out, len);
}

/* The tooltip of a chip: several lines, escaped by the caller. */
static void
chip_title(const struct cf_result *r, char *buf, size_t len)
{
	enum cf_outcome	c = cf_outcome_of(r);
	char		react[160];
	int		k;

	reaction_text(r, react, sizeof(react));
	k = snprintf(buf, len, "%s%s%s\nexpected: %s\npeer: %s",
	    streq(variant_of(r), "-") ? "" : variant_of(r),
	    streq(variant_of(r), "-") ? "" : ": ", outcome_label[c],
	    nz(r->expect), react);
	if (k < 0 || (size_t)k >= len)
		return;
	if (r->detail[0] != '\0')
		k += snprintf(buf + k, len - (size_t)k, "\n%.*s",
		    (int)strnlen(r->detail, sizeof(r->detail)), r->detail);
	if (k >= 0 && (size_t)k < len && r->expected_fail)
		snprintf(buf + k, len - (size_t)k, "\nprofile: %s",
		    nz(r->profile_reason));
}

static void
html_chip(FILE *f, const struct view *v, size_t i)
{
	const struct cf_result *r = &v->r[i];
	enum cf_outcome	c = cf_outcome_of(r);
	char		title[1024], ab[16];

	chip_title(r, title, sizeof(title));
	var_abbrev(variant_of(r), ab, sizeof(ab));
	if (c == CF_O_PASS)
		fprintf(f, "<span class=\"x o-%s\" title=\"", outcome_names[c]);
	else
		fprintf(f, "<a class=\"x o-%s\" href=\"#r%zu\" title=\"",
		    outcome_names[c], i);
	put_esc(f, title, 1);
	fprintf(f, "\">%s", outcome_sym[c]);
	if (v->multi_var && ab[0] != '\0') {
		fputs("<small>", f);
		put_esc(f, ab, 0);
		fputs("</small>", f);
	}
	fputs(c == CF_O_PASS ? "</span>" : "</a>", f);
}

static void
html_dd(FILE *f, const char *dt, const char *dd)
{
	if (dd == NULL || dd[0] == '\0')
		return;
	fprintf(f, "<dt>%s</dt><dd>", dt);
	put_esc(f, dd, 0);
	fputs("</dd>", f);
}

/* Which list below the matrix shows outcome |c|: 0 what needs a look,
 * 1 expected deviations, 2 unsupported (folded). */
static int
in_section(enum cf_outcome c, size_t sec)
{
	switch (c) {
	case CF_O_FAIL:
	case CF_O_TIMEOUT:
	case CF_O_ERROR:
	case CF_O_XPASS:
		return sec == 0;
	case CF_O_XFAIL:
		return sec == 1;
	case CF_O_UNSUPPORTED:
		return sec == 2;
	default:
		return 0;
	}
}

static enum cf_outcome
worst(const struct cf_totals *t)
{
	enum cf_outcome	w = CF_O_UNSUPPORTED;
	int		i;

	for (i = 0; i < CF_O_N; i++)
		if (t->n[i] != 0 && outcome_rank[i] > outcome_rank[w])
			w = (enum cf_outcome)i;
	return w;
}

static void
html_card(FILE *f, const struct cf_result *r, size_t n, const char *tgt,
    const struct cf_report_opts *o)
{
	static const enum cf_outcome order[] = { CF_O_PASS, CF_O_XFAIL,
	    CF_O_XPASS, CF_O_FAIL, CF_O_TIMEOUT, CF_O_ERROR,
	    CF_O_UNSUPPORTED };
	struct cf_totals t;
	int		 ok = 1;
	size_t		 i;

	memset(&t, 0, sizeof(t));
	cf_report_count(r, n, tgt, NULL, &t);
	if (t.n[CF_O_FAIL] + t.n[CF_O_TIMEOUT] + t.n[CF_O_ERROR] != 0 ||
	    (o->xpass_fails && t.n[CF_O_XPASS] != 0))
		ok = 0;
	fputs("<div class=\"card\"><h3><span>", f);
	put_esc(f, tgt, 0);
	fprintf(f, "</span><span class=\"badge %s\">%s</span></h3>",
	    ok ? "ok" : "bad", ok ? "conforms" : "deviates");
	fputs("<div class=\"bar\">", f);
	for (i = 0; i < NELEM(order); i++)
		if (t.n[order[i]] != 0)
			fprintf(f, "<span class=\"o-%s\" style=\"width:%.2f%%\" "
			    "title=\"%zu %s\"></span>", outcome_names[order[i]],
			    100.0 * (double)t.n[order[i]] / (double)t.total,
			    t.n[order[i]], outcome_label[order[i]]);
	fputs("</div><div class=\"nums\">", f);
	for (i = 0; i < NELEM(order); i++)
		if (t.n[order[i]] != 0 || order[i] == CF_O_PASS ||
		    order[i] == CF_O_FAIL)
			fprintf(f, "<span><b>%zu</b> %s</span>", t.n[order[i]],
			    order[i] == CF_O_XFAIL ? "expected dev." :
			    order[i] == CF_O_XPASS ? "unexpected pass" :
			    outcome_names[order[i]]);
	fprintf(f, "<span><b>%zu</b> runs, %.1f s</span></div></div>\n",
	    t.total, t.seconds);
}

static void
html_detail(FILE *f, const struct view *v, size_t i,
    const struct cf_report_opts *o)
{
	const struct cf_result *r = &v->r[i];
	enum cf_outcome	c = cf_outcome_of(r);
	char		name[512], react[160], detail[sizeof(r->detail) + 1];
	char		href[PATH_MAX];

	case_name(r, 1, name, sizeof(name));
	reaction_text(r, react, sizeof(react));
	snprintf(detail, sizeof(detail), "%.*s",
	    (int)strnlen(r->detail, sizeof(r->detail)), r->detail);
	fprintf(f, "<div class=\"det b-%s\" id=\"r%zu\"><h4>"
	    "<span class=\"x o-%s\">%s</span> ", outcome_names[c], i,
	    outcome_names[c], outcome_sym[c]);
	put_esc(f, name, 0);
	fprintf(f, " &mdash; %s (%.3f s)</h4><dl>", outcome_label[c],
	    r->seconds);
	html_dd(f, "case", r->desc);
	html_dd(f, "expected", r->expect);
	html_dd(f, "peer", react);
	html_dd(f, "detail", detail);
	html_dd(f, "reference", r->ref);
	html_dd(f, "tags", r->tags);
	if (r->expected_fail)
		html_dd(f, "profile", r->profile_reason);
	if (r->wirelog != NULL) {
		wirelog_href(r, o, href, sizeof(href));
		fputs("<dt>wirelog</dt><dd><a href=\"", f);
		put_esc(f, href, 1);
		fputs("\">", f);
		put_esc(f, r->wirelog, 0);
		fputs("</a></dd>", f);
	}
	fputs("</dl></div>\n", f);
}

/* see report.h */
int
cf_report_html(FILE *f, const struct cf_result *r, size_t n,
    const struct cf_report_opts *o)
{
	static const enum cf_outcome legend[] = { CF_O_PASS, CF_O_FAIL,
	    CF_O_TIMEOUT, CF_O_XFAIL, CF_O_XPASS, CF_O_UNSUPPORTED,
	    CF_O_ERROR };
	const char	*title = o->title != NULL ? o->title :
			    "msgr2 conformance report";
	static const char *const sections[] = { "Needs a look",
	    "Expected deviations", "Unsupported" };
	struct view	 v;
	size_t		 i, j, t, a, ndet, sec;

	if (view_init(&v, r, n) != 0)
		return -1;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width,initial-scale=1\">\n<title>", f);
	put_esc(f, title, 0);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n"
	    "<header><h1>", html_css);
	put_esc(f, title, 0);
	fprintf(f, "</h1><p>%zu case runs, %zu cases, %zu target%s",
	    n, v.rows.n, v.tgts.n, v.tgts.n == 1 ? "" : "s");
	if (o->generated != NULL) {
		fputs(" &middot; ", f);
		put_esc(f, o->generated, 0);
	}
	fputs("</p></header>\n<main>\n<h2>Targets</h2>\n<div class=\"cards\">\n",
	    f);
	for (t = 0; t < v.tgts.n; t++)
		html_card(f, r, n, v.tgts.name[t], o);
	fputs("</div>\n<div class=\"legend\">", f);
	for (i = 0; i < NELEM(legend); i++)
		fprintf(f, "<span><span class=\"x o-%s\">%s</span> %s</span>",
		    outcome_names[legend[i]], outcome_sym[legend[i]],
		    legend[i] == CF_O_XFAIL ? "expected deviation (profile)" :
		    legend[i] == CF_O_XPASS ? "unexpected pass (profile)" :
		    outcome_names[legend[i]]);
	fputs("<span><span class=\"none\">&middot;</span> not run</span>",
	    f);
	if (v.multi_var) {
		fputs("<span>variants:", f);
		for (i = 0; i < v.vars.n; i++) {
			char	ab[16];

			var_abbrev(v.vars.name[i], ab, sizeof(ab));
			fputs(" <b>", f);
			put_esc(f, ab[0] != '\0' ? ab : "-", 0);
			fputs("</b>&nbsp;", f);
			put_esc(f, v.vars.name[i], 0);
		}
		fputs("</span>", f);
	}
	fputs("</div>\n<h2>Cases by target</h2>\n<div class=\"areas\">", f);
	for (a = 0; a < v.areas.n; a++) {
		fprintf(f, "<a href=\"#area-%zu\">", a);
		put_esc(f, v.areas.name[a], 0);
		fputs("</a>", f);
	}
	fputs("</div>\n<table class=\"m\">\n<thead><tr><th>case &#9662;</th>"
	    "<th>description</th>", f);
	for (t = 0; t < v.tgts.n; t++) {
		fputs("<th class=\"t\">", f);
		put_esc(f, v.tgts.name[t], 0);
		fputs(" &#9662;</th>", f);
	}
	fputs("</tr></thead>\n", f);
	/* v.ord: area > row > target > variant */
	for (i = 0; i < n;) {
		size_t	ar = v.ord[i].area;

		fprintf(f, "<tbody id=\"area-%zu\"><tr class=\"ar\">"
		    "<th colspan=\"2\">", ar);
		put_esc(f, v.areas.name[ar], 0);
		fputs("</th>", f);
		for (t = 0; t < v.tgts.n; t++) {
			struct cf_totals at;
			enum cf_outcome	 w;

			memset(&at, 0, sizeof(at));
			for (j = i; j < n && v.ord[j].area == ar; j++)
				if (v.ord[j].tgt == t) {
					at.n[cf_outcome_of(&r[v.ord[j].idx])]++;
					at.total++;
				}
			if (at.total == 0) {
				fputs("<td><span class=\"none\">&middot;"
				    "</span></td>", f);
				continue;
			}
			w = worst(&at);
			fprintf(f, "<td><span class=\"cnt w-%s\" title=\""
			    "%zu pass, %zu fail, %zu timeout, %zu expected "
			    "deviation, %zu unexpected pass, %zu unsupported, "
			    "%zu error\">%zu/%zu</span></td>", outcome_names[w],
			    at.n[CF_O_PASS], at.n[CF_O_FAIL],
			    at.n[CF_O_TIMEOUT], at.n[CF_O_XFAIL],
			    at.n[CF_O_XPASS], at.n[CF_O_UNSUPPORTED],
			    at.n[CF_O_ERROR], at.n[CF_O_PASS] +
			    at.n[CF_O_XFAIL], at.total -
			    at.n[CF_O_UNSUPPORTED]);
		}
		fputs("</tr>\n", f);
		while (i < n && v.ord[i].area == ar) {
			size_t			 row = v.ord[i].row;
			const struct cf_result	*c0;

			c0 = &r[v.row_first[row]];
			fputs("<tr><td class=\"id\"><details><summary>", f);
			put_esc(f, v.rows.name[row], 0);
			fputs("</summary><dl>", f);
			html_dd(f, "expected", c0->expect);
			html_dd(f, "reference", c0->ref);
			html_dd(f, "tags", c0->tags);
			fputs("</dl></details></td><td class=\"d\">", f);
			put_esc(f, c0->desc, 0);
			fputs("</td>", f);
			for (t = 0; t < v.tgts.n; t++) {
				int	any = 0;

				fputs("<td class=\"c\">", f);
				for (; i < n && v.ord[i].row == row &&
				    v.ord[i].tgt == t; i++, any = 1)
					html_chip(f, &v, v.ord[i].idx);
				if (!any)
					fputs("<span class=\"none\">&middot;"
					    "</span>", f);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n", f);
	}
	fputs("</table>\n", f);
	/* the lists behind the chips' links: all but passes */
	for (sec = 0; sec < NELEM(sections); sec++) {
		for (ndet = 0, i = 0; i < n; i++)
			ndet += in_section(cf_outcome_of(&r[i]), sec) ? 1 : 0;
		if (ndet == 0)
			continue;
		if (sec == 2)
			fprintf(f, "<details class=\"sec\"><summary><h2>%s "
			    "(%zu)</h2></summary>\n", sections[sec], ndet);
		else
			fprintf(f, "<h2>%s (%zu)</h2>\n", sections[sec], ndet);
		for (i = 0; i < n; i++)
			if (in_section(cf_outcome_of(&r[v.ord[i].idx]), sec))
				html_detail(f, &v, v.ord[i].idx, o);
		if (sec == 2)
			fputs("</details>\n", f);
	}
	fputs("</main>\n<footer>m2conform &middot; outcomes: fail and "
	    "timeout are the peer's; error is the runner's; an expected "
	    "deviation is a failure listed with a reason in the target's "
	    "profile.</footer>\n</body>\n</html>\n", f);
	view_free(&v);
	return finish(f);
}

typedef int (*writer_fn)(FILE *, const struct cf_result *, size_t,
    const struct cf_report_opts *);

static int
write_to(const char *path, writer_fn w, const struct cf_result *r,
    size_t n, const struct cf_report_opts *o, FILE *msg)
{
	FILE	*f;
	int	 rc;

	if (path == NULL)
		return 0;
	if (streq(path, "-"))
		return w(stdout, r, n, o);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(msg, "m2conform: %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = w(f, r, n, o);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(msg, "m2conform: %s: could not write the report\n",
		    path);
	return rc;
}

/* see report.h */
int
cf_report_write_all(const struct cf_result *r, size_t n,
    const struct cf_report_opts *o)
{
	FILE	*msg = o->console != NULL ? o->console : stderr;
	int	 rc = 0;

	if (o->console != NULL &&
	    cf_report_console(o->console, r, n, o) != 0)
		rc = -1;
	if (write_to(o->junit_path, cf_report_junit, r, n, o, msg) != 0)
		rc = -1;
	if (write_to(o->json_path, cf_report_json, r, n, o, msg) != 0)
		rc = -1;
	if (write_to(o->html_path, cf_report_html, r, n, o, msg) != 0)
		rc = -1;
	return rc;
}

/*
 * Reading JSON reports back.  The strings of the results point into the
 * parsed documents, which |priv| keeps alive.
 */
struct merged_priv {
	json_t	**root;
	size_t	  n;
};

/* see report.h */
void
cf_merged_free(struct cf_merged *m)
{
	struct merged_priv	*p = m->priv;
	size_t			 i;

	if (p != NULL) {
		for (i = 0; i < p->n; i++)
			json_decref(p->root[i]);
		free(p->root);
		free(p);
	}
	free(m->r);
	memset(m, 0, sizeof(*m));
}

static const char *
jget(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Reads |path| (at most the cap) and parses it. */
static json_t *
load_capped(const char *path, char *err, size_t errlen)
{
	FILE		*f;
	char		*buf;
	size_t		 len;
	json_t		*j;
	json_error_t	 je;

	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(CF_REPORT_JSON_MAX_BYTES + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	len = fread(buf, 1, CF_REPORT_JSON_MAX_BYTES + 1, f);
	if (ferror(f) || len > CF_REPORT_JSON_MAX_BYTES) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ?
		    "read error" : "larger than the cap");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	free(buf);
	if (j == NULL)
		snprintf(err, errlen, "%s:%d:%d: %s", path, je.line,
		    je.column, je.text);
	return j;
}

/* Joins a JSON array of strings with ',' into a new string kept in |o|
 * under |key|; returns it (NULL if none). */
static const char *
join_tags(json_t *o, json_t *arr, const char *key)
{
	size_t	 i, len = 0;
	char	*s;
	json_t	*v;

	if (json_is_string(arr))
		return json_string_value(arr);
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return NULL;
	json_array_foreach(arr, i, v)
		len += strlen(nz(json_string_value(v))) + 1;
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	s[0] = '\0';
	json_array_foreach(arr, i, v) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, nz(json_string_value(v)));
	}
	json_object_set_new(o, key, json_string(s));
	free(s);
	return jget(o, key);
}

static int
record_from(json_t *rec, const char *label, struct cf_result *r,
    const char *path, size_t idx, char *err, size_t errlen)
{
	json_t		*prof = json_object_get(rec, "profile");
	json_t		*tag = json_object_get(rec, "tag");
	const char	*d;
	int		 v, re;

	memset(r, 0, sizeof(*r));
	if (!json_is_object(rec) || (r->id = jget(rec, "id")) == NULL) {
		snprintf(err, errlen, "%s: result %zu: no \"id\"", path, idx);
		return -1;
	}
	if ((v = cf_verdict_parse(jget(rec, "verdict"))) < 0) {
		snprintf(err, errlen, "%s: result %zu (%s): bad \"verdict\"",
		    path, idx, r->id);
		return -1;
	}
	re = cf_reaction_parse(jget(rec, "reaction"));
	if (re < 0 && json_object_get(rec, "reaction") != NULL) {
		snprintf(err, errlen, "%s: result %zu (%s): bad \"reaction\"",
		    path, idx, r->id);
		return -1;
	}
	r->verdict = (enum cf_verdict)v;
	r->reaction = re < 0 ? CF_R_NONE : (enum cf_reaction)re;
	r->area = jget(rec, "area");
	r->variant = jget(rec, "variant");
	r->target = label != NULL ? label : jget(rec, "target");
	r->ref = jget(rec, "ref");
	r->desc = jget(rec, "desc");
	r->expect = jget(rec, "expectation");
	r->tags = join_tags(rec, json_object_get(rec, "tags"),
	    "_tags_joined");
	r->tag = json_is_integer(tag) && json_integer_value(tag) >= 0 &&
	    json_integer_value(tag) <= INT_MAX ?
	    (int)json_integer_value(tag) : -1;
	if (json_is_integer(json_object_get(rec, "code"))) {
		json_int_t c = json_integer_value(json_object_get(rec,
		    "code"));

		r->code = c >= INT32_MIN && c <= INT32_MAX ? (int32_t)c : 0;
	}
	if ((d = jget(rec, "detail")) != NULL)
		snprintf(r->detail, sizeof(r->detail), "%s", d);
	r->seconds = json_number_value(json_object_get(rec, "duration"));
	if (json_is_object(prof)) {
		r->expected_fail = json_is_true(json_object_get(prof,
		    "expected_fail"));
		r->profile_reason = jget(prof, "reason");
	}
	r->wirelog = jget(rec, "wirelog");
	return 0;
}

/* The default label of a file: its base name without ".json". */
static const char *
file_label(json_t *root, const char *path)
{
	const char	*b = strrchr(path, '/');
	size_t		 len;

	if (jget(root, "target") != NULL)
		return jget(root, "target");
	b = b != NULL ? b + 1 : path;
	len = strlen(b);
	if (len > 5 && streq(b + len - 5, ".json"))
		len -= 5;
	json_object_set_new(root, "_m2_label", json_stringn(b, len));
	return jget(root, "_m2_label");
}

/* see report.h */
int
cf_report_merge_json(const char *const *paths, size_t n,
    struct cf_merged *out, char *err, size_t errlen)
{
	struct merged_priv	*p;
	size_t			 i, k, total = 0;

	memset(out, 0, sizeof(*out));
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->root = calloc(n + 1, sizeof(*p->root))) == NULL) {
		free(p);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	out->priv = p;
	/* parse every file first, to size the result array once */
	for (i = 0; i < n; i++) {
		const char	*path = paths[i], *eq = strchr(path, '=');
		json_t		*res;

		if (eq != NULL && access(path, F_OK) != 0)
			path = eq + 1;
		if ((p->root[i] = load_capped(path, err, errlen)) == NULL)
			goto fail;
		p->n = i + 1;
		res = json_object_get(p->root[i], "results");
		if (!json_is_array(res)) {
			snprintf(err, errlen, "%s: no \"results\" array", path);
			goto fail;
		}
		if (json_array_size(res) > CF_REPORT_MAX_RESULTS - total) {
			snprintf(err, errlen, "%s: more than %u results in all",
			    path, (unsigned)CF_REPORT_MAX_RESULTS);
			goto fail;
		}
		total += json_array_size(res);
		if (eq != NULL && path != paths[i])
			json_object_set_new(p->root[i], "_m2_relabel",
			    json_stringn(paths[i], (size_t)(eq - paths[i])));
	}
	if ((out->r = calloc(total + 1, sizeof(*out->r))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (k = 0, i = 0; i < n; i++) {
		const char	*path = paths[i];
		const char	*label = jget(p->root[i], "_m2_relabel");
		const char	*deflt;
		json_t		*res = json_object_get(p->root[i], "results");
		json_t		*rec;
		size_t		 j;

		if (label != NULL)
			path = strchr(path, '=') + 1;
		deflt = file_label(p->root[i], path);
		json_array_foreach(res, j, rec) {
			if (record_from(rec, label, &out->r[k], path, j, err,
			    errlen) != 0)
				goto fail;
			if (out->r[k].target == NULL)
				out->r[k].target = deflt;
			k++;
		}
	}
	out->n = k;
	return 0;
fail:
	cf_merged_free(out);
	return -1;
}

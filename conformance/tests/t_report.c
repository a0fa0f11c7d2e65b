/* SPDX-License-Identifier: MIT */
/*
 * Unit test of the conformance reports and profiles (report.h, profile.h):
 * feeds synthetic results, checks profiles and the JSON round trip here,
 * and leaves the reports in OUTDIR for tests/test_report.py to parse.
 *
 *	t_report OUTDIR [PROFILE...]	(each PROFILE must load)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ref/tests/t.h"
#include "../profile.h"
#include "../report.h"

/* Strings meant to trip escaping: markup, quotes, a control character,
 * a stray byte that is not UTF-8, and real UTF-8. */
#define HOSTILE	"<b>&amp;\"quoted\" 'single' \x01 bad\xff byte \xc2\xa7" "5.1"

static struct cf_result	base[] = {
	{ .id = "banner.ok", .area = "banner", .variant = "rev1-crc",
	  .verdict = CF_PASS, .reaction = CF_R_COMPLETED, .tag = -1,
	  .desc = "a correct banner", .expect = "the peer answers HELLO",
	  .ref = "SPEC-NOTES \xc2\xa7" "5.1", .seconds = 0.0123 },
	{ .id = "banner.ok", .area = "banner", .variant = "rev0-crc",
	  .verdict = CF_PASS, .reaction = CF_R_COMPLETED, .tag = -1,
	  .desc = "a correct banner", .expect = "the peer answers HELLO",
	  .ref = "SPEC-NOTES \xc2\xa7" "5.1", .seconds = 0.01 },
	{ .id = "banner.msgr1", .area = "banner", .variant = "rev1-crc",
	  .verdict = CF_FAIL, .reaction = CF_R_FRAME, .tag = 3, .code = -95,
	  .desc = "a msgr1 banner", .expect = "closes the connection",
	  .ref = "ProtocolV2::_handle_peer_banner", .tags = "cve-2020-1759, x",
	  .detail = HOSTILE, .seconds = 0.5, .wirelog = "banner.msgr1.log" },
	{ .id = "banner.msgr1", .area = "banner", .variant = "rev0-crc",
	  .verdict = CF_TIMEOUT, .reaction = CF_R_SILENCE, .tag = -1,
	  .desc = "a msgr1 banner", .expect = "closes the connection",
	  .detail = "no byte in 2 s", .seconds = 2.0 },
	{ .id = "preamble.seg0", .area = "preamble", .variant = "rev1-crc",
	  .verdict = CF_PASS, .reaction = CF_R_CLOSE, .tag = -1,
	  .desc = "zero segments", .expect = "closes the connection",
	  .seconds = 0.002 },
	{ .id = "preamble.seg5", .area = "preamble", .variant = "rev1-crc",
	  .verdict = CF_UNSUPPORTED, .reaction = CF_R_NONE, .tag = -1,
	  .desc = "five segments", .expect = "closes the connection",
	  .detail = "needs secure mode" },
	{ .id = "preamble.len2g", .area = "preamble", .variant = "rev1-crc",
	  .verdict = CF_ERROR, .reaction = CF_R_REFUSED, .tag = -1,
	  .desc = "a 2 GiB segment", .expect = "closes the connection",
	  .detail = "connect: Connection refused" },
	{ .id = "auth.bad-method", .area = "auth", .variant = "rev1-crc",
	  .verdict = CF_FAIL, .reaction = CF_R_RESET, .tag = -1,
	  .desc = "an unknown auth method", .expect =
	  "sends AUTH_BAD_METHOD", .seconds = 0.03 },
	{ .id = "auth.reclaim", .area = "auth", .variant = "rev1-crc",
	  .verdict = CF_PASS, .reaction = CF_R_FRAME, .tag = 6,
	  .desc = "global_id reclaim", .expect = "sends AUTH_DONE",
	  .seconds = 0.04 },
	{ .id = "auth.weird-tag", .area = "auth", .variant = "-",
	  .verdict = CF_FAIL, .reaction = CF_R_FRAME, .tag = 99,
	  .desc = "no such tag", .expect = "closes", .seconds = 0.001 },
};
#define NBASE	(sizeof(base) / sizeof(base[0]))

static const char profile_text[] =
	"# ceph-mon 16.2.15, synthetic\n"
	"\n"
	"banner.msgr1 @rev1-*: Ceph answers a msgr1 banner with a frame "
	    "(issue #12: see ProtocolV2.cc)\n"
	"   banner.msgr1:   times out instead   \n"
	"auth.bad-*: resets\r\n"
	"auth.reclaim: listed although it passes\n"
	"preamble.seg5: unsupported stays unsupported\n"
	"preamble.len2g: errors stay errors\n"
	"gone.case: matches nothing\n"
	"  # indented comment\n";

static struct cf_profile	prof, prof2;

static void
test_profile(void)
{
	struct cf_result		 r[NBASE];
	const struct cf_profile_entry	*st[4];
	size_t				 i;

	memcpy(r, base, sizeof(r));
	T_EQ(cf_profile_parse("synthetic", profile_text,
	    strlen(profile_text), &prof), 0);
	T_EQ(prof.n, 7);
	T_STR(prof.e[0].id_glob, "banner.msgr1");
	T_STR(prof.e[0].variant_glob, "rev1-*");
	T_STR(prof.e[0].reason, "Ceph answers a msgr1 banner with a frame "
	    "(issue #12: see ProtocolV2.cc)");
	T_EQ(prof.e[0].line, 3);
	T_CHECK(prof.e[1].variant_glob == NULL, "no variant glob");
	T_STR(prof.e[1].reason, "times out instead");
	T_STR(prof.e[2].reason, "resets");
	T_EQ(cf_profile_apply(&prof, r, NBASE), 6);
	T_EQ(cf_outcome_of(&r[0]), CF_O_PASS);
	T_EQ(cf_outcome_of(&r[2]), CF_O_XFAIL);
	T_STR(r[2].profile_reason, prof.e[0].reason);
	T_EQ(cf_outcome_of(&r[3]), CF_O_XFAIL);	/* timeout, listed */
	T_STR(r[3].profile_reason, "times out instead");
	T_EQ(cf_outcome_of(&r[5]), CF_O_UNSUPPORTED);
	T_EQ(r[5].expected_fail, 1);
	T_EQ(cf_outcome_of(&r[6]), CF_O_ERROR);
	T_EQ(cf_outcome_of(&r[7]), CF_O_XFAIL);
	T_EQ(cf_outcome_of(&r[8]), CF_O_XPASS);
	T_EQ(cf_outcome_of(&r[9]), CF_O_FAIL);
	T_EQ(cf_report_ok(r, NBASE, 0), 0);	/* the error, the fail */
	T_EQ(cf_report_ok(r, 7, 0), 0);		/* the error */
	T_EQ(cf_report_ok(r, 6, 0), 1);
	T_EQ(cf_report_ok(r, 5, 0), 1);		/* pass and xfail only */
	T_EQ(cf_report_ok(&r[8], 1, 0), 1);
	T_EQ(cf_report_ok(&r[8], 1, 1), 0);	/* strict about XPASS */
	T_EQ(cf_profile_stale(&prof, r, NBASE, st, 4), 1);
	T_STR(st[0]->id_glob, "gone.case");
	/* a match of "-" for an empty variant, and clearing */
	T_CHECK(cf_profile_match(&prof, "banner.msgr1", NULL) ==
	    &prof.e[1], "variant NULL is \"-\"");
	T_EQ(cf_profile_apply(NULL, r, NBASE), 0);
	for (i = 0; i < NBASE; i++)
		T_CHECK(!r[i].expected_fail && r[i].profile_reason == NULL,
		    "cleared %zu", i);
}

static void
bad_profile(const char *text, const char *want)
{
	T_EQ(cf_profile_parse("bad", text, strlen(text), &prof2), -1);
	T_CHECK(strstr(prof2.err, want) != NULL, "\"%s\": got \"%s\", "
	    "want \"%s\"", text, prof2.err, want);
	T_EQ(prof2.n, 0);
}

static void
test_profile_errors(const char *dir)
{
	static char	big[CF_PROFILE_MAX_BYTES + 2];
	char		path[512];
	FILE		*f;
	size_t		 i, o;

	bad_profile("a.b reason\n", "bad:1: no ':'");
	bad_profile("# c\na.b:\n", "bad:2: empty reason");
	bad_profile("a.b:   \t\n", "empty reason");
	bad_profile(": reason\n", "empty case pattern");
	bad_profile("a b: reason\n", "blank inside the case pattern");
	bad_profile("a @: reason\n", "empty variant");
	bad_profile("a @x y: reason\n", "blank inside the variant");
	memset(big, 'a', 200);
	memcpy(big + 200, ": r\n", 5);
	bad_profile(big, "case pattern longer");
	T_EQ(cf_profile_parse("nul", "a: b\0c: d\n", 10, &prof2), -1);
	T_CHECK(strstr(prof2.err, "NUL") != NULL, "%s", prof2.err);
	/* entries: at the cap loads, one more fails */
	for (o = 0, i = 0; i < CF_PROFILE_MAX_ENTRIES + 1; i++)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "c%zu: r\n", i);
	T_EQ(cf_profile_parse("many", big, o, &prof2), -1);
	T_CHECK(strstr(prof2.err, "more than 1024 entries") != NULL, "%s",
	    prof2.err);
	T_EQ(cf_profile_parse("many", big, o - strlen("c1024: r\n"), &prof2),
	    0);
	T_EQ(prof2.n, CF_PROFILE_MAX_ENTRIES);
	/* the file cap: exactly at it loads, one byte over fails */
	memset(big, '#', sizeof(big));
	big[CF_PROFILE_MAX_BYTES - 1] = '\n';
	snprintf(path, sizeof(path), "%s/cap.txt", dir);
	if ((f = fopen(path, "wb")) != NULL) {
		fwrite(big, 1, CF_PROFILE_MAX_BYTES, f);
		fclose(f);
	}
	T_EQ(cf_profile_load(path, &prof2), 0);
	T_EQ(prof2.n, 0);
	if ((f = fopen(path, "wb")) != NULL) {
		fwrite(big, 1, CF_PROFILE_MAX_BYTES + 1, f);
		fclose(f);
	}
	T_EQ(cf_profile_load(path, &prof2), -1);
	T_CHECK(strstr(prof2.err, "larger than") != NULL, "%s", prof2.err);
	T_EQ(cf_profile_load("/nonexistent/p.txt", &prof2), -1);
	T_CHECK(strstr(prof2.err, "/nonexistent/p.txt: ") != NULL, "%s",
	    prof2.err);
}

static FILE *
open_in(const char *dir, const char *name)
{
	char	path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fopen(path, "w");
}

static void
path_in(char *buf, size_t len, const char *dir, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* Same strings and numbers, field by field (|detail| as sanitized). */
static void
same_result(const struct cf_result *a, const struct cf_result *b)
{
#define S(x) T_CHECK((a->x == NULL && b->x == NULL) || (a->x != NULL &&	\
	b->x != NULL && strcmp(a->x, b->x) == 0), "%s: %s: \"%s\" vs \"%s\"",\
	a->id, #x, a->x ? a->x : "(null)", b->x ? b->x : "(null)")
	S(id);
	S(area);
	S(variant);
	S(target);
	S(ref);
	S(desc);
	S(expect);
	S(profile_reason);
	S(wirelog);
#undef S
	T_EQ(a->verdict, b->verdict);
	T_EQ(a->reaction, b->reaction);
	T_EQ(a->tag, b->tag);
	T_EQ(a->code, b->code);
	T_EQ(a->expected_fail, b->expected_fail);
	T_CHECK(a->seconds - b->seconds < 1e-6 &&
	    b->seconds - a->seconds < 1e-6, "%s: seconds", a->id);
	if (strcmp(a->id, "banner.msgr1") != 0 ||
	    strcmp(a->variant, "rev1-crc") != 0)
		T_STR(a->detail, b->detail);
}

static void
test_reports(const char *dir)
{
	static struct cf_result	r1[NBASE], r2[NBASE];
	struct cf_report_opts	o;
	struct cf_merged	m;
	char			p1[512], p2[512], p3[512], lab[600], err[512];
	char			wl[512];
	const char		*paths[3];
	FILE			*f;
	size_t			 i;

	memcpy(r1, base, sizeof(r1));
	memcpy(r2, base, sizeof(r2));
	for (i = 0; i < NBASE; i++) {
		r1[i].target = "ref-server";
		r2[i].target = "ceph-mon 16.2.15";
		/* the second target passes what the first failed */
		if (r2[i].verdict == CF_FAIL || r2[i].verdict == CF_TIMEOUT) {
			r2[i].verdict = CF_PASS;
			r2[i].reaction = CF_R_CLOSE;
			r2[i].detail[0] = '\0';
		}
	}
	T_EQ(cf_profile_apply(&prof, r2, NBASE), 6);

	/* one run, every report */
	memset(&o, 0, sizeof(o));
	path_in(p1, sizeof(p1), dir, "run1.json");
	path_in(p2, sizeof(p2), dir, "run1.xml");
	path_in(p3, sizeof(p3), dir, "run1.html");
	o.json_path = p1;
	o.junit_path = p2;
	o.html_path = p3;
	path_in(wl, sizeof(wl), dir, "wirelogs");
	o.wirelog_dir = wl;
	o.console = open_in(dir, "console.txt");
	o.title = "synthetic <run> & co";
	o.generated = "t_report";
	T_EQ(cf_report_write_all(r1, NBASE, &o), 0);
	fclose(o.console);

	/* the second target, strict about unexpected passes, coloured */
	memset(&o, 0, sizeof(o));
	path_in(p1, sizeof(p1), dir, "run2.json");
	path_in(p2, sizeof(p2), dir, "run2.xml");
	o.json_path = p1;
	o.junit_path = p2;
	o.console = open_in(dir, "console2.txt");
	o.color = 1;
	o.verbose = 1;
	o.xpass_fails = 1;
	T_EQ(cf_report_write_all(r2, NBASE, &o), 0);
	fclose(o.console);

	/* merge both back and compare */
	path_in(p1, sizeof(p1), dir, "run1.json");
	path_in(p2, sizeof(p2), dir, "run2.json");
	paths[0] = p1;
	paths[1] = p2;
	T_EQ(cf_report_merge_json(paths, 2, &m, err, sizeof(err)), 0);
	T_EQ(m.n, 2 * NBASE);
	for (i = 0; i < NBASE && m.n == 2 * NBASE; i++) {
		same_result(&r1[i], &m.r[i]);
		same_result(&r2[i], &m.r[NBASE + i]);
	}
	/* the hostile detail: valid UTF-8, else intact */
	T_CHECK(m.n > 2 && strstr(m.r[2].detail, "bad\xef\xbf\xbd" "byte")
	    == NULL && strstr(m.r[2].detail, "bad\xef\xbf\xbd byte") != NULL,
	    "detail: %s", m.n > 2 ? m.r[2].detail : "");
	T_STR(m.r[2].tags, "cve-2020-1759,x");

	memset(&o, 0, sizeof(o));
	path_in(p1, sizeof(p1), dir, "merged.json");
	path_in(p2, sizeof(p2), dir, "merged.xml");
	path_in(p3, sizeof(p3), dir, "merged.html");
	o.json_path = p1;
	o.junit_path = p2;
	o.html_path = p3;
	o.title = "two targets";
	T_EQ(cf_report_write_all(m.r, m.n, &o), 0);
	cf_merged_free(&m);
	T_EQ(m.n, 0);

	/* LABEL=PATH relabels; a record without target takes the name */
	path_in(p1, sizeof(p1), dir, "run1.json");
	snprintf(lab, sizeof(lab), "again=%s", p1);
	paths[0] = p1;
	paths[1] = lab;
	T_EQ(cf_report_merge_json(paths, 2, &m, err, sizeof(err)), 0);
	T_EQ(m.n, 2 * NBASE);
	if (m.n == 2 * NBASE) {
		T_STR(m.r[0].target, "ref-server");
		T_STR(m.r[NBASE].target, "again");
	}
	cf_merged_free(&m);
	path_in(p3, sizeof(p3), dir, "notarget.json");
	if ((f = fopen(p3, "w")) != NULL) {
		fputs("{\"results\": [{\"id\": \"a.b\", \"verdict\": "
		    "\"pass\"}]}", f);
		fclose(f);
	}
	paths[0] = p3;
	T_EQ(cf_report_merge_json(paths, 1, &m, err, sizeof(err)), 0);
	T_EQ(m.n, 1);
	if (m.n == 1) {
		T_STR(m.r[0].target, "notarget");
		T_EQ(m.r[0].tag, -1);
		T_EQ(m.r[0].reaction, CF_R_NONE);
	}
	cf_merged_free(&m);

	/* what merging refuses */
	paths[0] = "/nonexistent.json";
	T_EQ(cf_report_merge_json(paths, 1, &m, err, sizeof(err)), -1);
	T_CHECK(strstr(err, "/nonexistent.json") != NULL, "%s", err);
	T_CHECK(m.r == NULL && m.n == 0 && m.priv == NULL, "emptied");
	paths[0] = p3;
	if ((f = fopen(p3, "w")) != NULL) {
		fputs("{\"results\": [{\"id\": \"a.b\", \"verdict\": "
		    "\"great\"}]}", f);
		fclose(f);
	}
	T_EQ(cf_report_merge_json(paths, 1, &m, err, sizeof(err)), -1);
	T_CHECK(strstr(err, "bad \"verdict\"") != NULL, "%s", err);
	if ((f = fopen(p3, "w")) != NULL) {
		fputs("{\"results\": {}}", f);
		fclose(f);
	}
	T_EQ(cf_report_merge_json(paths, 1, &m, err, sizeof(err)), -1);
	T_CHECK(strstr(err, "no \"results\" array") != NULL, "%s", err);
	if ((f = fopen(p3, "w")) != NULL) {
		fputs("{\"results\": [", f);
		fclose(f);
	}
	T_EQ(cf_report_merge_json(paths, 1, &m, err, sizeof(err)), -1);
	T_CHECK(strstr(err, "notarget.json:1:") != NULL, "%s", err);
	/* an empty run still makes well-formed reports */
	memset(&o, 0, sizeof(o));
	path_in(p1, sizeof(p1), dir, "empty.json");
	path_in(p2, sizeof(p2), dir, "empty.xml");
	path_in(p3, sizeof(p3), dir, "empty.html");
	o.json_path = p1;
	o.junit_path = p2;
	o.html_path = p3;
	T_EQ(cf_report_write_all(r1, 0, &o), 0);
	/* an unwritable path fails, the others are still written */
	path_in(p1, sizeof(p1), dir, "still.json");
	o.json_path = p1;
	o.junit_path = "/nonexistent/dir/x.xml";
	o.html_path = NULL;
	o.console = fopen("/dev/null", "w");
	T_EQ(cf_report_write_all(r1, NBASE, &o), -1);
	fclose(o.console);
	T_CHECK((f = fopen(p1, "r")) != NULL, "still.json written");
	if (f != NULL)
		fclose(f);
}

static void
test_names(void)
{
	int	i;

	for (i = CF_PASS; i <= CF_ERROR; i++)
		T_EQ(cf_verdict_parse(cf_verdict_name((enum cf_verdict)i)), i);
	for (i = CF_R_NONE; i <= CF_R_REFUSED; i++)
		T_EQ(cf_reaction_parse(cf_reaction_name((enum cf_reaction)i)),
		    i);
	T_EQ(cf_verdict_parse("nope"), -1);
	T_EQ(cf_reaction_parse(NULL), -1);
	T_STR(cf_outcome_name(CF_O_XPASS), "xpass");
}

int
main(int argc, char **argv)
{
	int	i;

	if (argc < 2) {
		fprintf(stderr, "usage: t_report OUTDIR [PROFILE...]\n");
		return 2;
	}
	test_names();
	test_profile();
	test_profile_errors(argv[1]);
	test_reports(argv[1]);
	for (i = 2; i < argc; i++) {
		T_CHECK(cf_profile_load(argv[i], &prof2) == 0, "%s",
		    prof2.err);
		printf("%s: %zu entries\n", argv[i], prof2.n);
	}
	printf("t_report: %lu passed, %lu failed\n", t_passed, t_failed);
	return t_failed != 0;
}

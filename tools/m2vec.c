/* SPDX-License-Identifier: MIT */
/*
 * m2vec: the vector checker.  Runs the reference against every golden
 * vector (vectors/SCHEMA.md): parse, compare the dump, re-encode, compare
 * the bytes; every strict prefix must be rejected; one appended byte must
 * give M2_E_TRAILING; invalid vectors must fail with their error.  Also
 * writes the fuzz seed corpora from the vectors.
 *
 * "m2vec replay" replays whole sessions (transcripts and captures,
 * vectors/SCHEMA.md "Transcripts") through the dissector and checks them.
 *
 *	m2vec check [-v] [-c CODEC] FILE|DIR ...
 *	m2vec replay [-v] FILE|DIR ...
 *	m2vec corpus OUTDIR FILE|DIR ...
 *	m2vec list
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "m2/m2.h"
#include "tool_common.h"
#include "tool_transcript.h"

#define MAX_INPUT	(80u << 20)
#define DUMP_MAX	(1u << 20)

struct tally {
	char		 codec[64];
	unsigned	 valid, invalid, acceptable, failed;
};

static struct tally	 tallies[128];
static size_t		 ntallies;
static int		 verbose;
static const char	*only_codec;
static char		*dumpbuf;
static uint8_t		*outbuf, *scratch;

static struct tally *
tally_for(const char *codec)
{
	for (size_t i = 0; i < ntallies; i++)
		if (strcmp(tallies[i].codec, codec) == 0)
			return &tallies[i];
	if (ntallies == sizeof(tallies) / sizeof(tallies[0]))
		return &tallies[ntallies - 1];
	snprintf(tallies[ntallies].codec, sizeof(tallies[0].codec), "%s",
	    codec);
	return &tallies[ntallies++];
}

/* Report one failed test; returns 0 so callers can `return fail(...)`. */
static int
fail(const char *file, json_int_t tc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(const char *file, json_int_t tc, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "FAIL %s tcId %lld: ", file, (long long)tc);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 0;
}

/* Decode hex (even length, no separators) into a new buffer. */
static uint8_t *
unhex(const char *s, size_t *n)
{
	return tool_unhex_max(s, MAX_INPUT, n);
}

static void
hexdump_str(const uint8_t *p, size_t n, char *s, size_t cap)
{
	static const char	d[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n && 2 * i + 2 < cap; i++) {
		s[2 * i] = d[p[i] >> 4];
		s[2 * i + 1] = d[p[i] & 15];
	}
	s[2 * i] = '\0';
}

/* The input of a test as bytes: hex, or the text itself. */
static uint8_t *
test_input(json_t *test, int text, size_t *n)
{
	const char	*s = json_string_value(json_object_get(test, "input"));
	uint8_t		*p;

	if (s == NULL)
		return NULL;
	if (!text)
		return unhex(s, n);
	*n = strlen(s);
	p = malloc(*n + 1);
	if (p != NULL)
		memcpy(p, s, *n + 1);
	return p;
}

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/*
 * The checks every row of the codec table gets.  Returns 1 if the test
 * passed.
 */
static int
check_codec_test(const struct m2_codec *k, const char *file, json_t *test)
{
	json_int_t	 tc = json_integer_value(json_object_get(test, "tcId"));
	const char	*result = jstr(test, "result");
	const char	*want_err = jstr(test, "error");
	const char	*want_dump = jstr(test, "dump");
	const char	*want_field = jstr(test, "field");
	uint8_t		*in, *want_out = NULL;
	size_t		 n, want_n = 0, got_n;
	void		*obj;
	struct m2_cur	 c;
	struct m2_buf	 b;
	struct m2_diag	 d;
	m2_err		 e;
	int		 ok = 1;

	if (result == NULL)
		return fail(file, tc, "no result");
	if ((in = test_input(test, k->text, &n)) == NULL)
		return fail(file, tc, "bad input");
	obj = calloc(1, k->size);
	if (obj == NULL) {
		free(in);
		return fail(file, tc, "out of memory");
	}
	memset(&d, 0, sizeof(d));
	m2_cur_init(&c, in, n);
	e = k->parse(&c, obj, &d);

	if (strcmp(result, "valid") == 0) {
		if (e != M2_OK) {
			ok = fail(file, tc, "rejected with %s at %zu (%s)",
			    m2_err_name(e), d.off, d.field ? d.field : "");
			goto out;
		}
		k->dump(obj, dumpbuf, DUMP_MAX);
		if (want_dump != NULL && strcmp(dumpbuf, want_dump) != 0)
			ok = fail(file, tc, "dump\n  got  %s\n  want %s",
			    dumpbuf, want_dump);
		if (jstr(test, "output") != NULL) {
			if (k->text) {
				want_n = strlen(jstr(test, "output"));
				want_out = malloc(want_n + 1);
				if (want_out != NULL)
					memcpy(want_out, jstr(test, "output"),
					    want_n + 1);
			} else {
				want_out = unhex(jstr(test, "output"), &want_n);
			}
			if (want_out == NULL) {
				ok = fail(file, tc, "bad output");
				goto out;
			}
		}
		m2_buf_init(&b, outbuf, MAX_INPUT);
		k->build(&b, obj);
		if (m2_buf_finish(&b, &got_n) != M2_OK) {
			ok = fail(file, tc, "rebuild overflowed");
		} else if (k->text && want_out == NULL) {
			/*
			 * Text has many spellings of one value: the re-encoding
			 * must read back to the same value (Ceph's own output is
			 * not always readable by Ceph: SPEC-NOTES §6).
			 */
			void	*again = calloc(1, k->size);
			char	*d2 = malloc(DUMP_MAX);

			m2_cur_init(&c, outbuf, got_n);
			if (again == NULL || d2 == NULL ||
			    k->parse(&c, again, NULL) != M2_OK)
				ok = fail(file, tc, "re-encoding %.*s does not "
				    "parse", (int)got_n, (const char *)outbuf);
			else if (k->dump(again, d2, DUMP_MAX),
			    strcmp(d2, dumpbuf) != 0)
				ok = fail(file, tc, "re-encoding changed the "
				    "value: %s", d2);
			free(again);
			free(d2);
		} else if (got_n != (want_out ? want_n : n) ||
		    memcmp(outbuf, want_out ? want_out : in, got_n) != 0) {
			char	g[512], w[512];

			hexdump_str(outbuf, got_n, g, sizeof(g));
			hexdump_str(want_out ? want_out : in,
			    want_out ? want_n : n, w, sizeof(w));
			ok = fail(file, tc, "rebuild differs\n  got  %s\n"
			    "  want %s", g, w);
		}
		if (k->text)
			goto out;
		/* Every strict prefix is rejected. */
		for (size_t i = 0; i < n && ok; i++) {
			m2_cur_init(&c, in, i);
			e = k->parse(&c, obj, NULL);
			if (e == M2_OK)
				ok = fail(file, tc, "%zu-byte prefix accepted",
				    i);
			else if (k->fixed_layout && e != M2_E_TRUNC)
				ok = fail(file, tc, "%zu-byte prefix gave %s",
				    i, m2_err_name(e));
		}
		/* One appended byte is trailing. */
		if (ok && n < MAX_INPUT) {
			uint8_t	*more = malloc(n + 1);

			if (more != NULL) {
				memcpy(more, in, n);
				more[n] = 0;
				m2_cur_init(&c, more, n + 1);
				e = k->parse(&c, obj, NULL);
				if (e != M2_E_TRAILING)
					ok = fail(file, tc, "appended byte "
					    "gave %s", m2_err_name(e));
				free(more);
			}
		}
	} else if (strcmp(result, "acceptable") == 0 && e == M2_OK) {
		/* Either answer is right; an acceptance must decode right. */
		k->dump(obj, dumpbuf, DUMP_MAX);
		if (want_dump != NULL && strcmp(dumpbuf, want_dump) != 0)
			ok = fail(file, tc, "accepted as %s, want %s", dumpbuf,
			    want_dump);
	} else if (strcmp(result, "invalid") == 0 ||
	    strcmp(result, "acceptable") == 0) {
		if (e == M2_OK) {
			k->dump(obj, dumpbuf, DUMP_MAX);
			ok = fail(file, tc, "accepted (%s), want %s", dumpbuf,
			    want_err ? want_err : "an error");
		} else if (want_err != NULL && strcmp(m2_err_name(e),
		    want_err) != 0) {
			ok = fail(file, tc, "got %s at %zu (%s), want %s",
			    m2_err_name(e), d.off, d.field ? d.field : "",
			    want_err);
		} else if (want_field != NULL && (d.field == NULL ||
		    strcmp(d.field, want_field) != 0)) {
			ok = fail(file, tc, "field %s, want %s",
			    d.field ? d.field : "(none)", want_field);
		}
	} else {
		ok = fail(file, tc, "unknown result %s", result);
	}
out:
	if (verbose && ok)
		printf("ok   %s tcId %lld\n", file, (long long)tc);
	free(want_out);
	free(obj);
	free(in);
	return ok;
}

/* crc32c known answers: dump "crc=0x..", params.seed. */
static int
check_crc32c_test(const char *file, json_t *group, json_t *test)
{
	json_int_t	 tc = json_integer_value(json_object_get(test, "tcId"));
	json_t		*params = json_object_get(group, "params");
	json_t		*seed = json_object_get(test, "seed");
	uint8_t		*in;
	size_t		 n;
	char		 got[32];
	const char	*want = jstr(test, "dump");

	if (seed == NULL && params != NULL)
		seed = json_object_get(params, "seed");
	if ((in = test_input(test, 0, &n)) == NULL || want == NULL)
		return fail(file, tc, "bad input");
	snprintf(got, sizeof(got), "crc=0x%x",
	    m2_crc32c((uint32_t)json_integer_value(seed), in, n));
	free(in);
	if (strcmp(got, want) != 0)
		return fail(file, tc, "got %s want %s", got, want);
	return 1;
}


/* ---- frame codecs: params secret, role, frameIndex (SCHEMA.md) ---- */

static int
frame_codec(const char *codec)
{
	enum m2_fmt	fmt;

	return m2_fmt_from_name(codec, &fmt) ||
	    strcmp(codec, "secure_keys") == 0 || strcmp(codec, "dissect") == 0;
}

static void
list_frame_codecs(void)
{
	for (int f = 0; f < M2_FMT_COUNT; f++)
		printf("%s\n", m2_fmt_name((enum m2_fmt)f));
	printf("crc32c\nsecure_keys\ndissect\n");
}

/*
 * Key |g| with the receive nonce of the group's |role|, moved on by
 * |frameIndex| GCM operations.  The same state serves the sender of those
 * frames, whose send nonce is the receiver's receive nonce.
 */
static int
frame_gcm(struct m2_gcm *g, enum m2_fmt fmt, json_t *params)
{
	const char	*hex = jstr(params, "secret");
	const char	*role = jstr(params, "role");
	uint8_t		*secret, key[16], rxn[12], txn[12];
	size_t		 n;
	m2_err		 e;

	if (hex == NULL || role == NULL || (secret = unhex(hex, &n)) == NULL)
		return 0;
	e = m2_secure_keys(secret, n, strcmp(role, "server") == 0 ?
	    M2_ROLE_SERVER : M2_ROLE_CLIENT, key, rxn, txn);
	free(secret);
	if (e != M2_OK || m2_gcm_init(g, key, rxn, m2_fmt_rev1(fmt)) != M2_OK)
		return 0;
	if (m2_gcm_advance(g, (uint64_t)json_integer_value(
	    json_object_get(params, "frameIndex"))) != M2_OK) {
		m2_gcm_wipe(g);
		return 0;
	}
	return 1;
}

static m2_err
frame_parse_with(enum m2_fmt fmt, json_t *params, const uint8_t *p,
    size_t n, struct m2_frame *f, struct m2_diag *d)
{
	struct m2_gcm	g;
	m2_err		e;

	if (!m2_fmt_secure(fmt))
		return m2_frame_parse(fmt, NULL, p, n, scratch, MAX_INPUT, f,
		    d);
	if (!frame_gcm(&g, fmt, params))
		return M2_E_USAGE;
	e = m2_frame_parse(fmt, &g, p, n, scratch, MAX_INPUT, f, d);
	m2_gcm_wipe(&g);
	return e;
}

/*
 * The session dissector (codec "dissect"): input le32 n | n bytes the
 * client sent | the bytes the server sent; params session_key (absent:
 * not given) and connection_secret.  Valid: no error, nothing left
 * undecoded, and the summary equals dump.  Invalid: the first error is
 * |error|, in |errorDirection| when given.
 */
static int
check_dissect_test(const char *file, json_t *group, json_t *test)
{
	json_int_t		 tc = json_integer_value(json_object_get(test,
				    "tcId"));
	json_t			*params = json_object_get(group, "params");
	const char		*result = jstr(test, "result");
	const char		*want_err = jstr(test, "error");
	const char		*want_dir = jstr(test, "errorDirection");
	const char		*want_dump = jstr(test, "dump");
	struct tool_session	 s;
	struct tool_replay	 r;
	uint8_t			*in;
	size_t			 n;
	uint32_t		 split;
	int			 ok = 1;

	if (json_object_get(test, "params") != NULL)
		params = json_object_get(test, "params");
	if ((in = test_input(test, 0, &n)) == NULL || result == NULL || n < 4)
		return fail(file, tc, "bad input");
	memset(&s, 0, sizeof(s));
	split = m2_load_le32(in);
	if (split > n - 4) {
		free(in);
		return fail(file, tc, "bad split");
	}
	s.c2s = in + 4;
	s.c2s_len = split;
	s.s2c = in + 4 + split;
	s.s2c_len = n - 4 - split;
	if (jstr(params, "session_key") != NULL) {
		s.session_key = unhex(jstr(params, "session_key"),
		    &s.session_key_len);
		s.have_session_key = 1;
	}
	if (jstr(params, "connection_secret") != NULL)
		s.con_secret = unhex(jstr(params, "connection_secret"),
		    &s.con_secret_len);
	if (tool_replay_session(&s, NULL, 0, &r) != 0) {
		ok = fail(file, tc, "out of memory");
		goto out;
	}
	if (strcmp(result, "valid") == 0) {
		if (r.err != M2_OK)
			ok = fail(file, tc, "%s %s at %zu (%s)",
			    m2_dir_name(r.err_dir), m2_err_name(r.err),
			    r.diag.off, r.diag.field ? r.diag.field : "");
		else if (r.opaque != 0)
			ok = fail(file, tc, "%zu bytes not decoded", r.opaque);
		else if (want_dump != NULL && strcmp(want_dump, r.summary))
			ok = fail(file, tc, "dump\n  got  %s\n  want %s",
			    r.summary, want_dump);
	} else if (r.err == M2_OK) {
		ok = fail(file, tc, "accepted (%s), want %s", r.summary,
		    want_err ? want_err : "an error");
	} else if (want_err != NULL && strcmp(want_err,
	    m2_err_name(r.err)) != 0) {
		ok = fail(file, tc, "got %s %s at %zu (%s), want %s",
		    m2_dir_name(r.err_dir), m2_err_name(r.err), r.diag.off,
		    r.diag.field ? r.diag.field : "", want_err);
	} else if (want_dir != NULL && strcmp(want_dir,
	    m2_dir_name(r.err_dir)) != 0) {
		ok = fail(file, tc, "%s in %s, want %s", m2_err_name(r.err),
		    m2_dir_name(r.err_dir), want_dir);
	}
	tool_replay_free(&r);
out:
	if (verbose && ok)
		printf("ok   %s tcId %lld\n", file, (long long)tc);
	free(s.session_key);
	free(s.con_secret);
	free(in);
	return ok;
}

static int
check_frame_codec_test(const char *codec, const char *file, json_t *group,
    json_t *test)
{
	json_int_t	 tc = json_integer_value(json_object_get(test, "tcId"));
	json_t		*params = json_object_get(group, "params");
	const char	*result = jstr(test, "result");
	const char	*want_err = jstr(test, "error");
	const char	*want_dump = jstr(test, "dump");
	uint8_t		*in, *want_out = NULL, *copy = NULL;
	size_t		 n, want_n = 0, got_n;
	struct m2_frame	 f;
	struct m2_diag	 d;
	struct m2_gcm	 tx;
	struct m2_buf	 b;
	enum m2_fmt	 fmt;
	m2_err		 e;
	int		 ok = 1;

	if (json_object_get(test, "params") != NULL)
		params = json_object_get(test, "params");
	if ((in = test_input(test, 0, &n)) == NULL || result == NULL)
		return fail(file, tc, "bad input");
	if (strcmp(codec, "dissect") == 0) {
		free(in);
		return check_dissect_test(file, group, test);
	}
	if (strcmp(codec, "secure_keys") == 0) {
		m2_secure_keys_dump(in, n, dumpbuf, DUMP_MAX);
		if (strcmp(result, "valid") == 0 && (want_dump == NULL ||
		    strcmp(dumpbuf, want_dump) != 0))
			ok = fail(file, tc, "got %s", dumpbuf);
		else if (strcmp(result, "valid") != 0 && dumpbuf[0] != '\0')
			ok = fail(file, tc, "short secret accepted");
		free(in);
		return ok;
	}
	if (!m2_fmt_from_name(codec, &fmt)) {
		free(in);
		return fail(file, tc, "unknown frame codec");
	}
	memset(&d, 0, sizeof(d));
	e = frame_parse_with(fmt, params, in, n, &f, &d);
	if (strcmp(result, "valid") != 0) {
		if (e == M2_OK)
			ok = fail(file, tc, "accepted, want %s",
			    want_err ? want_err : "an error");
		else if (want_err && strcmp(want_err, m2_err_name(e)) != 0)
			ok = fail(file, tc, "got %s at %zu (%s), want %s",
			    m2_err_name(e), d.off, d.field ? d.field : "",
			    want_err);
		goto out;
	}
	if (e != M2_OK) {
		ok = fail(file, tc, "rejected with %s at %zu (%s)",
		    m2_err_name(e), d.off, d.field ? d.field : "");
		goto out;
	}
	m2_frame_dump(fmt, &f, dumpbuf, DUMP_MAX);
	if (want_dump != NULL && strcmp(dumpbuf, want_dump) != 0) {
		ok = fail(file, tc, "dump\n  got  %.300s\n  want %.300s",
		    dumpbuf, want_dump);
		goto out;
	}
	/* Rebuild: the sender's send nonce is the receiver's receive one. */
	if (jstr(test, "output") != NULL &&
	    (want_out = unhex(jstr(test, "output"), &want_n)) == NULL) {
		ok = fail(file, tc, "bad output");
		goto out;
	}
	if (m2_fmt_secure(fmt) && !frame_gcm(&tx, fmt, params)) {
		ok = fail(file, tc, "bad params");
		goto out;
	}
	m2_buf_init(&b, outbuf, MAX_INPUT);
	e = m2_frame_build(&b, fmt, m2_fmt_secure(fmt) ? &tx : NULL, &f);
	if (m2_fmt_secure(fmt))
		m2_gcm_wipe(&tx);
	if (e != M2_OK || m2_buf_finish(&b, &got_n) != M2_OK)
		ok = fail(file, tc, "rebuild failed: %s", m2_err_name(e));
	else if (got_n != (want_out ? want_n : n) ||
	    memcmp(outbuf, want_out ? want_out : in, got_n) != 0)
		ok = fail(file, tc, "rebuild differs (%zu bytes, want %zu)",
		    got_n, want_out ? want_n : n);
	/* Every strict prefix is truncated; one more byte is trailing. */
	for (size_t i = 0; i < n && ok; i++) {
		e = frame_parse_with(fmt, params, in, i, &f, NULL);
		if (e != M2_E_TRUNC)
			ok = fail(file, tc, "%zu-byte prefix gave %s", i,
			    m2_err_name(e));
	}
	if (ok && (copy = malloc(n + 1)) != NULL) {
		memcpy(copy, in, n);
		copy[n] = 0;
		e = frame_parse_with(fmt, params, copy, n + 1, &f, NULL);
		if (e != M2_E_TRAILING)
			ok = fail(file, tc, "appended byte gave %s",
			    m2_err_name(e));
	}
out:
	if (verbose && ok)
		printf("ok   %s tcId %lld\n", file, (long long)tc);
	free(copy);
	free(want_out);
	free(in);
	return ok;
}

/*
 * A fuzz/fz_dissect.c input from a "dissect" test: u8 key length (0xff:
 * no key given) | key | u8 secret length | secret | the test's input.
 */
static void
dissect_seed(json_t *group, json_t *test, uint8_t **in, size_t *n)
{
	json_t		*params = json_object_get(group, "params");
	uint8_t		*key = NULL, *sec = NULL, *s;
	size_t		 kn = 0, sn = 0, w = 0;

	if (json_object_get(test, "params") != NULL)
		params = json_object_get(test, "params");
	if (jstr(params, "session_key") != NULL)
		key = unhex(jstr(params, "session_key"), &kn);
	if (jstr(params, "connection_secret") != NULL)
		sec = unhex(jstr(params, "connection_secret"), &sn);
	if (kn > 0xfe || sn > 0xff || (s = malloc(2 + kn + sn + *n)) == NULL) {
		free(key);
		free(sec);
		return;
	}
	s[w++] = key != NULL ? (uint8_t)kn : 0xff;
	if (kn != 0)
		memcpy(s + w, key, kn);
	w += kn;
	s[w++] = (uint8_t)sn;
	if (sn != 0)
		memcpy(s + w, sec, sn);
	w += sn;
	memcpy(s + w, *in, *n);
	free(*in);
	free(key);
	free(sec);
	*in = s;
	*n = w + *n;
}

/*
 * Seeds for the frame targets (fuzz/fz_frame.h): crc frames as raw-mode
 * inputs (ctl 0x01); secure frames as structured inputs rebuilt from the
 * decrypted frame, since the harness uses its own key.
 */
static void
corpus_seed(const char *codec, json_t *group, json_t *test, uint8_t **in,
    size_t *n)
{
	json_t		*params = json_object_get(group, "params");
	struct m2_frame	 f;
	enum m2_fmt	 fmt;
	uint8_t		*s;
	size_t		 len = 0, w;

	if (codec != NULL && strcmp(codec, "preamble") == 0) {
		if ((s = malloc(*n + 1)) == NULL)
			return;
		s[0] = 0x01;			/* keep the vector's crc */
		memcpy(s + 1, *in, *n);
		free(*in);
		*in = s;
		*n += 1;
		return;
	}
	if (codec != NULL && strcmp(codec, "dissect") == 0) {
		dissect_seed(group, test, in, n);
		return;
	}
	if (codec == NULL || !m2_fmt_from_name(codec, &fmt))
		return;
	if (!m2_fmt_secure(fmt)) {
		if ((s = malloc(*n + 1)) == NULL)
			return;
		s[0] = 0x01;
		memcpy(s + 1, *in, *n);
		free(*in);
		*in = s;
		*n += 1;
		return;
	}
	if (json_object_get(test, "params") != NULL)
		params = json_object_get(test, "params");
	if (frame_parse_with(fmt, params, *in, *n, &f, NULL) != M2_OK)
		return;
	for (size_t i = 0; i < f.nseg; i++)
		len += f.seg[i].len > 0xffff ? 0xffff : f.seg[i].len;
	if ((s = malloc(1 + 4 + 8 + 3 + len)) == NULL)
		return;
	s[0] = 0;
	s[1] = f.tag;
	s[2] = (uint8_t)(f.nseg - 1);
	s[3] = f.late;
	s[4] = f.flags;
	for (size_t i = 0; i < 4; i++)
		m2_store_le16(s + 5 + 2 * i, (uint16_t)(i < f.nseg &&
		    f.seg[i].len <= 0xffff ? f.seg[i].len : 0));
	memset(s + 13, 0, 3);
	w = 16;
	for (size_t i = 0; i < f.nseg; i++) {
		size_t	l = f.seg[i].len > 0xffff ? 0 : f.seg[i].len;

		if (l != 0)
			memcpy(s + w, f.seg[i].p, l);
		w += l;
	}
	free(*in);
	*in = s;
	*n = w;
}

static int
check_file(const char *path)
{
	json_error_t		 jerr;
	json_t			*root, *groups;
	const char		*codec;
	const struct m2_codec	*k;
	struct tally		*t;
	size_t			 gi, ti, count = 0;
	int			 text;

	root = json_load_file(path, 0, &jerr);
	if (root == NULL) {
		fprintf(stderr, "FAIL %s: %s at line %d\n", path, jerr.text,
		    jerr.line);
		tally_for("(unreadable)")->failed++;
		return 0;
	}
	codec = jstr(root, "codec");
	if (codec == NULL || (only_codec && strcmp(codec, only_codec) != 0)) {
		json_decref(root);
		return 1;
	}
	t = tally_for(codec);
	k = m2_codec_find(codec);
	text = jstr(root, "inputEncoding") != NULL &&
	    strcmp(jstr(root, "inputEncoding"), "text") == 0;
	groups = json_object_get(root, "testGroups");
	for (gi = 0; gi < json_array_size(groups); gi++) {
		json_t	*g = json_array_get(groups, gi);
		json_t	*tests = json_object_get(g, "tests");

		for (ti = 0; ti < json_array_size(tests); ti++) {
			json_t		*test = json_array_get(tests, ti);
			const char	*r = jstr(test, "result");
			int		 ok;

			if (k != NULL) {
				if (k->text != text)
					ok = fail(path, 0, "inputEncoding");
				else
					ok = check_codec_test(k, path, test);
			} else if (strcmp(codec, "crc32c") == 0) {
				ok = check_crc32c_test(path, g, test);
			} else if (frame_codec(codec)) {
				ok = check_frame_codec_test(codec, path, g,
				    test);
			} else {
				ok = fail(path, 0, "unknown codec %s", codec);
			}
			count++;
			if (!ok)
				t->failed++;
			else if (r && strcmp(r, "valid") == 0)
				t->valid++;
			else if (r && strcmp(r, "acceptable") == 0)
				t->acceptable++;
			else
				t->invalid++;
		}
	}
	if ((json_int_t)count != json_integer_value(json_object_get(root,
	    "numberOfTests"))) {
		fprintf(stderr, "FAIL %s: numberOfTests is not %zu\n", path,
		    count);
		t->failed++;
	}
	json_decref(root);
	return 1;
}

static int
is_json(const char *name)
{
	size_t	n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Call |fn| on FILE, or on every *.json directly inside DIR, sorted. */
static void
each_file(const char *path, int (*fn)(const char *))
{
	struct stat	 st;
	DIR		*dir;
	struct dirent	*de;
	char		*names[512];
	size_t		 n = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "FAIL %s: %s\n", path, strerror(errno));
		tally_for("(missing)")->failed++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		fn(path);
		return;
	}
	if ((dir = opendir(path)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL && n < 512) {
		size_t	len;

		if (!is_json(de->d_name))
			continue;
		len = strlen(path) + strlen(de->d_name) + 2;
		if ((names[n] = malloc(len)) != NULL)
			snprintf(names[n++], len, "%s/%s", path, de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (size_t i = 0; i < n; i++) {
		fn(names[i]);
		free(names[i]);
	}
}

static const char	*corpus_dir;

/* Write each test's input as a seed file <corpus_dir>/<codec>/<tcId>. */
static int
corpus_file(const char *path)
{
	json_error_t	 jerr;
	json_t		*root, *groups;
	const char	*codec;
	char		 dir[4096], fn[4200];
	int		 text;

	if ((root = json_load_file(path, 0, &jerr)) == NULL)
		return 0;
	codec = jstr(root, "codec");
	if (codec == NULL || strcmp(codec, "crc32c") == 0 ||
	    strcmp(codec, "secure_keys") == 0) {
		json_decref(root);		/* not parsers: no fuzz target */
		return 1;
	}
	text = jstr(root, "inputEncoding") != NULL &&
	    strcmp(jstr(root, "inputEncoding"), "text") == 0;
	snprintf(dir, sizeof(dir), "%s/%s", corpus_dir, codec ? codec : "x");
	mkdir(corpus_dir, 0755);
	mkdir(dir, 0755);
	groups = json_object_get(root, "testGroups");
	for (size_t gi = 0; gi < json_array_size(groups); gi++) {
		json_t	*tests = json_object_get(json_array_get(groups, gi),
		    "tests");

		for (size_t ti = 0; ti < json_array_size(tests); ti++) {
			json_t	*test = json_array_get(tests, ti);
			size_t	 n;
			uint8_t	*in = test_input(test, text, &n);
			FILE	*f;

			if (in == NULL)
				continue;
			snprintf(fn, sizeof(fn), "%s/v%04lld", dir,
			    (long long)json_integer_value(
			    json_object_get(test, "tcId")));
			corpus_seed(codec, json_array_get(groups, gi), test,
			    &in, &n);
			if ((f = fopen(fn, "wb")) != NULL) {
				fwrite(in, 1, n, f);
				fclose(f);
			}
			free(in);
		}
	}
	json_decref(root);
	return 1;
}

/*
 * Replay every session of a transcript or capture through the dissector
 * and check it (tool_replay_verdict).
 */
static int
replay_file(const char *path)
{
	struct tool_session	*ss;
	struct tally		*t = tally_for("replay");
	size_t			 n;
	char			 err[256], why[512];

	if (tool_sessions_load(path, &ss, &n, err, sizeof(err)) != 0) {
		fprintf(stderr, "FAIL %s: %s\n", path, err);
		t->failed++;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct tool_replay	r;

		if (tool_replay_session(&ss[i], NULL, 0, &r) != 0) {
			fprintf(stderr, "FAIL %s: out of memory\n", path);
			t->failed++;
			continue;
		}
		if (!tool_replay_verdict(&ss[i], &r, why, sizeof(why))) {
			fprintf(stderr, "FAIL %s%s%s: %s\n", path,
			    ss[i].label[0] ? " " : "", ss[i].label, why);
			t->failed++;
		} else {
			if (verbose)
				printf("ok   %s%s%s: %s\n", path,
				    ss[i].label[0] ? " " : "", ss[i].label,
				    r.summary);
			if (ss[i].expect_error[0] != '\0')
				t->invalid++;
			else
				t->valid++;
		}
		tool_replay_free(&r);
	}
	tool_sessions_free(ss, n);
	return 1;
}

static int
usage(void)
{
	fprintf(stderr, "usage: m2vec check [-v] [-c codec] file|dir ...\n"
	    "       m2vec replay [-v] file|dir ...\n"
	    "       m2vec corpus outdir file|dir ...\n"
	    "       m2vec list\n");
	return 2;
}

int
main(int argc, char **argv)
{
	unsigned long	passed = 0, failed = 0;
	int		i = 2;

	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "list") == 0) {
		for (size_t k = 0; k < m2_ncodecs; k++)
			printf("%s\n", m2_codecs[k]->name);
		list_frame_codecs();
		return 0;
	}
	dumpbuf = malloc(DUMP_MAX);
	outbuf = malloc(MAX_INPUT);
	scratch = malloc(MAX_INPUT);
	if (dumpbuf == NULL || outbuf == NULL || scratch == NULL)
		return 1;
	if (strcmp(argv[1], "corpus") == 0) {
		if (argc < 4)
			return usage();
		corpus_dir = argv[2];
		for (i = 3; i < argc; i++)
			each_file(argv[i], corpus_file);
		return 0;
	}
	if (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "replay") != 0)
		return usage();
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			only_codec = argv[++i];
		else
			return usage();
	}
	if (i == argc)
		return usage();
	for (; i < argc; i++)
		each_file(argv[i], strcmp(argv[1], "replay") == 0 ?
		    replay_file : check_file);
	printf("%-28s %6s %8s %10s %6s\n", "codec", "valid", "invalid",
	    "acceptable", "failed");
	for (size_t k = 0; k < ntallies; k++) {
		struct tally	*t = &tallies[k];

		printf("%-28s %6u %8u %10u %6u\n", t->codec, t->valid,
		    t->invalid, t->acceptable, t->failed);
		passed += t->valid + t->invalid + t->acceptable;
		failed += t->failed;
	}
	printf("m2vec: %lu passed, %lu failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}

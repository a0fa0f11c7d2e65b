/* SPDX-License-Identifier: MIT */
/*
 * Transcripts and captures for the tools: load, replay through the
 * dissector, print.  See tool_transcript.h and vectors/SCHEMA.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tool_common.h"
#include "tool_transcript.h"

#define MAX_STREAM	(256u << 20)

/* see tool_transcript.h */
uint8_t *
tool_unhex(const char *s, size_t *n)
{
	return tool_unhex_max(s, MAX_STREAM, n);
}

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void
copy_str(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src != NULL ? src : "");
}

/* One session from object |o| (a transcript, a capture, or one of a
 * transcript's "connections"). */
static int
session_from(json_t *o, struct tool_session *s, char *err, size_t errlen)
{
	json_t *sec = json_object_get(o, "secrets");
	json_t *neg = json_object_get(o, "negotiated");
	json_t *exp = json_object_get(o, "expect");
	const char *c2s = jstr(o, "client_to_server");
	const char *s2c = jstr(o, "server_to_client");
	const char *h;

	if (c2s == NULL || s2c == NULL) {
		snprintf(err, errlen, "no client_to_server/server_to_client");
		return -1;
	}
	if ((s->c2s = tool_unhex(c2s, &s->c2s_len)) == NULL ||
	    (s->s2c = tool_unhex(s2c, &s->s2c_len)) == NULL) {
		snprintf(err, errlen, "bad hex in a stream");
		return -1;
	}
	if (json_is_object(sec)) {
		if ((h = jstr(sec, "session_key")) != NULL) {
			if ((s->session_key = tool_unhex(h,
			    &s->session_key_len)) == NULL) {
				snprintf(err, errlen, "bad session_key");
				return -1;
			}
			s->have_session_key = 1;
		}
		if ((h = jstr(sec, "connection_secret")) != NULL &&
		    (s->con_secret = tool_unhex(h, &s->con_secret_len)) ==
		    NULL) {
			snprintf(err, errlen, "bad connection_secret");
			return -1;
		}
	}
	if (json_is_object(neg)) {
		s->has_negotiated = 1;
		s->revision = (int)json_integer_value(json_object_get(neg,
		    "revision"));
		copy_str(s->con_mode, sizeof(s->con_mode), jstr(neg,
		    "con_mode"));
		copy_str(s->auth_method, sizeof(s->auth_method), jstr(neg,
		    "auth_method"));
		s->global_id = json_integer_value(json_object_get(neg,
		    "global_id"));
	}
	if (json_is_object(exp)) {
		copy_str(s->expect_error, sizeof(s->expect_error), jstr(exp,
		    "error"));
		copy_str(s->expect_signatures, sizeof(s->expect_signatures),
		    jstr(exp, "signatures"));
	}
	return 0;
}

/* see tool_transcript.h */
int
tool_sessions_load(const char *path, struct tool_session **out, size_t *n,
    char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *root, *conns;
	struct tool_session *s;
	size_t count;

	*out = NULL;
	*n = 0;
	if ((root = json_load_file(path, 0, &jerr)) == NULL) {
		snprintf(err, errlen, "%s at line %d", jerr.text, jerr.line);
		return -1;
	}
	conns = json_object_get(root, "connections");
	count = json_is_array(conns) ? json_array_size(conns) : 1;
	if (count == 0 || (s = calloc(count, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "no sessions");
		json_decref(root);
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		json_t *o = json_is_array(conns) ? json_array_get(conns, i) :
		    root;

		if (json_is_array(conns))
			snprintf(s[i].label, sizeof(s[i].label),
			    "connections[%zu]", i);
		if (session_from(o, &s[i], err, errlen) != 0) {
			tool_sessions_free(s, count);
			json_decref(root);
			return -1;
		}
		/* A top-level "expect" applies to every connection. */
		if (o != root && s[i].expect_error[0] == '\0' &&
		    json_is_object(json_object_get(root, "expect")))
			copy_str(s[i].expect_error, sizeof(s[i].expect_error),
			    jstr(json_object_get(root, "expect"), "error"));
	}
	json_decref(root);
	*out = s;
	*n = count;
	return 0;
}

/* see tool_transcript.h */
void
tool_sessions_free(struct tool_session *s, size_t n)
{
	for (size_t i = 0; s != NULL && i < n; i++) {
		free(s[i].c2s);
		free(s[i].s2c);
		free(s[i].session_key);
		free(s[i].con_secret);
	}
	free(s);
}

/* see tool_transcript.h */
const char *
tool_msg_type_name(unsigned type)
{
	/* CEPH_MSG_* (ceph_fs.h) and MSG_* (msg/Message.h), Pacific. */
	static const struct {
		unsigned type;
		const char *name;
	} t[] = {
		{ 4, "mon_map" }, { 5, "mon_get_map" },
		{ 15, "mon_subscribe" }, { 16, "mon_subscribe_ack" },
		{ 17, "auth" }, { 18, "auth_reply" },
		{ 19, "mon_get_version" }, { 20, "mon_get_version_reply" },
		{ 41, "osd_map" }, { 42, "osd_op" }, { 43, "osd_opreply" },
		{ 50, "mon_command" }, { 51, "mon_command_ack" },
		{ 52, "log" }, { 53, "logack" },
		{ 62, "config" }, { 63, "get_config" },
		{ 0x704, "mgr_map" }, { 0x707, "service_map" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].type == type)
			return t[i].name;
	return NULL;
}

/* A growing string. */
struct sbuf {
	char *p;
	size_t len, cap;
	int oom;
};

static void
sb_printf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 256;
		char *q;

		while (nc < b->len + (size_t)n + 1)
			nc *= 2;
		if ((q = realloc(b->p, nc)) == NULL) {
			b->oom = 1;
			return;
		}
		b->p = q;
		b->cap = nc;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static const char *
diag_text(const struct m2_diag *d, char *s, size_t n)
{
	if (d->err == M2_E_BADCRC)
		snprintf(s, n, "%s at %zu (%s: wire 0x%08x, computed 0x%08x)",
		    m2_err_name(d->err), d->off, d->field ? d->field : "?",
		    d->expected, d->actual);
	else
		snprintf(s, n, "%s at %zu (%s)", m2_err_name(d->err), d->off,
		    d->field ? d->field : "?");
	return s;
}

/* The text of one event, as m2dump prints it. */
static void
event_line(const struct m2_dissect_event *ev, struct sbuf *b, char *text,
    size_t textlen)
{
	const struct m2_frame *f = &ev->frame;
	const char *name;
	char dtext[256];

	switch (ev->kind) {
	case M2_DISSECT_BANNER:
		m2_banner_dump(&ev->banner, text, textlen);
		sb_printf(b, "%s %7zu %-11s %-22s %s", m2_dir_name(ev->dir),
		    ev->off, "banner", "", text);
		if (ev->err != M2_OK)
			sb_printf(b, "  ERROR %s", diag_text(&ev->diag, dtext,
			    sizeof(dtext)));
		return;
	case M2_DISSECT_OPAQUE:
		sb_printf(b, "%s %7zu %-11s %zu bytes not decoded: secure "
		    "frames and no connection secret", m2_dir_name(ev->dir),
		    ev->off, m2_fmt_name(ev->fmt) + 6, ev->len);
		return;
	case M2_DISSECT_ERROR:
		sb_printf(b, "%s %7zu ERROR %s", m2_dir_name(ev->dir), ev->off,
		    diag_text(&ev->diag, dtext, sizeof(dtext)));
		return;
	case M2_DISSECT_FRAME:
		break;
	case M2_DISSECT_END:
		return;
	}
	name = m2_tag_name(f->tag);
	if (name == NULL) {
		snprintf(dtext, sizeof(dtext), "tag%u", (unsigned)f->tag);
		name = dtext;
	}
	sb_printf(b, "%s %7zu %-11s %-22s segs=[", m2_dir_name(ev->dir),
	    ev->off, m2_fmt_name(ev->fmt) + 6, name);
	for (size_t i = 0; i < f->nseg; i++)
		sb_printf(b, "%s%zu", i ? "," : "", f->seg[i].len);
	sb_printf(b, "]");
	if (f->flags != 0)
		sb_printf(b, " flags=0x%x", (unsigned)f->flags);
	if (m2_frame_aborted(ev->fmt, f))
		sb_printf(b, " ABORTED");
	if (ev->payload != NULL) {
		ev->codec->dump(ev->payload, text, textlen);
		if (f->tag == M2_TAG_MESSAGE) {
			const struct m2_header2 *h = ev->payload;
			const char *tn = tool_msg_type_name(h->type);

			sb_printf(b, " %s(%u)", tn ? tn : "type",
			    (unsigned)h->type);
		}
		sb_printf(b, " %s", text);
		if (ev->payload_err == M2_E_TRAILING)
			sb_printf(b, " (+trailing bytes)");
	}
	if (f->tag == M2_TAG_AUTH_SIGNATURE && ev->sig != M2_SIG_NONE)
		sb_printf(b, " [signature %s]", m2_sig_name(ev->sig));
	if (ev->err != M2_OK)
		sb_printf(b, "  ERROR %s", diag_text(&ev->diag, dtext,
		    sizeof(dtext)));
}

static const char *
auth_name(uint32_t m)
{
	static char buf[16];

	switch (m) {
	case 0:
		return "-";
	case M2_AUTH_NONE:
		return "none";
	case M2_AUTH_CEPHX:
		return "cephx";
	case M2_AUTH_GSS:
		return "gss";
	}
	snprintf(buf, sizeof(buf), "%u", m);
	return buf;
}

static const char *
mode_name(int done, uint32_t m)
{
	static char buf[16];

	if (!done)
		return "-";
	if (m == M2_CON_MODE_CRC)
		return "crc";
	if (m == M2_CON_MODE_SECURE)
		return "secure";
	snprintf(buf, sizeof(buf), "%u", m);
	return buf;
}

/* see tool_transcript.h */
int
tool_replay_session(const struct tool_session *s, FILE *out, int strict,
    struct tool_replay *r)
{
	struct m2_dissect *ds = calloc(1, sizeof(*ds));
	size_t scratch_len = (s->c2s_len > s->s2c_len ? s->c2s_len :
	    s->s2c_len) + 128;
	uint8_t *scratch = malloc(scratch_len);
	char *text = malloc(1u << 20);
	struct sbuf line = { 0 }, list[2] = { { 0 }, { 0 } }, sum = { 0 };
	struct m2_dissect_event ev;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (ds == NULL || scratch == NULL || text == NULL)
		goto out;
	m2_dissect_init(ds, s->c2s, s->c2s_len, s->s2c, s->s2c_len);
	ds->session_key = s->session_key;
	ds->session_key_len = s->session_key_len;
	ds->have_session_key = s->have_session_key;
	ds->con_secret = s->con_secret;
	ds->con_secret_len = s->con_secret_len;
	ds->strict = strict;
	ds->scratch = scratch;
	ds->scratch_len = scratch_len;
	for (;;) {
		m2_err e = m2_dissect_next(ds, &ev);

		(void)e;		/* also in ev.err and ds->err */
		if (ev.kind == M2_DISSECT_END)
			break;
		if (out != NULL) {
			line.len = 0;
			event_line(&ev, &line, text, 1u << 20);
			if (!line.oom)
				fprintf(out, "%s\n", line.p);
		}
		if (ev.kind == M2_DISSECT_FRAME) {
			struct sbuf *l = &list[ev.dir];
			const char *n = m2_tag_name(ev.frame.tag);

			sb_printf(l, "%s", l->len ? "," : "");
			if (n == NULL)
				sb_printf(l, "tag%u", (unsigned)ev.frame.tag);
			else if (ev.frame.tag == M2_TAG_MESSAGE &&
			    ev.payload != NULL)
				sb_printf(l, "MESSAGE:%u", (unsigned)
				    ((const struct m2_header2 *)
				    ev.payload)->type);
			else
				sb_printf(l, "%s", n);
		} else if (ev.kind == M2_DISSECT_OPAQUE) {
			sb_printf(&list[ev.dir], "%sopaque",
			    list[ev.dir].len ? "," : "");
			r->opaque += ev.len;
		}
	}
	r->err = ds->err;
	r->err_dir = ds->err_dir;
	r->diag = ds->diag;
	r->sig[0] = ds->sig[0];
	r->sig[1] = ds->sig[1];
	r->rev1 = ds->rev1;
	r->con_mode = ds->con_mode;
	r->auth_method = ds->auth_method;
	r->auth_done = ds->auth_done;
	r->global_id = ds->global_id;
	sb_printf(&sum, "rev=%d auth=%s mode=%s global_id=%llu c2s=%s "
	    "s2c=%s sig=%s,%s", ds->rev1, auth_name(ds->auth_method),
	    mode_name(ds->auth_done, ds->con_mode),
	    (unsigned long long)ds->global_id,
	    list[0].len ? list[0].p : "-", list[1].len ? list[1].p : "-",
	    m2_sig_name(ds->sig[0]), m2_sig_name(ds->sig[1]));
	if (sum.oom || list[0].oom || list[1].oom || line.oom)
		goto out;
	r->summary = sum.p;
	sum.p = NULL;
	rc = 0;
	if (out == NULL)
		goto out;
	fprintf(out, "negotiated: msgr2.%d auth=%s con_mode=%s "
	    "global_id=%llu\n", ds->rev1, auth_name(ds->auth_method),
	    mode_name(ds->auth_done, ds->con_mode),
	    (unsigned long long)ds->global_id);
	if (ds->sig[0] == M2_SIG_OK && ds->sig[1] == M2_SIG_OK)
		fprintf(out, "signatures: ok\n");
	else
		fprintf(out, "signatures: client %s, server %s%s\n",
		    m2_sig_name(ds->sig[0]), m2_sig_name(ds->sig[1]),
		    ds->sig[0] == M2_SIG_UNCHECKED ||
		    ds->sig[1] == M2_SIG_UNCHECKED ?
		    " (no session key given: --session-key)" : "");
	if (ds->err != M2_OK) {
		char dtext[256];

		fprintf(out, "error: %s %s\n", m2_dir_name(ds->err_dir),
		    diag_text(&ds->diag, dtext, sizeof(dtext)));
	}
out:
	if (ds != NULL)
		m2_dissect_wipe(ds);
	free(ds);
	free(scratch);
	free(text);
	free(line.p);
	free(list[0].p);
	free(list[1].p);
	free(sum.p);
	return rc;
}

/* see tool_transcript.h */
void
tool_replay_free(struct tool_replay *r)
{
	free(r->summary);
	r->summary = NULL;
}

/* see tool_transcript.h */
int
tool_replay_verdict(const struct tool_session *s, const struct tool_replay *r,
    char *why, size_t n)
{
	char dtext[256];

	why[0] = '\0';
	if (s->expect_error[0] != '\0') {
		if (r->err == M2_OK) {
			snprintf(why, n, "no error, want %s", s->expect_error);
			return 0;
		}
		if (strcmp(m2_err_name(r->err), s->expect_error) != 0) {
			snprintf(why, n, "%s %s, want %s",
			    m2_dir_name(r->err_dir), diag_text(&r->diag, dtext,
			    sizeof(dtext)), s->expect_error);
			return 0;
		}
		return 1;
	}
	if (r->err != M2_OK) {
		snprintf(why, n, "%s %s", m2_dir_name(r->err_dir),
		    diag_text(&r->diag, dtext, sizeof(dtext)));
		return 0;
	}
	if (r->opaque != 0) {
		snprintf(why, n, "%zu secure bytes not decoded (no "
		    "connection_secret)", r->opaque);
		return 0;
	}
	if (s->expect_signatures[0] != '\0') {
		char got[32];

		snprintf(got, sizeof(got), "%s,%s", m2_sig_name(r->sig[0]),
		    m2_sig_name(r->sig[1]));
		if (strcmp(got, s->expect_signatures) != 0) {
			snprintf(why, n, "signatures %s, want %s", got,
			    s->expect_signatures);
			return 0;
		}
	} else if ((s->have_session_key || r->auth_method == M2_AUTH_NONE) &&
	    r->auth_done && (r->sig[0] != M2_SIG_OK ||
	    r->sig[1] != M2_SIG_OK)) {
		snprintf(why, n, "signatures client %s, server %s",
		    m2_sig_name(r->sig[0]), m2_sig_name(r->sig[1]));
		return 0;
	}
	if (s->has_negotiated) {
		if (s->revision != r->rev1) {
			snprintf(why, n, "revision %d, transcript says %d",
			    r->rev1, s->revision);
			return 0;
		}
		if (strcmp(s->con_mode, mode_name(r->auth_done,
		    r->con_mode)) != 0) {
			snprintf(why, n, "con_mode %s, transcript says %s",
			    mode_name(r->auth_done, r->con_mode), s->con_mode);
			return 0;
		}
		if (strcmp(s->auth_method, auth_name(r->auth_method)) != 0) {
			snprintf(why, n, "auth_method %s, transcript says %s",
			    auth_name(r->auth_method), s->auth_method);
			return 0;
		}
		if ((unsigned long long)s->global_id !=
		    (unsigned long long)r->global_id) {
			snprintf(why, n, "global_id %llu, transcript says %lld",
			    (unsigned long long)r->global_id, s->global_id);
			return 0;
		}
	}
	return 1;
}

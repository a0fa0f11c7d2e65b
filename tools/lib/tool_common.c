/* SPDX-License-Identifier: MIT */
/* see tool_common.h */
#include <ctype.h>
#include <strings.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/rand.h>

#include "tool_common.h"

/* see tool_common.h */
char *
tool_hex(const uint8_t *p, size_t n)
{
	static const char d[] = "0123456789abcdef";
	char *s = malloc(2 * n + 1);

	if (s == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = d[p[i] >> 4];
		s[2 * i + 1] = d[p[i] & 15];
	}
	s[2 * n] = '\0';
	return s;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* see tool_common.h */
uint8_t *
tool_unhex_max(const char *s, size_t max, size_t *n)
{
	size_t len = strlen(s);
	uint8_t *p;

	if (len % 2 != 0 || len / 2 > max)
		return NULL;
	if ((p = malloc(len / 2 + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < len / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(p);
			return NULL;
		}
		p[i] = (uint8_t)(hi << 4 | lo);
	}
	*n = len / 2;
	return p;
}

/* see tool_common.h */
void
tool_opts_init(struct tool_opts *o, const char *name)
{
	memset(o, 0, sizeof(*o));
	o->name = name;
	o->timeout_ms = 10000;
}

static const char *
need(int argc, char **argv, int i)
{
	if (i + 1 >= argc) {
		fprintf(stderr, "%s needs a value\n", argv[i]);
		return NULL;
	}
	return argv[i + 1];
}

/* see tool_common.h */
int
tool_opts_arg(struct tool_opts *o, int argc, char **argv, int i)
{
	static const struct {
		const char	*a, *b;
		size_t		 off;
	} vals[] = {
		{ "-c", "--conf", offsetof(struct tool_opts, conf_path) },
		{ "-m", "--mon-host", offsetof(struct tool_opts, mon_host) },
		{ "-n", "--name", offsetof(struct tool_opts, name) },
		{ "-k", "--keyring", offsetof(struct tool_opts, keyring_path) },
		{ "--key", NULL, offsetof(struct tool_opts, key_b64) },
		{ "--auth", NULL, offsetof(struct tool_opts, auth) },
		{ "--mode", NULL, offsetof(struct tool_opts, mode) },
		{ "--transcript", NULL, offsetof(struct tool_opts, transcript) },
		{ "--bind", NULL, offsetof(struct tool_opts, bind) },
		{ "--fsid", NULL, offsetof(struct tool_opts, fsid) },
		{ "--log", NULL, offsetof(struct tool_opts, log_path) },
		{ "--note", NULL, offsetof(struct tool_opts, note) },
	};
	const char *a = argv[i], *v;

	if (a[0] != '-')
		return 0;
	for (size_t k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
		if (strcmp(a, vals[k].a) != 0 &&
		    (vals[k].b == NULL || strcmp(a, vals[k].b) != 0))
			continue;
		if ((v = need(argc, argv, i)) == NULL)
			return -1;
		*(const char **)(void *)((char *)o + vals[k].off) = v;
		return 2;
	}
	if (strcmp(a, "--timeout") == 0) {
		if ((v = need(argc, argv, i)) == NULL)
			return -1;
		o->timeout_ms = atoi(v);
		return 2;
	}
	if (strcmp(a, "--max-conns") == 0) {
		if ((v = need(argc, argv, i)) == NULL)
			return -1;
		o->max_conns = atoi(v);
		return 2;
	}
	if (strcmp(a, "--rev0") == 0)
		o->rev0 = 1;
	else if (strcmp(a, "--compression") == 0)
		o->compression = 1;
	else if (strcmp(a, "--negotiated") == 0)
		o->negotiated = 1;
	else if (strcmp(a, "--dump-frames") == 0)
		o->dump_frames = 1;
	else if (strcmp(a, "--keepalive") == 0)
		o->keepalive = 1;
	else if (strcmp(a, "--json") == 0)
		o->json = 1;
	else if (strcmp(a, "--lossless") == 0)
		o->lossless = 1;
	else if (strcmp(a, "--msgr1") == 0)
		o->msgr1 = 1;
	else if (strcmp(a, "--reconnect") == 0)
		o->reconnect = 1;
	else if (strcmp(a, "--authorizer") == 0)
		o->authorizer = 1;
	else if (strcmp(a, "--replay-authorizer") == 0)
		o->replay_authz = 1;
	else if (a[1] == '-' && a[2] != '\0' && i + 1 < argc &&
	    o->n_ovr < sizeof(o->ovr_name) / sizeof(o->ovr_name[0])) {
		/* a Ceph option, --ms_mon_client_mode crc */
		o->ovr_name[o->n_ovr] = a + 2;
		o->ovr_val[o->n_ovr++] = argv[i + 1];
		return 2;
	} else {
		fprintf(stderr, "unknown option %s\n", a);
		return -1;
	}
	return 1;
}

/* Option names compare with ' ', '_' and '-' alike (Ceph's ConfFile). */
static int
optname_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a == ' ' || *a == '-' ? '_' : *a;
		char y = *b == ' ' || *b == '-' ? '_' : *b;

		if (x != y)
			return 0;
		if (x == '\0')
			return 1;
	}
}

/* see tool_common.h */
const char *
tool_conf_get(const struct tool_opts *o, const char *name)
{
	for (size_t i = o->n_ovr; i > 0; i--)
		if (optname_eq(o->ovr_name[i - 1], name))
			return o->ovr_val[i - 1];
	return tool_conf_lookup(o, name);
}

/*
 * A bool option, read as Ceph does (m2_conf_bool: "true", "1", "2" ...);
 * a value Ceph rejects leaves the default, with a warning, as Ceph does.
 */
static int
conf_bool(const struct tool_opts *o, const char *name, int dflt, int *out)
{
	const char *v = tool_conf_get(o, name);

	*out = dflt;
	if (v == NULL)
		return 0;
	if (m2_conf_bool((struct m2_span){ (const uint8_t *)v, strlen(v) },
	    out) != M2_OK) {
		fprintf(stderr, "warning: %s = \"%s\" is not a bool; keeping "
		    "%s\n", name, v, dflt ? "true" : "false");
		*out = dflt;
	}
	return 0;
}

/* Split on spaces, commas, semicolons and tabs (Ceph's get_str_list). */
static int
split_words(const char *s, char words[][16], size_t max, size_t *n)
{
	*n = 0;
	while (*s) {
		size_t l = 0;

		while (*s && strchr(" ,;\t", *s))
			s++;
		if (!*s)
			break;
		if (*n == max)
			return -1;
		while (s[l] && !strchr(" ,;\t", s[l]))
			l++;
		if (l >= 16)
			return -1;
		memcpy(words[*n], s, l);
		words[*n][l] = '\0';
		(*n)++;
		s += l;
	}
	return 0;
}

/* see tool_common.h */
int
tool_parse_modes(const char *s, uint32_t *out, size_t *n)
{
	char w[M2_MAX_CON_MODES][16];
	size_t nw, k = 0;

	if (split_words(s, w, M2_MAX_CON_MODES, &nw) != 0)
		return -1;
	for (size_t i = 0; i < nw; i++) {
		if (strcmp(w[i], "crc") == 0)
			out[k++] = M2_CON_MODE_CRC;
		else if (strcmp(w[i], "secure") == 0)
			out[k++] = M2_CON_MODE_SECURE;
		else
			return -1;
	}
	*n = k;
	return k > 0 ? 0 : -1;
}

/* see tool_common.h */
int
tool_parse_methods(const char *s, uint32_t *out, size_t *n)
{
	char w[M2_MAX_AUTH_METHODS][16];
	size_t nw, k = 0;

	if (split_words(s, w, M2_MAX_AUTH_METHODS, &nw) != 0)
		return -1;
	for (size_t i = 0; i < nw; i++) {
		if (strcmp(w[i], "cephx") == 0)
			out[k++] = M2_AUTH_CEPHX;
		else if (strcmp(w[i], "none") == 0)
			out[k++] = M2_AUTH_NONE;
		else
			return -1;
	}
	*n = k;
	return k > 0 ? 0 : -1;
}

/* see tool_common.h */
int
tool_opts_finish(struct tool_opts *o, const char *role)
{
	int server = strcmp(role, "client") != 0;
	const char *auth = o->auth, *mode = o->mode, *v;
	struct m2_cur c;
	struct m2_diag d;
	m2_err e;

	if (o->conf_path != NULL && tool_conf_load(o) != 0)
		return 2;
	/*
	 * The monitor's options: a client dialing a monitor uses
	 * ms_mon_client_mode and auth_client_required; a monitor serving
	 * clients ms_mon_service_mode and auth_service_required.
	 */
	if (auth == NULL)
		auth = tool_conf_get(o, server ? "auth_service_required" :
		    "auth_client_required");
	if (auth == NULL)
		auth = server ? "cephx" : "cephx, none";
	if (mode == NULL)
		mode = tool_conf_get(o, server ? "ms_mon_service_mode" :
		    "ms_mon_client_mode");
	if (mode == NULL)
		mode = "secure crc";
	if (o->mon_host == NULL)
		o->mon_host = tool_conf_get(o, "mon_host");
	if (o->keyring_path == NULL && o->key_b64 == NULL) {
		o->keyring_path = tool_conf_get(o, "keyring");
		if ((v = tool_conf_get(o, "key")) != NULL)
			o->key_b64 = v;
	}
	if (conf_bool(o, "ms_bind_msgr1", 1, &o->bind_msgr1) != 0 ||
	    conf_bool(o, "ms_bind_msgr2", 1, &o->bind_msgr2) != 0 ||
	    conf_bool(o, "ms_bind_ipv4", 1, &o->bind_ipv4) != 0 ||
	    conf_bool(o, "ms_bind_ipv6", 0, &o->bind_ipv6) != 0)
		return 2;
	if (o->msgr1)
		o->bind_msgr1 = 1;
	if (tool_parse_methods(auth, o->methods, &o->n_methods) != 0) {
		fprintf(stderr, "bad auth list \"%s\"\n", auth);
		return 2;
	}
	if (tool_parse_modes(mode, o->modes, &o->n_modes) != 0) {
		fprintf(stderr, "bad mode list \"%s\"\n", mode);
		return 2;
	}
	if (!m2_entity_name_parse(o->name, &o->en)) {
		fprintf(stderr, "bad entity name \"%s\"\n", o->name);
		return 2;
	}
	if (tool_load_key(o) != 0)
		return 2;
	if (o->mon_host != NULL) {
		memset(&d, 0, sizeof(d));
		m2_cur_init(&c, (const uint8_t *)o->mon_host,
		    strlen(o->mon_host));
		if ((e = m2_mon_host_parse(&c, &o->mh, &d)) != M2_OK) {
			fprintf(stderr, "bad mon_host \"%s\": %s at offset "
			    "%zu\n", o->mon_host, m2_strerror(e), d.off);
			return 2;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Tracing                                                             */
/* ------------------------------------------------------------------ */

static void
lower(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

static void
trace_frame(void *arg, int dir, enum m2_fmt fmt, const struct m2_frame *f)
{
	struct tool_trace *t = arg;
	const char *name = m2_tag_name(f->tag);
	char cname[64], text[2048];
	const struct m2_codec *row = NULL;
	FILE *out = t->log ? t->log : stderr;
	size_t total = 0;

	if (!t->dump_frames)
		return;
	for (int i = 0; i < f->nseg; i++)
		total += f->seg[i].len;
	if (name != NULL && f->tag != M2_TAG_MESSAGE) {
		char ln[48];

		lower(ln, name, sizeof(ln));
		snprintf(cname, sizeof(cname), "msg_%s", ln);
		row = m2_codec_find(cname);
	} else if (f->tag == M2_TAG_MESSAGE) {
		row = m2_codec_find("msg_header2");
	}
	text[0] = '\0';
	if (row != NULL && f->nseg > 0) {
		static _Alignas(16) uint8_t obj[M2_CODEC_MAX_STRUCT];
		const struct m2_span *s = f->tag == M2_TAG_MESSAGE ?
		    &f->seg[0] : &f->seg[f->nseg - 1];
		struct m2_cur c;
		m2_err e;

		m2_cur_init(&c, s->p, s->len);
		e = row->parse(&c, obj, NULL);
		if (e == M2_OK || e == M2_E_TRAILING)
			row->dump(obj, text, sizeof(text));
		else
			snprintf(text, sizeof(text), "(%s)", m2_err_name(e));
	}
	fprintf(out, "%s%s %s %s %zu bytes", t->prefix ? t->prefix : "",
	    dir ? "->" : "<-", m2_fmt_name(fmt), name ? name : "?", total);
	if (f->tag == M2_TAG_MESSAGE)
		fprintf(out, " front=%zu middle=%zu data=%zu", f->seg[1].len,
		    f->seg[2].len, f->seg[3].len);
	fprintf(out, "%s%s\n", text[0] ? ": " : "", text);
}

static void
trace_bytes(void *arg, int dir, const uint8_t *p, size_t n)
{
	struct tool_trace *t = arg;

	if (!t->record)
		return;
	if (t->len[dir] + n > t->cap[dir]) {
		size_t nc = t->cap[dir] ? t->cap[dir] : 65536;

		while (nc < t->len[dir] + n)
			nc *= 2;
		t->bytes[dir] = realloc(t->bytes[dir], nc);
		if (t->bytes[dir] == NULL)
			abort();
		t->cap[dir] = nc;
	}
	memcpy(t->bytes[dir] + t->len[dir], p, n);
	t->len[dir] += n;
}

static void
trace_log(void *arg, const char *line)
{
	struct tool_trace *t = arg;
	FILE *out = t->log ? t->log : stderr;

	if (t->verbose)
		fprintf(out, "%s%s\n", t->prefix ? t->prefix : "", line);
}

/* see tool_common.h */
void
tool_trace_hooks(struct tool_trace *t, struct m2_conn_hooks *h)
{
	h->arg = t;
	h->frame = trace_frame;
	h->bytes = trace_bytes;
	h->log = trace_log;
}

static json_t *
negotiated_json(const struct m2_conn *c)
{
	json_t *neg = json_object();

	json_object_set_new(neg, "revision", json_integer(c->rev1));
	json_object_set_new(neg, "con_mode", json_string(
	    m2_mode_name(c->con_mode)));
	json_object_set_new(neg, "auth_method", json_string(
	    m2_auth_name(c->auth_method)));
	json_object_set_new(neg, "global_id",
	    json_integer((json_int_t)c->auth.global_id));
	return neg;
}

static void
set_hex(json_t *o, const char *k, const uint8_t *p, size_t n);

static json_t *
secrets_json(const struct m2_conn *c)
{
	json_t *sec = json_object();

	set_hex(sec, "session_key", c->auth.session_key,
	    c->auth.session_key_len);
	set_hex(sec, "connection_secret", c->auth.con_secret,
	    c->auth.con_secret_len);
	return sec;
}

/* see tool_common.h */
void
tool_trace_next_conn(struct tool_trace *t, const struct m2_conn *c)
{
	json_t *o;

	if (t->nprev == sizeof(t->prev) / sizeof(t->prev[0]))
		return;
	o = json_object();
	json_object_set_new(o, "negotiated", negotiated_json(c));
	json_object_set_new(o, "secrets", secrets_json(c));
	t->prev[t->nprev].negotiated = json_dumps(o, JSON_PRESERVE_ORDER);
	json_decref(o);
	for (int d = 0; d < 2; d++) {
		t->prev[t->nprev].bytes[d] = t->bytes[d];
		t->prev[t->nprev].len[d] = t->len[d];
		t->bytes[d] = NULL;
		t->len[d] = t->cap[d] = 0;
	}
	t->nprev++;
}

/* see tool_common.h */
void
tool_trace_free(struct tool_trace *t)
{
	for (size_t i = 0; i < t->nprev; i++) {
		free(t->prev[i].bytes[0]);
		free(t->prev[i].bytes[1]);
		free(t->prev[i].negotiated);
	}
	t->nprev = 0;
	free(t->bytes[0]);
	free(t->bytes[1]);
	t->bytes[0] = t->bytes[1] = NULL;
	t->len[0] = t->len[1] = t->cap[0] = t->cap[1] = 0;
}

static void
set_hex(json_t *o, const char *k, const uint8_t *p, size_t n)
{
	char *h = tool_hex(p, n);

	json_object_set_new(o, k, json_string(h));
	free(h);
}

/* see tool_common.h */
int
tool_transcript_write(const char *path, const char *desc,
    const struct tool_trace *t, const struct m2_conn *c,
    const char *extra_json)
{
	json_t *doc = json_object();
	int client = c->role == M2_ROLE_CLIENT;
	int rc;

	json_object_set_new(doc, "schema", json_string("m2-transcript/1"));
	json_object_set_new(doc, "description", json_string(desc));
	json_object_set_new(doc, "recorded_by", json_string(client ?
	    "m2client" : "m2server"));
	if (t->nprev == 0) {
		json_object_set_new(doc, "negotiated", negotiated_json(c));
		json_object_set_new(doc, "secrets", secrets_json(c));
		set_hex(doc, "client_to_server", t->bytes[client ? 1 : 0],
		    t->len[client ? 1 : 0]);
		set_hex(doc, "server_to_client", t->bytes[client ? 0 : 1],
		    t->len[client ? 0 : 1]);
	} else {
		/* A session over several connections, in order. */
		json_t *conns = json_array(), *one;
		json_error_t err;

		for (size_t i = 0; i <= t->nprev; i++) {
			const uint8_t *b[2];
			size_t l[2];

			if (i < t->nprev) {
				one = json_loads(t->prev[i].negotiated, 0,
				    &err);
				b[0] = t->prev[i].bytes[0];
				b[1] = t->prev[i].bytes[1];
				l[0] = t->prev[i].len[0];
				l[1] = t->prev[i].len[1];
			} else {
				one = json_object();
				json_object_set_new(one, "negotiated",
				    negotiated_json(c));
				json_object_set_new(one, "secrets",
				    secrets_json(c));
				b[0] = t->bytes[0];
				b[1] = t->bytes[1];
				l[0] = t->len[0];
				l[1] = t->len[1];
			}
			set_hex(one, "client_to_server", b[client ? 1 : 0],
			    l[client ? 1 : 0]);
			set_hex(one, "server_to_client", b[client ? 0 : 1],
			    l[client ? 0 : 1]);
			json_array_append_new(conns, one);
		}
		json_object_set_new(doc, "connections", conns);
	}
	if (extra_json != NULL) {
		json_error_t err;
		json_t *x = json_loads(extra_json, 0, &err);

		if (x != NULL)
			json_object_update(doc, x);
		json_decref(x);
	}
	rc = json_dump_file(doc, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return rc == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Client                                                              */
/* ------------------------------------------------------------------ */

/* The first monitor's msgr2 address (TYPE_ANY counts as v2). */
static int
pick_target(const struct m2_mon_host *mh, struct m2_addr *out)
{
	for (uint32_t m = 0; m < mh->n; m++)
		for (uint32_t i = 0; i < mh->mon[m].addrs.n; i++) {
			const struct m2_addr *a = &mh->mon[m].addrs.a[i];

			if (a->type == M2_ADDR_MSGR2 ||
			    a->type == M2_ADDR_ANY) {
				*out = *a;
				out->type = M2_ADDR_MSGR2;
				return 0;
			}
		}
	return -1;
}

/* see tool_common.h */
int
tool_client_connect(struct tool_client *tc, struct tool_opts *o)
{
	struct m2_client_cfg *cfg = &tc->cfg;
	char t[M2_ADDR_TEXT_MAX];
	uint32_t nonce;
	m2_err e;

	memset(tc, 0, sizeof(*tc));
	tc->o = o;
	m2_conn_init(&tc->c);
	if (o->mon_host == NULL) {
		fprintf(stderr, "no monitor: give -m or mon_host in the "
		    "config\n");
		return 2;
	}
	if (pick_target(&o->mh, &tc->target) != 0) {
		fprintf(stderr, "mon_host \"%s\" has no msgr2 address\n",
		    o->mon_host);
		return 2;
	}
	cfg->base.my_type = (uint8_t)o->en.type;
	cfg->base.peer_type = M2_ENTITY_TYPE_MON;
	cfg->base.msgr2_supported = o->rev0 ? 0u : (uint64_t)M2_FEATURE_REVISION_1;
	if (o->compression)
		cfg->base.msgr2_supported |= M2_FEATURE_COMPRESSION;
	cfg->base.features_supported = M2_CEPH_FEATURES_ALL;
	cfg->base.features_required = M2_CEPH_CLIENT_REQUIRED;
	memcpy(cfg->base.modes, o->modes, o->n_modes * sizeof(uint32_t));
	cfg->base.n_modes = o->n_modes;
	cfg->base.timeout_ms = o->timeout_ms;
	tc->trace.dump_frames = o->dump_frames;
	tc->trace.verbose = o->negotiated > 1;
	tc->trace.record = o->transcript != NULL;
	tool_trace_hooks(&tc->trace, &cfg->base.hooks);
	for (size_t i = 0; i < o->n_methods; i++) {
		if (o->methods[i] == M2_AUTH_NONE) {
			tc->none.name = o->en;
			tc->none.mode = 10;
			m2_auth_none_client(&tc->auths[cfg->n_auths++],
			    &tc->none);
		} else if (o->methods[i] == M2_AUTH_CEPHX) {
			if (tool_cephx_client(tc) != 0)
				return 2;
		}
	}
	cfg->auths = tc->auths;
	if (RAND_bytes((unsigned char *)&nonce, sizeof(nonce)) != 1)
		return 2;
	cfg->my_nonce = nonce;
	cfg->lossy = !o->lossless;
	e = m2_client_connect(&tc->c, cfg, &tc->target);
	m2_addr_dump(&tc->target, t, sizeof(t));
	if (e != M2_OK) {
		fprintf(stderr, "m2client: %s: %s [%s]\n", t, tc->c.why,
		    m2_err_name(e));
		return 1;
	}
	if (o->negotiated)
		fprintf(stderr, "negotiated: msgr2.%d mode %s auth %s "
		    "global_id %llu peer %s\n", tc->c.rev1,
		    m2_mode_name(tc->c.con_mode),
		    m2_auth_name(tc->c.auth_method),
		    (unsigned long long)tc->c.auth.global_id, t);
	return 0;
}

/* see tool_common.h */
int
tool_client_keepalive(struct tool_client *tc)
{
	struct m2_message m;
	m2_err e;

	if ((e = m2_conn_send_keepalive(&tc->c)) != M2_OK ||
	    (e = m2_conn_recv(&tc->c, &m, 1)) != M2_OK) {
		fprintf(stderr, "m2client: keepalive: %s [%s]\n", tc->c.why,
		    m2_err_name(e));
		return 1;
	}
	if (tc->o->negotiated)
		fprintf(stderr, "keepalive: acked %u.%09u\n", tc->c.ka_sec,
		    tc->c.ka_nsec);
	return 0;
}

/* see tool_common.h */
int
tool_client_reconnect(struct tool_client *tc)
{
	m2_err e;

	tool_trace_next_conn(&tc->trace, &tc->c);
	m2_conn_close(&tc->c);
	if ((e = m2_client_reconnect(&tc->c)) != M2_OK) {
		fprintf(stderr, "m2client: reconnect: %s [%s]\n", tc->c.why,
		    m2_err_name(e));
		return 1;
	}
	if (tc->o->negotiated)
		fprintf(stderr, "reconnected: connect_seq %llu, %zu messages "
		    "resent\n", (unsigned long long)tc->c.s->connect_seq,
		    tc->c.s->nsent);
	return 0;
}

/* see tool_common.h */
void
tool_client_free(struct tool_client *tc)
{
	if (tc->o != NULL && tc->o->transcript != NULL &&
	    tc->c.auth_method != 0) {
		char extra[256], *hex = NULL;
		const char *desc = "reference client session";

		extra[0] = '\0';
		if (tc->authz != NULL && (hex = tool_hex(tc->o->key, 16)) !=
		    NULL) {
			/* the key that opens the ticket blob */
			snprintf(extra, sizeof(extra), "{\"authorizer\": "
			    "{\"entity\": \"mon.\", \"secret_id\": "
			    "\"ffffffffffffffff\", \"mon_key\": \"%s\"}}",
			    hex);
			desc = "reference client session, cephx authorizer "
			    "as a peer monitor";
		}
		else if (tc->cephx != NULL &&
		    (hex = tool_hex(tc->o->key, 16)) != NULL) {
			/* the entity's secret: it opens the service tickets */
			snprintf(extra, sizeof(extra), "{\"cephx\": "
			    "{\"entity\": \"%s\", \"secret\": \"%s\"}}",
			    tc->o->name, hex);
		}
		free(hex);
		if (tc->o->note != NULL)
			desc = tc->o->note;
		if (tool_transcript_write(tc->o->transcript, desc,
		    &tc->trace, &tc->c, extra[0] ? extra : NULL) != 0)
			fprintf(stderr, "cannot write %s\n",
			    tc->o->transcript);
	}
	m2_conn_free(&tc->c);
	tool_cephx_client_free(tc);
	tool_trace_free(&tc->trace);
}

/* SPDX-License-Identifier: MIT */
/*
 * m2conform: the msgr2 conformance runner.  In the server role it
 * connects to --target and plays a client, correct or deliberately wrong,
 * one case at a time, and judges how the target reacted.  In the client
 * role (--listen) it accepts the client under test and plays a server;
 * --exec starts that client for each case, or the runner waits for it
 * to connect.
 *
 *   m2conform --target ADDR|ADDRVEC [--auth none|cephx] [--name NAME]
 *             [-k KEYRING | --key B64] [--mode "crc secure"]
 *             [--rev 0|1|both] [--peer-type mon] [--step-timeout MS]
 *             [--run-timeout S] [--json FILE] [--junit FILE]
 *             [--html FILE] [--profile FILE] [--label NAME]
 *             [--tag KEYWORD]... [--skip GLOB]... [--list] [-v]
 *             [CASE-ID|GLOB]...
 *   m2conform --listen ADDR [--exec "CMD {addr}"] [--accept-timeout MS]
 *             [--client-log FILE] (the other options as above)
 *
 * In --exec, {addr} becomes "v2:HOST:PORT/0", {addrvec} "[v2:...]",
 * {host} and {port} the parts.  --name and the key are the client's
 * (the runner's cephx server knows only that entity).
 *
 * Cases are selected by id or glob (or area name), narrowed by --tag
 * (a substring of the tags or the id, or an area), minus --skip globs
 * (for example cases that crash the target).
 *
 * Exit status: 0 when every case passed (or was unsupported, or failed
 * as its profile expects), 1 otherwise, 2 on a usage error.
 */
#include <errno.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netdb.h>
#include <sys/types.h>
#include <sys/socket.h>

#include <openssl/crypto.h>

#include "cases.h"
#include "exec.h"
#include "out.h"
#include "tool_common.h"

/* ------------------------------------------------------------------ */
/* Registry                                                            */
/* ------------------------------------------------------------------ */

static struct cf_case	*reg;
static size_t		 nreg, capreg;

/* see cases.h */
void
cf_register(const struct cf_case *c)
{
	if (nreg == capreg) {
		size_t nc = capreg ? capreg * 2 : 256;
		struct cf_case *n = realloc(reg, nc * sizeof(*n));

		if (n == NULL) {
			fprintf(stderr, "m2conform: out of memory\n");
			exit(2);
		}
		reg = n;
		capreg = nc;
	}
	reg[nreg++] = *c;
}

/* see cases.h */
void
cf_register_table(const struct cf_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cf_register(&c[i]);
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

struct opts {
	const char	*target;
	const char	*listen;
	const char	*label;
	const char	*keyring;
	const char	*key_b64;
	const char	*mode;
	const char	*json, *junit, *html, *profile;
	const char	*tags[16];
	size_t		 ntags;
	const char	*skip[64];
	size_t		 nskip;
	const char	*sel[256];
	size_t		 nsel;
	int		 list;
	int		 run_s;
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: m2conform --target ADDR|ADDRVEC [--auth none|cephx] "
	    "[--name NAME]\n"
	    "                 [-k KEYRING | --key B64] [--mode \"crc secure\"] "
	    "[--rev 0|1|both]\n"
	    "                 [--peer-type TYPE] [--step-timeout MS] "
	    "[--run-timeout S]\n"
	    "                 [--wirelog DIR] [--json FILE] [--junit FILE] "
	    "[--html FILE] "
	    "[--profile FILE]\n"
	    "                 [--label NAME] [--tag KEYWORD]... "
	    "[--skip GLOB]... [--list] [-v]\n"
	    "                 [CASE|GLOB]...\n"
	    "       m2conform --listen ADDR [--exec \"CMD {addr}\"] "
	    "[--accept-timeout MS]\n"
	    "                 [--client-log FILE] (other options as "
	    "above)\n");
	exit(2);
}

static uint8_t
entity_type(const char *s)
{
	static const struct { const char *n; uint8_t t; } tab[] = {
		{ "mon", M2_ENTITY_TYPE_MON }, { "mds", M2_ENTITY_TYPE_MDS },
		{ "osd", M2_ENTITY_TYPE_OSD }, { "client",
		M2_ENTITY_TYPE_CLIENT }, { "mgr", M2_ENTITY_TYPE_MGR },
		{ "any", 0 },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(s, tab[i].n) == 0)
			return tab[i].t;
	fprintf(stderr, "m2conform: unknown peer type %s\n", s);
	exit(2);
}

static int
parse_target(const char *text, struct cf_settings *s)
{
	struct m2_cur c;
	struct m2_diag d;

	m2_cur_init(&c, (const uint8_t *)text, strlen(text));
	if (m2_addrvec_text_parse(&c, &s->targets, &d) != M2_OK ||
	    s->targets.n == 0)
		return -1;
	for (uint32_t i = 0; i < s->targets.n; i++) {
		if (s->targets.a[i].type == M2_ADDR_MSGR2 ||
		    s->targets.a[i].type == M2_ADDR_ANY) {
			s->addr = s->targets.a[i];
			s->addr.type = M2_ADDR_MSGR2;
			return 0;
		}
	}
	return -1;
}

static int
load_key(struct cf_settings *s, const struct opts *o)
{
	struct tool_opts to;

	if (o->keyring == NULL && o->key_b64 == NULL)
		return 0;
	tool_opts_init(&to, s->name);
	to.name = s->name;
	to.keyring_path = o->keyring;
	to.key_b64 = o->key_b64;
	if (!m2_entity_name_parse(s->name, &to.en))
		return -1;
	if (tool_load_key(&to) != 0)
		return -1;
	if (to.have_key) {
		memcpy(s->key, to.key, 16);
		s->have_key = 1;
	}
	OPENSSL_cleanse(&to, sizeof(to));
	return 0;
}

/* Listen on |text| ("127.0.0.1:0", "v2:[::1]:16000/0", ...). */
static int
start_listening(const char *text, struct cf_settings *s)
{
	struct m2_addrvec v;
	struct m2_addr a;
	struct m2_cur c;
	struct m2_diag d;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[64], port[16], vtext[128];
	m2_err e;

	snprintf(vtext, sizeof(vtext), "%s%s", strncmp(text, "v2:", 3) == 0 ?
	    "" : "v2:", text);
	m2_cur_init(&c, (const uint8_t *)vtext, strlen(vtext));
	if (m2_addrvec_text_parse(&c, &v, &d) != M2_OK || v.n != 1) {
		fprintf(stderr, "m2conform: --listen needs an address such as "
		    "127.0.0.1:0 or [::1]:16000\n");
		return -1;
	}
	a = v.a[0];
	a.type = M2_ADDR_MSGR2;
	if ((e = m2_sock_listen(&s->lfd, &a, 64)) != M2_OK) {
		fprintf(stderr, "m2conform: cannot listen on %s: %s\n", text,
		    m2_err_name(e));
		return -1;
	}
	if (m2_sock_name(s->lfd, M2_ADDR_MSGR2, &s->listen) != M2_OK ||
	    getsockname(s->lfd, (struct sockaddr *)&ss, &sl) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), port,
	    sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		fprintf(stderr, "m2conform: cannot read the listening "
		    "address\n");
		return -1;
	}
	s->listen.nonce = 0;
	m2_addr_dump(&s->listen, s->listen_text, sizeof(s->listen_text));
	snprintf(s->listen_host, sizeof(s->listen_host), "%s", host);
	snprintf(s->listen_port, sizeof(s->listen_port), "%s", port);
	fprintf(stderr, "m2conform: client role: listening on %s%s\n",
	    s->listen_text, s->exec != NULL ? "" : "; waiting for the client "
	    "under test to connect for each case");
	return 0;
}

/* The runner's cephx server knows one entity: the client's. */
static int
make_keystore(struct cf_settings *s)
{
	static struct m2_cephx_keystore ks;
	const char *caps[M2_CEPHX_NSERVICES] = { "allow *" };

	if (m2_cephx_keystore_init(&ks) != M2_OK ||
	    m2_cephx_keystore_add(&ks, s->name, s->key, caps) != M2_OK)
		return -1;
	s->ks = &ks;
	return 0;
}

static void
parse_args(int argc, char **argv, struct opts *o, struct cf_settings *s)
{
	const char *rev = "both", *auth = "none", *name = "client.admin";
	int i;

	memset(o, 0, sizeof(*o));
	memset(s, 0, sizeof(*s));
	s->step_ms = 2000;
	s->lfd = -1;
	s->peer_type = 0;
	o->run_s = 900;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define OPT(n)	(strcmp(a, (n)) == 0 && v != NULL && ++i)
		if (OPT("--target"))
			o->target = v;
		else if (OPT("--listen"))
			o->listen = v;
		else if (OPT("--exec"))
			s->exec = v;
		else if (OPT("--accept-timeout"))
			s->accept_ms = atoi(v);
		else if (OPT("--client-log"))
			s->client_log = v;
		else if (OPT("--auth"))
			auth = v;
		else if (OPT("--name") || OPT("-n"))
			name = v;
		else if (OPT("-k") || OPT("--keyring"))
			o->keyring = v;
		else if (OPT("--key"))
			o->key_b64 = v;
		else if (OPT("--mode"))
			o->mode = v;
		else if (OPT("--rev"))
			rev = v;
		else if (OPT("--peer-type"))
			s->peer_type = entity_type(v);
		else if (OPT("--step-timeout"))
			s->step_ms = atoi(v);
		else if (OPT("--run-timeout"))
			o->run_s = atoi(v);
		else if (OPT("--wirelog"))
			s->wirelog_dir = v;
		else if (OPT("--json"))
			o->json = v;
		else if (OPT("--junit"))
			o->junit = v;
		else if (OPT("--html"))
			o->html = v;
		else if (OPT("--profile"))
			o->profile = v;
		else if (OPT("--label"))
			o->label = v;
		else if (OPT("--skip")) {
			if (o->nskip == 64)
				usage();
			o->skip[o->nskip++] = v;
		} else if (OPT("--tag")) {
			if (o->ntags == 16)
				usage();
			o->tags[o->ntags++] = v;
		} else if (strcmp(a, "--list") == 0)
			o->list = 1;
		else if (strcmp(a, "-v") == 0)
			s->verbose = 1;
		else if (a[0] == '-')
			usage();
		else {
			if (o->nsel == 256)
				usage();
			o->sel[o->nsel++] = a;
		}
#undef OPT
	}
	if (strcmp(auth, "none") == 0)
		s->auth = M2_AUTH_NONE;
	else if (strcmp(auth, "cephx") == 0)
		s->auth = M2_AUTH_CEPHX;
	else
		usage();
	if (strcmp(rev, "0") == 0)
		s->rev0 = 1;
	else if (strcmp(rev, "1") == 0)
		s->rev1 = 1;
	else if (strcmp(rev, "both") == 0)
		s->rev0 = s->rev1 = 1;
	else
		usage();
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (o->mode == NULL)
		o->mode = s->auth == M2_AUTH_CEPHX ? "crc secure" : "crc";
	if (tool_parse_modes(o->mode, s->modes, &s->n_modes) != 0 ||
	    s->n_modes == 0) {
		fprintf(stderr, "m2conform: bad --mode %s\n", o->mode);
		exit(2);
	}
	if (s->step_ms <= 0 || o->run_s <= 0)
		usage();
	if (o->list)
		return;
	if (o->listen != NULL && o->target == NULL) {
		s->role = CF_TEST_CLIENT;
		if (s->accept_ms <= 0)
			s->accept_ms = s->exec != NULL ? 15000 : 60000;
		if (start_listening(o->listen, s) != 0)
			exit(2);
		if (o->label == NULL)
			o->label = s->exec != NULL ? s->exec : "client";
	} else if (o->target == NULL || o->listen != NULL ||
	    parse_target(o->target, s) != 0) {
		fprintf(stderr, "m2conform: --target needs a v2 address, "
		    "e.g. \"[v2:127.0.0.1:3300]\" (or --listen ADDR for the "
		    "client role)\n");
		exit(2);
	}
	if (o->label == NULL)
		o->label = o->target;
	if (load_key(s, o) != 0) {
		fprintf(stderr, "m2conform: cannot load the key of %s\n",
		    s->name);
		exit(2);
	}
	if (s->auth == M2_AUTH_CEPHX && !s->have_key) {
		fprintf(stderr, "m2conform: cephx needs -k KEYRING or --key\n");
		exit(2);
	}
	if (s->role == CF_TEST_CLIENT && s->auth == M2_AUTH_CEPHX &&
	    make_keystore(s) != 0) {
		fprintf(stderr, "m2conform: cannot make a key store for %s\n",
		    s->name);
		exit(2);
	}
}

/* ------------------------------------------------------------------ */
/* Selection and running                                               */
/* ------------------------------------------------------------------ */

static int
selected(const struct opts *o, const struct cf_case *c)
{
	int ok = o->nsel == 0;

	for (size_t i = 0; i < o->nsel && !ok; i++)
		if (fnmatch(o->sel[i], c->id, 0) == 0 ||
		    strcmp(o->sel[i], c->area) == 0)
			ok = 1;
	for (size_t i = 0; i < o->nskip && ok; i++)
		if (fnmatch(o->skip[i], c->id, 0) == 0)
			ok = 0;
	for (size_t i = 0; i < o->ntags && ok; i++)
		if ((c->tags == NULL || strstr(c->tags, o->tags[i]) == NULL) &&
		    strstr(c->id, o->tags[i]) == NULL &&
		    strcmp(c->area, o->tags[i]) != 0)
			ok = 0;
	return ok;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const unsigned variant_bits[4] = {
	CF_V_R0C, CF_V_R1C, CF_V_R0S, CF_V_R1S
};

static int
variant_allowed(const struct cf_settings *s, unsigned v)
{
	int rev1 = (v & CF_V_REV1) != 0;
	uint32_t mode = (v & CF_V_SECURE) ? M2_CON_MODE_SECURE :
	    M2_CON_MODE_CRC;
	int have = 0;

	if ((rev1 && !s->rev1) || (!rev1 && !s->rev0))
		return 0;
	for (size_t i = 0; i < s->n_modes; i++)
		if (s->modes[i] == mode)
			have = 1;
	/* auth none is crc only (AuthRegistry). */
	if (mode == M2_CON_MODE_SECURE && s->auth == M2_AUTH_NONE)
		return 0;
	return have;
}

static struct cf_result *results;
static size_t nres, capres;

static struct cf_result *
new_result(const struct cf_case *c, const char *variant, const char *label)
{
	struct cf_result *r;

	if (nres == capres) {
		size_t nc = capres ? capres * 2 : 512;
		struct cf_result *n = realloc(results, nc * sizeof(*n));

		if (n == NULL) {
			fprintf(stderr, "m2conform: out of memory\n");
			exit(2);
		}
		results = n;
		capres = nc;
	}
	r = &results[nres++];
	memset(r, 0, sizeof(*r));
	r->id = c->id;
	r->area = c->area;
	r->ref = c->ref;
	r->desc = c->desc;
	r->expect = c->expect;
	r->tags = c->tags ? c->tags : "";
	r->variant = variant;
	r->target = label;
	r->verdict = CF_ERROR;
	r->reaction = CF_R_NONE;
	r->tag = -1;
	return r;
}

/* The --exec'd client of the case running, ended if we are stopped. */
static volatile sig_atomic_t cur_client;

static void
on_stop(int sig)
{
	if (cur_client > 0)
		(void)kill(-(pid_t)cur_client, SIGKILL);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Close connections left queued by an earlier client. */
static void
drain_backlog(int lfd)
{
	for (int i = 0; i < 256; i++) {
		struct m2_sock k;

		if (m2_sock_accept(lfd, &k, 1) != M2_OK)
			return;
		m2_sock_close(&k);
	}
}

/*
 * The client role: start the client under test (--exec), run the case
 * (it accepts the connection), stop the client, and fail the case if
 * the client crashed whatever the wire showed.
 */
static void
client_run(const struct cf_settings *s, struct cf_ctx *x,
    const struct cf_case *c, struct cf_result *r)
{
	struct cf_proc pr;
	char cmd[4096], log[1024], how[96];
	const char *logp = s->client_log;
	int sig;

	memset(&pr, 0, sizeof(pr));
	if (s->exec != NULL) {
		/* what an earlier client left queued is not this case's */
		drain_backlog(s->lfd);
		if (cf_exec_expand(s->exec, s->listen_text, s->listen_host,
		    s->listen_port, cmd, sizeof(cmd)) != 0) {
			snprintf(r->detail, sizeof(r->detail), "runner: the "
			    "--exec command is too long");
			return;
		}
		if (s->wirelog_dir != NULL) {
			snprintf(log, sizeof(log), "%s/%s@%s.client.log",
			    s->wirelog_dir, c->id, r->variant);
			logp = log;
		}
		if (cf_exec_start(&pr, cmd, logp) != 0) {
			snprintf(r->detail, sizeof(r->detail), "runner: cannot "
			    "start the client: %s", strerror(errno));
			return;
		}
		x->proc = &pr;
		cur_client = pr.pid;
	} else if (s->verbose)
		fprintf(stderr, "m2conform: %s (%s): waiting for a client on "
		    "%s\n", c->id, r->variant, s->listen_text);
	c->run(x, c->arg);
	/* our side goes first, so a client waiting on us sees the end */
	m2_sock_close(&x->p.sock);
	if (s->exec == NULL)
		return;
	cf_exec_stop(&pr, 200);
	cur_client = 0;
	cf_exec_describe(&pr, how, sizeof(how));
	if ((sig = cf_exec_crashed(&pr)) != 0) {
		char d[sizeof(r->detail)];
		int k;

		memcpy(d, r->detail, sizeof(d));
		r->verdict = CF_FAIL;
		k = snprintf(r->detail, sizeof(r->detail), "the client CRASHED "
		    "(%s); on the wire: ", how);
		if (k > 0 && (size_t)k < sizeof(r->detail))
			memcpy(r->detail + k, d, strnlen(d, sizeof(r->detail) -
			    (size_t)k - 1) + 1);
		r->detail[sizeof(r->detail) - 1] = '\0';
	} else if (s->verbose)
		fprintf(stderr, "m2conform: %s (%s): the client: %s\n", c->id,
		    r->variant, how);
}

/* see cases.h */
void
cf_peer_done(struct cf_ctx *x, struct cf_peer *q)
{
	const struct cf_settings *s = x->s;
	char path[1024], desc[512];

	x->nconn++;
	if (s->wirelog_dir != NULL && q->wire != NULL) {
		snprintf(desc, sizeof(desc), "m2conform case %s (%s): "
		    "another connection of the case, the %d. to end",
		    x->c->id, x->r->variant, x->nconn);
		snprintf(path, sizeof(path), "%s/%s@%s.conn%d.json",
		    s->wirelog_dir, x->c->id, x->r->variant, x->nconn);
		if (cf_wirelog_write(q, path, desc) != 0)
			fprintf(stderr, "m2conform: cannot write %s\n", path);
	}
	cf_peer_free(q);
}

static void
run_one(const struct cf_settings *s, const struct cf_case *c, int rev1,
    uint32_t mode, struct cf_result *r, double deadline)
{
	struct cf_ctx *x;
	double t0 = now();

	if (t0 > deadline) {
		r->verdict = CF_TIMEOUT;
		r->reaction = CF_R_NONE;
		snprintf(r->detail, sizeof(r->detail), "the whole-run "
		    "deadline passed before this case");
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(r->detail, sizeof(r->detail), "out of memory");
		return;
	}
	x->s = s;
	x->c = c;
	x->rev1 = rev1;
	x->mode = mode;
	x->r = r;
	snprintf(r->detail, sizeof(r->detail), "runner: the case set no "
	    "verdict");
	cf_peer_init(&x->p, s, rev1, mode);
	if (s->role == CF_TEST_CLIENT)
		client_run(s, x, c, r);
	else
		c->run(x, c->arg);
	if (s->wirelog_dir != NULL && x->p.wire != NULL) {
		char path[1024], desc[640], more[128] = "";

		if (x->nconn > 0)
			snprintf(more, sizeof(more), " (one of %d "
			    "connections; the others: .conn1.json to "
			    ".conn%d.json beside it)", x->nconn + 1, x->nconn);
		snprintf(desc, sizeof(desc), "m2conform case %s (%s), %s: "
		    "%s%s", c->id, r->variant, cf_verdict_name(r->verdict),
		    r->detail, more);
		snprintf(path, sizeof(path), "%s/%s@%s.json", s->wirelog_dir,
		    c->id, r->variant);
		/* kept until exit: the reports name it */
		if (cf_wirelog_write(&x->p, path, desc) == 0)
			r->wirelog = strdup(path);
	}
	cf_peer_free(&x->p);
	free(x);
	r->seconds = now() - t0;
}

static void
print_line(FILE *f, const struct cf_result *r)
{
	const char *tn = r->tag >= 0 ? m2_tag_name((unsigned)r->tag) : NULL;
	char react[64];

	if (r->reaction == CF_R_FRAME)
		snprintf(react, sizeof(react), "frame %s", tn ? tn : "?");
	else
		snprintf(react, sizeof(react), "%s",
		    cf_reaction_name(r->reaction));
	fprintf(f, "%-11s %-44s %-11s %6.3fs  %s: %s\n",
	    r->expected_fail && r->verdict != CF_PASS ? "xfail" :
	    r->expected_fail ? "XPASS" : cf_verdict_name(r->verdict),
	    r->id, r->variant, r->seconds, react, r->detail);
}

static void
list_cases(void)
{
	for (size_t i = 0; i < nreg; i++) {
		const struct cf_case *c = &reg[i];

		printf("%-44s %-8s %s%s%s\n    expect: %s\n    ref: %s\n",
		    c->id, c->area, c->desc, c->tags && c->tags[0] ? "  [" :
		    "", c->tags && c->tags[0] ? c->tags : "", c->expect,
		    c->ref);
		if (c->tags && c->tags[0])
			printf("    tags: %s\n", c->tags);
		printf("    roles: %s  variants: %s%s%s%s%s\n",
		    c->roles & CF_ROLE_CLIENT ? (c->roles & CF_ROLE_SERVER ?
		    "server,client" : "client") : "server",
		    c->variants == 0 ? "-" : "",
		    c->variants & CF_V_R0C ? "rev0-crc " : "",
		    c->variants & CF_V_R1C ? "rev1-crc " : "",
		    c->variants & CF_V_R0S ? "rev0-secure " : "",
		    c->variants & CF_V_R1S ? "rev1-secure" : "");
	}
}

int
main(int argc, char **argv)
{
	static struct cf_settings s;
	struct opts o;
	size_t ncase = 0;
	double deadline, t0;
	unsigned role_bit;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	signal(SIGHUP, on_stop);
	cf_cases_banner();
	cf_cases_frame();
	cf_cases_control();
	cf_cases_auth();
	cf_cases_session();
	cf_cases_reconnect();
	cf_cases_compress();
	cf_cases_cve();
	cf_cases_client();
	parse_args(argc, argv, &o, &s);
	role_bit = s.role == CF_TEST_CLIENT ? CF_ROLE_CLIENT : CF_ROLE_SERVER;
	if (o.list) {
		struct cf_case *keep = reg;
		size_t n = 0;

		for (size_t i = 0; i < nreg; i++)
			if (selected(&o, &reg[i]))
				keep[n++] = reg[i];
		nreg = n;
		list_cases();
		return 0;
	}
	if (o.profile != NULL && cf_out_profile_load(o.profile) != 0)
		return 2;
	t0 = now();
	deadline = t0 + o.run_s;
	for (size_t i = 0; i < nreg; i++) {
		const struct cf_case *c = &reg[i];
		int ran = 0;

		if (!selected(&o, c) || !(c->roles & role_bit))
			continue;
		ncase++;
		if (((c->needs & CF_NEED_CEPHX) && s.auth != M2_AUTH_CEPHX) ||
		    ((c->needs & CF_NEED_NONE) && s.auth != M2_AUTH_NONE)) {
			struct cf_result *r = new_result(c, "-", o.label);

			r->verdict = CF_UNSUPPORTED;
			snprintf(r->detail, sizeof(r->detail), "%s",
			    (c->needs & CF_NEED_CEPHX) ? "needs --auth cephx" :
			    "needs --auth none");
			print_line(stdout, r);
			continue;
		}
		if (c->variants == 0) {
			struct cf_result *r = new_result(c, "-", o.label);

			run_one(&s, c, s.rev1, M2_CON_MODE_CRC, r, deadline);
			cf_out_profile_mark(r);
			print_line(stdout, r);
			continue;
		}
		for (int v = 0; v < 4; v++) {
			unsigned bit = variant_bits[v];
			int rev1 = (bit & CF_V_REV1) != 0;
			uint32_t mode = (bit & CF_V_SECURE) ?
			    M2_CON_MODE_SECURE : M2_CON_MODE_CRC;
			struct cf_result *r;

			if (!(c->variants & bit) || !variant_allowed(&s, bit))
				continue;
			r = new_result(c, cf_variant_name(rev1, mode),
			    o.label);
			run_one(&s, c, rev1, mode, r, deadline);
			cf_out_profile_mark(r);
			print_line(stdout, r);
			ran = 1;
		}
		if (!ran) {
			struct cf_result *r = new_result(c, "-", o.label);

			r->verdict = CF_UNSUPPORTED;
			snprintf(r->detail, sizeof(r->detail), "no variant "
			    "of this case fits --rev/--mode/--auth");
			print_line(stdout, r);
		}
	}
	rc = cf_out_finish(results, nres, ncase, o.json, o.junit, o.html,
	    now() - t0);
	for (size_t i = 0; i < nres; i++)
		free((char *)(uintptr_t)results[i].wirelog);
	free(results);
	return rc;
}

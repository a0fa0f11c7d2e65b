/* SPDX-License-Identifier: MIT */
/* see tool_server.h */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "tool_server.h"

/* see tool_server.h */
void
tool_server_log(struct tool_server *srv, const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	pthread_mutex_lock(&srv->lock);
	fprintf(srv->log, "%lld.%03ld ", (long long)ts.tv_sec,
	    ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(srv->log, fmt, ap);
	va_end(ap);
	fputc('\n', srv->log);
	fflush(srv->log);
	pthread_mutex_unlock(&srv->lock);
}

static int
parse_uuid(const char *s, uint8_t out[16])
{
	size_t k = 0;

	for (; *s && k < 32; s++) {
		int v;

		if (*s == '-')
			continue;
		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			return -1;
		if (k % 2 == 0)
			out[k / 2] = (uint8_t)(v << 4);
		else
			out[k / 2] |= (uint8_t)v;
		k++;
	}
	return k == 32 && *s == '\0' ? 0 : -1;
}

/* see tool_server.h */
int
tool_server_init(struct tool_server *srv, struct tool_opts *o)
{
	struct m2_cur c;
	struct m2_diag d;
	m2_err e;

	memset(srv, 0, sizeof(*srv));
	srv->o = o;
	srv->log = stderr;
	srv->created = time(NULL);
	atomic_store(&srv->next_global_id, 4100);
	pthread_mutex_init(&srv->lock, NULL);
	if (o->log_path != NULL &&
	    (srv->log = fopen(o->log_path, "a")) == NULL) {
		fprintf(stderr, "cannot open %s: %s\n", o->log_path,
		    strerror(errno));
		return 2;
	}
	/* Line-buffered: connection threads write whole lines, and a test
	 * reading the log sees each line once its event happened. */
	setvbuf(srv->log, NULL, _IOLBF, 0);
	if (o->bind == NULL)
		o->bind = tool_conf_get(o, "public_addrv");
	if (o->bind != NULL) {
		m2_cur_init(&c, (const uint8_t *)o->bind, strlen(o->bind));
		if ((e = m2_addrvec_text_parse(&c, &srv->addrs, &d)) !=
		    M2_OK) {
			fprintf(stderr, "m2server: bad address vector \"%s\": "
			    "%s\n", o->bind, m2_strerror(e));
			return 2;
		}
	} else if (o->mon_host != NULL && o->mh.n > 0) {
		/* the first monitor of mon_host, as a monitor named there */
		srv->addrs = o->mh.mon[0].addrs;
	} else {
		fprintf(stderr, "m2server: give --bind ADDRVEC (or "
		    "public_addrv or mon_host in the config)\n");
		return 2;
	}
	if (o->fsid != NULL) {
		if (parse_uuid(o->fsid, srv->fsid) != 0) {
			fprintf(stderr, "m2server: bad fsid \"%s\"\n", o->fsid);
			return 2;
		}
	} else if (RAND_bytes(srv->fsid, sizeof(srv->fsid)) != 1) {
		return 2;
	}
	for (uint32_t i = 0; i < srv->addrs.n; i++) {
		struct m2_addr *a = &srv->addrs.a[i];
		char t[M2_ADDR_TEXT_MAX];

		/* ms_bind_msgr1/2 and ms_bind_ipv4/6 choose what to bind */
		if ((a->type == M2_ADDR_LEGACY && !o->bind_msgr1) ||
		    (a->type != M2_ADDR_LEGACY && !o->bind_msgr2) ||
		    (a->family == 2 && !o->bind_ipv4) ||
		    (a->family == 10 && !o->bind_ipv6 && o->bind_ipv4))
			continue;
		m2_addr_dump(a, t, sizeof(t));
		if ((e = m2_sock_listen(&srv->lfd[srv->nl], a, 64)) != M2_OK) {
			fprintf(stderr, "m2server: cannot listen on %s: %s\n",
			    t, strerror(errno));
			return 2;
		}
		srv->lv1[srv->nl] = a->type == M2_ADDR_LEGACY;
		srv->nl++;
		tool_server_log(srv, "listening on %s%s", t,
		    a->type == M2_ADDR_LEGACY ? " (msgr1: refused)" : "");
	}
	if (srv->nl == 0) {
		fprintf(stderr, "m2server: nothing to listen on\n");
		return 2;
	}
	for (size_t i = 0; i < o->n_methods; i++)
		if (o->methods[i] == M2_AUTH_CEPHX &&
		    tool_cephx_server_init(srv) != 0)
			return 2;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sessions (lossless peers)                                            */
/* ------------------------------------------------------------------ */

/* Two address vectors are one peer if every address is (memcmp). */
static int
same_addrs(const struct m2_addrvec *a, const struct m2_addrvec *b)
{
	if (a->n != b->n)
		return 0;
	for (uint32_t i = 0; i < a->n; i++)
		if (!m2_addr_equal(&a->a[i], &b->a[i]))
			return 0;
	return 1;
}

/*
 * The session of the peer at |addrs| with |cookie|.  Ceph finds the
 * existing connection by the peer's address vector (lookup_conn in
 * handle_reconnect) before it looks at cookies: a reconnect from other
 * addresses gets SESSION_RESET(full), whatever cookie it carries
 * (conformance case session.reconnect-other-addrs).
 */
static struct m2_session *
sess_find(void *tab, const struct m2_addrvec *addrs, uint64_t cookie)
{
	struct tool_server *srv = tab;
	struct m2_session *found = NULL;

	if (cookie == 0)
		return NULL;
	pthread_mutex_lock(&srv->lock);
	for (size_t i = 0; i < TOOL_MAX_SESSIONS; i++)
		if (srv->slots[i].used &&
		    srv->slots[i].s.client_cookie == cookie &&
		    same_addrs(&srv->slots[i].s.peer_addrs, addrs)) {
			found = &srv->slots[i].s;
			break;
		}
	pthread_mutex_unlock(&srv->lock);
	return found;
}

/* The session the current connection thread created, if any. */
static _Thread_local struct m2_session *created_here;

/*
 * A new session: a free slot, or else the least recently created one no
 * connection holds (its client must start afresh: RESET on reconnect).
 * The creating connection holds it.
 */
static struct m2_session *
sess_create(void *tab)
{
	struct tool_server *srv = tab;
	struct tool_session_slot *pick = NULL;

	pthread_mutex_lock(&srv->lock);
	for (size_t i = 0; i < TOOL_MAX_SESSIONS && pick == NULL; i++)
		if (!srv->slots[i].used)
			pick = &srv->slots[i];
	if (pick == NULL)
		for (size_t i = 0; i < TOOL_MAX_SESSIONS; i++)
			if (srv->slots[i].attached == 0 && (pick == NULL ||
			    srv->slots[i].gen < pick->gen))
				pick = &srv->slots[i];
	if (pick != NULL) {
		m2_session_clear(&pick->s);
		pick->used = 1;
		pick->attached = 1;
		pick->gen = ++srv->next_gen;
	}
	pthread_mutex_unlock(&srv->lock);
	created_here = pick != NULL ? &pick->s : NULL;
	return created_here;
}

/*
 * A connection holds (|d| 1) or lets go of (|d| -1) the table session
 * |s|, if it is one; a held session is never evicted.
 */
static void
sess_hold(struct tool_server *srv, struct m2_session *s, int d)
{
	pthread_mutex_lock(&srv->lock);
	for (size_t i = 0; i < TOOL_MAX_SESSIONS; i++)
		if (&srv->slots[i].s == s) {
			if (d > 0 || srv->slots[i].attached > 0)
				srv->slots[i].attached += d;
		}
	pthread_mutex_unlock(&srv->lock);
}

/* ------------------------------------------------------------------ */
/* Connections                                                          */
/* ------------------------------------------------------------------ */

struct conn_job {
	struct tool_server *srv;
	struct m2_sock	 sock;
	int		 id;
	void		*cephx;
};

static int
auth_dispatch(void *arg, uint32_t method, uint32_t con_mode, int first,
    struct m2_span in, struct m2_buf *out, struct m2_auth_result *res,
    char *why, size_t why_len)
{
	struct conn_job *j = arg;

	if (method == M2_AUTH_NONE)
		return m2_auth_none_server(&j->srv->next_global_id, method,
		    con_mode, first, in, out, res, why, why_len);
	if (method == M2_AUTH_CEPHX && j->cephx != NULL)
		return tool_cephx_server_handle(j->cephx, method, con_mode,
		    first, in, out, res, why, why_len);
	snprintf(why, why_len, "method %u is not served", method);
	return -95;
}

static void
auth_reset(void *arg)
{
	(void)arg;
}

static void *
conn_thread(void *arg)
{
	struct conn_job *j = arg;
	struct tool_server *srv = j->srv;
	struct tool_opts *o = srv->o;
	struct m2_server_cfg cfg;
	struct m2_server_auth auth = { j, auth_dispatch, auth_reset };
	struct tool_trace trace;
	struct m2_conn c;
	char prefix[32], peer[M2_ADDR_TEXT_MAX];
	struct m2_addr pa;
	m2_err e;

	snprintf(prefix, sizeof(prefix), "[conn %d] ", j->id);
	memset(&trace, 0, sizeof(trace));
	trace.dump_frames = o->dump_frames;
	trace.verbose = 1;
	trace.prefix = prefix;
	trace.log = srv->log;
	trace.record = o->transcript != NULL;
	memset(&cfg, 0, sizeof(cfg));
	cfg.base.my_type = M2_ENTITY_TYPE_MON;
	cfg.base.msgr2_supported = o->rev0 ? 0u :
	    (uint64_t)M2_FEATURE_REVISION_1;
	if (o->compression)
		cfg.base.msgr2_supported |= M2_FEATURE_COMPRESSION;
	cfg.base.features_supported = M2_CEPH_FEATURES_ALL;
	cfg.base.features_required = M2_CEPH_CLIENT_REQUIRED;
	memcpy(cfg.base.modes, o->modes, o->n_modes * sizeof(uint32_t));
	cfg.base.n_modes = o->n_modes;
	cfg.base.timeout_ms = o->timeout_ms;
	tool_trace_hooks(&trace, &cfg.base.hooks);
	memcpy(cfg.methods, o->methods, o->n_methods * sizeof(uint32_t));
	cfg.n_methods = o->n_methods;
	cfg.auth = &auth;
	cfg.my_addrs = srv->addrs;
	cfg.lossy = !o->lossless;
	cfg.gid = 0;
	cfg.tab = srv;
	cfg.find = sess_find;
	cfg.create = sess_create;
	for (size_t i = 0; i < o->n_methods; i++)
		if (o->methods[i] == M2_AUTH_CEPHX)
			j->cephx = tool_cephx_server_conn(srv);
	m2_conn_init(&c);
	if (m2_sock_peer(j->sock.fd, M2_ADDR_MSGR2, &pa) == M2_OK)
		m2_addr_dump(&pa, peer, sizeof(peer));
	else
		snprintf(peer, sizeof(peer), "?");
	tool_server_log(srv, "%saccepted %s", prefix, peer);
	created_here = NULL;
	e = m2_server_accept(&c, &cfg, &j->sock);
	/* Hold the table session this connection ended up with, only. */
	if (created_here != NULL && created_here != c.s)
		sess_hold(srv, created_here, -1);
	if (c.s != &c.own && c.s != created_here)
		sess_hold(srv, c.s, 1);
	if (e != M2_OK) {
		tool_server_log(srv, "%shandshake failed: %s [%s]", prefix,
		    c.why, m2_err_name(e));
	} else {
		tool_server_log(srv, "%sready: msgr2.%d mode %s auth %s "
		    "global_id %llu peer type %s", prefix, c.rev1,
		    m2_mode_name(c.con_mode), m2_auth_name(c.auth_method),
		    (unsigned long long)c.auth.global_id,
		    m2_entity_type_label(c.peer_type));
		tool_mon_serve(srv, &c, prefix);
	}
	if (o->transcript != NULL && c.auth_method != 0) {
		char path[512];

		snprintf(path, sizeof(path), "%s.%d.json", o->transcript,
		    j->id);
		(void)tool_transcript_write(path, "reference server session",
		    &trace, &c, NULL);
	}
	if (c.s != &c.own) {
		/* Give the session back to the table (kept for reconnect). */
		sess_hold(srv, c.s, -1);
		c.s = &c.own;
	}
	m2_conn_free(&c);
	tool_trace_free(&trace);
	if (j->cephx != NULL)
		tool_cephx_server_conn_free(j->cephx);
	free(j);
	atomic_fetch_sub(&srv->nconns, 1);
	return NULL;
}

/*
 * A peer on the v1 port: read what it sends first (bounded), log it,
 * close.  msgr1 is not served: this is the clean refusal.
 */
static void
refuse_msgr1(struct tool_server *srv, struct m2_sock *s, int id)
{
	uint8_t b[9];
	char peer[M2_ADDR_TEXT_MAX];
	struct m2_addr pa;
	m2_err e;

	s->timeout_ms = 2000;
	if (m2_sock_peer(s->fd, M2_ADDR_LEGACY, &pa) == M2_OK)
		m2_addr_dump(&pa, peer, sizeof(peer));
	else
		snprintf(peer, sizeof(peer), "?");
	e = m2_sock_read(s, b, sizeof(b));
	if (e == M2_OK && memcmp(b, M2_BANNER_MSGR1, sizeof(b)) == 0)
		tool_server_log(srv, "[conn %d] msgr1 peer %s on the v1 port "
		    "refused: this server speaks msgr2 only", id, peer);
	else if (e == M2_OK && memcmp(b, M2_BANNER_PREFIX, 8) == 0)
		tool_server_log(srv, "[conn %d] msgr2 banner from %s on the "
		    "v1 port refused: use the v2 port", id, peer);
	else
		tool_server_log(srv, "[conn %d] peer %s on the v1 port sent "
		    "no msgr1 banner (%s); closed", id, peer,
		    m2_err_name(e));
	m2_sock_close(s);
}

/* see tool_server.h */
int
tool_server_run(struct tool_server *srv, int lifetime_s)
{
	struct pollfd pfd[M2_MAX_ADDRS];
	time_t end = time(NULL) + lifetime_s;
	int next_id = 1, served = 0;

	for (;;) {
		int r;

		if (time(NULL) >= end) {
			tool_server_log(srv, "lifetime of %d s over; exiting",
			    lifetime_s);
			break;
		}
		if (srv->o->max_conns > 0 && served >= srv->o->max_conns &&
		    atomic_load(&srv->nconns) == 0) {
			tool_server_log(srv, "served %d connections; exiting",
			    served);
			break;
		}
		for (size_t i = 0; i < srv->nl; i++)
			pfd[i] = (struct pollfd){ srv->lfd[i], POLLIN, 0 };
		r = poll(pfd, srv->nl, 200);
		if (r <= 0)
			continue;
		for (size_t i = 0; i < srv->nl; i++) {
			struct m2_sock s;
			struct conn_job *j;
			pthread_t th;

			if (!(pfd[i].revents & POLLIN))
				continue;
			if (srv->o->max_conns > 0 &&
			    served >= srv->o->max_conns)
				continue;
			if (m2_sock_accept(srv->lfd[i], &s, 1) != M2_OK)
				continue;
			served++;
			if (srv->lv1[i]) {
				refuse_msgr1(srv, &s, next_id++);
				continue;
			}
			if (atomic_load(&srv->nconns) >= TOOL_MAX_CONNS) {
				tool_server_log(srv, "[conn %d] refused: %d "
				    "connections already", next_id++,
				    TOOL_MAX_CONNS);
				m2_sock_close(&s);
				continue;
			}
			if ((j = calloc(1, sizeof(*j))) == NULL) {
				m2_sock_close(&s);
				continue;
			}
			j->srv = srv;
			j->sock = s;
			j->id = next_id++;
			atomic_fetch_add(&srv->nconns, 1);
			if (pthread_create(&th, NULL, conn_thread, j) != 0) {
				atomic_fetch_sub(&srv->nconns, 1);
				m2_sock_close(&j->sock);
				free(j);
				continue;
			}
			pthread_detach(th);
		}
	}
	for (size_t i = 0; i < srv->nl; i++)
		close(srv->lfd[i]);
	return 0;
}

/* see tool_server.h */
void
tool_server_free(struct tool_server *srv)
{
	tool_cephx_server_free(srv);
	for (size_t i = 0; i < TOOL_MAX_SESSIONS; i++)
		if (srv->slots[i].used)
			m2_session_clear(&srv->slots[i].s);
	if (srv->log != stderr)
		fclose(srv->log);
	srv->log = stderr;
}

/* SPDX-License-Identifier: MIT */
/*
 * The server handshake (m2/conn.h), one function per protocol step, in
 * the order ProtocolV2 runs them on the accepting side: banner, HELLO,
 * AUTH_REQUEST .. AUTH_DONE, AUTH_SIGNATURE, compression, CLIENT_IDENT
 * or SESSION_RECONNECT.  SPEC-NOTES §5.
 */
#include "conn_int.h"

#include <stdatomic.h>

static _Atomic uint64_t server_global_seq;

/* HELLO both ways: ours names the client's socket address, type v2. */
static m2_err
server_hello(struct m2_conn *c)
{
	char a[M2_ADDR_TEXT_MAX], t[M2_ADDR_TEXT_MAX];
	m2_err e;

	if ((e = conn_hello(c, &c->peer_socket_addr)) != M2_OK)
		return e;
	m2_addr_dump(&c->peer_socket_addr, a, sizeof(a));
	m2_addr_dump(&c->peer_addr_for_me, t, sizeof(t));
	conn_log(c, "hello: peer %s type 0x%x dialed %s", a, c->peer_type, t);
	return M2_OK;
}

static m2_err
send_bad_method(struct m2_conn *c, uint32_t method, int32_t result)
{
	const struct m2_server_cfg *sc = c->scfg;
	struct m2_auth_bad_method bm;

	memset(&bm, 0, sizeof(bm));
	bm.method = method;
	bm.result = result;
	bm.n_methods = (uint32_t)sc->n_methods;
	memcpy(bm.methods, sc->methods, sc->n_methods * sizeof(uint32_t));
	bm.n_modes = (uint32_t)c->cfg->n_modes;
	memcpy(bm.modes, c->cfg->modes, c->cfg->n_modes * sizeof(uint32_t));
	conn_log(c, "auth: refusing %s: %d (%s)", m2_auth_name(method), result,
	    conn_errno_name(result));
	return conn_send_ctl(c, M2_TAG_AUTH_BAD_METHOD, &bm);
}

/* The first mode in the client's list that we allow (AuthRegistry::pick_mode). */
static uint32_t
pick_mode(const struct m2_conn *c, uint32_t method,
    const struct m2_auth_request *r)
{
	for (uint32_t i = 0; i < r->n_modes; i++) {
		if (method == M2_AUTH_NONE && r->modes[i] != M2_CON_MODE_CRC)
			continue;
		if (conn_in_list(r->modes[i], c->cfg->modes,
		    c->cfg->n_modes) || M2_FAULT(MODE_DOWNGRADE))
			return r->modes[i];
	}
	return M2_CON_MODE_UNKNOWN;
}

static m2_err
server_auth(struct m2_conn *c)
{
	const struct m2_server_auth *sa = c->scfg->auth;
	int round, more = 0, r;
	uint32_t method = 0, mode = 0;
	uint8_t out[8192];
	char why[256];
	m2_err e;

	if (sa == NULL)
		return conn_fail(c, M2_E_USAGE, "no server auth configured");
	for (round = 0; round < M2_MAX_AUTH_ROUNDS; round++) {
		struct m2_frame f;
		struct m2_cur p;
		struct m2_span in;
		struct m2_buf b;
		size_t len;

		if ((e = conn_recv_payload(c, &f, &p)) != M2_OK)
			return e;
		if (f.tag == M2_TAG_AUTH_REQUEST && !more) {
			struct m2_auth_request rq;

			e = m2_msg_auth_request_parse(&p, &rq, &c->diag);
			if ((e = conn_payload_result(c, e, "AUTH_REQUEST")) !=
			    M2_OK)
				return e;
			method = rq.method;
			conn_log(c, "auth: request method %s (%u), %u modes",
			    m2_auth_name(method), method, rq.n_modes);
			if (!conn_in_list(method, c->scfg->methods,
			    c->scfg->n_methods) &&
			    !M2_FAULT(METHOD_UNOFFERED)) {
				if ((e = send_bad_method(c, method, -95)) !=
				    M2_OK)
					return e;
				continue;
			}
			if ((mode = pick_mode(c, method, &rq)) == 0) {
				if ((e = send_bad_method(c, method, -95)) !=
				    M2_OK)
					return e;
				continue;
			}
			if (sa->reset != NULL)
				sa->reset(sa->arg);
			in = rq.payload;
		} else if (f.tag == M2_TAG_AUTH_REQUEST_MORE && more) {
			struct m2_auth_request_more rq;

			e = m2_msg_auth_request_more_parse(&p, &rq, &c->diag);
			if ((e = conn_payload_result(c, e,
			    "AUTH_REQUEST_MORE")) != M2_OK)
				return e;
			in = rq.payload;
		} else if (M2_FAULT(STATE_UNCHECKED)) {
			continue;
		} else {
			return conn_unexpected(c, &f, more ?
			    "while waiting for AUTH_REQUEST_MORE" :
			    "while waiting for AUTH_REQUEST");
		}
		memset(&c->auth, 0, sizeof(c->auth));
		why[0] = '\0';
		m2_buf_init(&b, out, sizeof(out));
		r = sa->handle(sa->arg, method, mode, !more, in, &b, &c->auth,
		    why, sizeof(why));
		if (r < 0) {
			conn_log(c, "auth: %s", why);
			more = 0;
			if ((e = send_bad_method(c, method, r)) != M2_OK)
				return e;
			continue;
		}
		if ((e = m2_buf_finish(&b, &len)) != M2_OK)
			return conn_fail(c, e, "auth reply does not fit");
		if (r == 0) {
			struct m2_auth_reply_more rm = { { out, len } };

			if ((e = conn_send_ctl(c, M2_TAG_AUTH_REPLY_MORE,
			    &rm)) != M2_OK)
				return e;
			more = 1;
			continue;
		} else {
			struct m2_auth_done d;

			d.global_id = c->auth.global_id;
			d.con_mode = mode;
			d.payload = (struct m2_span){ out, len };
			if ((e = conn_send_ctl(c, M2_TAG_AUTH_DONE, &d)) !=
			    M2_OK)
				return e;
			c->auth.con_mode = mode;
			c->auth_method = method;
			c->con_mode = mode;
			conn_log(c, "auth: done: method %s, mode %s, "
			    "global_id %llu%s%s", m2_auth_name(method),
			    m2_mode_name(mode),
			    (unsigned long long)c->auth.global_id,
			    why[0] ? ", " : "", why);
			return M2_OK;
		}
	}
	return conn_fail(c, M2_E_LIMIT, "authentication took more than %d "
	    "rounds", M2_MAX_AUTH_ROUNDS);
}

static m2_err
server_compression(struct m2_conn *c)
{
	struct m2_compression_request r;
	struct m2_compression_done d = { 0, 0 };
	struct m2_frame f;
	struct m2_cur cur;
	m2_err e;

	if (!conn_wants_compression(c))
		return M2_OK;
	if ((e = conn_recv_payload(c, &f, &cur)) != M2_OK)
		return e;
	if (f.tag != M2_TAG_COMPRESSION_REQUEST)
		return conn_unexpected(c, &f,
		    "while waiting for COMPRESSION_REQUEST");
	e = m2_msg_compression_request_parse(&cur, &r, &c->diag);
	if ((e = conn_payload_result(c, e, "COMPRESSION_REQUEST")) != M2_OK)
		return e;
	c->compression = 1;
	conn_log(c, "compression: client asked %s; declined",
	    r.is_compress ? "for it" : "for none");
	return conn_send_ctl(c, M2_TAG_COMPRESSION_DONE, &d);
}

static m2_err
send_server_ident(struct m2_conn *c)
{
	const struct m2_server_cfg *sc = c->scfg;
	struct m2_server_ident id;

	memset(&id, 0, sizeof(id));
	id.addrs = sc->my_addrs;
	if (M2_FAULT(IDENT_WRONG_ADDR))
		for (uint32_t i = 0; i < id.addrs.n; i++)
			id.addrs.a[i].sa[1]++;	/* port + 1 (mod 256) */
	id.gid = sc->gid;
	if (M2_FAULT(GLOBAL_SEQ_STUCK))
		id.global_seq = atomic_load(&server_global_seq) + 1;
	else
		id.global_seq = atomic_fetch_add(&server_global_seq, 1) + 1;
	id.features_supported = c->cfg->features_supported;
	id.features_required = c->cfg->features_required;
	id.flags = c->s->lossy ? M2_IDENT_LOSSY : 0;
	id.cookie = c->s->server_cookie;
	return conn_send_ctl(c, M2_TAG_SERVER_IDENT, &id);
}

static m2_err
handle_client_ident(struct m2_conn *c, struct m2_cur *p, int *done)
{
	const struct m2_server_cfg *sc = c->scfg;
	struct m2_client_ident id;
	struct m2_addr blank;
	struct m2_session *s;
	char a[512], t[M2_ADDR_TEXT_MAX], mine[512];
	uint64_t missing;
	int ours = 0;
	m2_err e;

	e = m2_msg_client_ident_parse(p, &id, &c->diag);
	if ((e = conn_payload_result(c, e, "CLIENT_IDENT")) != M2_OK)
		return e;
	/* ProtocolV2::handle_client_ident: none, or a blank first one. */
	memset(&blank, 0, sizeof(blank));
	if (id.addrs.n == 0 || m2_addr_equal(&id.addrs.a[0], &blank))
		return conn_fail(c, M2_E_BADVAL, "CLIENT_IDENT has no address "
		    "(an empty vector or a blank first entry)");
	for (uint32_t i = 0; i < sc->my_addrs.n; i++)
		if (m2_addr_equal(&sc->my_addrs.a[i], &id.target_addr))
			ours = 1;
	m2_addrvec_dump(&id.addrs, a, sizeof(a));
	m2_addr_dump(&id.target_addr, t, sizeof(t));
	m2_addrvec_dump(&sc->my_addrs, mine, sizeof(mine));
	if (!ours)
		return conn_fail(c, M2_E_PEER, "the client dialed %s, which is "
		    "not one of our addresses %s", t, mine);
	missing = c->cfg->features_required & ~id.features_supported;
	if (missing != 0) {
		struct m2_ident_missing_features mf = { missing };

		conn_log(c, "session: client %s lacks features 0x%llx", a,
		    (unsigned long long)missing);
		*done = 0;
		return conn_send_ctl(c, M2_TAG_IDENT_MISSING_FEATURES, &mf);
	}
	s = NULL;
	if (!sc->lossy && !(id.flags & M2_IDENT_LOSSY) && sc->find != NULL &&
	    sc->create != NULL) {
		s = sc->find(sc->tab, &id.addrs, id.cookie);
		if (s == NULL)
			s = sc->create(sc->tab);
		else
			conn_log(c, "session: client %s reuses its session",
			    a);
		if (s == NULL)
			return conn_fail(c, M2_E_LIMIT, "session table full");
		if (s->server_cookie == 0 && !M2_FAULT(COOKIE_ZERO))
			s->server_cookie = conn_random64();
	} else {
		s = &c->own;
		s->lossy = 1;
	}
	s->client_cookie = id.cookie;
	s->peer_addrs = id.addrs;
	s->peer_gid = id.gid;
	s->peer_global_seq = id.global_seq;
	s->features = id.features_supported & c->cfg->features_supported;
	s->global_id = c->auth.global_id;
	c->s = s;
	conn_log(c, "session: client %s gid %lld global_seq %llu cookie %llx "
	    "%s", a, (long long)id.gid, (unsigned long long)id.global_seq,
	    (unsigned long long)id.cookie, s->lossy ? "lossy" : "lossless");
	if ((e = send_server_ident(c)) != M2_OK)
		return e;
	*done = 1;
	return M2_OK;
}

static m2_err
handle_reconnect(struct m2_conn *c, struct m2_cur *p, int *done)
{
	const struct m2_server_cfg *sc = c->scfg;
	struct m2_session_reconnect r;
	struct m2_session_reconnect_ok ok;
	struct m2_session *s = NULL;
	m2_err e;

	*done = 0;
	e = m2_msg_session_reconnect_parse(p, &r, &c->diag);
	if ((e = conn_payload_result(c, e, "SESSION_RECONNECT")) != M2_OK)
		return e;
	if (r.addrs.n == 0)
		return conn_fail(c, M2_E_BADVAL, "SESSION_RECONNECT has no "
		    "address");
	if (sc->find != NULL)
		s = sc->find(sc->tab, &r.addrs, r.client_cookie);
	if (s == NULL) {
		struct m2_session_reset rs = { 1 };

		conn_log(c, "session: reconnect for an unknown session: "
		    "RESET(full)");
		return conn_send_ctl(c, M2_TAG_SESSION_RESET, &rs);
	}
	if (s->server_cookie == 0 || s->server_cookie != r.server_cookie) {
		struct m2_session_reset rs = { 0 };

		conn_log(c, "session: server cookie mismatch: RESET(0)");
		return conn_send_ctl(c, M2_TAG_SESSION_RESET, &rs);
	}
	if (s->peer_global_seq > r.global_seq &&
	    !M2_FAULT(RECONNECT_STALE_ACCEPTED)) {
		conn_log(c, "session: stale global_seq %llu < %llu: "
		    "RETRY_GLOBAL", (unsigned long long)r.global_seq,
		    (unsigned long long)s->peer_global_seq);
		struct m2_session_retry_global rg = { s->peer_global_seq };

		return conn_send_ctl(c, M2_TAG_SESSION_RETRY_GLOBAL, &rg);
	}
	if (s->connect_seq > r.connect_seq &&
	    !M2_FAULT(RECONNECT_STALE_ACCEPTED)) {
		conn_log(c, "session: stale connect_seq %llu < %llu: RETRY",
		    (unsigned long long)r.connect_seq,
		    (unsigned long long)s->connect_seq);
		struct m2_session_retry rt = { s->connect_seq };

		return conn_send_ctl(c, M2_TAG_SESSION_RETRY, &rt);
	}
	s->connect_seq = r.connect_seq;
	s->peer_global_seq = r.global_seq;
	c->s = s;
	conn_log(c, "session: reconnected (connect_seq %llu); we had "
	    "received up to %llu, the client up to %llu",
	    (unsigned long long)r.connect_seq,
	    (unsigned long long)s->in_seq, (unsigned long long)r.msg_seq);
	ok.msg_seq = s->in_seq;
	if ((e = conn_send_ctl(c, M2_TAG_SESSION_RECONNECT_OK, &ok)) != M2_OK)
		return e;
	conn_discard_sent(s, r.msg_seq);
	s->out_seq = r.msg_seq;
	c->ready = 1;
	*done = 1;
	return conn_resend(c);
}

static m2_err
server_session(struct m2_conn *c)
{
	int round, done = 0;
	m2_err e;

	for (round = 0; round < M2_MAX_AUTH_ROUNDS && !done; round++) {
		struct m2_frame f;
		struct m2_cur p;

		if ((e = conn_recv_payload(c, &f, &p)) != M2_OK)
			return e;
		if (f.tag == M2_TAG_CLIENT_IDENT)
			e = handle_client_ident(c, &p, &done);
		else if (f.tag == M2_TAG_SESSION_RECONNECT)
			e = handle_reconnect(c, &p, &done);
		else
			return conn_unexpected(c, &f, "while waiting for "
			    "CLIENT_IDENT or SESSION_RECONNECT");
		if (e != M2_OK)
			return e;
	}
	if (!done)
		return conn_fail(c, M2_E_LIMIT, "the session took more than "
		    "%d rounds", M2_MAX_AUTH_ROUNDS);
	c->ready = 1;
	return M2_OK;
}

/* see m2/conn.h */
m2_err
m2_server_accept(struct m2_conn *c, const struct m2_server_cfg *cfg,
    struct m2_sock *sock)
{
	m2_err e;

	c->role = M2_ROLE_SERVER;
	c->cfg = &cfg->base;
	c->scfg = cfg;
	c->ccfg = NULL;
	c->s = &c->own;
	c->sock = *sock;
	sock->fd = -1;
	c->sock.timeout_ms = cfg->base.timeout_ms;
	conn_begin(c);
	if (m2_sock_peer(c->sock.fd, M2_ADDR_MSGR2, &c->peer_socket_addr) !=
	    M2_OK)
		return conn_fail(c, M2_E_IO, "getpeername failed");
	if ((e = conn_banner(c)) != M2_OK ||
	    (e = server_hello(c)) != M2_OK ||
	    (e = server_auth(c)) != M2_OK ||
	    (e = conn_crypto_on(c)) != M2_OK ||
	    (e = conn_signatures(c)) != M2_OK ||
	    (e = server_compression(c)) != M2_OK ||
	    (e = server_session(c)) != M2_OK)
		return e;
	conn_log(c, "ready: msgr2.%d %s, auth %s, global_id %llu", c->rev1,
	    m2_mode_name(c->con_mode), m2_auth_name(c->auth_method),
	    (unsigned long long)c->auth.global_id);
	return M2_OK;
}

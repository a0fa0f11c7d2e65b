/* SPDX-License-Identifier: MIT */
/*
 * The client handshake (m2/conn.h), one function per protocol step, in
 * the order ProtocolV2 runs them on the connecting side:
 * banner, HELLO, AUTH_REQUEST .. AUTH_DONE, AUTH_SIGNATURE, compression,
 * CLIENT_IDENT or SESSION_RECONNECT.  SPEC-NOTES §5.
 */
#include "conn_int.h"

#include <errno.h>

static size_t
fmt_list(char *s, size_t n, const uint32_t *v, size_t count,
    const char *(*name)(uint32_t))
{
	size_t at = 0;

	at = m2_fmt(s, n, at, "[");
	for (size_t i = 0; i < count; i++)
		at = m2_fmt(s, n, at, "%s%s", i ? "," : "", name(v[i]));
	return m2_fmt(s, n, at, "]");
}

/* HELLO both ways: ours names the address we dialed. */
static m2_err
client_hello(struct m2_conn *c)
{
	char a[M2_ADDR_TEXT_MAX];
	m2_err e;

	if ((e = conn_hello(c, &c->target)) != M2_OK)
		return e;
	m2_addr_dump(&c->peer_addr_for_me, a, sizeof(a));
	conn_log(c, "hello: peer type 0x%x sees us as %s", c->peer_type, a);
	return M2_OK;
}

/* Our modes for |method|: auth none only ever gets crc (AuthRegistry). */
static size_t
client_modes(const struct m2_conn *c, uint32_t method, uint32_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < c->cfg->n_modes; i++) {
		if (method == M2_AUTH_NONE &&
		    c->cfg->modes[i] != M2_CON_MODE_CRC)
			continue;
		out[n++] = c->cfg->modes[i];
	}
	return n;
}

static m2_err
send_auth_request(struct m2_conn *c, const struct m2_client_auth *a)
{
	struct m2_auth_request r;
	uint8_t pay[512];
	struct m2_buf b;
	size_t len;
	m2_err e;

	memset(&r, 0, sizeof(r));
	r.method = a->method;
	r.n_modes = (uint32_t)client_modes(c, a->method, r.modes);
	m2_buf_init(&b, pay, sizeof(pay));
	if ((e = a->request(a->arg, c->s->global_id, &b)) != M2_OK ||
	    (e = m2_buf_finish(&b, &len)) != M2_OK)
		return conn_fail(c, e, "%s cannot build its request: %s",
		    m2_auth_name(a->method), m2_err_name(e));
	r.payload = (struct m2_span){ pay, len };
	conn_log(c, "auth: request method %s, %u modes, first %s",
	    m2_auth_name(a->method), r.n_modes, m2_mode_name(r.modes[0]));
	return conn_send_ctl(c, M2_TAG_AUTH_REQUEST, &r);
}

/*
 * AUTH_REQUEST, then AUTH_BAD_METHOD (try the next method the server
 * allows, as MonClient does), AUTH_REPLY_MORE (another round) or
 * AUTH_DONE.
 */
static m2_err
client_auth(struct m2_conn *c)
{
	const struct m2_client_cfg *cc = c->ccfg;
	size_t ai = 0, round;
	uint8_t more[4096];
	char l1[128], l2[128];
	m2_err e;

	if (cc->n_auths == 0)
		return conn_fail(c, M2_E_USAGE, "no auth method configured");
	for (ai = 0; ai < cc->n_auths; ai++) {
		uint32_t m[M2_MAX_CON_MODES];

		if (client_modes(c, cc->auths[ai].method, m) > 0)
			break;
		conn_log(c, "auth: skipping %s: none of our modes suits it",
		    m2_auth_name(cc->auths[ai].method));
	}
	if (ai == cc->n_auths)
		return conn_fail(c, M2_E_USAGE, "no auth method can use our "
		    "modes (auth none needs crc)");
	if ((e = send_auth_request(c, &cc->auths[ai])) != M2_OK)
		return e;
	for (round = 0; round < M2_MAX_AUTH_ROUNDS; round++) {
		const struct m2_client_auth *a = &cc->auths[ai];
		struct m2_frame f;
		struct m2_cur p;

		if ((e = conn_recv_payload(c, &f, &p)) != M2_OK)
			return e;
		switch (f.tag) {
		case M2_TAG_AUTH_BAD_METHOD: {
			struct m2_auth_bad_method bm;
			uint32_t ours[M2_MAX_CON_MODES];
			size_t nours, next;

			e = m2_msg_auth_bad_method_parse(&p, &bm, &c->diag);
			if ((e = conn_payload_result(c, e, "AUTH_BAD_METHOD"))
			    != M2_OK)
				return e;
			fmt_list(l1, sizeof(l1), bm.methods, bm.n_methods,
			    m2_auth_name);
			fmt_list(l2, sizeof(l2), bm.modes, bm.n_modes,
			    m2_mode_name);
			conn_log(c, "auth: server refused %s: %d (%s); it "
			    "allows methods %s, modes %s",
			    m2_auth_name(bm.method), bm.result,
			    conn_errno_name(bm.result), l1, l2);
			for (next = ai + 1; next < cc->n_auths; next++)
				if (conn_in_list(cc->auths[next].method,
				    bm.methods, bm.n_methods) &&
				    client_modes(c, cc->auths[next].method,
				    ours) > 0)
					break;
			if (next == cc->n_auths) {
				char l3[128];

				nours = client_modes(c, a->method, ours);
				fmt_list(l3, sizeof(l3), ours, nours,
				    m2_mode_name);
				if (bm.result == -95 && conn_in_list(a->method,
				    bm.methods, bm.n_methods))
					return conn_fail(c, M2_E_PEER,
					    "no connection mode in common: "
					    "we offer %s with %s, the server "
					    "allows %s", l3,
					    m2_auth_name(a->method), l2);
				return conn_fail(c, M2_E_PEER, "the server "
				    "refused %s: %d (%s); it allows methods "
				    "%s with modes %s",
				    m2_auth_name(bm.method), bm.result,
				    conn_errno_name(bm.result), l1, l2);
			}
			ai = next;
			if ((e = send_auth_request(c, &cc->auths[ai])) !=
			    M2_OK)
				return e;
			break;
		}
		case M2_TAG_AUTH_REPLY_MORE: {
			struct m2_auth_reply_more rm;
			struct m2_auth_request_more rq;
			struct m2_buf b;
			size_t len;

			e = m2_msg_auth_reply_more_parse(&p, &rm, &c->diag);
			if ((e = conn_payload_result(c, e, "AUTH_REPLY_MORE"))
			    != M2_OK)
				return e;
			if (a->more == NULL)
				return conn_fail(c, M2_E_STATE, "%s has no "
				    "second round, but the server sent "
				    "AUTH_REPLY_MORE", m2_auth_name(a->method));
			m2_buf_init(&b, more, sizeof(more));
			if ((e = a->more(a->arg, rm.payload, &b, &c->diag)) !=
			    M2_OK || (e = m2_buf_finish(&b, &len)) != M2_OK)
				return conn_fail(c, e, "%s: bad AUTH_REPLY_MORE"
				    " (%s at %s)", m2_auth_name(a->method),
				    m2_err_name(e), c->diag.field ?
				    c->diag.field : "?");
			rq.payload = (struct m2_span){ more, len };
			if ((e = conn_send_ctl(c, M2_TAG_AUTH_REQUEST_MORE,
			    &rq)) != M2_OK)
				return e;
			break;
		}
		case M2_TAG_AUTH_DONE: {
			struct m2_auth_done d;
			uint32_t ours[M2_MAX_CON_MODES];
			size_t nours;

			e = m2_msg_auth_done_parse(&p, &d, &c->diag);
			if ((e = conn_payload_result(c, e, "AUTH_DONE")) !=
			    M2_OK)
				return e;
			nours = client_modes(c, a->method, ours);
			if (!conn_in_list(d.con_mode, ours, nours))
				return conn_fail(c, M2_E_PEER, "the server "
				    "chose mode %u (%s), which we did not "
				    "offer", d.con_mode,
				    m2_mode_name(d.con_mode));
			memset(&c->auth, 0, sizeof(c->auth));
			c->auth.global_id = d.global_id;
			c->auth.con_mode = d.con_mode;
			if ((e = a->done(a->arg, d.payload, &c->auth,
			    &c->diag)) != M2_OK)
				return conn_fail(c, e, "%s: cannot use "
				    "AUTH_DONE (%s at %s)",
				    m2_auth_name(a->method), m2_err_name(e),
				    c->diag.field ? c->diag.field : "?");
			c->auth_method = a->method;
			c->con_mode = d.con_mode;
			c->s->global_id = d.global_id;
			conn_log(c, "auth: done: method %s, mode %s, "
			    "global_id %llu", m2_auth_name(a->method),
			    m2_mode_name(d.con_mode),
			    (unsigned long long)d.global_id);
			return M2_OK;
		}
		default:
			return conn_unexpected(c, &f, "during authentication");
		}
	}
	return conn_fail(c, M2_E_LIMIT, "authentication took more than %d "
	    "rounds", M2_MAX_AUTH_ROUNDS);
}

/* COMPRESSION_REQUEST declining compression, and its DONE. */
static m2_err
client_compression(struct m2_conn *c)
{
	struct m2_compression_request r = { 0, 0, { 0 } };
	struct m2_compression_done d;
	struct m2_frame f;
	struct m2_cur cur;
	m2_err e;

	if (!conn_wants_compression(c))
		return M2_OK;
	if ((e = conn_send_ctl(c, M2_TAG_COMPRESSION_REQUEST, &r)) != M2_OK)
		return e;
	if ((e = conn_recv_payload(c, &f, &cur)) != M2_OK)
		return e;
	if (f.tag != M2_TAG_COMPRESSION_DONE)
		return conn_unexpected(c, &f,
		    "while waiting for COMPRESSION_DONE");
	e = m2_msg_compression_done_parse(&cur, &d, &c->diag);
	if ((e = conn_payload_result(c, e, "COMPRESSION_DONE")) != M2_OK)
		return e;
	if (d.is_compress)
		return conn_fail(c, M2_E_PEER, "the server turned compression "
		    "on (method %u) although we declined", d.method);
	c->compression = 1;
	conn_log(c, "compression: negotiated off");
	return M2_OK;
}

/* Our address vector: as configured, or learned from the server's HELLO. */
static void
client_my_addrs(const struct m2_conn *c, struct m2_addrvec *v)
{
	if (c->ccfg->my_addrs.n > 0) {
		*v = c->ccfg->my_addrs;
		return;
	}
	memset(v, 0, sizeof(*v));
	v->n = 1;
	v->marker = 2;
	v->a[0] = c->peer_addr_for_me;
	v->a[0].type = M2_ADDR_ANY;
	v->a[0].nonce = c->ccfg->my_nonce;
	v->a[0].sa[0] = v->a[0].sa[1] = 0;		/* port 0 */
}

static m2_err
send_client_ident(struct m2_conn *c)
{
	struct m2_client_ident id;

	memset(&id, 0, sizeof(id));
	client_my_addrs(c, &id.addrs);
	id.target_addr = c->target;
	id.gid = -1;
	id.global_seq = c->s->global_seq;
	id.features_supported = c->cfg->features_supported;
	id.features_required = c->cfg->features_required;
	id.flags = c->s->lossy ? M2_IDENT_LOSSY : 0;
	id.cookie = c->s->client_cookie;
	return conn_send_ctl(c, M2_TAG_CLIENT_IDENT, &id);
}

static m2_err
send_reconnect(struct m2_conn *c)
{
	struct m2_session_reconnect r;

	memset(&r, 0, sizeof(r));
	client_my_addrs(c, &r.addrs);
	r.client_cookie = c->s->client_cookie;
	r.server_cookie = c->s->server_cookie;
	r.global_seq = c->s->global_seq;
	r.connect_seq = c->s->connect_seq;
	r.msg_seq = c->s->in_seq;
	conn_log(c, "session: reconnect cookies %llx/%llx global_seq %llu "
	    "connect_seq %llu msg_seq %llu",
	    (unsigned long long)r.client_cookie,
	    (unsigned long long)r.server_cookie,
	    (unsigned long long)r.global_seq,
	    (unsigned long long)r.connect_seq,
	    (unsigned long long)r.msg_seq);
	return conn_send_ctl(c, M2_TAG_SESSION_RECONNECT, &r);
}

static m2_err
handle_server_ident(struct m2_conn *c, struct m2_cur *p)
{
	struct m2_server_ident id;
	char a[512];
	int found = 0;
	m2_err e;

	e = m2_msg_server_ident_parse(p, &id, &c->diag);
	if ((e = conn_payload_result(c, e, "SERVER_IDENT")) != M2_OK)
		return e;
	for (uint32_t i = 0; i < id.addrs.n; i++)
		if (m2_addr_equal(&id.addrs.a[i], &c->target))
			found = 1;
	m2_addrvec_dump(&id.addrs, a, sizeof(a));
	if (!found) {
		char t[M2_ADDR_TEXT_MAX];

		m2_addr_dump(&c->target, t, sizeof(t));
		return conn_fail(c, M2_E_PEER, "the server's addresses %s do "
		    "not include the address we dialed, %s", a, t);
	}
	c->s->peer_addrs = id.addrs;
	c->s->peer_gid = id.gid;
	c->s->peer_global_seq = id.global_seq;
	c->s->server_cookie = id.cookie;
	c->s->features = c->cfg->features_supported & id.features_supported;
	if (id.flags & M2_IDENT_LOSSY)
		c->s->lossy = 1;	/* the client adopts the server's policy */
	conn_log(c, "session: server %s gid %lld global_seq %llu cookie "
	    "%llx%s", a, (long long)id.gid,
	    (unsigned long long)id.global_seq,
	    (unsigned long long)id.cookie, c->s->lossy ? " lossy" : "");
	return M2_OK;
}

/*
 * CLIENT_IDENT (or SESSION_RECONNECT when the server gave a cookie) and
 * the server's answer.
 */
static m2_err
client_session(struct m2_conn *c, int reconnect)
{
	int round;
	m2_err e;

	e = reconnect ? send_reconnect(c) : send_client_ident(c);
	if (e != M2_OK)
		return e;
	for (round = 0; round < M2_MAX_AUTH_ROUNDS; round++) {
		struct m2_frame f;
		struct m2_cur p;

		if ((e = conn_recv_payload(c, &f, &p)) != M2_OK)
			return e;
		switch (f.tag) {
		case M2_TAG_SERVER_IDENT:
			if (reconnect)
				return conn_unexpected(c, &f, "after "
				    "SESSION_RECONNECT");
			if ((e = handle_server_ident(c, &p)) != M2_OK)
				return e;
			c->ready = 1;
			return M2_OK;
		case M2_TAG_IDENT_MISSING_FEATURES: {
			struct m2_ident_missing_features mf;

			e = m2_msg_ident_missing_features_parse(&p, &mf,
			    &c->diag);
			if ((e = conn_payload_result(c, e,
			    "IDENT_MISSING_FEATURES")) != M2_OK)
				return e;
			return conn_fail(c, M2_E_COMPAT, "the server requires "
			    "features we lack: 0x%llx",
			    (unsigned long long)mf.features);
		}
		case M2_TAG_WAIT:
			return conn_fail(c, M2_E_PEER, "the server said WAIT "
			    "(a connection race); back off and reconnect");
		case M2_TAG_SESSION_RECONNECT_OK: {
			struct m2_session_reconnect_ok ok;

			if (!reconnect)
				return conn_unexpected(c, &f, "after "
				    "CLIENT_IDENT");
			e = m2_msg_session_reconnect_ok_parse(&p, &ok,
			    &c->diag);
			if ((e = conn_payload_result(c, e,
			    "SESSION_RECONNECT_OK")) != M2_OK)
				return e;
			conn_log(c, "session: reconnected; server had "
			    "received up to %llu",
			    (unsigned long long)ok.msg_seq);
			conn_discard_sent(c->s, ok.msg_seq);
			c->s->out_seq = ok.msg_seq;
			c->ready = 1;
			return conn_resend(c);
		}
		case M2_TAG_SESSION_RESET: {
			struct m2_session_reset r;
			uint64_t cookie = c->s->client_cookie;
			int lossy = c->s->lossy;

			if (!reconnect)
				return conn_unexpected(c, &f, "after "
				    "CLIENT_IDENT");
			e = m2_msg_session_reset_parse(&p, &r, &c->diag);
			if ((e = conn_payload_result(c, e, "SESSION_RESET")) !=
			    M2_OK)
				return e;
			conn_log(c, "session: reset (full=%u)", r.full);
			if (r.full) {
				uint64_t gs = c->s->global_seq;
				uint64_t gid = c->s->global_id;

				m2_session_clear(c->s);
				c->s->global_seq = gs;
				c->s->global_id = gid;
				c->s->lossy = lossy;
				c->s->client_cookie = lossy ? 0 :
				    conn_random64();
				(void)cookie;
			} else {
				c->s->server_cookie = 0;
				c->s->connect_seq = 0;
				c->s->in_seq = 0;
			}
			reconnect = 0;
			if ((e = send_client_ident(c)) != M2_OK)
				return e;
			break;
		}
		case M2_TAG_SESSION_RETRY: {
			struct m2_session_retry r;

			if (!reconnect)
				return conn_unexpected(c, &f, "after "
				    "CLIENT_IDENT");

			e = m2_msg_session_retry_parse(&p, &r, &c->diag);
			if ((e = conn_payload_result(c, e, "SESSION_RETRY")) !=
			    M2_OK)
				return e;
			c->s->connect_seq = r.connect_seq + 1;
			conn_log(c, "session: retry with connect_seq %llu",
			    (unsigned long long)c->s->connect_seq);
			if ((e = send_reconnect(c)) != M2_OK)
				return e;
			break;
		}
		case M2_TAG_SESSION_RETRY_GLOBAL: {
			struct m2_session_retry_global r;

			if (!reconnect)
				return conn_unexpected(c, &f, "after "
				    "CLIENT_IDENT");

			e = m2_msg_session_retry_global_parse(&p, &r,
			    &c->diag);
			if ((e = conn_payload_result(c, e,
			    "SESSION_RETRY_GLOBAL")) != M2_OK)
				return e;
			c->s->global_seq = (r.global_seq > c->s->global_seq ?
			    r.global_seq : c->s->global_seq) + 1;
			conn_log(c, "session: retry with global_seq %llu",
			    (unsigned long long)c->s->global_seq);
			if ((e = send_reconnect(c)) != M2_OK)
				return e;
			break;
		}
		default:
			return conn_unexpected(c, &f, "while establishing the "
			    "session");
		}
	}
	return conn_fail(c, M2_E_LIMIT, "the session took more than %d "
	    "rounds", M2_MAX_AUTH_ROUNDS);
}

static m2_err
client_dial(struct m2_conn *c, int reconnect)
{
	char t[M2_ADDR_TEXT_MAX];
	m2_err e;

	m2_sock_close(&c->sock);
	conn_begin(c);
	m2_addr_dump(&c->target, t, sizeof(t));
	if ((e = m2_sock_connect(&c->sock, &c->target, c->cfg->timeout_ms)) !=
	    M2_OK) {
		if (e == M2_E_TIMEOUT)
			return conn_fail(c, e, "connecting to %s timed out "
			    "after %d ms", t, c->cfg->timeout_ms);
		return conn_fail(c, e, "cannot connect to %s: %s", t,
		    strerror(errno));
	}
	c->s->global_seq++;
	conn_log(c, "connected to %s (global_seq %llu)", t,
	    (unsigned long long)c->s->global_seq);
	if ((e = conn_banner(c)) != M2_OK ||
	    (e = client_hello(c)) != M2_OK ||
	    (e = client_auth(c)) != M2_OK ||
	    (e = conn_crypto_on(c)) != M2_OK ||
	    (e = conn_signatures(c)) != M2_OK ||
	    (e = client_compression(c)) != M2_OK ||
	    (e = client_session(c, reconnect)) != M2_OK)
		return e;
	conn_log(c, "ready: msgr2.%d %s, auth %s, global_id %llu",
	    c->rev1, m2_mode_name(c->con_mode), m2_auth_name(c->auth_method),
	    (unsigned long long)c->s->global_id);
	return M2_OK;
}

/* see m2/conn.h */
m2_err
m2_client_connect(struct m2_conn *c, const struct m2_client_cfg *cfg,
    const struct m2_addr *target)
{
	c->role = M2_ROLE_CLIENT;
	c->cfg = &cfg->base;
	c->ccfg = cfg;
	c->scfg = NULL;
	c->s = &c->own;
	c->target = *target;
	if (c->target.type == M2_ADDR_ANY)
		c->target.type = M2_ADDR_MSGR2;
	if (c->target.type != M2_ADDR_MSGR2) {
		c->err = M2_OK;
		return conn_fail(c, M2_E_USAGE, "msgr2 needs a v2 address");
	}
	c->own.lossy = cfg->lossy;
	if (!cfg->lossy && c->own.client_cookie == 0)
		c->own.client_cookie = conn_random64();
	return client_dial(c, 0);
}

/* see m2/conn.h */
m2_err
m2_client_reconnect(struct m2_conn *c)
{
	int resume = c->s->server_cookie != 0;

	if (c->ccfg == NULL)
		return M2_E_USAGE;
	if (resume)
		c->s->connect_seq++;
	return client_dial(c, resume);
}

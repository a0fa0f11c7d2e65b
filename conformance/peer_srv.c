/* SPDX-License-Identifier: MIT */
/*
 * The scripted peer's server side (peer.h, "Server side"): the runner
 * accepts the client under test and plays a monitor, one step at a time,
 * in the order ProtocolV2 runs them on the accepting side (SPEC-NOTES
 * §5): banner, HELLO, AUTH_REQUEST .. AUTH_DONE, AUTH_SIGNATURE,
 * CLIENT_IDENT -> SERVER_IDENT.  Frames go out through peer.c, so the
 * frame faults of cf_peer_set_fault apply here too.
 */
#include "peer.h"
#include "peer_int.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

static _Atomic uint64_t srv_global_seq;

/* see peer.h */
m2_err
cf_srv_accept(struct cf_peer *p)
{
	m2_err e;

	e = m2_sock_accept(p->s->lfd, &p->sock, p->s->accept_ms);
	if (e == M2_E_TIMEOUT)
		return cf_fail(p, e, CF_R_REFUSED, -1, "no client connected "
		    "to %s within %d ms", p->s->listen_text, p->s->accept_ms);
	if (e != M2_OK)
		return cf_io_fail(p, e, "while we accepted");
	p->stage = CF_ST_CONNECTED;
	return M2_OK;
}

/* see peer.h */
m2_err
cf_srv_send_hello(struct cf_peer *p)
{
	uint8_t pay[256];
	struct m2_hello h;
	struct m2_buf b;
	size_t n = 0;

	memset(&h, 0, sizeof(h));
	h.entity_type = p->srv.hello_type ? p->srv.hello_type :
	    M2_ENTITY_TYPE_MON;
	/* the client's address as we see it (ProtocolV2: the socket's) */
	if (m2_sock_peer(p->sock.fd, M2_ADDR_MSGR2, &h.peer_addr) != M2_OK)
		h.peer_addr = p->s->listen;
	m2_buf_init(&b, pay, sizeof(pay));
	m2_msg_hello_build(&b, &h);
	CF_IGNORE(m2_buf_finish(&b, &n));
	return cf_peer_send1(p, M2_TAG_HELLO, pay, n);
}

/* see peer.h */
int
cf_srv_offers(const struct cf_peer *p, uint32_t mode)
{
	for (size_t i = 0; i < p->srv.n_modes; i++)
		if (p->srv.modes[i] == mode)
			return 1;
	return 0;
}

/* see peer.h */
m2_err
cf_srv_send_bad_method(struct cf_peer *p, uint32_t method, int32_t result,
    uint32_t allowed)
{
	struct m2_auth_bad_method bm;
	uint8_t out[256];
	struct m2_buf b;
	size_t n = 0;

	memset(&bm, 0, sizeof(bm));
	bm.method = method;
	bm.result = result;
	if (allowed != 0) {
		bm.n_methods = 1;
		bm.methods[0] = allowed;
	}
	bm.n_modes = 1;
	bm.modes[0] = p->want_mode;
	m2_buf_init(&b, out, sizeof(out));
	m2_msg_auth_bad_method_build(&b, &bm);
	CF_IGNORE(m2_buf_finish(&b, &n));
	return cf_peer_send1(p, M2_TAG_AUTH_BAD_METHOD, out, n);
}

/* see peer.h */
m2_err
cf_srv_recv_auth_request(struct cf_peer *p, struct m2_span *payload)
{
	struct m2_auth_request rq;
	struct cf_rframe f;
	struct m2_cur c;
	m2_err e;

	for (int round = 0; round < 3; round++) {
		if ((e = cf_recv_tag(p, M2_TAG_AUTH_REQUEST, &f, &c)) != M2_OK)
			return e;
		if ((e = m2_msg_auth_request_parse(&c, &rq, NULL)) != M2_OK)
			return cf_fail(p, e, CF_R_FRAME, f.tag, "the client's "
			    "AUTH_REQUEST does not decode: %s",
			    m2_err_name(e));
		p->srv.method = rq.method;
		p->srv.n_modes = rq.n_modes < 8 ? rq.n_modes : 8;
		memcpy(p->srv.modes, rq.modes, p->srv.n_modes *
		    sizeof(uint32_t));
		if (rq.method == p->s->auth)
			break;
		/* Monitor::handle_auth_request: -EOPNOTSUPP */
		if ((e = cf_srv_send_bad_method(p, rq.method, -95,
		    p->s->auth)) != M2_OK)
			return e;
		if (round == 2)
			return cf_fail(p, M2_E_PEER, CF_R_FRAME, f.tag, "the "
			    "client keeps asking for auth method %u; we run "
			    "%u", rq.method, p->s->auth);
	}
	if (!cf_srv_offers(p, p->want_mode)) {
		p->srv.no_mode = 1;
		return cf_fail(p, M2_E_COMPAT, CF_R_FRAME, M2_TAG_AUTH_REQUEST,
		    "the client does not offer %s mode (it offers %zu "
		    "modes, the first %u)", m2_mode_name(p->want_mode),
		    p->srv.n_modes, p->srv.n_modes ? p->srv.modes[0] : 0);
	}
	*payload = rq.payload;
	return M2_OK;
}

/* see peer.h */
m2_err
cf_srv_auth_more(struct cf_peer *p, struct m2_span payload,
    struct m2_span *more)
{
	struct m2_auth_reply_more rm;
	struct m2_auth_request_more rq;
	uint8_t out[4096], ch[1024];
	struct cf_rframe f;
	struct m2_cur c;
	struct m2_diag d;
	struct m2_buf b;
	size_t n = 0, chn = 0;
	m2_err e;

	if (p->s->auth != M2_AUTH_CEPHX) {
		*more = payload;
		return M2_OK;
	}
	if (p->cxs == NULL && (p->cxs = calloc(1, sizeof(*p->cxs))) == NULL)
		return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1, "no memory");
	memset(&d, 0, sizeof(d));
	m2_buf_init(&b, ch, sizeof(ch));
	e = m2_cephx_server_start(p->cxs, p->s->ks, payload.p, payload.len,
	    p->srv.next_gid, &b, &d);
	if (e != M2_OK || m2_buf_finish(&b, &chn) != M2_OK)
		return cf_fail(p, e ? e : M2_E_NOSPC, CF_R_FRAME,
		    M2_TAG_AUTH_REQUEST, "the client's cephx request does not "
		    "decode: %s at %s", m2_err_name(e), d.field ? d.field :
		    "?");
	rm.payload = (struct m2_span){ ch, chn };
	m2_buf_init(&b, out, sizeof(out));
	m2_msg_auth_reply_more_build(&b, &rm);
	CF_IGNORE(m2_buf_finish(&b, &n));
	if ((e = cf_peer_send1(p, M2_TAG_AUTH_REPLY_MORE, out, n)) != M2_OK)
		return e;
	if ((e = cf_recv_tag(p, M2_TAG_AUTH_REQUEST_MORE, &f, &c)) != M2_OK)
		return e;
	if ((e = m2_msg_auth_request_more_parse(&c, &rq, NULL)) != M2_OK)
		return cf_fail(p, e, CF_R_FRAME, f.tag, "the client's "
		    "AUTH_REQUEST_MORE does not decode: %s", m2_err_name(e));
	*more = rq.payload;
	return M2_OK;
}

/* see peer.h */
m2_err
cf_srv_auth_done(struct cf_peer *p, struct m2_span more)
{
	uint8_t rep[4096], out[4400];
	struct m2_auth_done dn;
	struct m2_buf b;
	struct m2_diag d;
	size_t rn = 0, n = 0;
	m2_err e;

	memset(&dn, 0, sizeof(dn));
	memset(&d, 0, sizeof(d));
	m2_buf_init(&b, rep, sizeof(rep));
	if (p->s->auth == M2_AUTH_CEPHX) {
		p->cxs->wire_key_len = p->srv.done_key_len;
		e = m2_cephx_server_finish(p->cxs, more.p, more.len,
		    p->want_mode, &b, &d);
		if (e != M2_OK)
			return cf_fail(p, e, CF_R_FRAME,
			    M2_TAG_AUTH_REQUEST_MORE, "the client's cephx "
			    "proof was refused: %s%s%s", m2_err_name(e),
			    d.field ? " at " : "", d.field ? d.field : "");
		dn.global_id = p->cxs->global_id;
		memcpy(p->session_key, p->cxs->session_key,
		    M2_CEPHX_KEY_LEN);
		p->session_key_len = M2_CEPHX_KEY_LEN;
		p->con_secret_len = p->cxs->con_secret_len;
		memcpy(p->con_secret, p->cxs->con_secret, p->con_secret_len);
	} else {
		struct m2_auth_result res;
		_Atomic uint64_t next = p->srv.next_gid;
		char why[128];

		memset(&res, 0, sizeof(res));
		if (m2_auth_none_server(&next, M2_AUTH_NONE, p->want_mode, 1,
		    more, &b, &res, why, sizeof(why)) != 1)
			return cf_fail(p, M2_E_BADVAL, CF_R_FRAME,
			    M2_TAG_AUTH_REQUEST, "%s", why);
		dn.global_id = res.global_id;
	}
	if (m2_buf_finish(&b, &rn) != M2_OK)
		return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1, "AUTH_DONE's "
		    "payload does not fit");
	/*
	 * Byte 20 is the first ciphertext byte of the AUTH ticket's
	 * CephXServiceTicket (after the response header, 6 bytes; the
	 * reply's v and count, 5; service id, v and envelope length, 9):
	 * the part the client decrypts with its own secret.  (The ticket
	 * blob after it is opaque to the client.)
	 */
	if (p->srv.done_flip && rn > 20)
		rep[20] ^= 0x5a;
	if (p->srv.done_gid_zero)
		dn.global_id = 0;
	p->global_id = dn.global_id;
	dn.con_mode = p->srv.done_mode ? p->srv.done_mode : p->want_mode;
	dn.payload = (struct m2_span){ rep, rn };
	m2_buf_init(&b, out, sizeof(out));
	m2_msg_auth_done_build(&b, &dn);
	CF_IGNORE(m2_buf_finish(&b, &n));
	e = cf_peer_send1(p, M2_TAG_AUTH_DONE, out, n);
	p->rec = 0;	/* both signatures end with AUTH_DONE */
	if (e != M2_OK)
		return e;
	/* We frame in the mode we wrote, as a server that lies would. */
	p->con_mode = dn.con_mode;
	if ((e = cf_crypto_on(p)) != M2_OK)
		return e;
	p->stage = CF_ST_AUTH;
	return M2_OK;
}

/* see peer.h */
m2_err
cf_srv_recv_ident(struct cf_peer *p)
{
	struct cf_rframe f;
	struct m2_cur c;
	m2_err e;

	if ((e = cf_recv_tag(p, M2_TAG_CLIENT_IDENT, &f, &c)) != M2_OK)
		return e;
	e = m2_msg_client_ident_parse(&c, &p->srv.cident, NULL);
	if (e != M2_OK && e != M2_E_TRAILING)
		return cf_fail(p, e, CF_R_FRAME, f.tag, "the client's "
		    "CLIENT_IDENT does not decode: %s", m2_err_name(e));
	p->srv.have_cident = 1;
	return M2_OK;
}

/* see peer.h */
void
cf_srv_default_ident(struct cf_peer *p, struct m2_server_ident *id)
{
	memset(id, 0, sizeof(*id));
	id->addrs.n = 1;
	id->addrs.marker = 2;
	id->addrs.a[0] = p->s->listen;
	id->gid = 0;			/* mon rank 0 */
	id->global_seq = atomic_fetch_add(&srv_global_seq, 1) + 1;
	id->features_supported = M2_CEPH_FEATURES_ALL;
	id->features_required = 0;
	if (p->srv.cident.flags & M2_IDENT_LOSSY) {
		id->flags = M2_IDENT_LOSSY;
		id->cookie = 0;
	} else {
		if (p->srv.server_cookie == 0 && (RAND_bytes((unsigned char *)
		    &p->srv.server_cookie, sizeof(uint64_t)) != 1 ||
		    p->srv.server_cookie == 0))
			p->srv.server_cookie = 0x5e55105e55105e55ull;
		id->cookie = p->srv.server_cookie;
	}
}

/* see peer.h */
m2_err
cf_srv_send_ident(struct cf_peer *p, const struct m2_server_ident *id)
{
	uint8_t out[1024];
	struct m2_buf b;
	size_t n = 0;
	m2_err e;

	m2_buf_init(&b, out, sizeof(out));
	m2_msg_server_ident_build(&b, id);
	CF_IGNORE(m2_buf_finish(&b, &n));
	if ((e = cf_peer_send1(p, M2_TAG_SERVER_IDENT, out, n)) != M2_OK)
		return e;
	p->stage = CF_ST_READY;
	return M2_OK;
}

static m2_err
step_auth(struct cf_peer *p)
{
	struct m2_span pay, more;
	m2_err e;

	if ((e = cf_srv_recv_auth_request(p, &pay)) != M2_OK ||
	    (e = cf_srv_auth_more(p, pay, &more)) != M2_OK)
		return e;
	return cf_srv_auth_done(p, more);
}

/* see peer.h */
m2_err
cf_srv_run_to(struct cf_peer *p, enum cf_stage stage)
{
	struct m2_server_ident id;
	m2_err e = M2_OK;

	if (p->srv.next_gid == 0)
		p->srv.next_gid = 4100;
	while (p->stage < stage && e == M2_OK) {
		switch (p->stage) {
		case CF_ST_NONE:
			e = cf_srv_accept(p);
			break;
		case CF_ST_CONNECTED:
			e = cf_peer_banner(p, NULL);
			break;
		case CF_ST_BANNER:
			if ((e = cf_srv_send_hello(p)) == M2_OK &&
			    (e = cf_peer_recv_hello(p)) == M2_OK)
				p->stage = CF_ST_HELLO;
			break;
		case CF_ST_HELLO:
			e = step_auth(p);
			break;
		case CF_ST_AUTH:
			e = cf_peer_sign(p);
			break;
		case CF_ST_SIGNED:
			if ((e = cf_srv_recv_ident(p)) != M2_OK)
				break;
			cf_srv_default_ident(p, &id);
			e = cf_srv_send_ident(p, &id);
			break;
		default:
			return M2_OK;
		}
	}
	return e;
}

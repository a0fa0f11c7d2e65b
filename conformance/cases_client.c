/* SPDX-License-Identifier: MIT */
/*
 * Client-role cases: the runner accepts the client under test and plays
 * a monitor, correct or wrong at one point, and judges how the client
 * reacted.  The expectations follow ProtocolV2's connecting side (Ceph
 * 16.2.15: _handle_peer_banner_payload, handle_hello, handle_auth_*,
 * handle_server_ident, handle_session_*, handle_wait) and SPEC-NOTES.
 * A client that does not offer a variant's mode gets "unsupported" for
 * that variant; one that crashes fails whatever the wire showed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases.h"
#include "exec.h"

#define EXP_CLOSE	"the client closes the connection (FIN or RST) " \
			"and goes no further"
#define REF_CB		"SPEC-NOTES §1; ProtocolV2::_handle_peer_banner" \
			"(_payload) on the connecting side"
#define REF_CP		"SPEC-NOTES §2, §3; FrameAssembler::" \
			"disassemble_preamble"
#define REF_CF		"SPEC-NOTES §3; ProtocolV2::" \
			"handle_read_frame_epilogue_main"
#define REF_CC		"SPEC-NOTES §4; ControlFrame::_decode"
#define REF_CA		"SPEC-NOTES §5, §7; ProtocolV2::handle_auth_done, " \
			"MonConnection::handle_auth_done"
#define REF_CS		"SPEC-NOTES §5; ProtocolV2::handle_server_ident"
#define REF_CR		"SPEC-NOTES §5; ProtocolV2::_fault, " \
			"handle_session_reset/retry/retry_global/wait, " \
			"handle_reconnect_ok"

enum ck {
	/* banner */
	K_BANNER_GARBAGE, K_BANNER_MSGR1, K_BANNER_V3, K_BANNER_LEN8,
	K_BANNER_LEN0, K_BANNER_LEN24, K_BANNER_REQ_UNKNOWN, K_BANNER_NO_REV1,
	K_BANNER_EOF,
	/* preamble */
	K_PRE_HELLO_CRC, K_PRE_IDENT_CRC, K_PRE_NSEG0, K_PRE_NSEG5,
	K_PRE_LEN_2G, K_PRE_LEN_4G, K_PRE_READY_LEN_4G, K_PRE_UNKNOWN_TAG,
	/* framing */
	K_FRM_HELLO_SEG_CRC, K_FRM_IDENT_SEG_CRC, K_FRM_IDENT_GCM,
	K_FRM_SIG_GCM, K_FRM_MSG_ABORTED,
	/* control */
	K_CTL_HELLO_TRUNC, K_CTL_HELLO_TRAIL, K_CTL_DONE_TRUNC,
	K_CTL_DONE_TRAIL, K_CTL_IDENT_TRUNC, K_CTL_IDENT_TRAIL,
	K_CTL_SIG_TRUNC, K_CTL_MORE_TRUNC, K_CTL_BAD_METHOD_TRUNC,
	K_CTL_IDENT_ADDRS_HUGE, K_CTL_HELLO_ADDR_HUGE,
	/* auth */
	K_AUTH_BAD_METHOD_LOOP, K_AUTH_BAD_METHOD_UNKNOWN, K_AUTH_MODE_UNKNOWN,
	K_AUTH_MODE_DOWNGRADE, K_AUTH_MODE_UPGRADE, K_AUTH_BAD_SIG,
	K_AUTH_ZERO_SIG, K_AUTH_DONE_CORRUPT, K_AUTH_DONE_NO_CHALLENGE,
	K_AUTH_MORE_GARBAGE,
	/* cve */
	K_CVE_43407, K_CVE_46119, K_CVE_46024, K_CVE_22992, K_CVE_43304,
	/* session */
	K_SESS_HANDSHAKE, K_SESS_HELLO_TYPE, K_SESS_MISSING_FEAT,
	K_SESS_IDENT_ADDRS, K_SESS_IDENT_NO_ADDRS, K_SESS_WAIT,
	K_SESS_LOSSY_ECHO,
	/* reconnect (lossless clients) */
	K_RC_OK, K_RC_RETRY, K_RC_RETRY_GLOBAL, K_RC_RESET, K_RC_WAIT,
	/* messages */
	K_MSG_KEEPALIVE, K_MSG_SHORT_HEADER
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Accept, read the client's banner, write |b| instead of ours, judge. */
static void
raw_banner(struct cf_ctx *x, const void *b, size_t n, int eof)
{
	struct cf_peer *p = &x->p;
	struct cf_obs o;

	if (cf_setup(x, CF_ST_CONNECTED) != 0)
		return;
	if (cf_peer_recv_banner(p) != M2_OK) {
		cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "the client's "
		    "own banner: %s", p->why);
		return;
	}
	CF_IGNORE(cf_peer_write(p, b, n));
	if (eof)
		cf_peer_shutdown_wr(p);
	cf_observe(p, 0, &o);
	cf_expect_close(x, &o, 0);
}

/* A frame head claiming |len| in one segment (or |nseg| segments). */
static void
bad_head(struct cf_ctx *x, enum cf_stage at, uint8_t tag, uint8_t nseg,
    uint32_t len, uint32_t allowed)
{
	struct m2_preamble pre;
	struct cf_obs o;

	if (cf_setup(x, at) != 0)
		return;
	if (at == CF_ST_BANNER && cf_peer_recv_hello(&x->p) != M2_OK) {
		cf_verdict(x, CF_FAIL, x->p.react.r, x->p.react.tag, "%s",
		    x->p.why);
		return;
	}
	memset(&pre, 0, sizeof(pre));
	pre.tag = tag;
	pre.nseg = nseg;
	pre.seg[0].len = len;
	pre.seg[0].align = 8;
	for (int i = 1; i < 4; i++)
		pre.seg[i].align = 8;
	CF_IGNORE(cf_peer_send_head(&x->p, &pre, 0));
	cf_observe(&x->p, 0, &o);
	cf_expect_close(x, &o, allowed);
}

/* Arm |f| on our next |tag| frame, then run the handshake: it must fail. */
static void
fault_fails(struct cf_ctx *x, enum cf_stage at, uint8_t tag,
    enum cf_fault_kind k, int idx, uint32_t val)
{
	struct cf_fault f = { k, idx, val };

	if (cf_setup(x, at) != 0)
		return;
	cf_peer_set_fault(&x->p, tag, &f);
	cf_expect_run_fails(x, CF_ST_READY, 0);
}

/* Like fault_fails, for SERVER_IDENT: READY is reached from our side. */
static void
fault_ident(struct cf_ctx *x, enum cf_fault_kind k, int idx, uint32_t val,
    int accept)
{
	struct cf_fault f = { k, idx, val };
	struct cf_obs o;

	if (cf_setup(x, CF_ST_SIGNED) != 0)
		return;
	cf_peer_set_fault(&x->p, M2_TAG_SERVER_IDENT, &f);
	if (cf_setup(x, CF_ST_READY) != 0)
		return;
	if (accept) {
		cf_expect_alive(x, 0);
		return;
	}
	cf_observe(&x->p, 0, &o);
	cf_expect_close(x, &o, 0);
}

/* A fault on a frame of ours that the handshake should shrug off. */
static void
fault_completes(struct cf_ctx *x, enum cf_stage at, uint8_t tag,
    enum cf_fault_kind k, uint32_t val)
{
	struct cf_fault f = { k, 0, val };

	if (cf_setup(x, at) != 0)
		return;
	cf_peer_set_fault(&x->p, tag, &f);
	if (cf_setup(x, CF_ST_READY) != 0)
		return;
	cf_expect_alive(x, 0);
}

/*
 * Drive the client through HELLO to its AUTH_REQUEST, whose payload is
 * left in |req|.  -1: a verdict is given (unsupported when the client
 * does not offer the variant's mode).
 */
static int
to_auth_request(struct cf_ctx *x, struct m2_span *req)
{
	struct cf_peer *p = &x->p;

	if (cf_setup(x, CF_ST_HELLO) != 0)
		return -1;
	if (cf_srv_recv_auth_request(p, req) != M2_OK) {
		cf_verdict(x, p->srv.no_mode ? CF_UNSUPPORTED : CF_FAIL,
		    p->react.r, p->react.tag, "%s", p->why);
		return -1;
	}
	return 0;
}

/*
 * On to our cephx challenge; |more| is the client's AUTH_REQUEST_MORE
 * payload (or, with auth none, its AUTH_REQUEST's).  -1: a verdict is
 * given.
 */
static int
to_auth_more(struct cf_ctx *x, struct m2_span *more)
{
	struct cf_peer *p = &x->p;
	struct m2_span req;

	if (to_auth_request(x, &req) != 0)
		return -1;
	if (cf_srv_auth_more(p, req, more) != M2_OK) {
		cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "%s",
		    p->why);
		return -1;
	}
	return 0;
}

/* Run to SIGNED and read the client's CLIENT_IDENT; -1 with a verdict. */
static int
to_ident(struct cf_ctx *x)
{
	if (cf_setup(x, CF_ST_SIGNED) != 0)
		return -1;
	if (cf_srv_recv_ident(&x->p) != M2_OK) {
		cf_verdict(x, CF_FAIL, x->p.react.r, x->p.react.tag, "%s",
		    x->p.why);
		return -1;
	}
	return 0;
}

/* After AUTH_REQUEST, answer |tag| with |pay| and expect a close. */
static void
auth_reply_close(struct cf_ctx *x, uint8_t tag, const uint8_t *pay,
    size_t n)
{
	struct m2_span req;
	struct cf_obs o;

	if (to_auth_request(x, &req) != 0)
		return;
	CF_IGNORE(cf_peer_send1(&x->p, tag, pay, n));
	cf_observe(&x->p, 0, &o);
	cf_expect_close(x, &o, 0);
}

/* How long we wait for a client to come back: at most 5 s. */
static int
again_ms(const struct cf_ctx *x)
{
	return x->s->accept_ms < 5000 ? x->s->accept_ms : 5000;
}

/*
 * Accept the client's next connection (after we closed the first),
 * giving up early if the --exec'd client has ended.
 */
static m2_err
accept_again(struct cf_ctx *x, struct cf_peer *p2)
{
	int waited = 0, limit = again_ms(x);

	for (;;) {
		m2_err e = m2_sock_accept(x->s->lfd, &p2->sock, 100);

		if (e == M2_OK) {
			p2->stage = CF_ST_CONNECTED;
			return M2_OK;
		}
		waited += 100;
		if ((x->proc != NULL && cf_exec_poll(x->proc)) ||
		    waited >= limit)
			return M2_E_TIMEOUT;
	}
}

/* ------------------------------------------------------------------ */
/* Reconnect                                                           */
/* ------------------------------------------------------------------ */

/*
 * The client's SESSION_RECONNECT into |r|; -1 with a verdict.  On its
 * |first| reconnect a client may start a new session instead
 * (unsupported).
 */
static int
recv_reconnect(struct cf_ctx *x, struct cf_peer *p2,
    struct m2_session_reconnect *r, int first)
{
	struct cf_rframe f;
	struct m2_cur c;

	if (cf_peer_recv_frame(p2, &f) != M2_OK) {
		cf_verdict(x, CF_FAIL, p2->react.r, p2->react.tag, "after "
		    "AUTH_SIGNATURE on the new connection: %s", p2->why);
		return -1;
	}
	if (first && f.tag == M2_TAG_CLIENT_IDENT) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_FRAME, f.tag, "the client "
		    "started a new session (CLIENT_IDENT) instead of "
		    "resuming the dropped one (a client may; Ceph's "
		    "MonClient marks the connection down and hunts)");
		return -1;
	}
	cf_payload(&f, &c);
	if (f.tag != M2_TAG_SESSION_RECONNECT ||
	    m2_msg_session_reconnect_parse(&c, r, NULL) != M2_OK) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "a lossless client "
		    "with a session sent %s instead of SESSION_RECONNECT",
		    cf_tagname(f.tag));
		return -1;
	}
	return 0;
}

static void
send_u64(struct cf_peer *p, uint8_t tag, uint64_t v)
{
	uint8_t b[8];

	m2_store_le64(b, v);
	CF_IGNORE(cf_peer_send1(p, tag, b, 8));
}

static void
run_reconnect(struct cf_ctx *x, enum ck k)
{
	struct cf_peer *p = &x->p, p2;
	struct m2_session_reconnect r, r2;
	uint64_t cookie;

	if (cf_setup(x, CF_ST_READY) != 0)
		return;
	if (p->srv.cident.flags & M2_IDENT_LOSSY) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_NONE, -1, "the client asked "
		    "for a lossy session (a lossless one is resumed; run the "
		    "client lossless, e.g. m2client --lossless)");
		return;
	}
	cookie = p->srv.server_cookie;
	/* make sure it is READY on its side, then drop the connection */
	if (cf_peer_send_keepalive(p, 1, 2) != M2_OK) {
		cf_verdict(x, CF_FAIL, p->react.r, -1, "%s", p->why);
		return;
	}
	{
		struct cf_obs o;

		cf_observe(p, BIT(M2_TAG_KEEPALIVE2_ACK), &o);
		if (!o.stopped) {
			cf_verdict(x, CF_FAIL, o.end.r, o.end.tag, "the "
			    "session did not work before the drop: %s",
			    o.end.why);
			return;
		}
	}
	m2_sock_close(&p->sock);
	/*
	 * The client may come back more than once (a connection it gives
	 * up during the handshake, then another): the first that gets past
	 * AUTH_SIGNATURE decides.
	 */
	for (int tries = 0;; tries++) {
		cf_peer_init(&p2, x->s, x->rev1, x->mode);
		p2.srv = p->srv;
		p2.srv.next_gid = p->srv.next_gid + 1;
		if (accept_again(x, &p2) != M2_OK) {
			cf_verdict(x, CF_UNSUPPORTED, CF_R_CLOSE, -1, "the "
			    "client did not come back within %d ms after we "
			    "dropped its lossless session (it may not resume "
			    "sessions)", again_ms(x));
			cf_peer_done(x, &p2);
			return;
		}
		if (cf_peer_run_to(&p2, CF_ST_SIGNED) == M2_OK)
			break;
		if (tries == 2) {
			cf_verdict(x, CF_FAIL, p2.react.r, p2.react.tag, "the "
			    "reconnection's handshake, third try: %s", p2.why);
			cf_peer_done(x, &p2);
			return;
		}
		cf_peer_done(x, &p2);
	}
	if (recv_reconnect(x, &p2, &r, 1) != 0)
		goto out;
	if (r.server_cookie != cookie || r.client_cookie !=
	    p->srv.cident.cookie || r.connect_seq == 0) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_SESSION_RECONNECT,
		    "SESSION_RECONNECT names client cookie %llx, server "
		    "cookie %llx, connect_seq %llu; the session had %llx, "
		    "%llx and connect_seq must be > 0",
		    (unsigned long long)r.client_cookie,
		    (unsigned long long)r.server_cookie,
		    (unsigned long long)r.connect_seq,
		    (unsigned long long)p->srv.cident.cookie,
		    (unsigned long long)cookie);
		goto out;
	}
	switch (k) {
	case K_RC_OK:
		break;
	case K_RC_RETRY:
	case K_RC_RETRY_GLOBAL: {
		/* RETRY(c): connect_seq above c; RETRY_GLOBAL(g): global_seq
		 * above g */
		int g = k == K_RC_RETRY_GLOBAL;
		uint64_t said = g ? r.global_seq + 100 : r.connect_seq + 5;

		send_u64(&p2, g ? M2_TAG_SESSION_RETRY_GLOBAL :
		    M2_TAG_SESSION_RETRY, said);
		if (recv_reconnect(x, &p2, &r2, 0) != 0)
			goto out;
		if ((g ? r2.global_seq : r2.connect_seq) <= said) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME,
			    M2_TAG_SESSION_RECONNECT, "after %s %llu the "
			    "client reconnected with %s %llu (must be "
			    "larger)", g ? "SESSION_RETRY_GLOBAL" :
			    "SESSION_RETRY", (unsigned long long)said,
			    g ? "global_seq" : "connect_seq",
			    (unsigned long long)(g ? r2.global_seq :
			    r2.connect_seq));
			goto out;
		}
		break;
	}
	case K_RC_RESET: {
		struct m2_server_ident id;
		uint8_t full = 1;

		CF_IGNORE(cf_peer_send1(&p2, M2_TAG_SESSION_RESET, &full, 1));
		if (cf_srv_recv_ident(&p2) != M2_OK) {
			cf_verdict(x, CF_FAIL, p2.react.r, p2.react.tag,
			    "after SESSION_RESET(full) the client must start "
			    "a new session with CLIENT_IDENT: %s", p2.why);
			goto out;
		}
		p2.srv.server_cookie = 0;
		cf_srv_default_ident(&p2, &id);
		CF_IGNORE(cf_srv_send_ident(&p2, &id));
		goto alive;
	}
	case K_RC_WAIT: {
		struct cf_obs o;

		CF_IGNORE(cf_peer_send1(&p2, M2_TAG_WAIT, NULL, 0));
		cf_observe(&p2, 0, &o);
		cf_expect_close(x, &o, 0);
		goto out;
	}
	default:
		goto out;
	}
	send_u64(&p2, M2_TAG_SESSION_RECONNECT_OK, 0);
alive:
	{
		struct cf_peer keep = x->p;

		/* judge the new connection with the usual helper */
		x->p = p2;
		cf_expect_alive(x, 0);
		p2 = x->p;
		x->p = keep;
	}
out:
	cf_peer_done(x, &p2);
}

/* ------------------------------------------------------------------ */
/* The cases                                                           */
/* ------------------------------------------------------------------ */

static void
run_client(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	uint8_t b[512];
	struct m2_buf mb;
	struct cf_obs o;
	size_t n = 0;

	m2_buf_init(&mb, b, sizeof(b));
	switch ((enum ck)arg) {
	case K_BANNER_GARBAGE:
		memset(b, 0xa5, 26);
		raw_banner(x, b, 26, 0);
		return;
	case K_BANNER_MSGR1:
		memset(b, 0, 9 + 136);
		memcpy(b, "ceph v027", 9);
		raw_banner(x, b, 9 + 136, 0);
		return;
	case K_BANNER_V3:
		memcpy(b, "ceph v3\n", 8);
		m2_store_le16(b + 8, 16);
		m2_store_le64(b + 10, M2_FEATURE_REVISION_1);
		m2_store_le64(b + 18, 0);
		raw_banner(x, b, 26, 0);
		return;
	case K_BANNER_LEN8:
		memcpy(b, "ceph v2\n", 8);
		m2_store_le16(b + 8, 8);
		m2_store_le64(b + 10, M2_FEATURE_REVISION_1);
		raw_banner(x, b, 18, 0);
		return;
	case K_BANNER_LEN0:
		memcpy(b, "ceph v2\n", 8);
		m2_store_le16(b + 8, 0);
		raw_banner(x, b, 10, 0);
		return;
	case K_BANNER_EOF:
		memcpy(b, "ceph v2\n", 8);
		m2_store_le16(b + 8, 16);
		raw_banner(x, b, 14, 1);
		return;
	case K_BANNER_LEN24: {
		struct m2_banner mine = { 24, x->rev1 ?
		    M2_FEATURE_REVISION_1 : 0, 0 };

		if (cf_setup(x, CF_ST_CONNECTED) != 0)
			return;
		if (cf_peer_banner(p, &mine) != M2_OK) {
			cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "%s",
			    p->why);
			return;
		}
		cf_expect_run_completes(x, CF_ST_READY);
		return;
	}
	case K_BANNER_REQ_UNKNOWN: {
		struct m2_banner mine = { 16, M2_FEATURE_REVISION_1 |
		    (1ull << 50), 1ull << 50 };

		if (cf_setup(x, CF_ST_CONNECTED) != 0)
			return;
		m2_banner_build(&mb, &mine);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		CF_IGNORE(cf_peer_write(p, b, n));
		if (cf_peer_recv_banner(p) != M2_OK) {
			cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "the "
			    "client's own banner: %s", p->why);
			return;
		}
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, 0);
		return;
	}
	case K_BANNER_NO_REV1:
		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		cf_expect_alive(x, 0);
		return;

	case K_PRE_HELLO_CRC:
		fault_fails(x, CF_ST_BANNER, M2_TAG_HELLO, CF_F_PRE_CRC, 0, 0);
		return;
	case K_PRE_IDENT_CRC:
		fault_ident(x, CF_F_PRE_CRC, 0, 0, 0);
		return;
	case K_PRE_NSEG0:
		bad_head(x, CF_ST_BANNER, M2_TAG_HELLO, 0, 0, 0);
		return;
	case K_PRE_NSEG5:
		bad_head(x, CF_ST_BANNER, M2_TAG_HELLO, 5, 16, 0);
		return;
	case K_PRE_LEN_2G:
		bad_head(x, CF_ST_BANNER, M2_TAG_HELLO, 1, 0x80000000u, 0);
		return;
	case K_PRE_LEN_4G:
		bad_head(x, CF_ST_BANNER, M2_TAG_HELLO, 1, 0xffffffffu, 0);
		return;
	case K_PRE_READY_LEN_4G:
		bad_head(x, CF_ST_READY, M2_TAG_KEEPALIVE2, 1, 0xffffffffu,
		    BIT(M2_TAG_MESSAGE) | BIT(M2_TAG_KEEPALIVE2) |
		    BIT(M2_TAG_ACK));
		return;
	case K_PRE_UNKNOWN_TAG:
		if (cf_setup(x, CF_ST_BANNER) != 0)
			return;
		memset(b, 0, 16);
		CF_IGNORE(cf_peer_send1(p, 99, b, 16));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_HELLO));
		return;

	case K_FRM_HELLO_SEG_CRC:
		fault_fails(x, CF_ST_BANNER, M2_TAG_HELLO, CF_F_SEG_CRC, 0, 0);
		return;
	case K_FRM_IDENT_SEG_CRC:
		fault_ident(x, CF_F_SEG_CRC, 0, 0, 0);
		return;
	case K_FRM_IDENT_GCM:
		fault_ident(x, CF_F_GCM_TAG, 0, 0, 0);
		return;
	case K_FRM_SIG_GCM:
		fault_fails(x, CF_ST_AUTH, M2_TAG_AUTH_SIGNATURE, CF_F_GCM_TAG,
		    0, 0);
		return;
	case K_FRM_MSG_ABORTED: {
		struct cf_fault f = { CF_F_LATE, 0, 1 };
		uint8_t front[8] = { 0 };

		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		cf_peer_set_fault(p, M2_TAG_MESSAGE, &f);
		/* type 0xffff: it must be dropped before anyone decodes it */
		CF_IGNORE(cf_peer_send_message(p, 1, 0xffff,
		    (struct m2_span){ front, sizeof(front) }));
		cf_expect_alive(x, 0);
		return;
	}

	case K_CTL_HELLO_TRUNC:
		fault_fails(x, CF_ST_BANNER, M2_TAG_HELLO, CF_F_TRUNC_PAYLOAD,
		    0, 4);
		return;
	case K_CTL_HELLO_TRAIL:
		fault_completes(x, CF_ST_BANNER, M2_TAG_HELLO,
		    CF_F_TRAIL_PAYLOAD, 8);
		return;
	case K_CTL_DONE_TRUNC:
		fault_fails(x, CF_ST_HELLO, M2_TAG_AUTH_DONE,
		    CF_F_TRUNC_PAYLOAD, 0, 3);
		return;
	case K_CTL_DONE_TRAIL:
		fault_completes(x, CF_ST_HELLO, M2_TAG_AUTH_DONE,
		    CF_F_TRAIL_PAYLOAD, 8);
		return;
	case K_CTL_IDENT_TRUNC:
		fault_ident(x, CF_F_TRUNC_PAYLOAD, 0, 4, 0);
		return;
	case K_CTL_IDENT_TRAIL:
		fault_ident(x, CF_F_TRAIL_PAYLOAD, 0, 8, 1);
		return;
	case K_CTL_SIG_TRUNC:
		fault_fails(x, CF_ST_AUTH, M2_TAG_AUTH_SIGNATURE,
		    CF_F_TRUNC_PAYLOAD, 0, 1);
		return;
	case K_CTL_MORE_TRUNC:
		fault_fails(x, CF_ST_HELLO, M2_TAG_AUTH_REPLY_MORE,
		    CF_F_TRUNC_PAYLOAD, 0, 2);
		return;
	case K_CTL_BAD_METHOD_TRUNC:
		m2_buf_le32(&mb, x->s->auth);
		m2_buf_le32(&mb, (uint32_t)-13);
		m2_buf_le32(&mb, 4);		/* 4 methods, none follow */
		CF_IGNORE(m2_buf_finish(&mb, &n));
		auth_reply_close(x, M2_TAG_AUTH_BAD_METHOD, b, n);
		return;
	case K_CTL_IDENT_ADDRS_HUGE:
		if (to_ident(x) != 0)
			return;
		m2_buf_u8(&mb, 2);		/* addrvec marker */
		m2_buf_le32(&mb, 0xffffffffu);	/* count */
		m2_buf_zero(&mb, 64);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_SERVER_IDENT, b, n));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, 0);
		return;
	case K_CTL_HELLO_ADDR_HUGE:
		if (cf_setup(x, CF_ST_BANNER) != 0)
			return;
		m2_buf_u8(&mb, M2_ENTITY_TYPE_MON);
		m2_buf_u8(&mb, 1);		/* entity_addr_t marker */
		m2_buf_u8(&mb, 1);		/* struct_v */
		m2_buf_u8(&mb, 1);		/* compat */
		m2_buf_le32(&mb, 0xfffffff0u);	/* struct_len */
		m2_buf_zero(&mb, 32);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_HELLO, b, n));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_HELLO));
		return;

	case K_AUTH_BAD_METHOD_LOOP: {
		struct m2_span req;
		int asked = 0;

		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		for (;;) {
			if (cf_srv_recv_auth_request(p, &req) != M2_OK &&
			    !p->srv.no_mode)
				break;
			asked++;
			p->srv.no_mode = 0;
			if (asked > 6)
				break;
			CF_IGNORE(cf_srv_send_bad_method(p, p->srv.method,
			    -13, p->srv.method));
		}
		if (asked > 6)
			cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_AUTH_REQUEST,
			    "the client sent AUTH_REQUEST %d times on one "
			    "connection though every answer was "
			    "AUTH_BAD_METHOD -13", asked);
		else
			cf_verdict(x, p->react.r == CF_R_CLOSE ||
			    p->react.r == CF_R_RESET ? CF_PASS :
			    p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
			    CF_FAIL, p->react.r, p->react.tag, "after %d "
			    "AUTH_REQUEST(s), each refused: %s", asked,
			    p->why);
		return;
	}
	case K_AUTH_BAD_METHOD_UNKNOWN:
	case K_CVE_46119:
		m2_buf_le32(&mb, x->s->auth);
		/* -EOPNOTSUPP; for the CVE a positive result, not an errno */
		m2_buf_le32(&mb, (enum ck)arg == K_CVE_46119 ? 5 :
		    (uint32_t)-95);
		m2_buf_le32(&mb, 1);
		m2_buf_le32(&mb, 99);		/* the only method: unknown */
		m2_buf_le32(&mb, 1);
		m2_buf_le32(&mb, x->mode);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		auth_reply_close(x, M2_TAG_AUTH_BAD_METHOD, b, n);
		return;
	case K_CVE_46024:
		m2_buf_le32(&mb, 0);		/* method 0 */
		m2_buf_le32(&mb, 0);		/* result 0 */
		m2_buf_le32(&mb, 0);		/* no methods */
		m2_buf_le32(&mb, 0);		/* no modes */
		CF_IGNORE(m2_buf_finish(&mb, &n));
		auth_reply_close(x, M2_TAG_AUTH_BAD_METHOD, b, n);
		return;
	case K_CVE_43407:
		m2_buf_le32(&mb, 0x80000001u);	/* auth payload length */
		m2_buf_zero(&mb, 32);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		auth_reply_close(x, M2_TAG_AUTH_REPLY_MORE, b, n);
		return;
	case K_AUTH_MORE_GARBAGE:
		/* CephXServerChallenge is u8 v + le64: 4 bytes cannot be one */
		m2_buf_le32(&mb, 4);
		for (int i = 0; i < 4; i++)
			m2_buf_u8(&mb, (uint8_t)(0x3c + i * 7));
		CF_IGNORE(m2_buf_finish(&mb, &n));
		auth_reply_close(x, M2_TAG_AUTH_REPLY_MORE, b, n);
		return;
	case K_AUTH_DONE_NO_CHALLENGE: {
		struct m2_auth_done d = { 4242, x->mode, { NULL, 0 } };

		m2_msg_auth_done_build(&mb, &d);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		auth_reply_close(x, M2_TAG_AUTH_DONE, b, n);
		return;
	}
	case K_AUTH_MODE_UNKNOWN:
		p->srv.done_mode = 7;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case K_AUTH_MODE_DOWNGRADE:
	case K_AUTH_MODE_UPGRADE: {
		struct m2_span more;
		uint32_t other = (enum ck)arg == K_AUTH_MODE_DOWNGRADE ?
		    M2_CON_MODE_CRC : M2_CON_MODE_SECURE;

		if (to_auth_more(x, &more) != 0)
			return;
		if (cf_srv_offers(p, other)) {
			cf_verdict(x, CF_UNSUPPORTED, CF_R_NONE, -1, "the "
			    "client offers %s mode too; run it with %s only",
			    m2_mode_name(other), m2_mode_name(x->mode));
			return;
		}
		/* the cephx reply is made for the mode we claim */
		p->want_mode = other;
		p->srv.done_mode = other;
		if (cf_srv_auth_done(p, more) != M2_OK) {
			cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "%s",
			    p->why);
			return;
		}
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	}
	case K_AUTH_BAD_SIG:
		p->bad_sig = 1;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case K_AUTH_ZERO_SIG:
		p->bad_sig = 2;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case K_AUTH_DONE_CORRUPT:
		p->srv.done_flip = 1;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case K_CVE_43304:
		/* the kernel copied the CryptoKey into a 32-byte stack buffer;
		 * 64 bytes overflow it, and no AES key is 64 bytes long */
		p->srv.done_key_len = 64;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case K_CVE_22992: {
		struct m2_span more;

		/* a cephx reply made for crc (no connection secret) under
		 * an AUTH_DONE that says secure */
		if (to_auth_more(x, &more) != 0)
			return;
		p->want_mode = M2_CON_MODE_CRC;
		p->srv.done_mode = M2_CON_MODE_SECURE;
		if (cf_srv_auth_done(p, more) == M2_OK) {
			cf_verdict(x, CF_ERROR, CF_R_NONE, -1, "runner: a "
			    "connection secret appeared in crc mode");
			return;
		}
		/* we have no keys either: whatever comes is a failure */
		p->fmt = x->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;
		cf_observe(p, 0, &o);
		if (o.n == 0 && o.end.r == CF_R_FRAME)
			cf_verdict(x, CF_FAIL, CF_R_FRAME, -1, "the client "
			    "went on in secure mode without a connection "
			    "secret (it sent bytes after AUTH_DONE)");
		else
			cf_expect_close(x, &o, 0);
		return;
	}

	case K_SESS_HANDSHAKE:
	case K_MSG_KEEPALIVE:
		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		cf_expect_alive(x, 0);
		return;
	case K_SESS_HELLO_TYPE:
		p->srv.hello_type = M2_ENTITY_TYPE_OSD;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case K_SESS_MISSING_FEAT:
		if (to_ident(x) != 0)
			return;
		send_u64(p, M2_TAG_IDENT_MISSING_FEATURES, 1ull << 62);
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, 0);
		return;
	case K_SESS_IDENT_ADDRS:
	case K_SESS_IDENT_NO_ADDRS:
	case K_SESS_LOSSY_ECHO: {
		struct m2_server_ident id;

		if (to_ident(x) != 0)
			return;
		cf_srv_default_ident(p, &id);
		if ((enum ck)arg == K_SESS_LOSSY_ECHO) {
			/* CLIENT_IDENT's own checks: ProtocolV2 on the
			 * server side; here we only look at what it sent */
			const struct m2_client_ident *ci = &p->srv.cident;

			if (ci->addrs.n == 0 || ci->target_addr.family == 0) {
				cf_verdict(x, CF_FAIL, CF_R_FRAME,
				    M2_TAG_CLIENT_IDENT, "CLIENT_IDENT has "
				    "%u addresses and target family %u",
				    ci->addrs.n, ci->target_addr.family);
				return;
			}
			if (!(ci->flags & M2_IDENT_LOSSY) && ci->cookie == 0) {
				cf_verdict(x, CF_FAIL, CF_R_FRAME,
				    M2_TAG_CLIENT_IDENT, "a lossless "
				    "CLIENT_IDENT with client cookie 0 (a "
				    "session needs a non-zero cookie)");
				return;
			}
			CF_IGNORE(cf_srv_send_ident(p, &id));
			cf_expect_alive(x, 0);
			return;
		}
		if ((enum ck)arg == K_SESS_IDENT_ADDRS)
			id.addrs.a[0].sa[1] ^= 0x01;	/* another port */
		else
			id.addrs.n = 0;
		CF_IGNORE(cf_srv_send_ident(p, &id));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, 0);
		return;
	}
	case K_SESS_WAIT:
		if (to_ident(x) != 0)
			return;
		CF_IGNORE(cf_peer_send1(p, M2_TAG_WAIT, NULL, 0));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, 0);
		return;

	case K_RC_OK:
	case K_RC_RETRY:
	case K_RC_RETRY_GLOBAL:
	case K_RC_RESET:
	case K_RC_WAIT:
		run_reconnect(x, (enum ck)arg);
		return;

	case K_MSG_SHORT_HEADER: {
		uint8_t front[8] = { 0 };

		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		CF_IGNORE(cf_peer_send_cut_message(p, 1, 0xffff, 1,
		    (struct m2_span){ front, sizeof(front) }));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_MESSAGE) |
		    BIT(M2_TAG_ACK) | BIT(M2_TAG_KEEPALIVE2));
		return;
	}
	}
}

/* ------------------------------------------------------------------ */
/* The state matrix: a wrong tag where the client waits for another    */
/* ------------------------------------------------------------------ */

enum cstate { CS_HELLO, CS_AUTH, CS_SIGN, CS_IDENT, CS_READY, CS_N };

static const struct {
	const char	*name;
	const char	*waits;
	uint32_t	 ok;		/* tags that belong here */
	uint32_t	 allowed;	/* what the client may send anyway */
} cstates[CS_N] = {
	{ "hello", "HELLO", BIT(M2_TAG_HELLO), 0 },
	{ "auth", "an answer to AUTH_REQUEST", BIT(M2_TAG_AUTH_BAD_METHOD) |
	    BIT(M2_TAG_AUTH_REPLY_MORE) | BIT(M2_TAG_AUTH_DONE), 0 },
	{ "sign", "AUTH_SIGNATURE", BIT(M2_TAG_AUTH_SIGNATURE), 0 },
	{ "ident", "SERVER_IDENT", BIT(M2_TAG_SERVER_IDENT) |
	    BIT(M2_TAG_IDENT_MISSING_FEATURES) | BIT(M2_TAG_WAIT), 0 },
	{ "ready", "messages (READY)", BIT(M2_TAG_MESSAGE) |
	    BIT(M2_TAG_KEEPALIVE2) | BIT(M2_TAG_KEEPALIVE2_ACK) |
	    BIT(M2_TAG_ACK), BIT(M2_TAG_MESSAGE) | BIT(M2_TAG_ACK) |
	    BIT(M2_TAG_KEEPALIVE2) },
};

static void
run_cstate(struct cf_ctx *x, intptr_t arg)
{
	enum cstate st = (enum cstate)(arg >> 8);
	uint8_t tag = (uint8_t)(arg & 0xff), buf[1024];
	struct cf_peer *p = &x->p;
	struct m2_span segs[2], req;
	size_t nseg, n;
	struct cf_obs o;
	m2_err e = M2_OK;

	switch (st) {
	case CS_HELLO:
		if (cf_setup(x, CF_ST_BANNER) != 0)
			return;
		e = cf_peer_recv_hello(p);
		break;
	case CS_AUTH:
		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		e = cf_srv_recv_auth_request(p, &req);
		break;
	case CS_SIGN:
		if (cf_setup(x, CF_ST_AUTH) != 0)
			return;
		e = cf_peer_recv_sig(p);
		break;
	case CS_IDENT:
		if (cf_setup(x, CF_ST_SIGNED) != 0)
			return;
		e = cf_srv_recv_ident(p);
		break;
	default:
		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		break;
	}
	if (e != M2_OK) {
		cf_verdict(x, p->srv.no_mode ? CF_UNSUPPORTED : CF_FAIL,
		    p->react.r, p->react.tag, "a correct handshake failed "
		    "before the test step: %s", p->why);
		return;
	}
	n = cf_tag_payload(p, tag, buf, sizeof(buf), segs, &nseg);
	if (nseg == 1)
		segs[0] = (struct m2_span){ buf, n };
	CF_IGNORE(cf_peer_send_frame(p, tag, segs, nseg));
	cf_observe(p, 0, &o);
	cf_expect_close(x, &o, cstates[st].allowed);
}

static void
register_cstates(void)
{
	for (int st = 0; st < CS_N; st++) {
		for (unsigned tag = 1; tag <= M2_TAG_MAX; tag++) {
			struct cf_case c;
			char id[96], desc[160], lower[48];
			const char *tn = m2_tag_name(tag);

			if (cstates[st].ok & BIT(tag))
				continue;
			cf_tag_slug(tag, lower, sizeof(lower));
			snprintf(id, sizeof(id), "state.client.%s.%s",
			    cstates[st].name, lower);
			snprintf(desc, sizeof(desc), "the server sends %s "
			    "while the client waits for %s", tn,
			    cstates[st].waits);
			memset(&c, 0, sizeof(c));
			c.id = strdup(id);
			c.area = "control";
			c.ref = "SPEC-NOTES §4, §5; ProtocolV2::handle_* on "
			    "the connecting side (\"not in ... state\" -> "
			    "_fault)";
			c.desc = strdup(desc);
			c.expect = EXP_CLOSE;
			c.tags = "state-matrix,client";
			c.roles = CF_ROLE_CLIENT;
			c.variants = CF_V_ALL;
			c.run = run_cstate;
			c.arg = (intptr_t)st << 8 | (intptr_t)tag;
			if (c.id == NULL || c.desc == NULL)
				abort();
			cf_register(&c);
		}
	}
}

#define C(area, id, ref, d, e, v, n, k)	{ area ".client." id, area, ref, \
	d, e, "client", CF_ROLE_CLIENT, v, n, run_client, k }
#define CV(id, d, e, t, v, n, k)	{ "cve." id, "cve", \
	"conformance-anchors.md §4a/§4c", d, e, t ",client", CF_ROLE_CLIENT, \
	v, n, run_client, k }

static const struct cf_case client_cases[] = {
	C("banner", "garbage", REF_CB, "26 bytes of 0xa5 instead of a "
	    "banner", EXP_CLOSE, 0, 0, K_BANNER_GARBAGE),
	C("banner", "msgr1", REF_CB " (\"is using msgr V1 protocol\")",
	    "msgr1's \"ceph v027\" banner and a legacy address", EXP_CLOSE,
	    0, 0, K_BANNER_MSGR1),
	C("banner", "prefix-v3", REF_CB, "\"ceph v3\\n\" instead of "
	    "\"ceph v2\\n\"", EXP_CLOSE, 0, 0, K_BANNER_V3),
	C("banner", "payload-8", REF_CB, "a banner whose payload is 8 bytes "
	    "(half the feature words)", EXP_CLOSE, 0, 0, K_BANNER_LEN8),
	C("banner", "payload-0", REF_CB, "a zero-length banner payload",
	    EXP_CLOSE, 0, 0, K_BANNER_LEN0),
	C("banner", "truncated-eof", REF_CB, "a banner cut 12 bytes short, "
	    "then FIN", EXP_CLOSE, 0, 0, K_BANNER_EOF),
	C("banner", "payload-24", REF_CB, "a 24-byte banner payload (8 "
	    "extra bytes)", "goes on: the extra bytes are read and ignored "
	    "(the handshake completes)", CF_V_ALL, 0, K_BANNER_LEN24),
	C("banner", "required-unknown", REF_CB " (\"we do not support all "
	    "peer required features\")", "the server requires feature bit "
	    "50, which no client has", EXP_CLOSE " before HELLO", 0, 0,
	    K_BANNER_REQ_UNKNOWN),
	C("banner", "no-rev1", REF_CB, "a server without REVISION_1 (a "
	    "msgr2.0 peer)", "goes on in msgr2.0 framing to READY "
	    "(KEEPALIVE2 echoed)", CF_V_R0C | CF_V_R0S, 0, K_BANNER_NO_REV1),

	C("preamble", "hello-bad-crc", REF_CP, "our HELLO's preamble crc "
	    "off by one bit", EXP_CLOSE, CF_V_ALL, 0, K_PRE_HELLO_CRC),
	C("preamble", "ident-bad-crc", REF_CP, "SERVER_IDENT's preamble crc "
	    "off by one bit (inside the encryption in secure mode)",
	    EXP_CLOSE, CF_V_ALL, 0, K_PRE_IDENT_CRC),
	C("preamble", "hello-nseg0", REF_CP, "a HELLO preamble with 0 "
	    "segments", EXP_CLOSE, CF_V_ALL, 0, K_PRE_NSEG0),
	C("preamble", "hello-nseg5", REF_CP, "a HELLO preamble with 5 "
	    "segments", EXP_CLOSE, CF_V_ALL, 0, K_PRE_NSEG5),
	C("preamble", "hello-len-2g", REF_CP, "a HELLO claiming 0x80000000 "
	    "bytes, nothing after", EXP_CLOSE "; never allocating the length",
	    CF_V_ALL, 0, K_PRE_LEN_2G),
	C("preamble", "hello-len-4g", REF_CP, "a HELLO claiming 0xffffffff "
	    "bytes, nothing after", EXP_CLOSE "; never allocating the length",
	    CF_V_ALL, 0, K_PRE_LEN_4G),
	C("preamble", "ready-len-4g", REF_CP "; SPEC-NOTES §12 (ceph-mon's "
	    "assert)", "in READY, a frame claiming 0xffffffff bytes",
	    EXP_CLOSE "; never allocating the length (it may have sent "
	    "messages first)", CF_V_ALL, 0, K_PRE_READY_LEN_4G),
	C("preamble", "unknown-tag", REF_CP "; handle_read_frame_dispatch",
	    "a well-formed frame with tag 99 instead of HELLO", EXP_CLOSE,
	    CF_V_ALL, 0, K_PRE_UNKNOWN_TAG),

	C("framing", "hello-bad-seg-crc", REF_CF, "our HELLO's segment crc "
	    "off by one bit", EXP_CLOSE, CF_V_ALL, 0, K_FRM_HELLO_SEG_CRC),
	C("framing", "ident-bad-seg-crc", REF_CF, "SERVER_IDENT's segment "
	    "crc off by one bit", EXP_CLOSE, CF_V_CRC, 0,
	    K_FRM_IDENT_SEG_CRC),
	C("framing", "ident-gcm-tag", REF_CF, "SERVER_IDENT with its GCM "
	    "tag corrupted", EXP_CLOSE, CF_V_SECURE, 0, K_FRM_IDENT_GCM),
	C("framing", "sig-gcm-tag", REF_CF, "our AUTH_SIGNATURE (the first "
	    "encrypted frame) with its GCM tag corrupted", EXP_CLOSE,
	    CF_V_SECURE, 0, K_FRM_SIG_GCM),
	C("framing", "msg-aborted", REF_CF " (FRAME_LATE_STATUS_ABORTED)",
	    "a MESSAGE of an unknown type marked aborted (late 0x01)",
	    "drops it unread and goes on (KEEPALIVE2 echoed)", CF_V_ALL, 0,
	    K_FRM_MSG_ABORTED),

	C("control", "hello-truncated", REF_CC, "our HELLO 4 bytes short",
	    EXP_CLOSE, CF_V_ALL, 0, K_CTL_HELLO_TRUNC),
	C("control", "hello-trailing", REF_CC " (AMB-05)", "our HELLO with "
	    "8 trailing bytes", "goes on to READY (trailing bytes ignored, "
	    "as in the server role)", CF_V_ALL, 0, K_CTL_HELLO_TRAIL),
	C("control", "auth-done-truncated", REF_CC, "AUTH_DONE 3 bytes "
	    "short", EXP_CLOSE, CF_V_ALL, 0, K_CTL_DONE_TRUNC),
	C("control", "auth-done-trailing", REF_CC " (AMB-05)", "AUTH_DONE "
	    "with 8 trailing bytes", "goes on to READY", CF_V_ALL, 0,
	    K_CTL_DONE_TRAIL),
	C("control", "server-ident-truncated", REF_CC, "SERVER_IDENT 4 "
	    "bytes short", EXP_CLOSE, CF_V_ALL, 0, K_CTL_IDENT_TRUNC),
	C("control", "server-ident-trailing", REF_CC " (AMB-05)",
	    "SERVER_IDENT with 8 trailing bytes", "goes on (KEEPALIVE2 "
	    "echoed)", CF_V_ALL, 0, K_CTL_IDENT_TRAIL),
	C("control", "signature-truncated", REF_CC, "AUTH_SIGNATURE one "
	    "byte short", EXP_CLOSE, CF_V_ALL, 0, K_CTL_SIG_TRUNC),
	C("control", "reply-more-truncated", REF_CC, "AUTH_REPLY_MORE two "
	    "bytes short", EXP_CLOSE, CF_V_ALL, CF_NEED_CEPHX,
	    K_CTL_MORE_TRUNC),
	C("control", "bad-method-truncated", REF_CC, "AUTH_BAD_METHOD "
	    "claiming 4 methods and ending there", EXP_CLOSE, CF_V_ALL, 0,
	    K_CTL_BAD_METHOD_TRUNC),
	C("control", "server-ident-addrs-huge", REF_CC "; SPEC-NOTES §12 "
	    "(ceph-mon's bad_alloc on CLIENT_IDENT)", "SERVER_IDENT whose "
	    "address vector claims 0xffffffff entries", EXP_CLOSE "; never "
	    "allocating the count", CF_V_ALL, 0, K_CTL_IDENT_ADDRS_HUGE),
	C("control", "hello-addr-huge", REF_CC, "HELLO whose address "
	    "claims a 0xfffffff0-byte struct", EXP_CLOSE, CF_V_ALL, 0,
	    K_CTL_HELLO_ADDR_HUGE),

	C("auth", "bad-method-loop", REF_CA " (MonConnection::"
	    "handle_auth_bad_method)", "every AUTH_REQUEST answered "
	    "AUTH_BAD_METHOD -13 listing only the method it asked for",
	    "gives up and closes after a bounded number of requests (at "
	    "most 6 on one connection)", CF_V_ALL, 0,
	    K_AUTH_BAD_METHOD_LOOP),
	C("auth", "bad-method-unknown", REF_CA, "AUTH_BAD_METHOD whose only "
	    "allowed method is 99", EXP_CLOSE, CF_V_ALL, 0,
	    K_AUTH_BAD_METHOD_UNKNOWN),
	C("auth", "mode-unknown", REF_CA, "AUTH_DONE with con_mode 7",
	    EXP_CLOSE " (a mode it did not offer)", CF_V_ALL, 0,
	    K_AUTH_MODE_UNKNOWN),
	C("auth", "mode-downgrade", REF_CA, "AUTH_DONE choosing crc when "
	    "the client offered only secure", EXP_CLOSE " (no downgrade)",
	    CF_V_SECURE, CF_NEED_CEPHX, K_AUTH_MODE_DOWNGRADE),
	C("auth", "mode-upgrade", REF_CA, "AUTH_DONE choosing secure when "
	    "the client offered only crc", EXP_CLOSE, CF_V_CRC,
	    CF_NEED_CEPHX, K_AUTH_MODE_UPGRADE),
	C("auth", "bad-signature", "SPEC-NOTES §11; ProtocolV2::"
	    "handle_auth_signature", "our AUTH_SIGNATURE with one bit "
	    "flipped", EXP_CLOSE " (no CLIENT_IDENT)", CF_V_ALL,
	    CF_NEED_CEPHX, K_AUTH_BAD_SIG),
	C("auth", "zero-signature", "SPEC-NOTES §11; ProtocolV2::"
	    "handle_auth_signature", "an all-zero AUTH_SIGNATURE though a "
	    "session key exists", EXP_CLOSE " (no CLIENT_IDENT)", CF_V_ALL,
	    CF_NEED_CEPHX, K_AUTH_ZERO_SIG),
	C("auth", "done-corrupt", "SPEC-NOTES §7; CephxClientHandler::"
	    "handle_response", "AUTH_DONE whose cephx reply has one byte "
	    "changed (it does not decrypt)", EXP_CLOSE, CF_V_ALL,
	    CF_NEED_CEPHX, K_AUTH_DONE_CORRUPT),
	C("auth", "done-without-challenge", "SPEC-NOTES §7; "
	    "CephxClientHandler::handle_response", "AUTH_DONE with an empty "
	    "payload right after AUTH_REQUEST (no challenge, no ticket)",
	    EXP_CLOSE " (it never authenticated the server)", CF_V_ALL,
	    CF_NEED_CEPHX, K_AUTH_DONE_NO_CHALLENGE),
	C("auth", "reply-more-short", "SPEC-NOTES §7; CephxClientHandler::"
	    "handle_response", "AUTH_REPLY_MORE whose cephx challenge is 4 "
	    "bytes (a CephXServerChallenge is 9)", EXP_CLOSE, CF_V_ALL,
	    CF_NEED_CEPHX,
	    K_AUTH_MORE_GARBAGE),

	CV("2026-43407-client", "AUTH_REPLY_MORE whose payload length says "
	    "0x80000001 (> INT_MAX)", EXP_CLOSE "; never allocating it",
	    "cve-2026-43407", CF_V_ALL, 0, K_CVE_43407),
	CV("2026-46119", "AUTH_BAD_METHOD with a positive result (5) and "
	    "only method 99 allowed", "treats it as an error code only: "
	    "closes", "cve-2026-46119", CF_V_ALL, 0, K_CVE_46119),
	CV("2026-46024", "AUTH_BAD_METHOD with method 0, result 0, no "
	    "methods and no modes", "closes; no NULL auth handler",
	    "cve-2026-46024", CF_V_ALL, 0, K_CVE_46024),
	CV("2026-22992", "AUTH_DONE that says secure over a cephx reply "
	    "made for crc (no connection secret)", "fails cleanly: closes, "
	    "never encrypts or signs with a missing key", "cve-2026-22992",
	    CF_V_SECURE, CF_NEED_CEPHX, K_CVE_22992),
	CV("2026-43304", "AUTH_DONE whose cephx AUTH ticket carries a "
	    "64-byte session key (CryptoKey len 64; AES keys are 16)",
	    EXP_CLOSE "; never copies the key into a fixed buffer",
	    "cve-2026-43304", CF_V_ALL, CF_NEED_CEPHX, K_CVE_43304),

	C("session", "handshake", REF_CS, "a correct server, to READY",
	    "completes: CLIENT_IDENT, then KEEPALIVE2 echoed with its stamp",
	    CF_V_ALL, 0, K_SESS_HANDSHAKE),
	C("session", "client-ident-sane", REF_CS "; send_client_ident",
	    "what the client says in CLIENT_IDENT", "at least one address, "
	    "a target address, and a non-zero cookie when it asks for a "
	    "lossless session; then READY", CF_V_ALL, 0, K_SESS_LOSSY_ECHO),
	C("session", "hello-wrong-type", "SPEC-NOTES §5; ProtocolV2::"
	    "handle_hello (\"peer type does not match\")", "our HELLO says "
	    "we are an OSD (the client dialed a monitor)", EXP_CLOSE,
	    CF_V_ALL, 0, K_SESS_HELLO_TYPE),
	C("session", "ident-missing-features", REF_CS " (handle_ident_"
	    "missing_features)", "IDENT_MISSING_FEATURES instead of "
	    "SERVER_IDENT", EXP_CLOSE, CF_V_ALL, 0, K_SESS_MISSING_FEAT),
	C("session", "ident-wrong-addrs", REF_CS " (\"does not include\" "
	    "the target)", "SERVER_IDENT whose address vector lacks the "
	    "address the client dialed", EXP_CLOSE, CF_V_ALL, 0,
	    K_SESS_IDENT_ADDRS),
	C("session", "ident-no-addrs", REF_CS, "SERVER_IDENT with an empty "
	    "address vector", EXP_CLOSE, CF_V_ALL, 0, K_SESS_IDENT_NO_ADDRS),
	C("session", "wait", REF_CR, "WAIT instead of SERVER_IDENT (a "
	    "connection race)", EXP_CLOSE " (a lossless client comes back "
	    "later)", CF_V_ALL, 0, K_SESS_WAIT),
	C("session", "reconnect-ok", REF_CR, "lossless session dropped; "
	    "the client's SESSION_RECONNECT answered RECONNECT_OK",
	    "reconnects with both cookies and connect_seq > 0, then goes "
	    "on (KEEPALIVE2 echoed); unsupported for lossy clients",
	    CF_V_ALL, 0, K_RC_OK),
	C("session", "reconnect-retry", REF_CR, "SESSION_RETRY with "
	    "connect_seq = its own + 5", "reconnects with a larger "
	    "connect_seq (Ceph: ours + 1), then goes on after RECONNECT_OK",
	    CF_V_ALL, 0, K_RC_RETRY),
	C("session", "reconnect-retry-global", REF_CR, "SESSION_RETRY_GLOBAL "
	    "with global_seq = its own + 100", "reconnects with a larger "
	    "global_seq, then goes on after RECONNECT_OK", CF_V_ALL, 0,
	    K_RC_RETRY_GLOBAL),
	C("session", "reconnect-reset", REF_CR, "SESSION_RESET (full) in "
	    "answer to SESSION_RECONNECT", "starts a new session: "
	    "CLIENT_IDENT, then goes on after SERVER_IDENT", CF_V_ALL, 0,
	    K_RC_RESET),
	C("session", "reconnect-wait", REF_CR, "WAIT in answer to "
	    "SESSION_RECONNECT", EXP_CLOSE " (and backs off)", CF_V_ALL, 0,
	    K_RC_WAIT),

	C("message", "keepalive-echo", "SPEC-NOTES §6; ProtocolV2::"
	    "handle_keepalive2", "KEEPALIVE2 in READY", "answers "
	    "KEEPALIVE2_ACK with the same stamp", CF_V_ALL, 0,
	    K_MSG_KEEPALIVE),
	C("message", "short-header", "SPEC-NOTES §6, §12; cve-2026-43406",
	    "a MESSAGE whose header segment is one byte", EXP_CLOSE "; "
	    "never reads past the segment", CF_V_ALL, 0,
	    K_MSG_SHORT_HEADER),
};

/* see cases.h */
void
cf_cases_client(void)
{
	cf_register_table(client_cases, sizeof(client_cases) /
	    sizeof(client_cases[0]));
	register_cstates();
}

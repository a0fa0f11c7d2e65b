/* SPDX-License-Identifier: MIT */
/*
 * The reconnect matrix, server role (SPEC-NOTES §5, §5.1; Ceph's
 * ProtocolV2::handle_reconnect, handle_existing_connection,
 * send_reconnect_ok, and the client's handle_session_reset,
 * handle_session_retry, handle_session_retry_global, handle_wait).
 *
 * Each case sets up a lossless session on a first connection
 * (CLIENT_IDENT with flags 0 and a client cookie; a server that answers
 * with a lossy session makes the case unsupported), may exchange
 * messages (MMonGetMap or MPing) so that msg_seq means something, ends that
 * connection (FIN, then reads until the server closes), and on a new
 * connection runs the handshake to AUTH_SIGNATURE and sends
 * SESSION_RECONNECT with chosen fields.  The last connection of a case is
 * the case's own peer (x->p), so --wirelog records the reconnect.
 *
 * WAIT cannot be forced on a server without a connection race; the race
 * case below makes one of Ceph's reconnect races (equal connect_seq) and
 * takes WAIT or RECONNECT_OK, depending on the server's policy.
 */
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "m2/mon.h"

#define CF_MSG_PING	2	/* CEPH_MSG_PING (MPing, empty front) */
#define REF_RECON	"SPEC-NOTES §5, §5.1; ProtocolV2::handle_reconnect"

/* What the runner keeps of a session between its connections. */
struct sess {
	struct m2_addrvec addrs;	/* ours, as in CLIENT_IDENT */
	uint64_t	 client_cookie;
	uint64_t	 server_cookie;
	uint64_t	 global_id;	/* AUTH_DONE's; reclaimed (auth none) */
	uint64_t	 gseq;		/* our last global_seq */
	uint64_t	 in_seq;	/* the last message seq we received */
	uint64_t	 out_seq;	/* the last message seq we sent */
	uint16_t	 last_type;	/* the type of the last message in */
	uint16_t	 ask_type;	/* the message type it answers */
	int		 answered;	/* the server answered our messages */
};

enum rk {
	R_OK, R_RESEND, R_STALE_CS, R_STALE_GS, R_BAD_SCOOKIE,
	R_CCOOKIE, R_OTHER_ADDRS, R_NO_ADDRS, R_RACE, R_LOSSY
};

static void
peer_failed(struct cf_ctx *x, const struct cf_peer *p, const char *what)
{
	cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
	    p->react.r == CF_R_REFUSED ? CF_ERROR : CF_FAIL, p->react.r,
	    p->react.tag, "%s: %s", what, p->why);
	x->r->code = p->react.code;
}

/*
 * The next frame that is not an ACK; KEEPALIVE2 is answered, and a
 * MESSAGE moves |st|'s in_seq.  Returns 0 with |f|, or -1 (p->react and
 * p->why tell why).
 */
static int
next_frame(struct cf_peer *p, struct sess *st, struct cf_rframe *f)
{
	for (int i = 0; i < 64; i++) {
		struct m2_header2 h;
		struct m2_cur c;

		if (cf_peer_recv_frame(p, f) != M2_OK)
			return -1;
		if (f->tag == M2_TAG_ACK)
			continue;
		if (f->tag == M2_TAG_KEEPALIVE2) {
			cf_peer_echo_keepalive(p, f);
			continue;
		}
		if (f->tag == M2_TAG_MESSAGE && st != NULL) {
			m2_cur_init(&c, f->seg[0].p, f->seg[0].len);
			if (m2_msg_header2_parse(&c, &h, NULL) == M2_OK &&
			    h.seq > st->in_seq) {
				st->in_seq = h.seq;
				st->last_type = h.type;
			}
		}
		return 0;
	}
	p->react.r = CF_R_FRAME;
	p->react.tag = -1;
	snprintf(p->why, sizeof(p->why), "64 ACK/KEEPALIVE2 frames in a row");
	return -1;
}

/* The 64-bit (or bool) field of a session answer; 0 if it decodes. */
static int
answer_value(const struct cf_rframe *f, uint64_t *v)
{
	struct m2_cur c;
	m2_err e = M2_OK;

	cf_payload(f, &c);
	*v = 0;
	switch (f->tag) {
	case M2_TAG_SESSION_RESET: {
		struct m2_session_reset r;

		if ((e = m2_msg_session_reset_parse(&c, &r, NULL)) == M2_OK ||
		    e == M2_E_TRAILING)
			*v = r.full;
		break;
	}
	case M2_TAG_SESSION_RETRY: {
		struct m2_session_retry r;

		if ((e = m2_msg_session_retry_parse(&c, &r, NULL)) == M2_OK ||
		    e == M2_E_TRAILING)
			*v = r.connect_seq;
		break;
	}
	case M2_TAG_SESSION_RETRY_GLOBAL: {
		struct m2_session_retry_global r;

		if ((e = m2_msg_session_retry_global_parse(&c, &r, NULL)) ==
		    M2_OK || e == M2_E_TRAILING)
			*v = r.global_seq;
		break;
	}
	case M2_TAG_SESSION_RECONNECT_OK: {
		struct m2_session_reconnect_ok r;

		if ((e = m2_msg_session_reconnect_ok_parse(&c, &r, NULL)) ==
		    M2_OK || e == M2_E_TRAILING)
			*v = r.msg_seq;
		break;
	}
	default:
		break;
	}
	return e == M2_OK || e == M2_E_TRAILING ? 0 : -1;
}

/*
 * CLIENT_IDENT for |st| on |p| (at AUTH_SIGNATURE); SERVER_IDENT must
 * come back.  Returns 0, or -1 with the verdict set.
 */
static int
ident(struct cf_ctx *x, struct cf_peer *p, struct sess *st, int lossy,
    struct m2_server_ident *si, const char *when)
{
	struct m2_client_ident id;
	struct cf_rframe f;
	struct m2_cur c;
	uint8_t b[1024];
	size_t n;
	m2_err e;

	cf_default_client_ident(p, &id);
	if (st->addrs.n == 0)
		st->addrs = id.addrs;
	id.addrs = st->addrs;
	id.global_seq = ++st->gseq;
	id.flags = lossy ? M2_IDENT_LOSSY : 0;
	id.cookie = st->client_cookie;
	n = cf_build_client_ident(p, &id, b, sizeof(b));
	if (cf_peer_send1(p, M2_TAG_CLIENT_IDENT, b, n) != M2_OK ||
	    next_frame(p, NULL, &f) != 0) {
		peer_failed(x, p, when);
		return -1;
	}
	if (f.tag != M2_TAG_SERVER_IDENT) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "%s: the server "
		    "answered CLIENT_IDENT with %s", when, cf_tagname(f.tag));
		return -1;
	}
	cf_payload(&f, &c);
	e = m2_msg_server_ident_parse(&c, si, NULL);
	if (e != M2_OK && e != M2_E_TRAILING) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "%s: SERVER_IDENT "
		    "does not decode (%s)", when, m2_err_name(e));
		return -1;
	}
	p->sident = *si;
	p->stage = CF_ST_READY;
	st->server_cookie = si->cookie;
	return 0;
}

/*
 * The first connection: the handshake, then a lossless CLIENT_IDENT
 * (a lossy one if |lossy|).  Returns 0; 1 when the server chose a lossy
 * session for a lossless request (verdict: unsupported); -1 on failure
 * (verdict set).
 */
static int
establish(struct cf_ctx *x, struct cf_peer *p, struct sess *st, int lossy)
{
	struct m2_server_ident si;

	if (cf_peer_run_to(p, CF_ST_SIGNED) != M2_OK) {
		peer_failed(x, p, "the first connection failed before "
		    "CLIENT_IDENT");
		return -1;
	}
	st->global_id = p->global_id;
	if (ident(x, p, st, lossy, &si, "the first connection") != 0)
		return -1;
	if (lossy)
		return 0;
	if (si.flags & M2_IDENT_LOSSY) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_FRAME, M2_TAG_SERVER_IDENT,
		    "the server chose a lossy session (flags 0x%llx, cookie "
		    "%llx) for a lossless CLIENT_IDENT: nothing to resume "
		    "(ceph-mon does this for CLIENT peers, SPEC-NOTES §5)",
		    (unsigned long long)si.flags,
		    (unsigned long long)si.cookie);
		return 1;
	}
	if (si.cookie == 0) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_SERVER_IDENT,
		    "lossless session with server cookie 0: it cannot be "
		    "resumed (send_server_ident draws a non-zero cookie)");
		return -1;
	}
	return 0;
}

/*
 * One message with the next seq and |type|; a MESSAGE back sets
 * st->answered.  Returns 1 if answered, 0 on silence, -1 on failure
 * (verdict set).
 */
static int
send_wait(struct cf_ctx *x, struct cf_peer *p, struct sess *st,
    uint16_t type)
{
	static const uint8_t front[8];
	struct m2_span fs = { front, type == CF_MSG_PING ? 0 : sizeof(front) };
	struct cf_rframe f;
	uint64_t before = st->in_seq;

	if (cf_peer_send_message(p, ++st->out_seq, type, fs) != M2_OK) {
		peer_failed(x, p, "sending a message");
		return -1;
	}
	for (int i = 0; i < 8; i++) {
		if (next_frame(p, st, &f) != 0) {
			if (p->react.r == CF_R_SILENCE)
				return 0;
			peer_failed(x, p, "after our message");
			return -1;
		}
		if (f.tag == M2_TAG_MESSAGE) {
			if (st->in_seq == before)
				continue;
			st->answered = 1;
			return 1;
		}
		if (f.tag != M2_TAG_KEEPALIVE2_ACK) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "the server "
			    "sent %s in READY", cf_tagname(f.tag));
			return -1;
		}
	}
	return 0;
}

/*
 * A message the server answers: MMonGetMap (what a monitor answers its
 * clients), or, if that meets silence, CEPH_MSG_PING, which
 * Monitor::dispatch_op answers for any peer before it checks the session
 * (ceph-mon drops MMonGetMap from a MON peer).  A server that answers
 * neither is allowed: st->answered stays 0.
 */
static int
ask(struct cf_ctx *x, struct cf_peer *p, struct sess *st)
{
	int rc;

	if (st->ask_type != 0)
		return send_wait(x, p, st, st->ask_type) < 0 ? -1 : 0;
	if ((rc = send_wait(x, p, st, M2_MSG_MON_GET_MAP)) != 0) {
		st->ask_type = M2_MSG_MON_GET_MAP;
		return rc < 0 ? -1 : 0;
	}
	if ((rc = send_wait(x, p, st, CF_MSG_PING)) != 0) {
		st->ask_type = CF_MSG_PING;
		return rc < 0 ? -1 : 0;
	}
	st->ask_type = M2_MSG_MON_GET_MAP;
	return 0;
}

static int
send_ack(struct cf_ctx *x, struct cf_peer *p, uint64_t seq)
{
	uint8_t b[8];

	m2_store_le64(b, seq);
	if (cf_peer_send1(p, M2_TAG_ACK, b, 8) != M2_OK) {
		peer_failed(x, p, "sending ACK");
		return -1;
	}
	return 0;
}

/*
 * End a connection as a client that goes away: FIN, read until the
 * server closes (so it has noticed before we come back), release.
 */
static void
hang_up(struct cf_ctx *x, struct cf_peer *p)
{
	struct cf_obs o;

	cf_peer_shutdown_wr(p);
	cf_observe(p, 0, &o);
	cf_peer_done(x, p);
}

/* A new connection for |st|'s session, run to AUTH_SIGNATURE. */
static int
reopen(struct cf_ctx *x, struct cf_peer *p, const struct sess *st,
    int fresh)
{
	if (fresh)
		cf_peer_init(p, x->s, x->rev1, x->mode);
	p->client_cookie = st->client_cookie;
	if (x->s->auth == M2_AUTH_NONE)
		p->claim_gid = st->global_id;
	if (cf_peer_run_to(p, CF_ST_SIGNED) != M2_OK) {
		peer_failed(x, p, "a new connection failed before "
		    "SESSION_RECONNECT");
		return -1;
	}
	return 0;
}

/* SESSION_RECONNECT as a correct client sends it next for |st|. */
static void
base_reconnect(struct sess *st, uint64_t cs, struct m2_session_reconnect *r)
{
	memset(r, 0, sizeof(*r));
	r->addrs = st->addrs;
	r->client_cookie = st->client_cookie;
	r->server_cookie = st->server_cookie;
	r->global_seq = ++st->gseq;
	r->connect_seq = cs;
	r->msg_seq = st->in_seq;
}

/* Send |r| on |p|; the answer in |f|.  Returns 0, or -1 (verdict set). */
static int
reconnect(struct cf_ctx *x, struct cf_peer *p, struct sess *st,
    const struct m2_session_reconnect *r, struct cf_rframe *f,
    uint64_t *v)
{
	uint8_t b[1024];
	struct m2_buf mb;
	size_t n = 0;

	m2_buf_init(&mb, b, sizeof(b));
	m2_msg_session_reconnect_build(&mb, r);
	CF_IGNORE(m2_buf_finish(&mb, &n));
	if (cf_peer_send1(p, M2_TAG_SESSION_RECONNECT, b, n) != M2_OK ||
	    next_frame(p, st, f) != 0) {
		peer_failed(x, p, "after SESSION_RECONNECT");
		return -1;
	}
	if (answer_value(f, v) != 0) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f->tag, "%s does not "
		    "decode", cf_tagname(f->tag));
		return -1;
	}
	return 0;
}

/*
 * Reconnect as a Ceph client does: SESSION_RETRY(c) is answered with
 * connect_seq c + 1, SESSION_RETRY_GLOBAL(g) with a global_seq above g
 * (at most 3 rounds).  |notes| gets what happened on the way.
 */
static int
reconnect_follow(struct cf_ctx *x, struct cf_peer *p, struct sess *st,
    struct m2_session_reconnect *r, struct cf_rframe *f, uint64_t *v,
    char *notes, size_t nlen)
{
	size_t used = strlen(notes);

	for (int round = 0; round < 4; round++) {
		if (reconnect(x, p, st, r, f, v) != 0)
			return -1;
		if (f->tag != M2_TAG_SESSION_RETRY &&
		    f->tag != M2_TAG_SESSION_RETRY_GLOBAL)
			return 0;
		if (used < nlen)
			used += (size_t)snprintf(notes + used, nlen - used,
			    "%s(%llu), ", cf_tagname(f->tag),
			    (unsigned long long)*v);
		if (f->tag == M2_TAG_SESSION_RETRY) {
			r->connect_seq = *v + 1;
		} else {
			st->gseq = *v > st->gseq ? *v : st->gseq;
			r->global_seq = ++st->gseq;
		}
	}
	cf_verdict(x, CF_FAIL, CF_R_FRAME, f->tag, "still %s after 3 "
	    "retries: %s", cf_tagname(f->tag), notes);
	return -1;
}

/* RECONNECT_OK whose msg_seq is what the server received from us. */
static int
want_reconnect_ok(struct cf_ctx *x, const struct cf_rframe *f, uint64_t v,
    const struct sess *st, const char *notes)
{
	if (f->tag != M2_TAG_SESSION_RECONNECT_OK) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f->tag, "%s%s, not "
		    "SESSION_RECONNECT_OK", notes, cf_tagname(f->tag));
		if (f->tag == M2_TAG_SESSION_RESET)
			x->r->code = (int32_t)v;
		return -1;
	}
	if (v != st->out_seq) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f->tag, "%s"
		    "SESSION_RECONNECT_OK(msg_seq %llu), but the server had "
		    "received %llu messages from us (Ceph sends its in_seq)",
		    notes, (unsigned long long)v,
		    (unsigned long long)st->out_seq);
		return -1;
	}
	return 0;
}

/*
 * After SESSION_RESET: CLIENT_IDENT on the same connection (a new client
 * cookie after RESET(full), as reset_session does) gets SERVER_IDENT.
 */
static int
ident_after_reset(struct cf_ctx *x, struct cf_peer *p, struct sess *st,
    uint64_t full)
{
	struct m2_server_ident si;

	if (full) {
		st->client_cookie ^= 0x9e3779b97f4a7c15ull;
		if (st->client_cookie == 0)
			st->client_cookie = 1;
	}
	if (ident(x, p, st, 0, &si, "CLIENT_IDENT after SESSION_RESET") != 0)
		return -1;
	return 0;
}

/* The common end: RESET, then a fresh CLIENT_IDENT is accepted. */
static void
expect_reset(struct cf_ctx *x, struct cf_peer *p, struct sess *st,
    const struct cf_rframe *f, uint64_t v, const char *why)
{
	if (f->tag != M2_TAG_SESSION_RESET) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f->tag, "%s, yet the "
		    "server answered %s(%llu)", why, cf_tagname(f->tag),
		    (unsigned long long)v);
		return;
	}
	if (ident_after_reset(x, p, st, v) != 0)
		return;
	cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_SESSION_RESET,
	    "SESSION_RESET(full=%llu), then a fresh CLIENT_IDENT got "
	    "SERVER_IDENT", (unsigned long long)v);
	x->r->code = (int32_t)v;
}

/* The session answers messages: a MESSAGE with seq |seq| comes. */
static int
want_message(struct cf_ctx *x, struct cf_peer *p, struct sess *st,
    uint64_t seq, struct m2_header2 *h)
{
	struct cf_rframe f;
	struct m2_cur c;

	for (int i = 0; i < 8; i++) {
		if (next_frame(p, st, &f) != 0) {
			peer_failed(x, p, "waiting for a MESSAGE");
			return -1;
		}
		if (f.tag != M2_TAG_MESSAGE)
			continue;
		m2_cur_init(&c, f.seg[0].p, f.seg[0].len);
		if (m2_msg_header2_parse(&c, h, NULL) != M2_OK) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "a MESSAGE "
			    "whose header does not decode");
			return -1;
		}
		if (h->seq != seq) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "a MESSAGE "
			    "with seq %llu, expected %llu",
			    (unsigned long long)h->seq,
			    (unsigned long long)seq);
			return -1;
		}
		return 0;
	}
	cf_verdict(x, CF_FAIL, CF_R_FRAME, -1, "no MESSAGE among 8 frames");
	return -1;
}

static void
run_recon(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p, a, b;
	struct m2_session_reconnect r;
	struct cf_rframe f;
	struct sess st;
	char notes[160] = "";
	uint64_t v;
	int rc;

	memset(&st, 0, sizeof(st));
	st.gseq = 10;	/* the first CLIENT_IDENT says 11 */
	cf_peer_init(&a, x->s, x->rev1, x->mode);
	st.client_cookie = a.client_cookie;
	if (arg == R_RACE) {
		/*
		 * Our msgr2 address must sort above the server's for Ceph's
		 * race rule to pick the existing connection (entity_addr_t
		 * compares as memcmp: type, then the nonce's bytes, low
		 * first): type v2 and a nonce whose low byte is 0xff
		 * (monitors' nonce is 0), the rest from the cookie so each
		 * run is another peer; port 0, so a server that wants to
		 * call us back finds nobody.
		 */
		struct m2_client_ident id;

		if (cf_peer_run_to(&a, CF_ST_HELLO) != M2_OK) {
			peer_failed(x, &a, "the first connection failed");
			cf_peer_done(x, &a);
			return;
		}
		cf_default_client_ident(&a, &id);
		st.addrs = id.addrs;
		st.addrs.a[0].type = M2_ADDR_MSGR2;
		st.addrs.a[0].nonce = (uint32_t)st.client_cookie | 0xffu;
	}
	if (arg == R_LOSSY)
		st.client_cookie = 0;	/* a lossy Ceph client's cookie */
	rc = establish(x, &a, &st, arg == R_LOSSY);
	if (rc != 0) {
		cf_peer_done(x, &a);
		return;
	}
	if (arg == R_LOSSY && !(a.sident.flags & M2_IDENT_LOSSY)) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_FRAME, M2_TAG_SERVER_IDENT,
		    "the server made a lossless session of a lossy "
		    "CLIENT_IDENT (its policy for our type); the other "
		    "reconnect cases cover that");
		cf_peer_done(x, &a);
		return;
	}
	if (arg == R_OK || arg == R_RESEND) {
		int n = arg == R_OK ? 2 : 1;

		for (int i = 0; i < n; i++)
			if (ask(x, &a, &st) != 0) {
				cf_peer_done(x, &a);
				return;
			}
		if (arg == R_RESEND && !st.answered) {
			cf_verdict(x, CF_UNSUPPORTED, CF_R_SILENCE, -1, "the "
			    "server answered neither MMonGetMap nor MPing: no "
			    "message of its own to leave unacknowledged");
			cf_peer_done(x, &a);
			return;
		}
		if (arg == R_OK && st.in_seq > 0 &&
		    send_ack(x, &a, st.in_seq) != 0) {
			cf_peer_done(x, &a);
			return;
		}
	}
	hang_up(x, &a);

	switch ((enum rk)arg) {
	case R_OK: {
		uint64_t want_seq = st.in_seq + 1;

		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		if (reconnect_follow(x, p, &st, &r, &f, &v, notes,
		    sizeof(notes)) != 0 ||
		    want_reconnect_ok(x, &f, v, &st, notes) != 0)
			return;
		cf_expect_alive(x, BIT(M2_TAG_SESSION_RESET));
		if (x->r->verdict != CF_PASS)
			return;
		if (!st.answered) {
			cf_verdict(x, CF_PASS, CF_R_FRAME,
			    M2_TAG_SESSION_RECONNECT_OK, "%s"
			    "SESSION_RECONNECT_OK(msg_seq %llu); KEEPALIVE2 "
			    "echoed (the server answers no message, so "
			    "seqs after the reconnect were not checked)",
			    notes, (unsigned long long)v);
			return;
		}
		if (ask(x, p, &st) != 0)
			return;
		if (st.in_seq != want_seq) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_MESSAGE, "%s"
			    "after SESSION_RECONNECT_OK(%llu) the server's "
			    "next message has seq %llu, not %llu (its "
			    "out_seq must go on)", notes,
			    (unsigned long long)v,
			    (unsigned long long)st.in_seq,
			    (unsigned long long)want_seq);
			return;
		}
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_SESSION_RECONNECT_OK,
		    "%sSESSION_RECONNECT_OK(msg_seq %llu = our messages); "
		    "KEEPALIVE2 echoed; our message seq %llu answered "
		    "with seq %llu", notes, (unsigned long long)v,
		    (unsigned long long)st.out_seq,
		    (unsigned long long)st.in_seq);
		return;
	}
	case R_RESEND: {
		struct m2_header2 h;
		uint64_t lost = st.in_seq;
		uint16_t type = st.last_type;

		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		/* We "lost" the server's last message: claim one less. */
		st.in_seq = lost - 1;
		r.msg_seq = st.in_seq;
		if (reconnect_follow(x, p, &st, &r, &f, &v, notes,
		    sizeof(notes)) != 0 ||
		    want_reconnect_ok(x, &f, v, &st, notes) != 0)
			return;
		if (want_message(x, p, &st, lost, &h) != 0)
			return;
		if (h.type != type) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_MESSAGE, "%s"
			    "seq %llu came again, but as message type %u, "
			    "not %u", notes, (unsigned long long)lost, h.type,
			    type);
			return;
		}
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_MESSAGE, "%s"
		    "SESSION_RECONNECT_OK(%llu), then the unacknowledged "
		    "message (seq %llu, type %u) was sent again", notes,
		    (unsigned long long)v, (unsigned long long)lost, type);
		return;
	}
	case R_STALE_CS:
		/* b: a first reconnect moves the server's connect_seq to 2 */
		if (reopen(x, &b, &st, 1) != 0) {
			cf_peer_done(x, &b);
			return;
		}
		base_reconnect(&st, 2, &r);
		if (reconnect(x, &b, &st, &r, &f, &v) != 0 ||
		    want_reconnect_ok(x, &f, v, &st, "connect_seq 2: ") !=
		    0) {
			cf_peer_done(x, &b);
			return;
		}
		hang_up(x, &b);
		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		if (reconnect(x, p, &st, &r, &f, &v) != 0)
			return;
		if (f.tag != M2_TAG_SESSION_RETRY || v != 2) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "connect_seq "
			    "1 after 2 was answered %s(%llu), not "
			    "SESSION_RETRY(2)", cf_tagname(f.tag),
			    (unsigned long long)v);
			return;
		}
		r.connect_seq = v + 1;
		if (reconnect(x, p, &st, &r, &f, &v) != 0 ||
		    want_reconnect_ok(x, &f, v, &st, "after SESSION_RETRY: ")
		    != 0)
			return;
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_SESSION_RECONNECT_OK,
		    "connect_seq 2 resumed; then 1: SESSION_RETRY(2); then "
		    "3: SESSION_RECONNECT_OK(%llu)", (unsigned long long)v);
		return;
	case R_STALE_GS: {
		uint64_t had = st.gseq;		/* CLIENT_IDENT's */

		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		r.global_seq = had - 1;
		if (reconnect(x, p, &st, &r, &f, &v) != 0)
			return;
		if (f.tag != M2_TAG_SESSION_RETRY_GLOBAL || v != had) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "global_seq "
			    "%llu after CLIENT_IDENT's %llu was answered "
			    "%s(%llu), not SESSION_RETRY_GLOBAL(%llu)",
			    (unsigned long long)r.global_seq,
			    (unsigned long long)had, cf_tagname(f.tag),
			    (unsigned long long)v, (unsigned long long)had);
			return;
		}
		st.gseq = v;
		r.global_seq = ++st.gseq;
		if (reconnect(x, p, &st, &r, &f, &v) != 0 ||
		    want_reconnect_ok(x, &f, v, &st,
		    "after SESSION_RETRY_GLOBAL: ") != 0)
			return;
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_SESSION_RECONNECT_OK,
		    "global_seq %llu: SESSION_RETRY_GLOBAL(%llu); then "
		    "%llu: SESSION_RECONNECT_OK", (unsigned long long)had - 1,
		    (unsigned long long)had, (unsigned long long)st.gseq);
		return;
	}
	case R_BAD_SCOOKIE:
		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		r.server_cookie ^= 0x0101010101010101ull;
		if (reconnect(x, p, &st, &r, &f, &v) != 0)
			return;
		if (f.tag == M2_TAG_SESSION_RECONNECT_OK) {
			if (want_reconnect_ok(x, &f, v, &st, "") != 0)
				return;
			cf_expect_alive(x, 0);
			if (x->r->verdict == CF_PASS)
				cf_verdict(x, CF_PASS, CF_R_FRAME,
				    M2_TAG_SESSION_RECONNECT_OK,
				    "SESSION_RECONNECT_OK: the server cookie "
				    "is not compared (as in Ceph 16.2.15); "
				    "the session works");
			return;
		}
		expect_reset(x, p, &st, &f, v, "a wrong server cookie");
		return;
	case R_CCOOKIE:
		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		r.client_cookie ^= 0x00ff00ff00ff00ffull;
		if (reconnect(x, p, &st, &r, &f, &v) != 0)
			return;
		st.client_cookie = r.client_cookie;
		expect_reset(x, p, &st, &f, v, "a client cookie the "
		    "session does not have");
		return;
	case R_OTHER_ADDRS:
		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		r.addrs.a[0].nonce ^= 0x5a5a5a5au;
		if (reconnect(x, p, &st, &r, &f, &v) != 0)
			return;
		expect_reset(x, p, &st, &f, v, "an address vector the "
		    "session does not have");
		return;
	case R_NO_ADDRS: {
		uint8_t bb[512];
		struct m2_buf mb;
		size_t n = 0;
		struct cf_obs o;

		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		r.addrs.n = 0;
		m2_buf_init(&mb, bb, sizeof(bb));
		m2_msg_session_reconnect_build(&mb, &r);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_SESSION_RECONNECT, bb, n));
		cf_observe(p, BIT(M2_TAG_SESSION_RESET) |
		    BIT(M2_TAG_SESSION_RECONNECT_OK) | BIT(M2_TAG_WAIT) |
		    BIT(M2_TAG_SESSION_RETRY) |
		    BIT(M2_TAG_SESSION_RETRY_GLOBAL), &o);
		if (o.stopped && o.end.tag == M2_TAG_SESSION_RESET) {
			cf_verdict(x, CF_PASS, CF_R_FRAME, o.end.tag,
			    "SESSION_RESET: no session for an empty address "
			    "vector");
			return;
		}
		if (o.stopped) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, o.end.tag, "%s for "
			    "a reconnect without addresses",
			    cf_tagname(o.end.tag));
			return;
		}
		cf_expect_close(x, &o, 0);
		return;
	}
	case R_RACE:
		if (reopen(x, &b, &st, 1) != 0) {
			cf_peer_done(x, &b);
			return;
		}
		base_reconnect(&st, 0, &r);
		if (reconnect(x, &b, &st, &r, &f, &v) != 0) {
			cf_peer_done(x, &b);
			return;
		}
		if (f.tag == M2_TAG_SESSION_RECONNECT_OK) {
			cf_peer_done(x, &b);
			if (v != st.out_seq) {
				cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag,
				    "SESSION_RECONNECT_OK(%llu), not %llu",
				    (unsigned long long)v,
				    (unsigned long long)st.out_seq);
				return;
			}
			cf_verdict(x, CF_PASS, CF_R_FRAME, f.tag, "equal "
			    "connect_seq 0: this connection won the race "
			    "(SESSION_RECONNECT_OK; a server-policy peer, "
			    "or one whose address sorts above ours)");
			return;
		}
		if (f.tag != M2_TAG_WAIT) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "equal "
			    "connect_seq 0 was answered %s(%llu), not WAIT or "
			    "SESSION_RECONNECT_OK", cf_tagname(f.tag),
			    (unsigned long long)v);
			cf_peer_done(x, &b);
			return;
		}
		/* WAIT: back off and come again with connect_seq + 1. */
		hang_up(x, &b);
		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		if (reconnect_follow(x, p, &st, &r, &f, &v, notes,
		    sizeof(notes)) != 0 ||
		    want_reconnect_ok(x, &f, v, &st, notes) != 0)
			return;
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_WAIT, "WAIT for "
		    "equal connect_seq 0 (Ceph's reconnect race: the "
		    "existing connection wins); connect_seq 1 on a new "
		    "connection: %sSESSION_RECONNECT_OK", notes);
		return;
	case R_LOSSY:
		if (reopen(x, p, &st, 0) != 0)
			return;
		base_reconnect(&st, 1, &r);
		if (reconnect(x, p, &st, &r, &f, &v) != 0)
			return;
		expect_reset(x, p, &st, &f, v, "a lossy session cannot "
		    "be resumed");
		return;
	}
}

#define R(id, fn, d, e, k)	{ "session." id, "session", REF_RECON fn, d, \
	e, "reconnect", CF_ROLE_SERVER, CF_V_ALL, 0, run_recon, k }

static const struct cf_case recon_cases[] = {
	R("reconnect-ok", ", send_reconnect_ok",
	    "lossless session, two messages answered and acked, TCP closed; "
	    "new connection: SESSION_RECONNECT with the cookies, global_seq "
	    "and connect_seq 1, msg_seq = our in_seq",
	    "SESSION_RECONNECT_OK whose msg_seq is the number of messages "
	    "the server received from us (send_reconnect_ok sends in_seq); "
	    "KEEPALIVE2 echoed; the next message's seq goes on from before "
	    "(unsupported if the server gives a lossy session)", R_OK),
	R("reconnect-resend", ", requeue_sent, send_reconnect_ok",
	    "lossless session, the server's answer to MMonGetMap (or MPing) "
	    "left unacknowledged; SESSION_RECONNECT with msg_seq one below "
	    "it",
	    "SESSION_RECONNECT_OK(our message count), then the server sends "
	    "that message again with the same seq (unacked messages are "
	    "requeued; discard_requeued_up_to keeps those above msg_seq)",
	    R_RESEND),
	R("reconnect-stale-connect-seq", "",
	    "a reconnect with connect_seq 2 resumes the session; on the next "
	    "connection, connect_seq 1",
	    "SESSION_RETRY(2), the server's connect_seq; then connect_seq 3 "
	    "on the same connection gets SESSION_RECONNECT_OK", R_STALE_CS),
	R("reconnect-stale-global-seq", "",
	    "SESSION_RECONNECT whose global_seq is below the one CLIENT_IDENT "
	    "gave",
	    "SESSION_RETRY_GLOBAL carrying the CLIENT_IDENT's global_seq; "
	    "then a higher one on the same connection gets "
	    "SESSION_RECONNECT_OK", R_STALE_GS),
	R("reconnect-bad-server-cookie", "",
	    "SESSION_RECONNECT with the right client cookie and a wrong "
	    "(non-zero) server cookie",
	    "Ceph 16.2.15 answers SESSION_RECONNECT_OK: handle_reconnect "
	    "never compares the server cookie (only the client cookie, and "
	    "RESET(0) when its own is 0); a server that checks it answers "
	    "SESSION_RESET and then accepts a fresh CLIENT_IDENT (the "
	    "reference: RESET(0)); both pass", R_BAD_SCOOKIE),
	R("reconnect-client-cookie-mismatch", ", handle_existing_connection",
	    "SESSION_RECONNECT from the session's addresses with another "
	    "client cookie",
	    "SESSION_RESET (Ceph: full = policy.resetcheck, 1 towards mons "
	    "and clients of an OSD), then a fresh CLIENT_IDENT gets "
	    "SERVER_IDENT", R_CCOOKIE),
	R("reconnect-other-addrs", " (lookup_conn)",
	    "SESSION_RECONNECT with the session's cookies but another address "
	    "vector (the nonce changed)",
	    "SESSION_RESET(full): Ceph finds sessions by the peer's address "
	    "vector (lookup_conn) and has none for it; then a fresh "
	    "CLIENT_IDENT gets SERVER_IDENT", R_OTHER_ADDRS),
	R("reconnect-no-addrs", " (lookup_conn)",
	    "SESSION_RECONNECT with the session's cookies and an empty "
	    "address vector",
	    "SESSION_RESET (Ceph: no connection for an empty vector) or a "
	    "close; never SESSION_RECONNECT_OK", R_NO_ADDRS),
	R("reconnect-race", " (reconnect race); handle_wait",
	    "lossless session from a v2 address sorting above the server's; "
	    "SESSION_RECONNECT with connect_seq equal to the server's (0)",
	    "WAIT (Ceph's reconnect race: the existing connection wins unless "
	    "the policy is server), then connect_seq 1 on a new connection "
	    "gets SESSION_RECONNECT_OK; or SESSION_RECONNECT_OK at once (a "
	    "server-policy peer)", R_RACE),
	R("reconnect-lossy", "; handle_client_ident",
	    "a lossy session (CLIENT_IDENT flags LOSSY, cookie 0), TCP "
	    "closed; SESSION_RECONNECT with the cookies it had",
	    "SESSION_RESET (Ceph does not register lossy clients: no existing "
	    "connection, RESET(full)), then CLIENT_IDENT gets SERVER_IDENT "
	    "(unsupported if the server makes the session lossless)",
	    R_LOSSY),
};

/* see cases.h */
void
cf_cases_reconnect(void)
{
	cf_register_table(recon_cases, sizeof(recon_cases) /
	    sizeof(recon_cases[0]));
}

/* SPDX-License-Identifier: MIT */
/*
 * Auth and session cases (SPEC-NOTES §5, §7; ProtocolV2::
 * handle_auth_request, _auth_bad_method, handle_auth_signature,
 * handle_client_ident, handle_reconnect; Monitor::handle_auth_request).
 */
#include <stdio.h>
#include <string.h>

#include "cases.h"

#define REF_AUTH	"SPEC-NOTES §5, §5.1; ProtocolV2::handle_auth_request"
#define REF_SESS	"SPEC-NOTES §5; ProtocolV2::handle_client_ident"
#define EXP_CLOSE	"closes the connection (FIN or RST)"

enum ak {
	A_CORRECT, A_METHOD_UNKNOWN, A_METHOD_ZERO, A_NO_MODES,
	A_MODE_UNKNOWN, A_RETRY_AFTER_BAD, A_NONE_SECURE, A_BOTH_MODES,
	A_WRONG_KEY, A_BAD_SIG, A_ZERO_SIG, A_BAD_METHOD_LISTS,
	A_METHOD_NOT_ALLOWED, A_MODE_NOT_ALLOWED
};

/*
 * Learn the server's allowed lists (AUTH_REQUEST with method 99 gets
 * AUTH_BAD_METHOD), then ask on the same connection for a known method
 * or mode it did not list: it must refuse again, never serve it.
 */
static void
not_allowed(struct cf_ctx *x, int by_mode)
{
	static const uint32_t known_methods[] = { M2_AUTH_NONE, M2_AUTH_CEPHX };
	static const uint32_t known_modes[] = { M2_CON_MODE_CRC,
	    M2_CON_MODE_SECURE };
	struct cf_peer *p = &x->p;
	struct m2_auth_bad_method bm;
	struct cf_rframe fr;
	struct m2_cur c;
	uint32_t pick = 0, method, mode;
	uint8_t b[1024];
	size_t len;

	if (cf_setup(x, CF_ST_HELLO) != 0)
		return;
	len = cf_build_auth_request(p, 99, &x->mode, 1, 0, b, sizeof(b));
	CF_IGNORE(cf_peer_send1(p, M2_TAG_AUTH_REQUEST, b, len));
	if (cf_peer_recv_frame(p, &fr) != M2_OK) {
		cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT : CF_FAIL,
		    p->react.r, p->react.tag, "%s", p->why);
		return;
	}
	cf_payload(&fr, &c);
	if (fr.tag != M2_TAG_AUTH_BAD_METHOD ||
	    m2_msg_auth_bad_method_parse(&c, &bm, NULL) != M2_OK) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_FRAME, fr.tag, "no "
		    "AUTH_BAD_METHOD lists to learn from");
		return;
	}
	for (size_t i = 0; i < 2 && pick == 0; i++) {
		uint32_t v = by_mode ? known_modes[i] : known_methods[i];
		const uint32_t *l = by_mode ? bm.modes : bm.methods;
		uint32_t n = by_mode ? bm.n_modes : bm.n_methods, j;

		for (j = 0; j < n && l[j] != v; j++)
			;
		if (j == n)
			pick = v;
	}
	if (pick == 0) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_FRAME, fr.tag, "the server "
		    "allows every known %s", by_mode ? "mode" : "method");
		return;
	}
	method = by_mode ? x->s->auth : pick;
	mode = by_mode ? pick : (pick == M2_AUTH_NONE ? M2_CON_MODE_CRC :
	    x->mode);
	{
		uint8_t b2[1024];
		size_t len2 = cf_build_auth_request(p, method, &mode, 1, 0, b2,
		    sizeof(b2));
		struct cf_obs o;

		CF_IGNORE(cf_peer_send1(p, M2_TAG_AUTH_REQUEST, b2, len2));
		cf_observe(p, BIT(M2_TAG_AUTH_BAD_METHOD) | BIT(M2_TAG_AUTH_DONE) |
		    BIT(M2_TAG_AUTH_REPLY_MORE), &o);
		if (o.stopped && o.end.tag == M2_TAG_AUTH_BAD_METHOD) {
			cf_verdict(x, CF_PASS, CF_R_FRAME, o.end.tag, "%s %u, "
			    "not in the server's list, refused (result %d)",
			    by_mode ? "mode" : "method", pick,
			    (int)o.bad_method);
			x->r->code = o.bad_method;
			return;
		}
		if (o.stopped) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, o.end.tag, "%s %u is "
			    "not in the server's list, yet it answered %s",
			    by_mode ? "mode" : "method", pick,
			    m2_tag_name((unsigned)o.end.tag));
			return;
		}
		cf_expect_close(x, &o, 0);
	}
}

/* Send a hand-made AUTH_REQUEST and expect AUTH_BAD_METHOD or a close. */
static void
refused(struct cf_ctx *x, uint32_t method, const uint32_t *modes, size_t n,
    int must_frame)
{
	uint8_t b[1024];
	size_t len;
	struct cf_obs o;

	if (cf_setup(x, CF_ST_HELLO) != 0)
		return;
	len = cf_build_auth_request(&x->p, method, modes, n, 0, b, sizeof(b));
	CF_IGNORE(cf_peer_send1(&x->p, M2_TAG_AUTH_REQUEST, b, len));
	cf_observe(&x->p, BIT(M2_TAG_AUTH_BAD_METHOD) | BIT(M2_TAG_AUTH_DONE) |
	    BIT(M2_TAG_AUTH_REPLY_MORE), &o);
	if (o.stopped && o.end.tag == M2_TAG_AUTH_BAD_METHOD) {
		if (o.bad_method >= 0) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, o.end.tag,
			    "AUTH_BAD_METHOD with result %d (must be a "
			    "negative errno)", (int)o.bad_method);
			return;
		}
		cf_verdict(x, CF_PASS, CF_R_FRAME, o.end.tag, "AUTH_BAD_METHOD "
		    "result %d", (int)o.bad_method);
		x->r->code = o.bad_method;
		return;
	}
	if (o.stopped) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, o.end.tag, "the server "
		    "went on with %s", m2_tag_name((unsigned)o.end.tag));
		return;
	}
	if (must_frame) {
		cf_verdict(x, o.end.r == CF_R_SILENCE ? CF_TIMEOUT : CF_FAIL,
		    o.end.r, o.end.tag, "no AUTH_BAD_METHOD: %s", o.end.why);
		return;
	}
	cf_expect_close(x, &o, 0);
}

static void
run_auth(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	uint32_t m;

	switch ((enum ak)arg) {
	case A_CORRECT:
		cf_expect_run_completes(x, CF_ST_READY);
		if (x->r->verdict == CF_PASS)
			cf_verdict(x, CF_PASS, CF_R_COMPLETED, -1, "READY in "
			    "msgr2.%d %s, global_id %llu", p->rev1,
			    p->con_mode == M2_CON_MODE_SECURE ? "secure" :
			    "crc", (unsigned long long)p->global_id);
		return;
	case A_METHOD_UNKNOWN:
		refused(x, 99, &x->mode, 1, 1);
		return;
	case A_METHOD_ZERO:
		refused(x, 0, &x->mode, 1, 0);
		return;
	case A_NO_MODES:
		refused(x, x->s->auth, NULL, 0, 0);
		return;
	case A_MODE_UNKNOWN:
		m = 7;
		refused(x, x->s->auth, &m, 1, 0);
		return;
	case A_NONE_SECURE:
		m = M2_CON_MODE_SECURE;
		refused(x, M2_AUTH_NONE, &m, 1, 0);
		return;
	case A_BAD_METHOD_LISTS: {
		uint8_t b[1024];
		size_t len;
		struct cf_obs o;
		struct cf_rframe fr;
		struct m2_auth_bad_method bm;
		struct m2_cur c;
		int has = 0;

		(void)o;
		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		len = cf_build_auth_request(p, 99, &x->mode, 1, 0, b,
		    sizeof(b));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_AUTH_REQUEST, b, len));
		if (cf_peer_recv_frame(p, &fr) != M2_OK) {
			cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
			    CF_FAIL, p->react.r, p->react.tag, "%s", p->why);
			return;
		}
		cf_payload(&fr, &c);
		if (fr.tag != M2_TAG_AUTH_BAD_METHOD ||
		    m2_msg_auth_bad_method_parse(&c, &bm, NULL) != M2_OK) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, fr.tag, "no "
			    "decodable AUTH_BAD_METHOD");
			return;
		}
		for (uint32_t i = 0; i < bm.n_methods; i++)
			if (bm.methods[i] == x->s->auth)
				has |= 1;
		for (uint32_t i = 0; i < bm.n_modes; i++)
			if (bm.modes[i] == x->mode)
				has |= 2;
		x->r->code = bm.result;
		if (has != 3 || bm.method != 99) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, fr.tag, "the lists "
			    "leave out what the server accepts (methods %u, "
			    "modes %u, method echoed %u)", bm.n_methods,
			    bm.n_modes, bm.method);
			return;
		}
		cf_verdict(x, CF_PASS, CF_R_FRAME, fr.tag, "method 99 echoed, "
		    "result %d, %u methods and %u modes listed", bm.result,
		    bm.n_methods, bm.n_modes);
		return;
	}
	case A_RETRY_AFTER_BAD: {
		uint8_t b[1024];
		size_t len;
		struct cf_obs o;

		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		len = cf_build_auth_request(p, 99, &x->mode, 1, 0, b,
		    sizeof(b));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_AUTH_REQUEST, b, len));
		cf_observe(p, BIT(M2_TAG_AUTH_BAD_METHOD), &o);
		if (!o.stopped) {
			cf_expect_frame(x, &o, BIT(M2_TAG_AUTH_BAD_METHOD));
			return;
		}
		cf_expect_run_completes(x, CF_ST_READY);
		return;
	}
	case A_BOTH_MODES: {
		uint32_t both[2] = { M2_CON_MODE_SECURE, M2_CON_MODE_CRC };
		uint8_t b[1024];
		size_t len;
		struct cf_obs o;

		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		len = cf_build_auth_request(p, x->s->auth, both, 2, 0, b,
		    sizeof(b));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_AUTH_REQUEST, b, len));
		/* cephx: REPLY_MORE comes first; answer it by hand. */
		cf_observe(p, BIT(M2_TAG_AUTH_REPLY_MORE) |
		    BIT(M2_TAG_AUTH_DONE) | BIT(M2_TAG_AUTH_BAD_METHOD), &o);
		if (o.stopped && o.end.tag == M2_TAG_AUTH_BAD_METHOD) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, o.end.tag, "refused "
			    "a request offering both modes (result %d)",
			    (int)o.bad_method);
			return;
		}
		cf_expect_frame(x, &o, BIT(M2_TAG_AUTH_REPLY_MORE) |
		    BIT(M2_TAG_AUTH_DONE));
		return;
	}
	case A_WRONG_KEY:
		p->wrong_key = 1;
		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		cf_expect_run_fails(x, CF_ST_AUTH, BIT(M2_TAG_AUTH_BAD_METHOD));
		return;
	case A_METHOD_NOT_ALLOWED:
		not_allowed(x, 0);
		return;
	case A_MODE_NOT_ALLOWED:
		not_allowed(x, 1);
		return;
	case A_BAD_SIG:
	case A_ZERO_SIG:
		if (cf_setup(x, CF_ST_AUTH) != 0)
			return;
		p->bad_sig = arg == A_ZERO_SIG ? 2 : 1;
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	}
}

#define A(id, d, e, n, v, k)	{ "auth." id, "auth", REF_AUTH, d, e, "", \
	CF_ROLE_SERVER, v, n, run_auth, k }

static const struct cf_case auth_cases[] = {
	A("correct", "a correct handshake to READY", "completes: AUTH_DONE "
	    "in the mode asked, the signature matches, SERVER_IDENT", 0,
	    CF_V_ALL, A_CORRECT),
	A("method-unknown", "AUTH_REQUEST with method 99",
	    "refuses with AUTH_BAD_METHOD (a negative errno) and keeps the "
	    "connection", 0, CF_V_CRC, A_METHOD_UNKNOWN),
	A("bad-method-lists", "AUTH_REQUEST with method 99: the lists in "
	    "AUTH_BAD_METHOD", "AUTH_BAD_METHOD echoes method 99 and lists "
	    "the method and mode the runner uses (PR #64717)", 0, CF_V_ALL,
	    A_BAD_METHOD_LISTS),
	A("method-zero", "AUTH_REQUEST with method 0 (UNKNOWN)",
	    "refuses with AUTH_BAD_METHOD or closes", 0, CF_V_CRC,
	    A_METHOD_ZERO),
	A("no-modes", "AUTH_REQUEST offering no connection mode",
	    "refuses with AUTH_BAD_METHOD or closes", 0, CF_V_CRC,
	    A_NO_MODES),
	A("mode-unknown", "AUTH_REQUEST offering only mode 7",
	    "refuses with AUTH_BAD_METHOD or closes", 0, CF_V_CRC,
	    A_MODE_UNKNOWN),
	A("retry-after-bad-method", "method 99, then a correct AUTH_REQUEST "
	    "on the same connection", "AUTH_BAD_METHOD, then the handshake "
	    "completes (MonClient retries this way)", 0, CF_V_ALL,
	    A_RETRY_AFTER_BAD),
	A("none-secure-only", "auth none asking for secure mode only",
	    "refuses (AUTH_BAD_METHOD) or closes: auth none is crc only", 0,
	    CF_V_CRC, A_NONE_SECURE),
	A("both-modes", "AUTH_REQUEST offering secure and crc", "goes on "
	    "(AUTH_REPLY_MORE or AUTH_DONE)", 0, CF_V_CRC, A_BOTH_MODES),
	A("method-not-allowed", "a known auth method the server's "
	    "AUTH_BAD_METHOD did not list", "refuses it again "
	    "(AUTH_BAD_METHOD) or closes; never serves it (an auth bypass)",
	    0, CF_V_ALL, A_METHOD_NOT_ALLOWED),
	A("mode-not-allowed", "a connection mode the server's "
	    "AUTH_BAD_METHOD did not list (e.g. crc on a secure-only "
	    "server)", "refuses it (AUTH_BAD_METHOD) or closes; never a "
	    "downgrade", 0, CF_V_ALL, A_MODE_NOT_ALLOWED),
	A("wrong-key", "cephx with a wrong secret", "refuses with "
	    "AUTH_BAD_METHOD (Ceph: -EACCES) or closes; never AUTH_DONE",
	    CF_NEED_CEPHX, CF_V_ALL, A_WRONG_KEY),
	A("bad-signature", "AUTH_SIGNATURE with a wrong HMAC", EXP_CLOSE
	    " before SERVER_IDENT", 0, CF_V_ALL, A_BAD_SIG),
	A("zero-signature", "AUTH_SIGNATURE of 32 zero bytes after cephx",
	    EXP_CLOSE " before SERVER_IDENT", CF_NEED_CEPHX, CF_V_ALL,
	    A_ZERO_SIG),
};

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

enum sk {
	S_SERVER_IDENT_ADDR, S_TARGET_NOT_OURS, S_NO_ADDRS, S_MISSING_FEAT,
	S_LOSSY, S_GID_GLOBAL_ID, S_RECONNECT_UNKNOWN, S_ADDR_NONE,
	S_IDENT_TWICE, S_GLOBAL_SEQ, S_LOSSLESS_COOKIE
};

static void
ident(struct cf_ctx *x, const struct m2_client_ident *id, uint32_t want,
    int want_close)
{
	uint8_t b[1024];
	size_t n = cf_build_client_ident(&x->p, (struct m2_client_ident *)id,
	    b, sizeof(b));
	struct cf_obs o;

	CF_IGNORE(cf_peer_send1(&x->p, M2_TAG_CLIENT_IDENT, b, n));
	cf_observe(&x->p, want | BIT(M2_TAG_SERVER_IDENT), &o);
	if (want_close) {
		cf_expect_close(x, &o, 0);
		return;
	}
	cf_expect_frame(x, &o, want);
}

static void
run_sess(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	struct m2_client_ident id;

	if (arg == S_SERVER_IDENT_ADDR || arg == S_IDENT_TWICE) {
		int found = 0;

		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		if (arg == S_IDENT_TWICE) {
			cf_default_client_ident(p, &id);
			ident(x, &id, 0, 1);
			return;
		}
		for (uint32_t i = 0; i < p->sident.addrs.n; i++)
			if (m2_addr_equal(&p->sident.addrs.a[i], &x->s->addr))
				found = 1;
		cf_verdict(x, found ? CF_PASS : CF_FAIL, CF_R_FRAME,
		    M2_TAG_SERVER_IDENT, "SERVER_IDENT lists %u addresses, "
		    "%s the one dialed; flags 0x%llx", p->sident.addrs.n,
		    found ? "including" : "NOT including",
		    (unsigned long long)p->sident.flags);
		return;
	}
	if (arg == S_GLOBAL_SEQ) {
		struct cf_peer p2;

		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		cf_peer_init(&p2, x->s, x->rev1, x->mode);
		if (cf_peer_run_to(&p2, CF_ST_READY) != M2_OK) {
			cf_verdict(x, CF_FAIL, p2.react.r, p2.react.tag, "a "
			    "second connection failed: %s", p2.why);
			cf_peer_done(x, &p2);
			return;
		}
		cf_verdict(x, p2.sident.global_seq > p->sident.global_seq ?
		    CF_PASS : CF_FAIL, CF_R_FRAME, M2_TAG_SERVER_IDENT,
		    "SERVER_IDENT global_seq %llu, then %llu on the next "
		    "connection", (unsigned long long)p->sident.global_seq,
		    (unsigned long long)p2.sident.global_seq);
		cf_peer_done(x, &p2);
		return;
	}
	if (cf_setup(x, CF_ST_SIGNED) != 0)
		return;
	cf_default_client_ident(p, &id);
	switch ((enum sk)arg) {
	case S_LOSSLESS_COOKIE: {
		uint8_t b[1024];
		size_t n;
		struct cf_rframe fr;
		struct m2_server_ident si;
		struct m2_cur c;

		id.flags = 0;
		id.cookie = 0x5eed5eed5eed5eedull;
		n = cf_build_client_ident(p, &id, b, sizeof(b));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_CLIENT_IDENT, b, n));
		if (cf_peer_recv_frame(p, &fr) != M2_OK) {
			cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
			    CF_FAIL, p->react.r, p->react.tag, "%s", p->why);
			return;
		}
		cf_payload(&fr, &c);
		if (fr.tag != M2_TAG_SERVER_IDENT ||
		    m2_msg_server_ident_parse(&c, &si, NULL) == M2_E_TRUNC) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, fr.tag, "no "
			    "SERVER_IDENT");
			return;
		}
		if (si.flags & M2_IDENT_LOSSY) {
			cf_verdict(x, CF_PASS, CF_R_FRAME, fr.tag, "the server "
			    "chose a lossy session (cookie %llx)",
			    (unsigned long long)si.cookie);
			return;
		}
		cf_verdict(x, si.cookie != 0 ? CF_PASS : CF_FAIL, CF_R_FRAME,
		    fr.tag, "lossless session, server cookie %llx%s",
		    (unsigned long long)si.cookie, si.cookie != 0 ? "" :
		    ": a lossless session needs a non-zero cookie to be "
		    "resumed");
		return;
	}
	case S_TARGET_NOT_OURS:
		id.target_addr.sa[0] ^= 0x01;	/* another port */
		ident(x, &id, 0, 1);
		return;
	case S_NO_ADDRS:
		id.addrs.n = 0;
		ident(x, &id, 0, 1);
		return;
	case S_ADDR_NONE:
		memset(&id.addrs.a[0], 0, sizeof(id.addrs.a[0]));
		ident(x, &id, 0, 1);
		return;
	case S_MISSING_FEAT:
		id.features_supported = 0;
		id.features_required = 0;
		ident(x, &id, BIT(M2_TAG_IDENT_MISSING_FEATURES), 0);
		return;
	case S_LOSSY:
		id.flags = M2_IDENT_LOSSY;
		id.cookie = 0;
		ident(x, &id, BIT(M2_TAG_SERVER_IDENT), 0);
		return;
	case S_GID_GLOBAL_ID:
		id.gid = (int64_t)p->global_id;
		ident(x, &id, BIT(M2_TAG_SERVER_IDENT), 0);
		return;
	case S_RECONNECT_UNKNOWN: {
		struct m2_session_reconnect r;
		uint8_t b[512];
		struct m2_buf mb;
		size_t n = 0;
		struct cf_obs o;

		memset(&r, 0, sizeof(r));
		r.addrs = id.addrs;
		r.client_cookie = 0x0123456789abcdefull;
		r.server_cookie = 0x0fedcba987654321ull;
		r.global_seq = 5;
		r.connect_seq = 1;
		m2_buf_init(&mb, b, sizeof(b));
		m2_msg_session_reconnect_build(&mb, &r);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_SESSION_RECONNECT, b, n));
		cf_observe(p, BIT(M2_TAG_SESSION_RESET) |
		    BIT(M2_TAG_SESSION_RECONNECT_OK), &o);
		cf_expect_frame(x, &o, BIT(M2_TAG_SESSION_RESET));
		return;
	}
	default:
		return;
	}
}

#define S(id, d, e, k)	{ "session." id, "session", REF_SESS, d, e, "", \
	CF_ROLE_SERVER, CF_V_ALL, 0, run_sess, k }

static const struct cf_case sess_cases[] = {
	S("server-ident-addrs", "SERVER_IDENT after a correct CLIENT_IDENT",
	    "SERVER_IDENT's addresses include the one dialed (the client "
	    "checks it)", S_SERVER_IDENT_ADDR),
	S("ident-target-not-ours", "CLIENT_IDENT naming another port as "
	    "target_addr", EXP_CLOSE " (\"peer is trying to reach an "
	    "address that is not us\")", S_TARGET_NOT_OURS),
	S("ident-no-addrs", "CLIENT_IDENT with an empty address vector",
	    EXP_CLOSE, S_NO_ADDRS),
	S("ident-addr-blank", "CLIENT_IDENT whose address is a blank "
	    "entity_addr_t", EXP_CLOSE, S_ADDR_NONE),
	S("ident-missing-features", "CLIENT_IDENT supporting no feature "
	    "bits", "sends IDENT_MISSING_FEATURES (with the mask)",
	    S_MISSING_FEAT),
	S("ident-lossy", "CLIENT_IDENT asking for a lossy session (cookie "
	    "0)", "completes (SERVER_IDENT)", S_LOSSY),
	S("ident-gid-global-id", "CLIENT_IDENT with gid = the global_id "
	    "from AUTH_DONE (not -1)", "completes (SERVER_IDENT)",
	    S_GID_GLOBAL_ID),
	S("ident-twice", "a second CLIENT_IDENT in READY", EXP_CLOSE,
	    S_IDENT_TWICE),
	S("global-seq-increases", "two connections in turn: the global_seq "
	    "of each SERVER_IDENT", "the second is larger (a per-messenger "
	    "counter; seen going up by one on ceph-mon)", S_GLOBAL_SEQ),
	S("lossless-cookie", "CLIENT_IDENT asking for a lossless session "
	    "(flags 0, a cookie)", "SERVER_IDENT either lossy, or lossless "
	    "with a non-zero server cookie", S_LOSSLESS_COOKIE),
	S("reconnect-unknown", "SESSION_RECONNECT with cookies the server "
	    "never gave", "answers SESSION_RESET (no such session)",
	    S_RECONNECT_UNKNOWN),
};

/* see cases.h */
void
cf_cases_auth(void)
{
	cf_register_table(auth_cases, sizeof(auth_cases) /
	    sizeof(auth_cases[0]));
}

/* see cases.h */
void
cf_cases_session(void)
{
	cf_register_table(sess_cases, sizeof(sess_cases) /
	    sizeof(sess_cases[0]));
}

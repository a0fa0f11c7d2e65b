/* SPDX-License-Identifier: MIT */
/*
 * Control frame cases: every tag in every handshake state where it does
 * not belong (ProtocolV2's handle_* check the state first and fault),
 * and control payloads truncated, with trailing bytes, or with counts
 * and lengths far past what follows (SPEC-NOTES §4, AMB-05, AMB-06).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

#define EXP_CLOSE	"closes the connection (FIN or RST), answering nothing"

/* ------------------------------------------------------------------ */
/* Every tag where it does not belong                                  */
/* ------------------------------------------------------------------ */

enum state { S_HELLO, S_AUTH, S_SIGN, S_IDENT, S_READY, S_N };

static const struct {
	const char	*name;
	const char	*waits;
	enum cf_stage	 stage;
	uint32_t	 ok;		/* tags that belong */
	uint32_t	 allowed;	/* frames the peer sends anyway */
	unsigned	 variants;
} states[S_N] = {
	{ "hello", "HELLO", CF_ST_BANNER, BIT(M2_TAG_HELLO),
	    BIT(M2_TAG_HELLO), CF_V_CRC },
	{ "auth", "AUTH_REQUEST", CF_ST_HELLO, BIT(M2_TAG_AUTH_REQUEST), 0,
	    CF_V_CRC },
	{ "sign", "AUTH_SIGNATURE", CF_ST_AUTH, BIT(M2_TAG_AUTH_SIGNATURE),
	    BIT(M2_TAG_AUTH_SIGNATURE), CF_V_ALL },
	{ "ident", "CLIENT_IDENT or SESSION_RECONNECT", CF_ST_SIGNED,
	    BIT(M2_TAG_CLIENT_IDENT) | BIT(M2_TAG_SESSION_RECONNECT), 0,
	    CF_V_ALL },
	{ "ready", "messages (READY)", CF_ST_READY, BIT(M2_TAG_MESSAGE) |
	    BIT(M2_TAG_KEEPALIVE2) | BIT(M2_TAG_KEEPALIVE2_ACK) |
	    BIT(M2_TAG_ACK), BIT(M2_TAG_ACK) | BIT(M2_TAG_KEEPALIVE2),
	    CF_V_ALL },
};

/* see cases.h */
size_t
cf_tag_payload(struct cf_peer *p, uint8_t tag, uint8_t *out, size_t cap,
    struct m2_span *segs, size_t *nseg)
{
	struct m2_buf b;
	size_t len = 0;

	*nseg = 1;
	m2_buf_init(&b, out, cap);
	switch (tag) {
	case M2_TAG_HELLO:
		return cf_build_hello(p, out, cap);
	case M2_TAG_AUTH_REQUEST:
		return cf_build_auth_request(p, p->s->auth, &p->want_mode, 1,
		    0, out, cap);
	case M2_TAG_AUTH_BAD_METHOD: {
		struct m2_auth_bad_method bm = { 2, -13, 1, { 2 }, 1, { 2 } };

		m2_msg_auth_bad_method_build(&b, &bm);
		break;
	}
	case M2_TAG_AUTH_REPLY_MORE:
	case M2_TAG_AUTH_REQUEST_MORE:
		m2_buf_le32(&b, 9);
		m2_buf_u8(&b, 1);
		m2_buf_le64(&b, 0x1122334455667788ull);
		break;
	case M2_TAG_AUTH_DONE: {
		struct m2_auth_done d = { 4242, M2_CON_MODE_CRC, { NULL, 0 } };

		m2_msg_auth_done_build(&b, &d);
		break;
	}
	case M2_TAG_AUTH_SIGNATURE:
		m2_buf_zero(&b, 32);
		break;
	case M2_TAG_CLIENT_IDENT:
		return cf_build_client_ident(p, NULL, out, cap);
	case M2_TAG_SERVER_IDENT: {
		struct m2_client_ident ci;
		struct m2_server_ident si;

		cf_default_client_ident(p, &ci);
		memset(&si, 0, sizeof(si));
		si.addrs = ci.addrs;
		si.features_supported = ci.features_supported;
		si.cookie = 1;
		m2_msg_server_ident_build(&b, &si);
		break;
	}
	case M2_TAG_SESSION_RECONNECT: {
		struct m2_client_ident ci;
		struct m2_session_reconnect r;

		cf_default_client_ident(p, &ci);
		memset(&r, 0, sizeof(r));
		r.addrs = ci.addrs;
		r.client_cookie = 0x1234;
		r.server_cookie = 0x5678;
		r.global_seq = 9;
		r.connect_seq = 1;
		m2_msg_session_reconnect_build(&b, &r);
		break;
	}
	case M2_TAG_SESSION_RESET:
		m2_buf_u8(&b, 1);
		break;
	case M2_TAG_WAIT:
		return 0;
	case M2_TAG_MESSAGE:
		cf_build_message(p, 1, 5, out);
		segs[0] = (struct m2_span){ out, M2_HEADER2_LEN };
		segs[1] = (struct m2_span){ out + M2_HEADER2_LEN, 8 };
		memset(out + M2_HEADER2_LEN, 0, 8);
		*nseg = 2;
		return M2_HEADER2_LEN + 8;
	case M2_TAG_KEEPALIVE2:
	case M2_TAG_KEEPALIVE2_ACK:
		m2_buf_le32(&b, 1);
		m2_buf_le32(&b, 2);
		break;
	case M2_TAG_COMPRESSION_REQUEST:
		m2_buf_u8(&b, 0);
		m2_buf_le32(&b, 0);
		break;
	case M2_TAG_COMPRESSION_DONE:
		m2_buf_u8(&b, 0);
		m2_buf_le32(&b, 0);
		break;
	default:			/* IDENT_MISSING_FEATURES, RETRY*, ACK */
		m2_buf_le64(&b, 1);
		break;
	}
	CF_IGNORE(m2_buf_finish(&b, &len));
	return len;
}

static void
run_state(struct cf_ctx *x, intptr_t arg)
{
	enum state st = (enum state)(arg >> 8);
	uint8_t tag = (uint8_t)(arg & 0xff), buf[1024];
	struct m2_span segs[2];
	size_t nseg, n;
	struct cf_obs o;

	if (cf_setup(x, states[st].stage) != 0)
		return;
	n = cf_tag_payload(&x->p, tag, buf, sizeof(buf), segs, &nseg);
	if (nseg == 1)
		segs[0] = (struct m2_span){ buf, n };
	CF_IGNORE(cf_peer_send_frame(&x->p, tag, segs, nseg));
	cf_observe(&x->p, 0, &o);
	cf_expect_close(x, &o, states[st].allowed);
}

/* see cases.h */
void
cf_tag_slug(unsigned tag, char *out, size_t cap)
{
	const char *tn = m2_tag_name(tag);
	size_t i;

	for (i = 0; tn != NULL && tn[i] != '\0' && i + 1 < cap; i++)
		out[i] = tn[i] == '_' ? '-' : (char)tolower((unsigned char)
		    tn[i]);
	out[i] = '\0';
}

static void
register_states(void)
{
	for (int st = 0; st < S_N; st++) {
		for (unsigned tag = 1; tag <= M2_TAG_MAX; tag++) {
			struct cf_case c;
			char id[96], desc[160], lower[48];
			const char *tn = m2_tag_name(tag);

			if (states[st].ok & BIT(tag))
				continue;
			cf_tag_slug(tag, lower, sizeof(lower));
			snprintf(id, sizeof(id), "state.%s.%s",
			    states[st].name, lower);
			snprintf(desc, sizeof(desc), "%s while the server "
			    "waits for %s", tn, states[st].waits);
			memset(&c, 0, sizeof(c));
			c.id = strdup(id);
			c.area = "control";
			c.ref = "SPEC-NOTES §4, §5; ProtocolV2::handle_* state "
			    "checks (\"not in ... state\" -> _fault)";
			c.desc = strdup(desc);
			c.expect = EXP_CLOSE " (the frames the server sends "
			    "in this state anyway are allowed)";
			c.tags = "state-matrix";
			c.roles = CF_ROLE_SERVER;
			c.variants = states[st].variants;
			c.run = run_state;
			c.arg = (intptr_t)st << 8 | (intptr_t)tag;
			if (c.id == NULL || c.desc == NULL)
				abort();
			cf_register(&c);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Payload faults                                                      */
/* ------------------------------------------------------------------ */

enum pf {
	PF_HELLO_TRUNC, PF_HELLO_TRAIL, PF_AREQ_TRUNC, PF_AREQ_TRAIL,
	PF_SIG_TRUNC, PF_SIG_TRAIL, PF_IDENT_TRUNC, PF_IDENT_TRAIL,
	PF_KA_TRUNC, PF_KA_TRAIL, PF_ACK_TRUNC, PF_ACK_TRAIL,
	PF_AREQ_MODES_HUGE, PF_AREQ_PAYLOAD_HUGE, PF_IDENT_ADDRS_HUGE,
	PF_HELLO_ADDR_HUGE, PF_AREQ_EMPTY, PF_IDENT_ADDRS_17
};

static void
fault_run(struct cf_ctx *x, uint8_t tag, enum cf_stage at,
    enum cf_fault_kind k, uint32_t val, int accept, uint32_t frames)
{
	struct cf_fault f = { k, 0, val };

	if (cf_setup(x, at) != 0)
		return;
	cf_peer_set_fault(&x->p, tag, &f);
	if (accept)
		cf_expect_run_completes(x, CF_ST_READY);
	else
		cf_expect_run_fails(x, CF_ST_READY, frames);
}

static void
raw_then_close(struct cf_ctx *x, enum cf_stage at, uint8_t tag,
    const uint8_t *b, size_t n, uint32_t allowed, uint32_t frames)
{
	struct cf_obs o;

	if (cf_setup(x, at) != 0)
		return;
	CF_IGNORE(cf_peer_send1(&x->p, tag, b, n));
	cf_observe(&x->p, frames, &o);
	if (o.stopped) {
		cf_verdict(x, CF_PASS, CF_R_FRAME, o.end.tag, "refused with "
		    "%s (result %d)", m2_tag_name((unsigned)o.end.tag),
		    (int)o.bad_method);
		x->r->code = o.bad_method;
		return;
	}
	cf_expect_close(x, &o, allowed);
}

static void
run_pf(struct cf_ctx *x, intptr_t arg)
{
	const uint32_t bm = BIT(M2_TAG_AUTH_BAD_METHOD);
	uint8_t b[64];
	struct m2_buf mb;
	size_t n = 0;

	m2_buf_init(&mb, b, sizeof(b));
	switch ((enum pf)arg) {
	case PF_HELLO_TRUNC:
		fault_run(x, M2_TAG_HELLO, CF_ST_BANNER, CF_F_TRUNC_PAYLOAD, 1,
		    0, 0);
		return;
	case PF_HELLO_TRAIL:
		fault_run(x, M2_TAG_HELLO, CF_ST_BANNER, CF_F_TRAIL_PAYLOAD, 8,
		    1, 0);
		return;
	case PF_AREQ_TRUNC:
		fault_run(x, M2_TAG_AUTH_REQUEST, CF_ST_HELLO,
		    CF_F_TRUNC_PAYLOAD, 1, 0, bm);
		return;
	case PF_AREQ_TRAIL:
		fault_run(x, M2_TAG_AUTH_REQUEST, CF_ST_HELLO,
		    CF_F_TRAIL_PAYLOAD, 8, 1, 0);
		return;
	case PF_SIG_TRUNC:
		fault_run(x, M2_TAG_AUTH_SIGNATURE, CF_ST_AUTH,
		    CF_F_TRUNC_PAYLOAD, 1, 0, 0);
		return;
	case PF_SIG_TRAIL:
		fault_run(x, M2_TAG_AUTH_SIGNATURE, CF_ST_AUTH,
		    CF_F_TRAIL_PAYLOAD, 8, 1, 0);
		return;
	case PF_IDENT_TRUNC:
		fault_run(x, M2_TAG_CLIENT_IDENT, CF_ST_SIGNED,
		    CF_F_TRUNC_PAYLOAD, 1, 0, 0);
		return;
	case PF_IDENT_TRAIL:
		fault_run(x, M2_TAG_CLIENT_IDENT, CF_ST_SIGNED,
		    CF_F_TRAIL_PAYLOAD, 8, 1, 0);
		return;
	case PF_KA_TRUNC:
	case PF_ACK_TRUNC:
	case PF_KA_TRAIL:
	case PF_ACK_TRAIL: {
		int ka = arg == PF_KA_TRUNC || arg == PF_KA_TRAIL;
		int trunc = arg == PF_KA_TRUNC || arg == PF_ACK_TRUNC;
		struct cf_obs o;

		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		memset(b, 0, sizeof(b));
		CF_IGNORE(cf_peer_send1(&x->p, ka ? M2_TAG_KEEPALIVE2 :
		    M2_TAG_ACK, b, trunc ? 4 : 16));
		if (!trunc && ka) {
			/* Its answer (stamp 0.0) first, then a fresh one. */
			cf_observe(&x->p, BIT(M2_TAG_KEEPALIVE2_ACK), &o);
			if (!o.stopped) {
				cf_expect_frame(x, &o,
				    BIT(M2_TAG_KEEPALIVE2_ACK));
				return;
			}
		}
		if (!trunc) {
			cf_expect_alive(x, 0);
			return;
		}
		cf_observe(&x->p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_ACK));
		return;
	}
	case PF_AREQ_MODES_HUGE:
		m2_buf_le32(&mb, x->s->auth);
		m2_buf_le32(&mb, 0x40000000u);
		m2_buf_le32(&mb, M2_CON_MODE_CRC);
		break;
	case PF_AREQ_PAYLOAD_HUGE:
		m2_buf_le32(&mb, x->s->auth);
		m2_buf_le32(&mb, 1);
		m2_buf_le32(&mb, M2_CON_MODE_CRC);
		m2_buf_le32(&mb, 0xffffffffu);
		m2_buf_zero(&mb, 8);
		break;
	case PF_AREQ_EMPTY:
		break;
	case PF_IDENT_ADDRS_HUGE:
	case PF_IDENT_ADDRS_17:
		m2_buf_u8(&mb, 2);
		m2_buf_le32(&mb, arg == PF_IDENT_ADDRS_HUGE ? 0xffffffffu :
		    17);
		m2_buf_zero(&mb, 16);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		raw_then_close(x, CF_ST_SIGNED, M2_TAG_CLIENT_IDENT, b, n, 0,
		    0);
		return;
	case PF_HELLO_ADDR_HUGE:
		m2_buf_u8(&mb, M2_ENTITY_TYPE_CLIENT);
		m2_buf_u8(&mb, 1);		/* marker: versioned addr */
		m2_buf_u8(&mb, 1);
		m2_buf_u8(&mb, 1);
		m2_buf_le32(&mb, 0xfffffff0u);	/* struct_len */
		m2_buf_zero(&mb, 16);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		raw_then_close(x, CF_ST_BANNER, M2_TAG_HELLO, b, n,
		    BIT(M2_TAG_HELLO), 0);
		return;
	}
	CF_IGNORE(m2_buf_finish(&mb, &n));
	raw_then_close(x, CF_ST_HELLO, M2_TAG_AUTH_REQUEST, b, n, 0, bm);
}

#define REF_CTL		"SPEC-NOTES §4 (AMB-05, AMB-06); ControlFrame::_decode"
#define TRAIL		"accepts it: bytes after the last field are ignored " \
			"(AMB-05), the handshake completes"
#define PF(id, d, e, v, k)	{ "control." id, "control", REF_CTL, d, e, \
	"", CF_ROLE_SERVER, v, 0, run_pf, k }

static const struct cf_case pf_cases[] = {
	PF("hello-truncated", "HELLO one byte short", EXP_CLOSE, CF_V_CRC,
	    PF_HELLO_TRUNC),
	PF("hello-trailing", "HELLO with 8 trailing bytes", TRAIL, CF_V_CRC,
	    PF_HELLO_TRAIL),
	PF("auth-request-truncated", "AUTH_REQUEST one byte short",
	    EXP_CLOSE ", or refuses with AUTH_BAD_METHOD", CF_V_ALL,
	    PF_AREQ_TRUNC),
	PF("auth-request-trailing", "AUTH_REQUEST with 8 trailing bytes",
	    TRAIL, CF_V_ALL, PF_AREQ_TRAIL),
	PF("auth-signature-truncated", "AUTH_SIGNATURE of 31 bytes",
	    EXP_CLOSE, CF_V_ALL, PF_SIG_TRUNC),
	PF("auth-signature-trailing", "AUTH_SIGNATURE with 8 trailing bytes",
	    TRAIL, CF_V_ALL, PF_SIG_TRAIL),
	PF("client-ident-truncated", "CLIENT_IDENT one byte short",
	    EXP_CLOSE, CF_V_ALL, PF_IDENT_TRUNC),
	PF("client-ident-trailing", "CLIENT_IDENT with 8 trailing bytes",
	    TRAIL, CF_V_ALL, PF_IDENT_TRAIL),
	PF("keepalive2-truncated", "KEEPALIVE2 of 4 bytes", EXP_CLOSE,
	    CF_V_ALL, PF_KA_TRUNC),
	PF("keepalive2-trailing", "KEEPALIVE2 with 8 trailing bytes",
	    "answers it (KEEPALIVE2_ACK) and goes on", CF_V_ALL, PF_KA_TRAIL),
	PF("ack-truncated", "ACK of 4 bytes", EXP_CLOSE, CF_V_ALL,
	    PF_ACK_TRUNC),
	PF("ack-trailing", "ACK with 8 trailing bytes", "ignores the extra "
	    "bytes and goes on", CF_V_ALL, PF_ACK_TRAIL),
	PF("auth-request-modes-huge", "AUTH_REQUEST whose mode count is "
	    "0x40000000 with one mode present", EXP_CLOSE " or refuses "
	    "(AUTH_BAD_METHOD), never allocating the count", CF_V_CRC,
	    PF_AREQ_MODES_HUGE),
	PF("auth-request-payload-huge", "AUTH_REQUEST whose auth payload "
	    "length is 0xffffffff", EXP_CLOSE " or refuses "
	    "(AUTH_BAD_METHOD)", CF_V_CRC, PF_AREQ_PAYLOAD_HUGE),
	PF("auth-request-empty", "AUTH_REQUEST with an empty payload",
	    EXP_CLOSE " or refuses (AUTH_BAD_METHOD)", CF_V_CRC,
	    PF_AREQ_EMPTY),
	PF("client-ident-addrs-huge", "CLIENT_IDENT whose address count "
	    "is 0xffffffff", EXP_CLOSE ", never allocating the count",
	    CF_V_ALL, PF_IDENT_ADDRS_HUGE),
	PF("client-ident-addrs-17", "CLIENT_IDENT claiming 17 addresses "
	    "with 16 bytes behind", EXP_CLOSE, CF_V_ALL, PF_IDENT_ADDRS_17),
	PF("hello-addr-huge", "HELLO whose address struct_len is "
	    "0xfffffff0", EXP_CLOSE, CF_V_CRC, PF_HELLO_ADDR_HUGE),
};

/* see cases.h */
void
cf_cases_control(void)
{
	cf_register_table(pf_cases, sizeof(pf_cases) / sizeof(pf_cases[0]));
	register_states();
}

/* SPDX-License-Identifier: MIT */
/*
 * The CVE regression pack (../shared/research/conformance-anchors.md §4a
 * and §4c): one case per CVE, tagged with it.  The kernel CVEs of 2026
 * are about a client parsing a server's frames; they need the client
 * role and are listed here as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

#define EXP_CLOSE	"closes the connection (FIN or RST)"

enum ck {
	C_1759, C_25660, C_20288, C_44466_AREQ, C_44466_PAYLOAD, C_43406,
	C_43407_SRV
};

static void
run_cve(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	struct cf_obs o;

	switch ((enum ck)arg) {
	case C_1759: {
		/*
		 * Every GCM operation of the server must use a fresh nonce
		 * in the order both sides count: 64 round trips, each
		 * decrypted with our counter, prove the server's nonces
		 * advance one per operation.
		 */
		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		for (uint32_t i = 0; i < 64; i++) {
			CF_IGNORE(cf_peer_send_keepalive(p, i, i));
			cf_observe(p, BIT(M2_TAG_KEEPALIVE2_ACK), &o);
			if (!o.stopped || o.ka.sec != i) {
				cf_verdict(x, o.end.r == CF_R_SILENCE ?
				    CF_TIMEOUT : CF_FAIL, o.end.r, o.end.tag,
				    "round %u: %s", i, o.stopped ?
				    "wrong stamp" : o.end.why);
				return;
			}
		}
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_KEEPALIVE2_ACK,
		    "64 encrypted round trips, every nonce as expected");
		return;
	}
	case C_25660: {
		/* Record a cephx proof, then replay it on a new connection. */
		struct cf_peer *q = calloc(1, sizeof(*q));

		if (q == NULL) {
			cf_verdict(x, CF_ERROR, CF_R_NONE, -1, "no memory");
			return;
		}
		cf_peer_init(q, x->s, x->rev1, x->mode);
		if (cf_peer_run_to(q, CF_ST_AUTH) != M2_OK ||
		    q->more_len == 0) {
			cf_verdict(x, CF_FAIL, q->react.r, q->react.tag, "the "
			    "first (correct) connection failed: %s", q->why);
			cf_peer_done(x, q);
			free(q);
			return;
		}
		p->replay_more = q->more_sent;
		p->replay_more_len = q->more_len;
		if (cf_setup(x, CF_ST_HELLO) == 0)
			cf_expect_run_fails(x, CF_ST_AUTH,
			    BIT(M2_TAG_AUTH_BAD_METHOD));
		p->replay_more = NULL;
		cf_peer_done(x, q);
		free(q);
		return;
	}
	case C_20288: {
		uint64_t claim = 0x123456789ull;

		p->claim_gid = claim;
		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		if (cf_peer_run_to(p, CF_ST_AUTH) != M2_OK) {
			if (p->react.r == CF_R_CLOSE ||
			    p->react.r == CF_R_RESET ||
			    (p->react.r == CF_R_FRAME &&
			    p->react.tag == M2_TAG_AUTH_BAD_METHOD)) {
				cf_verdict(x, CF_PASS, p->react.r,
				    p->react.tag, "refused: %s", p->why);
				x->r->code = p->react.code;
				return;
			}
			cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "%s",
			    p->why);
			return;
		}
		if (p->global_id == claim) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_AUTH_DONE,
			    "granted the claimed global_id %llu without an "
			    "old ticket", (unsigned long long)claim);
			return;
		}
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_AUTH_DONE, "gave "
		    "global_id %llu, not the claimed one",
		    (unsigned long long)p->global_id);
		return;
	}
	case C_44466_AREQ: {
		struct m2_preamble pre;

		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		memset(&pre, 0, sizeof(pre));
		pre.tag = M2_TAG_AUTH_REQUEST;
		pre.nseg = 1;
		pre.seg[0].len = 0x80000010u;
		pre.seg[0].align = M2_ALIGN_DEFAULT;
		CF_IGNORE(cf_peer_send_head(p, &pre, 0));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, 0);
		return;
	}
	case C_44466_PAYLOAD:
	case C_43407_SRV: {
		uint8_t b[64];
		struct m2_buf mb;
		size_t n = 0;

		if (cf_setup(x, CF_ST_HELLO) != 0)
			return;
		m2_buf_init(&mb, b, sizeof(b));
		m2_buf_le32(&mb, x->s->auth);
		m2_buf_le32(&mb, 1);
		m2_buf_le32(&mb, x->mode);
		m2_buf_le32(&mb, arg == C_43407_SRV ? 0x80000001u :
		    0xfffffff0u);
		m2_buf_zero(&mb, 16);
		CF_IGNORE(m2_buf_finish(&mb, &n));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_AUTH_REQUEST, b, n));
		cf_observe(p, BIT(M2_TAG_AUTH_BAD_METHOD), &o);
		if (o.stopped) {
			cf_verdict(x, CF_PASS, CF_R_FRAME, o.end.tag, "refused "
			    "(AUTH_BAD_METHOD %d)", (int)o.bad_method);
			return;
		}
		cf_expect_close(x, &o, 0);
		return;
	}
	case C_43406: {
		uint8_t front[8] = { 0 };

		if (cf_setup(x, CF_ST_READY) != 0)
			return;
		CF_IGNORE(cf_peer_send_cut_message(p, 1, 5, 1,
		    (struct m2_span){ front, sizeof(front) }));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_ACK));
		return;
	}
	}
}

#define REF_CVE	"conformance-anchors.md §4a/§4c"
#define C(id, d, e, t, n, v, k)	{ "cve." id, "cve", REF_CVE, d, e, t, \
	CF_ROLE_SERVER, v, n, run_cve, k }

static const struct cf_case cve_cases[] = {
	C("2020-1759-nonces", "secure mode: 64 encrypted round trips "
	    "(PR #34482: nonces never repeat)", "every frame of the server "
	    "opens with the next nonce of our counter", "cve-2020-1759",
	    CF_NEED_CEPHX, CF_V_SECURE, C_1759),
	C("2020-25660-replay", "replay a recorded cephx proof "
	    "(AUTH_REQUEST_MORE) on a new connection", "refuses "
	    "(AUTH_BAD_METHOD) or closes; never AUTH_DONE",
	    "cve-2020-25660,cve-2018-1128", CF_NEED_CEPHX, CF_V_CRC,
	    C_25660),
	C("2021-20288-reclaim", "cephx AUTH_REQUEST claiming global_id "
	    "0x123456789 with no old ticket", "refuses, or hands out a "
	    "global_id other than the claimed one (auth_allow_insecure_"
	    "global_id_reclaim = false)", "cve-2021-20288", CF_NEED_CEPHX,
	    CF_V_CRC, C_20288),
	C("2023-44466-seg-len", "AUTH_REQUEST whose preamble claims "
	    "0x80000010 bytes (sign bit), before auth", EXP_CLOSE " at once, "
	    "never allocating the length", "cve-2023-44466", 0, CF_V_CRC,
	    C_44466_AREQ),
	C("2023-44466-payload-len", "AUTH_REQUEST whose auth payload length "
	    "field is 0xfffffff0, before auth", EXP_CLOSE " or refuses "
	    "(AUTH_BAD_METHOD)", "cve-2023-44466", 0, CF_V_CRC,
	    C_44466_PAYLOAD),
	C("2026-43406-short-header", "MESSAGE whose header segment is one "
	    "byte", EXP_CLOSE "; never reads past the segment",
	    "cve-2026-43406", 0, CF_V_ALL, C_43406),
	C("2026-43407-server", "AUTH_REQUEST whose payload length is "
	    "0x80000001 (> INT_MAX; the server-side analogue)", EXP_CLOSE
	    " or refuses (AUTH_BAD_METHOD)", "cve-2026-43407", 0, CF_V_CRC,
	    C_43407_SRV),
};

/* see cases.h */
void
cf_cases_cve(void)
{
	cf_register_table(cve_cases, sizeof(cve_cases) / sizeof(cve_cases[0]));
}

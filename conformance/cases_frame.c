/* SPDX-License-Identifier: MIT */
/*
 * Preamble, framing and message cases (SPEC-NOTES §2, §3, §8; Ceph's
 * FrameAssembler::disassemble_preamble, disasm_*, ProtocolV2::
 * handle_read_frame_*, handle_message; the kernel's decode_preamble).
 * Faults hit HELLO (before auth, crc framing) or a frame in READY (every
 * variant, so secure framing is covered too).
 */
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "m2/mon.h"

#define REF_PRE		"SPEC-NOTES §2.1; FrameAssembler::disassemble_preamble"
#define REF_FRM		"SPEC-NOTES §2.3; FrameAssembler::disasm_*"
#define REF_SEC		"SPEC-NOTES §2.3, §3; FrameAssembler::disasm_secure_*"
#define REF_MSG		"SPEC-NOTES §8, §5.1; ProtocolV2::handle_message"
#define EXP_CLOSE	"closes the connection (FIN or RST), answering nothing"
#define EXP_ALIVE	"accepts it: the connection goes on (KEEPALIVE2 " \
			"answered with its stamp)"

enum where { W_HELLO, W_READY };

enum pkind {
	P_BAD_CRC, P_NSEG, P_LEN, P_EMPTY_LAST, P_ALIGN_OK, P_ALIGN_BAD,
	P_RESERVED, P_SEG0_EMPTY, P_UNKNOWN_TAG
};

struct pcase {
	enum where	 where;
	enum pkind	 kind;
	uint32_t	 val;
};

/* A hand-made preamble: one segment of |len| (or |nseg| of 8 bytes). */
static void
hand_preamble(struct m2_preamble *pre, uint8_t tag, uint8_t nseg,
    uint32_t len)
{
	memset(pre, 0, sizeof(*pre));
	pre->tag = tag;
	pre->nseg = nseg;
	for (int i = 0; i < M2_MAX_SEGMENTS; i++) {
		pre->seg[i].len = i == 0 ? len : (i < nseg ? 8 : 0);
		pre->seg[i].align = i < nseg ? M2_ALIGN_DEFAULT : 0;
	}
}

static void
run_pre(struct cf_ctx *x, intptr_t arg)
{
	const struct pcase *pc = (const struct pcase *)arg;
	struct cf_peer *p = &x->p;
	struct cf_fault f = { CF_F_NONE, 0, 0 };
	struct m2_preamble pre;
	uint8_t tag = pc->where == W_HELLO ? M2_TAG_HELLO : M2_TAG_KEEPALIVE2;
	uint32_t allowed = pc->where == W_HELLO ? BIT(M2_TAG_HELLO) : 0;
	int accept = 0, head = 0;
	struct cf_obs o;

	if (cf_setup(x, pc->where == W_HELLO ? CF_ST_BANNER : CF_ST_READY) !=
	    0)
		return;
	switch (pc->kind) {
	case P_BAD_CRC:
		hand_preamble(&pre, tag, 1, 8);
		head = 2;
		break;
	case P_NSEG:
		hand_preamble(&pre, tag, (uint8_t)pc->val, 8);
		head = 1;
		break;
	case P_LEN:
		hand_preamble(&pre, tag, 1, pc->val);
		head = 1;
		break;
	case P_UNKNOWN_TAG:
		f.kind = CF_F_TAG;
		f.val = pc->val;
		break;
	case P_EMPTY_LAST:
		f.kind = CF_F_NSEG_EMPTY_LAST;
		f.val = 2;
		break;
	case P_ALIGN_OK:
	case P_ALIGN_BAD:
		f.kind = CF_F_ALIGN;
		f.idx = 0;
		f.val = pc->val;
		accept = pc->kind == P_ALIGN_OK;
		break;
	case P_RESERVED:
		if (m2_fmt_secure(p->fmt)) {
			cf_verdict(x, CF_UNSUPPORTED, CF_R_NONE, -1, "crc "
			    "framing only");
			return;
		}
		f.kind = CF_F_RESERVED;
		f.val = pc->val;
		accept = 1;
		break;
	case P_SEG0_EMPTY:
		f.kind = CF_F_TRUNC_PAYLOAD;
		f.val = 0xffff;
		break;
	}
	if (head) {
		CF_IGNORE(cf_peer_send_head(p, &pre, head == 2));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, allowed);
		return;
	}
	cf_peer_set_fault(p, tag, &f);
	if (pc->where == W_HELLO) {
		if (accept)
			cf_expect_run_completes(x, CF_ST_READY);
		else
			cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	}
	if (accept) {
		cf_expect_alive(x, 0);
		return;
	}
	CF_IGNORE(cf_peer_send_keepalive(p, 1, 2));
	cf_observe(p, 0, &o);
	cf_expect_close(x, &o, BIT(M2_TAG_ACK));
}

/* ------------------------------------------------------------------ */
/* Framing faults on MESSAGE and control frames                        */
/* ------------------------------------------------------------------ */

enum fkind {
	F_SEG_CRC, F_LATE_DROP, F_LATE_BAD, F_LATE_OK, F_GCM_IDENT,
	F_GCM_MSG, F_INLINE, F_HELLO_CRC, F_SIG_GCM
};

struct fcase {
	enum fkind	 kind;
	uint32_t	 val;
};

static const uint8_t front8[8] = { 0 };
static const uint8_t data8[8] = { 0 };

/* MMonGetMap with a front (so nseg > 1 and an epilogue exists). */
static m2_err
send_getmap(struct cf_peer *p, uint64_t seq, int four)
{
	uint8_t hdr[M2_HEADER2_LEN];
	struct m2_span s[4];

	cf_build_message(p, seq, M2_MSG_MON_GET_MAP, hdr);
	s[0] = (struct m2_span){ hdr, sizeof(hdr) };
	s[1] = (struct m2_span){ front8, sizeof(front8) };
	s[2] = (struct m2_span){ NULL, 0 };
	s[3] = four ? (struct m2_span){ data8, sizeof(data8) } :
	    (struct m2_span){ NULL, 0 };
	p->out_seq = seq;
	return cf_peer_send_frame(p, M2_TAG_MESSAGE, s, 4);
}

/* Expect the MMonMap answer to our MMonGetMap seq |seq|. */
static void
expect_reply(struct cf_ctx *x, uint64_t seq)
{
	struct cf_obs o;

	cf_observe(&x->p, BIT(M2_TAG_MESSAGE), &o);
	cf_expect_frame(x, &o, BIT(M2_TAG_MESSAGE));
	if (x->r->verdict != CF_PASS)
		return;
	if (!o.have_msg) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_MESSAGE, "the "
		    "answer's header does not decode");
		return;
	}
	if (o.msg.ack_seq < seq) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_MESSAGE, "the "
		    "answer (type %u) acks seq %llu, not our %llu", o.msg.type,
		    (unsigned long long)o.msg.ack_seq,
		    (unsigned long long)seq);
		return;
	}
	cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_MESSAGE, "answered with "
	    "message type %u, ack_seq %llu", o.msg.type,
	    (unsigned long long)o.msg.ack_seq);
}

static void
run_frm(struct cf_ctx *x, intptr_t arg)
{
	const struct fcase *fc = (const struct fcase *)arg;
	struct cf_peer *p = &x->p;
	struct cf_fault f = { CF_F_NONE, 0, 0 };
	struct cf_obs o;

	switch (fc->kind) {
	case F_HELLO_CRC:
		if (cf_setup(x, CF_ST_BANNER) != 0)
			return;
		f.kind = CF_F_SEG_CRC;
		cf_peer_set_fault(p, M2_TAG_HELLO, &f);
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case F_SIG_GCM:
		if (cf_setup(x, CF_ST_AUTH) != 0)
			return;
		f.kind = CF_F_GCM_TAG;
		f.idx = 0;
		cf_peer_set_fault(p, M2_TAG_AUTH_SIGNATURE, &f);
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	case F_GCM_IDENT:
		if (cf_setup(x, CF_ST_SIGNED) != 0)
			return;
		f.kind = CF_F_GCM_TAG;
		f.idx = (int)fc->val;
		if (fc->val > 0 && x->rev1 == 0) {
			cf_verdict(x, CF_UNSUPPORTED, CF_R_NONE, -1, "msgr2.0 "
			    "has one GCM block per frame");
			return;
		}
		cf_peer_set_fault(p, M2_TAG_CLIENT_IDENT, &f);
		cf_expect_run_fails(x, CF_ST_READY, 0);
		return;
	default:
		break;
	}
	if (cf_setup(x, CF_ST_READY) != 0)
		return;
	switch (fc->kind) {
	case F_SEG_CRC:
		f.kind = CF_F_SEG_CRC;
		f.idx = (int)fc->val;
		cf_peer_set_fault(p, M2_TAG_MESSAGE, &f);
		CF_IGNORE(send_getmap(p, 1, 1));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_ACK));
		return;
	case F_GCM_MSG:
		if (!x->rev1) {
			cf_verdict(x, CF_UNSUPPORTED, CF_R_NONE, -1, "msgr2.0 "
			    "has one GCM block per frame");
			return;
		}
		f.kind = CF_F_GCM_TAG;
		f.idx = 2;
		cf_peer_set_fault(p, M2_TAG_MESSAGE, &f);
		CF_IGNORE(send_getmap(p, 1, 0));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_ACK));
		return;
	case F_LATE_OK:
		f.kind = fc->val != 0 ? CF_F_LATE : CF_F_NONE;
		f.val = fc->val;
		cf_peer_set_fault(p, M2_TAG_MESSAGE, &f);
		if (send_getmap(p, 1, 0) != M2_OK) {
			cf_verdict(x, CF_FAIL, p->react.r, p->react.tag, "%s",
			    p->why);
			return;
		}
		expect_reply(x, 1);
		return;
	case F_LATE_DROP:
		f.kind = CF_F_LATE;
		f.val = fc->val;
		cf_peer_set_fault(p, M2_TAG_MESSAGE, &f);
		CF_IGNORE(send_getmap(p, 1, 0));
		cf_expect_alive(x, BIT(M2_TAG_MESSAGE));
		return;
	case F_LATE_BAD:
		f.kind = CF_F_LATE;
		f.val = fc->val;
		cf_peer_set_fault(p, M2_TAG_MESSAGE, &f);
		CF_IGNORE(send_getmap(p, 1, 0));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_ACK));
		return;
	case F_INLINE:
		f.kind = CF_F_TRAIL_PAYLOAD;
		f.val = fc->val - 8;
		cf_peer_set_fault(p, M2_TAG_KEEPALIVE2, &f);
		cf_expect_alive(x, 0);
		return;
	default:
		cf_verdict(x, CF_ERROR, CF_R_NONE, -1, "runner: bad case");
		return;
	}
}

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

enum mkind {
	M_GETMAP, M_DUP_SEQ, M_SEQ_GAP, M_SEQ_ZERO, M_HDR_SHORT, M_HDR_EMPTY,
	M_KA_ECHO, M_KA_TWICE, M_ACK_UNSENT, M_KA_ACK_UNSOLICITED,
	M_SEQ_ORDER
};

static void
run_msg(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	struct cf_obs o;

	if (cf_setup(x, CF_ST_READY) != 0)
		return;
	switch ((enum mkind)arg) {
	case M_GETMAP:
		CF_IGNORE(send_getmap(p, 1, 0));
		expect_reply(x, 1);
		return;
	case M_SEQ_ORDER:
		CF_IGNORE(send_getmap(p, 1, 0));
		expect_reply(x, 1);
		if (x->r->verdict != CF_PASS)
			return;
		CF_IGNORE(send_getmap(p, 2, 0));
		expect_reply(x, 2);
		return;
	case M_DUP_SEQ:
		CF_IGNORE(send_getmap(p, 1, 0));
		expect_reply(x, 1);
		if (x->r->verdict != CF_PASS)
			return;
		CF_IGNORE(send_getmap(p, 1, 0));
		cf_expect_alive(x, BIT(M2_TAG_MESSAGE));
		return;
	case M_SEQ_GAP:
		CF_IGNORE(send_getmap(p, 5, 0));
		cf_observe(p, BIT(M2_TAG_MESSAGE), &o);
		if (o.end.r == CF_R_CLOSE || o.end.r == CF_R_RESET) {
			cf_verdict(x, CF_PASS, o.end.r, -1, "closed on the "
			    "gap (the kernel's choice)");
			return;
		}
		cf_expect_frame(x, &o, BIT(M2_TAG_MESSAGE));
		return;
	case M_SEQ_ZERO:
		CF_IGNORE(send_getmap(p, 0, 0));
		cf_expect_alive(x, BIT(M2_TAG_MESSAGE));
		if (x->r->reaction == CF_R_CLOSE ||
		    x->r->reaction == CF_R_RESET)
			x->r->verdict = CF_PASS;
		return;
	case M_HDR_SHORT:
	case M_HDR_EMPTY:
		CF_IGNORE(cf_peer_send_cut_message(p, 1, M2_MSG_MON_GET_MAP,
		    arg == M_HDR_SHORT ? 40 : 0,
		    (struct m2_span){ front8, sizeof(front8) }));
		cf_observe(p, 0, &o);
		cf_expect_close(x, &o, BIT(M2_TAG_ACK));
		return;
	case M_KA_ECHO:
		cf_expect_alive(x, 0);
		return;
	case M_KA_TWICE:
		CF_IGNORE(cf_peer_send_keepalive(p, 7, 8));
		cf_observe(p, BIT(M2_TAG_KEEPALIVE2_ACK), &o);
		if (!o.stopped || o.ka.sec != 7 || o.ka.nsec != 8) {
			cf_expect_frame(x, &o, BIT(M2_TAG_KEEPALIVE2_ACK));
			if (x->r->verdict == CF_PASS)
				cf_verdict(x, CF_FAIL, CF_R_FRAME,
				    M2_TAG_KEEPALIVE2_ACK, "the first ACK "
				    "carries %u.%u, not 7.8", o.ka.sec,
				    o.ka.nsec);
			return;
		}
		cf_expect_alive(x, 0);
		return;
	case M_ACK_UNSENT: {
		uint8_t b[8];

		m2_store_le64(b, 1000);
		CF_IGNORE(cf_peer_send1(p, M2_TAG_ACK, b, 8));
		cf_expect_alive(x, 0);
		return;
	}
	case M_KA_ACK_UNSOLICITED: {
		uint8_t b[8] = { 1, 0, 0, 0, 2, 0, 0, 0 };

		CF_IGNORE(cf_peer_send1(p, M2_TAG_KEEPALIVE2_ACK, b, 8));
		cf_expect_alive(x, 0);
		return;
	}
	}
}

/* ------------------------------------------------------------------ */
/* The tables                                                          */
/* ------------------------------------------------------------------ */




static const struct pcase pc_tab[] = {
	{ W_HELLO, P_BAD_CRC, 0 }, { W_READY, P_BAD_CRC, 0 },
	{ W_HELLO, P_NSEG, 0 }, { W_HELLO, P_NSEG, 5 },
	{ W_READY, P_NSEG, 0 }, { W_READY, P_NSEG, 5 },
	{ W_READY, P_NSEG, 255 },
	{ W_HELLO, P_LEN, 0x80000000u }, { W_HELLO, P_LEN, 0xffffffffu },
	{ W_HELLO, P_LEN, 0xfffffffcu }, { W_READY, P_LEN, 0x80000000u },
	{ W_READY, P_LEN, 0xffffffffu }, { W_READY, P_LEN, 0xfffffff0u },
	{ W_HELLO, P_LEN, (16u << 20) + 1 },
	{ W_HELLO, P_EMPTY_LAST, 0 }, { W_READY, P_EMPTY_LAST, 0 },
	{ W_HELLO, P_ALIGN_OK, 0 }, { W_HELLO, P_ALIGN_OK, 1 },
	{ W_READY, P_ALIGN_OK, 4096 }, { W_HELLO, P_ALIGN_BAD, 12 },
	{ W_READY, P_ALIGN_BAD, 65535 }, { W_HELLO, P_RESERVED, 0xff },
	{ W_HELLO, P_SEG0_EMPTY, 0 }, { W_READY, P_UNKNOWN_TAG, 0 },
	{ W_READY, P_UNKNOWN_TAG, 23 }, { W_READY, P_UNKNOWN_TAG, 255 },
};

static const struct cf_case pre_cases[] = {
	{ "preamble.hello-bad-crc", "preamble", REF_PRE, "HELLO whose "
	    "preamble crc is off by one bit", EXP_CLOSE " (before reading "
	    "any segment)", "", CF_ROLE_SERVER, CF_V_CRC, 0, run_pre,
	    (intptr_t)&pc_tab[0] },
	{ "preamble.ready-bad-crc", "preamble", REF_PRE, "a frame in READY "
	    "whose preamble crc is wrong (inside the encryption in secure "
	    "mode)", EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[1] },
	{ "preamble.hello-nseg-0", "preamble", REF_PRE, "a preamble with "
	    "no segments", EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_CRC, 0,
	    run_pre, (intptr_t)&pc_tab[2] },
	{ "preamble.hello-nseg-5", "preamble", REF_PRE, "a preamble with 5 "
	    "segments (at most 4)", EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_CRC,
	    0, run_pre, (intptr_t)&pc_tab[3] },
	{ "preamble.ready-nseg-0", "preamble", REF_PRE, "nseg 0 in READY",
	    EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[4] },
	{ "preamble.ready-nseg-5", "preamble", REF_PRE, "nseg 5 in READY",
	    EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[5] },
	{ "preamble.ready-nseg-255", "preamble", REF_PRE, "nseg 255 in "
	    "READY", EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[6] },
	{ "preamble.hello-len-2g", "preamble", REF_PRE "; kernel "
	    "decode_preamble", "HELLO claiming a 0x80000000-byte segment "
	    "(sign bit)", EXP_CLOSE " at once, never allocating or waiting "
	    "for the bytes", "cve-2023-44466", CF_ROLE_SERVER, CF_V_CRC, 0,
	    run_pre, (intptr_t)&pc_tab[7] },
	{ "preamble.hello-len-4g", "preamble", REF_PRE, "HELLO claiming a "
	    "0xffffffff-byte segment (u32 wrap of len + 4)", EXP_CLOSE
	    " at once", "cve-2023-44466", CF_ROLE_SERVER, CF_V_CRC, 0,
	    run_pre, (intptr_t)&pc_tab[8] },
	{ "preamble.hello-len-4g-4", "preamble", REF_PRE, "HELLO claiming "
	    "0xfffffffc bytes (len + 4 wraps to 0)", EXP_CLOSE " at once",
	    "cve-2023-44466", CF_ROLE_SERVER, CF_V_CRC, 0, run_pre,
	    (intptr_t)&pc_tab[9] },
	{ "preamble.ready-len-2g", "preamble", REF_PRE, "a control frame in "
	    "READY claiming 0x80000000 bytes", EXP_CLOSE " at once", "",
	    CF_ROLE_SERVER, CF_V_ALL, 0, run_pre, (intptr_t)&pc_tab[10] },
	{ "preamble.ready-len-4g", "preamble", REF_PRE, "a control frame in "
	    "READY claiming 0xffffffff bytes", EXP_CLOSE " at once", "",
	    CF_ROLE_SERVER, CF_V_ALL, 0, run_pre, (intptr_t)&pc_tab[11] },
	{ "preamble.ready-len-4g-16", "preamble", REF_PRE, "0xfffffff0 "
	    "bytes (pad16 and + 16 wrap in 32 bits)", EXP_CLOSE " at once",
	    "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[12] },
	{ "preamble.hello-len-over-control-cap", "preamble", REF_PRE
	    "; CEPH_MSG_MAX_CONTROL_LEN", "HELLO claiming 16 MiB + 1 (over "
	    "the control segment cap)", EXP_CLOSE " at once", "",
	    CF_ROLE_SERVER, CF_V_CRC, 0, run_pre, (intptr_t)&pc_tab[13] },
	{ "preamble.hello-empty-last-seg", "preamble", REF_PRE "; kernel "
	    "decode_preamble", "HELLO with nseg 2 and an empty segment 1",
	    EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_CRC, 0, run_pre,
	    (intptr_t)&pc_tab[14] },
	{ "preamble.ready-empty-last-seg", "preamble", REF_PRE, "KEEPALIVE2 "
	    "with nseg 2 and an empty last segment", EXP_CLOSE, "",
	    CF_ROLE_SERVER, CF_V_ALL, 0, run_pre, (intptr_t)&pc_tab[15] },
	{ "preamble.hello-align-0", "preamble", REF_PRE " (AMB-02)", "HELLO "
	    "with segment alignment 0", "accepts it (the handshake "
	    "completes); alignment 0 is what the kernel sends on 64 KiB pages",
	    "", CF_ROLE_SERVER, CF_V_CRC, 0, run_pre, (intptr_t)&pc_tab[16] },
	{ "preamble.hello-align-1", "preamble", REF_PRE " (AMB-02)", "HELLO "
	    "with alignment 1", "accepts it (the handshake completes)", "",
	    CF_ROLE_SERVER, CF_V_CRC, 0, run_pre, (intptr_t)&pc_tab[17] },
	{ "preamble.ready-align-4096", "preamble", REF_PRE " (AMB-02)",
	    "KEEPALIVE2 with alignment 4096", EXP_ALIVE, "", CF_ROLE_SERVER,
	    CF_V_ALL, 0, run_pre, (intptr_t)&pc_tab[18] },
	{ "preamble.hello-align-12", "preamble", REF_PRE " (AMB-02); "
	    "ProtocolV2::read_frame_segment", "HELLO with alignment 12 (over "
	    "8, not a power of two)", EXP_CLOSE " (never an abort)", "",
	    CF_ROLE_SERVER, CF_V_CRC, 0, run_pre, (intptr_t)&pc_tab[19] },
	{ "preamble.ready-align-65535", "preamble", REF_PRE " (AMB-02)",
	    "KEEPALIVE2 with alignment 65535", EXP_CLOSE, "",
	    CF_ROLE_SERVER, CF_V_ALL, 0, run_pre, (intptr_t)&pc_tab[20] },
	{ "preamble.hello-reserved-byte", "preamble", REF_PRE, "HELLO with "
	    "preamble byte 27 (reserved) = 0xff", "accepts it: reserved "
	    "bytes are not judged (the handshake completes)", "",
	    CF_ROLE_SERVER, CF_V_CRC, 0, run_pre, (intptr_t)&pc_tab[21] },
	{ "preamble.hello-seg0-empty", "preamble", REF_PRE, "HELLO with one "
	    "empty segment (WAIT's shape)", EXP_CLOSE " (HELLO cannot "
	    "decode)", "", CF_ROLE_SERVER, CF_V_CRC, 0, run_pre,
	    (intptr_t)&pc_tab[22] },
	{ "preamble.ready-tag-0", "preamble", "SPEC-NOTES §2.1; ProtocolV2::"
	    "handle_read_frame_dispatch", "a frame with tag 0 in READY",
	    EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[23] },
	{ "preamble.ready-tag-23", "preamble", "SPEC-NOTES §2.1; ProtocolV2::"
	    "handle_read_frame_dispatch", "a frame with tag 23 (unknown) in "
	    "READY", EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[24] },
	{ "preamble.ready-tag-255", "preamble", "SPEC-NOTES §2.1; "
	    "ProtocolV2::handle_read_frame_dispatch", "a frame with tag 255 "
	    "in READY", EXP_CLOSE, "", CF_ROLE_SERVER, CF_V_ALL, 0, run_pre,
	    (intptr_t)&pc_tab[25] },
};

static const struct fcase fc_tab[] = {
	{ F_HELLO_CRC, 0 },
	{ F_SEG_CRC, 0 }, { F_SEG_CRC, 1 }, { F_SEG_CRC, 2 },
	{ F_SEG_CRC, 3 },
	{ F_LATE_OK, 0 }, { F_LATE_DROP, 1 }, { F_LATE_BAD, 0x00 },
	{ F_LATE_BAD, 0x0f }, { F_LATE_BAD, 0x10 }, { F_LATE_OK, 0xfe },
	{ F_LATE_DROP, 0x11 }, { F_LATE_OK, 0x02 },
	{ F_SIG_GCM, 0 }, { F_GCM_IDENT, 0 }, { F_GCM_IDENT, 1 },
	{ F_GCM_MSG, 2 },
	{ F_INLINE, 47 }, { F_INLINE, 48 }, { F_INLINE, 49 },
	{ F_INLINE, 64 }, { F_INLINE, 65 },
};

#define FRM(id, r, d, e, v, i)	{ "framing." id, "framing", r, d, e, "", \
	CF_ROLE_SERVER, v, 0, run_frm, (intptr_t)&fc_tab[i] }

static const struct cf_case frm_cases[] = {
	FRM("hello-bad-seg0-crc", REF_FRM, "HELLO whose segment crc is "
	    "wrong", EXP_CLOSE, CF_V_CRC, 0),
	FRM("msg-bad-crc-seg0", REF_FRM, "MESSAGE whose header segment crc "
	    "is wrong", EXP_CLOSE, CF_V_CRC, 1),
	FRM("msg-bad-crc-seg1", REF_FRM, "MESSAGE whose front crc is wrong",
	    EXP_CLOSE, CF_V_CRC, 2),
	FRM("msg-bad-crc-seg2", REF_FRM, "MESSAGE whose (empty) middle "
	    "segment crc is wrong", EXP_CLOSE, CF_V_CRC, 3),
	FRM("msg-bad-crc-seg3", REF_FRM, "MESSAGE whose data crc is wrong",
	    EXP_CLOSE, CF_V_CRC, 4),
	FRM("late-complete", REF_FRM, "MESSAGE with the normal late byte "
	    "(0x0e; msgr2.0: 0)", "answers the MMonGetMap", CF_V_ALL, 5),
	FRM("late-aborted", REF_FRM " (AMB-04)", "MESSAGE marked aborted "
	    "(late 0x01)", "drops the frame silently and goes on (no "
	    "answer; KEEPALIVE2 still answered)", CF_V_ALL, 6),
	FRM("late-status-0x00", REF_FRM "; check_epilogue_late_status",
	    "msgr2.1 late_status 0x00 (neither complete nor aborted)",
	    EXP_CLOSE, CF_V_REV1, 7),
	FRM("late-status-0x0f", REF_FRM "; check_epilogue_late_status",
	    "msgr2.1 late_status 0x0f", EXP_CLOSE, CF_V_REV1, 8),
	FRM("late-status-0x10", REF_FRM "; check_epilogue_late_status",
	    "msgr2.1 late_status 0x10 (low nibble 0)", EXP_CLOSE, CF_V_REV1,
	    9),
	FRM("late-status-0xfe", REF_FRM "; check_epilogue_late_status",
	    "msgr2.1 late_status 0xfe (high nibble ignored, complete)",
	    "answers the MMonGetMap", CF_V_REV1, 10),
	FRM("late-status-0x11", REF_FRM "; check_epilogue_late_status",
	    "msgr2.1 late_status 0x11 (high nibble ignored, aborted)",
	    "drops the frame and goes on", CF_V_REV1, 11),
	FRM("late-flags-0x02", REF_FRM, "msgr2.0 late_flags 0x02 (only bit "
	    "0 counts)", "answers the MMonGetMap", CF_V_R0C | CF_V_R0S, 12),
	FRM("gcm-tag-signature", REF_SEC, "AUTH_SIGNATURE (the first "
	    "encrypted frame) with its GCM tag flipped", EXP_CLOSE,
	    CF_V_SECURE, 13),
	FRM("gcm-tag-block1", REF_SEC, "CLIENT_IDENT with the tag of its "
	    "first GCM block (preamble + inline) flipped", EXP_CLOSE,
	    CF_V_SECURE, 14),
	FRM("gcm-tag-block2", REF_SEC, "CLIENT_IDENT (over 48 bytes) with "
	    "the tag of its second GCM block (rest of segment 0) flipped",
	    EXP_CLOSE, CF_V_R1S, 15),
	FRM("gcm-tag-block3", REF_SEC, "MESSAGE with the tag of its third "
	    "GCM block (segments 1..3 and epilogue) flipped", EXP_CLOSE,
	    CF_V_R1S, 16),
	FRM("inline-47", REF_SEC, "KEEPALIVE2 padded to a 47-byte segment "
	    "(trailing bytes; inside the 48-byte inline buffer)", EXP_ALIVE,
	    CF_V_ALL, 17),
	FRM("inline-48", REF_SEC, "a 48-byte segment 0 (exactly inline)",
	    EXP_ALIVE, CF_V_ALL, 18),
	FRM("inline-49", REF_SEC, "a 49-byte segment 0 (one byte in a "
	    "second GCM block)", EXP_ALIVE, CF_V_ALL, 19),
	FRM("inline-64", REF_SEC, "a 64-byte segment 0 (16 bytes past "
	    "inline, no padding)", EXP_ALIVE, CF_V_ALL, 20),
	FRM("inline-65", REF_SEC, "a 65-byte segment 0 (padding 15)",
	    EXP_ALIVE, CF_V_ALL, 21),
};

#define MSG(id, d, e, k)	{ "message." id, "message", REF_MSG, d, e, \
	"", CF_ROLE_SERVER, CF_V_ALL, 0, run_msg, k }

static const struct cf_case msg_cases[] = {
	MSG("get-map", "MMonGetMap, seq 1", "answers with a MESSAGE whose "
	    "ack_seq acknowledges seq 1", M_GETMAP),
	MSG("seq-in-order", "two MMonGetMap, seq 1 and 2", "answers both, "
	    "acking each", M_SEQ_ORDER),
	MSG("duplicate-seq", "MMonGetMap seq 1 twice", "answers the first, "
	    "drops the second (seq not above in_seq) and goes on",
	    M_DUP_SEQ),
	MSG("seq-gap", "the first message has seq 5", "accepts it (answers; "
	    "Ceph logs the gap) or closes (the kernel's choice)", M_SEQ_GAP),
	MSG("seq-zero", "a message with seq 0", "drops it and goes on, or "
	    "closes", M_SEQ_ZERO),
	MSG("header2-40", "MESSAGE whose header segment is 40 bytes (41 "
	    "needed)", EXP_CLOSE ", never reads past the segment",
	    M_HDR_SHORT),
	MSG("header2-empty", "MESSAGE with an empty header segment",
	    EXP_CLOSE, M_HDR_EMPTY),
	MSG("keepalive-echo", "KEEPALIVE2 with a distinctive stamp",
	    "answers KEEPALIVE2_ACK carrying the same stamp", M_KA_ECHO),
	MSG("keepalive-twice", "two KEEPALIVE2 with different stamps",
	    "answers each with its own stamp", M_KA_TWICE),
	MSG("ack-unsent", "ACK of seq 1000 when nothing was sent", "ignores "
	    "it and goes on", M_ACK_UNSENT),
	MSG("keepalive-ack-unsolicited", "KEEPALIVE2_ACK nobody asked for",
	    "ignores it and goes on", M_KA_ACK_UNSOLICITED),
};

/* see cases.h */
void
cf_cases_frame(void)
{
	cf_register_table(pre_cases, sizeof(pre_cases) / sizeof(pre_cases[0]));
	cf_register_table(frm_cases, sizeof(frm_cases) / sizeof(frm_cases[0]));
	cf_register_table(msg_cases, sizeof(msg_cases) / sizeof(msg_cases[0]));
}

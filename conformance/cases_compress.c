/* SPDX-License-Identifier: MIT */
/*
 * Compression negotiation, server role (SPEC-NOTES §5.1; Ceph Quincy and
 * later: ProtocolV2::finish_server_auth, handle_compression_request,
 * finish_compression, the state checks of handle_client_ident and
 * handle_compression_request; CompressorRegistry::get_mode and
 * pick_method).
 *
 * What Ceph does: after the client's AUTH_SIGNATURE, a server whose peer
 * (the client) advertised COMPRESSION in its banner waits in
 * COMPRESSION_ACCEPTING for COMPRESSION_REQUEST and answers
 * COMPRESSION_DONE, then waits for CLIENT_IDENT or SESSION_RECONNECT; a
 * client sends COMPRESSION_REQUEST when the server advertised the bit.
 * Any other frame in COMPRESSION_ACCEPTING, and COMPRESSION_REQUEST in
 * any other state, faults the connection.  Nothing ties the handshake to
 * msgr2.1 (FrameAssembler compresses in both revisions), so every
 * variant runs.  Pacific (16.2.x) has no COMPRESSION bit and no tags
 * 21/22: these cases are unsupported against it.
 */
#include <stdio.h>
#include <string.h>

#include "cases.h"

#define REF_COMP	"SPEC-NOTES §5.1; ProtocolV2::finish_server_auth, " \
			"handle_compression_request (Quincy+)"
#define EXP_CLOSE	"closes the connection (FIN or RST), answering nothing"

enum ck {
	K_HANDSHAKE, K_COMPRESS, K_UNOFFERED, K_IDENT_SKIP, K_TWICE,
	K_READY, K_HUGE, K_WRONG_TAG
};

/* Ceph's CompressionAlgorithm ids: snappy, zlib, zstd, lz4. */
static const uint32_t all_methods[] = { 1, 2, 3, 4 };

/*
 * Connect with COMPRESSION in our banner if |offer| and run the handshake
 * to AUTH_SIGNATURE.  Returns 0; 1 when the target's banner lacks the bit
 * (verdict: unsupported); -1 on failure (verdict set).
 */
static int
setup(struct cf_ctx *x, int offer)
{
	struct cf_peer *p = &x->p;
	struct m2_banner mine = {
		.len = M2_BANNER_PAYLOAD_MIN,
		.supported = (x->rev1 ? M2_FEATURE_REVISION_1 : 0) |
		    (offer ? M2_FEATURE_COMPRESSION : 0),
		.required = 0,
	};

	if (cf_setup(x, CF_ST_CONNECTED) != 0)
		return -1;
	if (cf_peer_banner(p, &mine) != M2_OK) {
		cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
		    CF_FAIL, p->react.r, p->react.tag, "banner exchange: %s",
		    p->why);
		return -1;
	}
	if (!(p->peer_banner.supported & M2_FEATURE_COMPRESSION)) {
		cf_verdict(x, CF_UNSUPPORTED, CF_R_NONE, -1, "the target's "
		    "banner does not offer COMPRESSION (supported 0x%llx); "
		    "Pacific and older have no compression handshake",
		    (unsigned long long)p->peer_banner.supported);
		return 1;
	}
	return cf_setup(x, CF_ST_SIGNED);
}

static m2_err
send_request(struct cf_peer *p, uint8_t on, const uint32_t *m, uint32_t n)
{
	struct m2_compression_request r;
	uint8_t b[128];
	struct m2_buf mb;
	size_t len = 0;

	memset(&r, 0, sizeof(r));
	r.is_compress = on;
	r.n_methods = n;
	for (uint32_t i = 0; i < n && i < M2_MAX_COMP_METHODS; i++)
		r.methods[i] = m[i];
	m2_buf_init(&mb, b, sizeof(b));
	m2_msg_compression_request_build(&mb, &r);
	CF_IGNORE(m2_buf_finish(&mb, &len));
	return cf_peer_send1(p, M2_TAG_COMPRESSION_REQUEST, b, len);
}

/* COMPRESSION_DONE must come; 0 with |d|, or -1 (verdict set). */
static int
want_done(struct cf_ctx *x, struct m2_compression_done *d)
{
	struct cf_peer *p = &x->p;
	struct cf_rframe f;
	struct m2_cur c;
	m2_err e;

	if (cf_peer_recv_frame(p, &f) != M2_OK) {
		cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
		    CF_FAIL, p->react.r, p->react.tag, "no COMPRESSION_DONE: "
		    "%s", p->why);
		return -1;
	}
	if (f.tag != M2_TAG_COMPRESSION_DONE) {
		const char *n = m2_tag_name(f.tag);

		cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "the server "
		    "answered COMPRESSION_REQUEST with %s", n ? n : "?");
		return -1;
	}
	cf_payload(&f, &c);
	e = m2_msg_compression_done_parse(&c, d, NULL);
	if (e != M2_OK && e != M2_E_TRAILING) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, f.tag, "COMPRESSION_DONE "
		    "does not decode (%s)", m2_err_name(e));
		return -1;
	}
	return 0;
}

/* The rest of the session: CLIENT_IDENT must get SERVER_IDENT. */
static int
finish(struct cf_ctx *x)
{
	if (cf_peer_run_to(&x->p, CF_ST_READY) != M2_OK) {
		cf_verdict(x, x->p.react.r == CF_R_SILENCE ? CF_TIMEOUT :
		    CF_FAIL, x->p.react.r, x->p.react.tag, "after "
		    "COMPRESSION_DONE: %s", x->p.why);
		return -1;
	}
	return 0;
}

/*
 * Send a frame the state does not allow, whose payload is a u8 and a
 * le32 (COMPRESSION_REQUEST: is_compress and a method count with no
 * methods; COMPRESSION_DONE: is_compress and the method); the server
 * must close.
 */
static void
then_close(struct cf_ctx *x, uint8_t tag, uint8_t u8, uint32_t le32,
    uint32_t allowed)
{
	struct cf_obs o;
	uint8_t b[5];

	b[0] = u8;
	m2_store_le32(b + 1, le32);
	CF_IGNORE(cf_peer_send1(&x->p, tag, b, sizeof(b)));
	cf_observe(&x->p, 0, &o);
	cf_expect_close(x, &o, allowed);
}

static void
run_comp(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	struct m2_compression_done d;

	if (setup(x, arg != K_UNOFFERED) != 0)
		return;
	switch ((enum ck)arg) {
	case K_HANDSHAKE:
		if (send_request(p, 0, NULL, 0) != M2_OK || want_done(x, &d))
			return;
		if (d.is_compress) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME,
			    M2_TAG_COMPRESSION_DONE, "COMPRESSION_DONE turns "
			    "compression on (method %u) for a request with "
			    "is_compress 0", d.method);
			return;
		}
		if (finish(x) != 0)
			return;
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_COMPRESSION_DONE,
		    "COMPRESSION_DONE(is_compress 0, method %u), then "
		    "SERVER_IDENT", d.method);
		return;
	case K_COMPRESS: {
		int ours = 0;

		if (send_request(p, 1, all_methods, 4) != M2_OK ||
		    want_done(x, &d))
			return;
		for (size_t i = 0; i < 4; i++)
			if (all_methods[i] == d.method)
				ours = 1;
		if (d.is_compress && !ours) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME,
			    M2_TAG_COMPRESSION_DONE, "compression on with "
			    "method %u, which we did not offer", d.method);
			return;
		}
		if (finish(x) != 0)
			return;
		cf_expect_alive(x, 0);
		if (x->r->verdict != CF_PASS)
			return;
		cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_COMPRESSION_DONE,
		    "%s (COMPRESSION_DONE is_compress %u, method %u); the "
		    "session then works", d.is_compress ? "accepted" :
		    "declined", d.is_compress, d.method);
		return;
	}
	case K_UNOFFERED:
		then_close(x, M2_TAG_COMPRESSION_REQUEST, 0, 0, 0);
		return;
	case K_IDENT_SKIP: {
		uint8_t id[1024];
		struct cf_obs o;
		size_t n;

		n = cf_build_client_ident(p, NULL, id, sizeof(id));
		CF_IGNORE(cf_peer_send1(p, M2_TAG_CLIENT_IDENT, id, n));
		cf_observe(p, BIT(M2_TAG_SERVER_IDENT), &o);
		if (o.stopped) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, o.end.tag, "the "
			    "server went on to SERVER_IDENT without the "
			    "compression handshake");
			return;
		}
		cf_expect_close(x, &o, 0);
		return;
	}
	case K_TWICE:
		if (send_request(p, 0, NULL, 0) != M2_OK || want_done(x, &d))
			return;
		then_close(x, M2_TAG_COMPRESSION_REQUEST, 0, 0, 0);
		return;
	case K_READY:
		if (send_request(p, 0, NULL, 0) != M2_OK || want_done(x, &d) ||
		    finish(x) != 0)
			return;
		then_close(x, M2_TAG_COMPRESSION_REQUEST, 0, 0,
		    BIT(M2_TAG_ACK) | BIT(M2_TAG_KEEPALIVE2));
		return;
	case K_HUGE:
		then_close(x, M2_TAG_COMPRESSION_REQUEST, 1, 0xffffffffu, 0);
		return;
	case K_WRONG_TAG:
		then_close(x, M2_TAG_COMPRESSION_DONE, 0, 0, 0);
		return;
	}
}

#define K(id, d, e, k)	{ "compression." id, "compression", REF_COMP, d, \
	e, "compression", CF_ROLE_SERVER, CF_V_ALL, 0, run_comp, k }

static const struct cf_case comp_cases[] = {
	K("handshake", "both banners offer COMPRESSION: COMPRESSION_REQUEST "
	    "(is_compress 0, no methods) after AUTH_SIGNATURE, then "
	    "CLIENT_IDENT", "COMPRESSION_DONE with is_compress 0, then "
	    "SERVER_IDENT (unsupported if the target's banner lacks the "
	    "bit)", K_HANDSHAKE),
	K("request-compress", "COMPRESSION_REQUEST asking for compression "
	    "with snappy, zlib, zstd, lz4", "COMPRESSION_DONE either "
	    "declines (is_compress 0: Ceph's get_mode is NONE unless the "
	    "peer is an OSD with ms_osd_compress_mode=force, and in secure "
	    "mode unless ms_compress_secure) or names a method from our "
	    "list (pick_method); the session then completes", K_COMPRESS),
	K("request-unoffered", "the target offers COMPRESSION, our banner "
	    "does not; COMPRESSION_REQUEST after AUTH_SIGNATURE", EXP_CLOSE
	    " (the server waits in SESSION_ACCEPTING: "
	    "handle_compression_request faults; against a target without "
	    "the bit this is state.ident.compression-request)",
	    K_UNOFFERED),
	K("ident-without-request", "both banners offer COMPRESSION; "
	    "CLIENT_IDENT straight after AUTH_SIGNATURE", EXP_CLOSE " (the "
	    "server waits in COMPRESSION_ACCEPTING; handle_client_ident "
	    "faults \"not in session accept state\")", K_IDENT_SKIP),
	K("request-twice", "a second COMPRESSION_REQUEST after "
	    "COMPRESSION_DONE", EXP_CLOSE " (finish_compression moved the "
	    "server to SESSION_ACCEPTING)", K_TWICE),
	K("request-in-ready", "COMPRESSION_REQUEST in READY after a "
	    "completed compression handshake", EXP_CLOSE, K_READY),
	K("methods-huge", "COMPRESSION_REQUEST claiming 0xffffffff methods "
	    "and carrying none", EXP_CLOSE "; no allocation of the claimed "
	    "count (Ceph's decode resizes the vector to it first)",
	    K_HUGE),
	K("done-from-client", "COMPRESSION_DONE from the client instead of "
	    "COMPRESSION_REQUEST", EXP_CLOSE " (a server never accepts "
	    "COMPRESSION_DONE: handle_compression_done wants "
	    "COMPRESSION_CONNECTING)", K_WRONG_TAG),
};

/* see cases.h */
void
cf_cases_compress(void)
{
	cf_register_table(comp_cases, sizeof(comp_cases) /
	    sizeof(comp_cases[0]));
}

/* SPDX-License-Identifier: MIT */
/*
 * The scripted peer (peer.h): a msgr2 client over ref's codec that can
 * stop or misbehave at any step and that classifies the reaction.
 */
#include "peer.h"
#include "peer_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <jansson.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "tool_common.h"
#include "tool_transcript.h"

/* see peer.h */
const char *
cf_variant_name(int rev1, uint32_t mode)
{
	if (mode == M2_CON_MODE_SECURE)
		return rev1 ? "rev1-secure" : "rev0-secure";
	return rev1 ? "rev1-crc" : "rev0-crc";
}

/* see peer.h */
void
cf_peer_init(struct cf_peer *p, const struct cf_settings *s, int rev1,
    uint32_t mode)
{
	memset(p, 0, sizeof(*p));
	p->s = s;
	p->sock.fd = -1;
	p->rev1_offer = rev1;
	p->want_mode = mode;
	p->fmt = M2_FMT_REV1_CRC;
	p->fault_tag = -1;
	p->rec = 1;
	p->react.tag = -1;
	if (RAND_bytes((unsigned char *)&p->client_cookie,
	    sizeof(p->client_cookie)) != 1 || p->client_cookie == 0)
		p->client_cookie = 0x5eed5eed5eed5eedull;
	if (s->wirelog_dir != NULL && (p->wire = calloc(1,
	    sizeof(*p->wire))) != NULL) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		p->wire->t0 = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	}
}

/* Keep |n| bytes of direction |dir| (0 received, 1 sent) in the wirelog. */
static void
wire_record(struct cf_peer *p, int dir, const void *b, size_t n)
{
	struct cf_wire *w = p->wire;
	struct timespec ts;

	if (w == NULL || n == 0)
		return;
	if (w->len[dir] + n > CF_WIRE_MAX) {
		w->dropped[dir] += n;
		return;
	}
	if (w->len[dir] + n > w->cap[dir]) {
		size_t nc = w->cap[dir] ? w->cap[dir] : 4096;
		uint8_t *nb;

		while (nc < w->len[dir] + n)
			nc *= 2;
		if ((nb = realloc(w->b[dir], nc)) == NULL) {
			w->dropped[dir] += n;
			return;
		}
		w->b[dir] = nb;
		w->cap[dir] = nc;
	}
	memcpy(w->b[dir] + w->len[dir], b, n);
	if (w->nev < CF_WIRE_EVENTS) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		w->ev[w->nev].t = (double)ts.tv_sec + (double)ts.tv_nsec /
		    1e9 - w->t0;
		w->ev[w->nev].dir = (uint8_t)dir;
		w->ev[w->nev].off = w->len[dir];
		w->ev[w->nev].len = n;
		w->nev++;
	}
	w->len[dir] += n;
}

/* see peer.h */
void
cf_peer_free(struct cf_peer *p)
{
	m2_sock_close(&p->sock);
	if (p->wire != NULL) {
		free(p->wire->b[0]);
		free(p->wire->b[1]);
		free(p->wire);
		p->wire = NULL;
	}
	m2_gcm_wipe(&p->rx);
	m2_gcm_wipe(&p->tx);
	free(p->pre[0]);
	free(p->pre[1]);
	free(p->rbuf);
	free(p->scratch);
	if (p->cx != NULL) {
		m2_cephx_client_wipe(p->cx);
		free(p->cx);
	}
	if (p->cxs != NULL) {
		m2_cephx_server_wipe(p->cxs);
		free(p->cxs);
	}
	OPENSSL_cleanse(p->session_key, sizeof(p->session_key));
	OPENSSL_cleanse(p->con_secret, sizeof(p->con_secret));
	memset(p, 0, sizeof(*p));
	p->sock.fd = -1;
}

/* see peer.h */
void
cf_peer_set_fault(struct cf_peer *p, uint8_t tag, const struct cf_fault *f)
{
	p->fault_tag = tag;
	p->fault = *f;
}

/* see peer.h */
void
cf_peer_shutdown_wr(struct cf_peer *p)
{
	if (p->sock.fd >= 0)
		(void)shutdown(p->sock.fd, SHUT_WR);
}

/* see peer_int.h */
m2_err
cf_fail(struct cf_peer *p, m2_err e, enum cf_reaction r, int tag,
    const char *fmt, ...)
{
	va_list ap;

	p->react.r = r;
	p->react.tag = tag;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
	memcpy(p->react.why, p->why, sizeof(p->react.why) - 1);
	p->react.why[sizeof(p->react.why) - 1] = '\0';
	return e;
}

/* see peer_int.h */
m2_err
cf_io_fail(struct cf_peer *p, m2_err e, const char *what)
{
	switch (e) {
	case M2_E_EOF:
		return cf_fail(p, e, CF_R_CLOSE, -1, "the peer closed the "
		    "connection %s", what);
	case M2_E_TIMEOUT:
		return cf_fail(p, e, CF_R_SILENCE, -1, "no answer within %d ms "
		    "%s", p->s->step_ms, what);
	default:
		if (errno == ECONNRESET || errno == EPIPE)
			return cf_fail(p, e, CF_R_RESET, -1, "the peer reset "
			    "the connection %s", what);
		if (errno == ECONNREFUSED)
			return cf_fail(p, e, CF_R_REFUSED, -1, "connection "
			    "refused %s", what);
		return cf_fail(p, e, CF_R_RESET, -1, "socket error %s: %s",
		    what, strerror(errno));
	}
}

static int
grow(uint8_t **b, size_t *cap, size_t need)
{
	uint8_t *nb;
	size_t nc;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap : 4096;
	while (nc < need)
		nc *= 2;
	if ((nb = realloc(*b, nc)) == NULL)
		return -1;
	*b = nb;
	*cap = nc;
	return 0;
}

static void
record(struct cf_peer *p, int dir, const uint8_t *b, size_t n)
{
	if (!p->rec || n == 0)
		return;
	if (p->pre_len[dir] + n > M2_MAX_PREAUTH_LEN ||
	    grow(&p->pre[dir], &p->pre_cap[dir], p->pre_len[dir] + n) != 0) {
		p->rec = 0;
		return;
	}
	memcpy(p->pre[dir] + p->pre_len[dir], b, n);
	p->pre_len[dir] += n;
}

/* see peer.h */
m2_err
cf_peer_write(struct cf_peer *p, const void *b, size_t n)
{
	m2_err e;

	record(p, 1, b, n);
	wire_record(p, 1, b, n);
	if ((e = m2_sock_write(&p->sock, b, n)) != M2_OK)
		return cf_io_fail(p, e, "while we wrote");
	return M2_OK;
}

/* see peer_int.h */
m2_err
cf_read_exact(struct cf_peer *p, uint8_t *b, size_t n, const char *what)
{
	m2_err e;

	if ((e = m2_sock_read(&p->sock, b, n)) != M2_OK)
		return cf_io_fail(p, e, what);
	record(p, 0, b, n);
	wire_record(p, 0, b, n);
	return M2_OK;
}

/* see peer.h */
m2_err
cf_peer_connect(struct cf_peer *p)
{
	m2_err e;

	e = m2_sock_connect(&p->sock, &p->s->addr, p->s->step_ms);
	if (e != M2_OK)
		return cf_io_fail(p, e, "while we connected");
	p->stage = CF_ST_CONNECTED;
	return M2_OK;
}

/* see peer.h */
m2_err
cf_peer_recv_banner(struct cf_peer *p)
{
	uint8_t b[M2_BANNER_HEAD_LEN + M2_BANNER_PAYLOAD_MAX];
	struct m2_cur c;
	struct m2_diag d;
	size_t len;
	m2_err e;

	if ((e = cf_read_exact(p, b, M2_BANNER_HEAD_LEN,
	    "before its banner")) != M2_OK)
		return e;
	if (memcmp(b, M2_BANNER_PREFIX, M2_BANNER_PREFIX_LEN) != 0)
		return cf_fail(p, M2_E_BADVAL, CF_R_FRAME, -1, "the peer's "
		    "banner does not start with \"ceph v2\\n\"");
	len = m2_load_le16(b + M2_BANNER_PREFIX_LEN);
	if (len < M2_BANNER_PAYLOAD_MIN)
		return cf_fail(p, M2_E_BADVAL, CF_R_FRAME, -1, "the peer's "
		    "banner payload is %zu bytes", len);
	if ((e = cf_read_exact(p, b + M2_BANNER_HEAD_LEN, len,
	    "inside its banner")) != M2_OK)
		return e;
	m2_cur_init(&c, b, M2_BANNER_HEAD_LEN + len);
	if ((e = m2_banner_parse(&c, &p->peer_banner, &d)) != M2_OK)
		return cf_fail(p, e, CF_R_FRAME, -1, "bad banner: %s",
		    m2_err_name(e));
	return M2_OK;
}

/* see peer.h */
m2_err
cf_peer_banner(struct cf_peer *p, const struct m2_banner *mine)
{
	struct m2_banner def = {
		.len = M2_BANNER_PAYLOAD_MIN,
		.supported = p->rev1_offer ? M2_FEATURE_REVISION_1 : 0,
		.required = 0,
	};
	uint8_t out[M2_BANNER_HEAD_LEN + 64];
	struct m2_buf b;
	size_t len;
	m2_err e;

	if (mine == NULL)
		mine = &def;
	m2_buf_init(&b, out, sizeof(out));
	m2_banner_build(&b, mine);
	if ((e = m2_buf_finish(&b, &len)) != M2_OK)
		return cf_fail(p, e, CF_R_NONE, -1, "banner too long");
	if ((e = cf_peer_write(p, out, len)) != M2_OK)
		return e;
	if ((e = cf_peer_recv_banner(p)) != M2_OK)
		return e;
	if (m2_banner_check(mine, &p->peer_banner) != M2_OK)
		return cf_fail(p, M2_E_COMPAT, CF_R_NONE, -1, "the peer's "
		    "banner requires 0x%llx", (unsigned long long)
		    p->peer_banner.required);
	p->rev1 = m2_banner_rev(mine->supported, p->peer_banner.supported);
	p->fmt = p->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;
	p->stage = CF_ST_BANNER;
	return M2_OK;
}

/* ------------------------------------------------------------------ */
/* Sending frames                                                      */
/* ------------------------------------------------------------------ */

static size_t
pad16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

/* Flip the last byte of GCM block |idx|'s tag in a built secure frame. */
static int
flip_gcm_tag(enum m2_fmt fmt, const struct m2_frame *f, uint8_t *w,
    size_t len, int idx)
{
	size_t end, len0 = f->seg[0].len;

	if (fmt == M2_FMT_REV0_SECURE) {
		if (idx != 0)
			return -1;
		w[len - 1] ^= 0x01;
		return 0;
	}
	switch (idx) {
	case 0:
		end = 96;
		break;
	case 1:
		if (len0 <= M2_INLINE_LEN)
			return -1;
		end = 96 + pad16(len0 - M2_INLINE_LEN) + M2_GCM_TAG_LEN;
		break;
	case 2:
		if (f->nseg < 2)
			return -1;
		end = len;
		break;
	default:
		return -1;
	}
	if (end > len)
		return -1;
	w[end - 1] ^= 0x01;
	return 0;
}

/* Flip segment |idx|'s crc in a built crc frame. */
static int
flip_seg_crc(enum m2_fmt fmt, const struct m2_frame *f, uint8_t *w,
    size_t len, int idx)
{
	size_t off = M2_PREAMBLE_LEN, epi;
	int i;

	if (idx < 0 || idx >= f->nseg)
		return -1;
	if (fmt == M2_FMT_REV0_CRC) {
		for (i = 0; i < f->nseg; i++)
			off += f->seg[i].len;
		off += 1 + 4 * (size_t)idx;
	} else {
		if (idx == 0) {
			if (f->seg[0].len == 0)
				return -1;
			off += f->seg[0].len;
		} else {
			epi = len - M2_EPILOGUE_REV1_CRC;
			off = epi + 1 + 4 * (size_t)(idx - 1);
		}
	}
	if (off + 4 > len)
		return -1;
	w[off] ^= 0x01;
	return 0;
}

/* see peer.h */
m2_err
cf_peer_send_frame(struct cf_peer *p, uint8_t tag, const struct m2_span *segs,
    size_t nseg)
{
	static const uint16_t msg_align[M2_MAX_SEGMENTS] = {
		M2_ALIGN_DEFAULT, M2_ALIGN_DEFAULT, M2_ALIGN_DEFAULT,
		M2_ALIGN_PAGE
	};
	struct m2_span s[M2_MAX_SEGMENTS];
	struct cf_fault fl = { CF_F_NONE, 0, 0 };
	struct m2_preamble pre;
	struct m2_frame f;
	struct m2_buf b;
	uint8_t *tmp = NULL, *w = NULL;
	uint64_t need;
	size_t len, i, last;
	m2_err e;

	if (p->fault_tag == tag) {
		fl = p->fault;
		p->fault_tag = -1;
	}
	for (i = 0; i < M2_MAX_SEGMENTS; i++)
		s[i] = i < nseg ? segs[i] : (struct m2_span){ NULL, 0 };
	last = nseg ? nseg - 1 : 0;
	if (fl.kind == CF_F_TRUNC_PAYLOAD) {
		s[last].len = s[last].len > fl.val ? s[last].len - fl.val : 0;
	} else if (fl.kind == CF_F_TRAIL_PAYLOAD) {
		if ((tmp = calloc(1, s[last].len + fl.val + 1)) == NULL)
			return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1,
			    "no memory");
		if (s[last].len)
			memcpy(tmp, s[last].p, s[last].len);
		s[last].p = tmp;
		s[last].len += fl.val;
	} else if (fl.kind == CF_F_TAG) {
		tag = (uint8_t)fl.val;
	} else if (fl.kind == CF_F_PRE_CRC) {
		m2_frame_init(&f, p->fmt, tag, s, tag == M2_TAG_MESSAGE ?
		    msg_align : NULL, nseg);
		m2_frame_preamble(&f, &pre);
		return cf_peer_send_head(p, &pre, 1);
	}
	m2_frame_init(&f, p->fmt, tag, s, tag == M2_TAG_MESSAGE ? msg_align :
	    NULL, nseg);
	if (fl.kind == CF_F_ALIGN && fl.idx < M2_MAX_SEGMENTS)
		f.align[fl.idx] = (uint16_t)fl.val;
	if (fl.kind == CF_F_LATE)
		f.late = (uint8_t)fl.val;
	if (fl.kind == CF_F_NSEG_EMPTY_LAST && fl.val >= 1 &&
	    fl.val <= M2_MAX_SEGMENTS) {
		f.nseg = (uint8_t)fl.val;
		for (i = 0; i < M2_MAX_SEGMENTS; i++)
			if (f.align[i] == 0)
				f.align[i] = M2_ALIGN_DEFAULT;
	}
	m2_frame_preamble(&f, &pre);
	need = m2_frame_onwire_len(p->fmt, &pre);
	if (need == 0 || need > CF_MAX_RFRAME + 4096 ||
	    (w = malloc((size_t)need)) == NULL) {
		free(tmp);
		return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1, "frame too big");
	}
	m2_buf_init(&b, w, (size_t)need);
	e = m2_frame_build(&b, p->fmt, p->crypto_on ? &p->tx : NULL, &f);
	free(tmp);
	if (e != M2_OK || (e = m2_buf_finish(&b, &len)) != M2_OK) {
		free(w);
		return cf_fail(p, e, CF_R_NONE, -1, "cannot build a %s "
		    "frame: %s", m2_tag_name(tag) ? m2_tag_name(tag) : "?",
		    m2_err_name(e));
	}
	if (fl.kind == CF_F_SEG_CRC &&
	    flip_seg_crc(p->fmt, &f, w, len, fl.idx) != 0) {
		free(w);
		return cf_fail(p, M2_E_USAGE, CF_R_NONE, -1, "no crc for "
		    "segment %d in this format", fl.idx);
	}
	if (fl.kind == CF_F_GCM_TAG &&
	    flip_gcm_tag(p->fmt, &f, w, len, fl.idx) != 0) {
		free(w);
		return cf_fail(p, M2_E_USAGE, CF_R_NONE, -1, "no GCM block %d "
		    "in this frame", fl.idx);
	}
	if (fl.kind == CF_F_RESERVED) {
		if (m2_fmt_secure(p->fmt)) {
			free(w);
			return cf_fail(p, M2_E_USAGE, CF_R_NONE, -1, "reserved "
			    "byte faults are crc-only");
		}
		w[27] = (uint8_t)fl.val;
		m2_store_le32(w + 28, m2_crc32c(0, w, 28));
	}
	e = cf_peer_write(p, w, len);
	free(w);
	return e;
}

/* see peer.h */
m2_err
cf_peer_send1(struct cf_peer *p, uint8_t tag, const uint8_t *pay, size_t n)
{
	struct m2_span s = { pay, n };

	return cf_peer_send_frame(p, tag, &s, 1);
}

/* see peer.h */
m2_err
cf_peer_send_head(struct cf_peer *p, const struct m2_preamble *pre,
    int bad_crc)
{
	uint8_t pt[M2_PREAMBLE_LEN + M2_INLINE_LEN];
	uint8_t ct[M2_FRAME_HEAD_MAX];
	struct m2_buf b;
	size_t n;
	m2_err e;

	memset(pt, 0, sizeof(pt));
	m2_buf_init(&b, pt, M2_PREAMBLE_LEN);
	m2_preamble_build(&b, pre);
	if (m2_buf_finish(&b, NULL) != M2_OK)
		return cf_fail(p, M2_E_USAGE, CF_R_NONE, -1, "preamble");
	if (bad_crc)
		pt[28] ^= 0x01;
	if (!p->crypto_on)
		return cf_peer_write(p, pt, M2_PREAMBLE_LEN);
	n = p->fmt == M2_FMT_REV1_SECURE ? sizeof(pt) : M2_PREAMBLE_LEN;
	if ((e = m2_gcm_begin(&p->tx, 1)) != M2_OK ||
	    (e = m2_gcm_update(&p->tx, ct, pt, n)) != M2_OK)
		return cf_fail(p, e, CF_R_NONE, -1, "GCM failed");
	if (p->fmt == M2_FMT_REV1_SECURE) {
		if ((e = m2_gcm_seal_final(&p->tx, ct + n)) != M2_OK)
			return cf_fail(p, e, CF_R_NONE, -1, "GCM failed");
		n += M2_GCM_TAG_LEN;
	}
	/* msgr2.0 secure: the operation stays open; nothing follows. */
	return cf_peer_write(p, ct, n);
}

/* ------------------------------------------------------------------ */
/* Receiving frames                                                    */
/* ------------------------------------------------------------------ */

/* see peer.h */
m2_err
cf_peer_recv_frame(struct cf_peer *p, struct cf_rframe *out)
{
	uint8_t head[M2_FRAME_HEAD_MAX];
	struct m2_preamble pre;
	struct m2_frame f;
	struct m2_diag d;
	struct m2_gcm *rx = p->crypto_on ? &p->rx : NULL;
	size_t hl = m2_frame_head_len(p->fmt);
	uint64_t rest, scr;
	m2_err e;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	if ((e = cf_read_exact(p, head, hl, "while we waited for a frame")) !=
	    M2_OK)
		return e;
	if (grow(&p->scratch, &p->scap, M2_FRAME_HEAD_SCRATCH) != 0)
		return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1, "no memory");
	e = m2_frame_open_head(p->fmt, rx, head, hl, &pre, p->scratch,
	    p->scap, &d);
	if (e != M2_OK)
		return cf_fail(p, e, CF_R_FRAME, -1, "the peer sent a bad "
		    "frame head (%s at %s)", m2_err_name(e), d.field ?
		    d.field : "?");
	rest = m2_frame_rest_len(p->fmt, &pre);
	scr = m2_frame_scratch_len(p->fmt, &pre);
	if (rest > CF_MAX_RFRAME || scr > CF_MAX_RFRAME)
		return cf_fail(p, M2_E_LIMIT, CF_R_FRAME, pre.tag, "the peer "
		    "sent a %llu-byte frame (tag %u)",
		    (unsigned long long)rest, pre.tag);
	if (grow(&p->rbuf, &p->rcap, (size_t)rest + 1) != 0 ||
	    grow(&p->scratch, &p->scap, (size_t)scr + 1) != 0)
		return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1, "no memory");
	if ((e = cf_read_exact(p, p->rbuf, (size_t)rest, "inside a frame")) !=
	    M2_OK)
		return e;
	e = m2_frame_open_rest(p->fmt, rx, &pre, p->rbuf, (size_t)rest,
	    p->scratch, p->scap, &f, &d);
	if (e != M2_OK)
		return cf_fail(p, e, CF_R_FRAME, pre.tag, "the peer sent a bad "
		    "frame (tag %u: %s at %s)", pre.tag, m2_err_name(e),
		    d.field ? d.field : "?");
	out->tag = f.tag;
	out->nseg = f.nseg;
	out->late = f.late;
	for (int i = 0; i < M2_MAX_SEGMENTS; i++)
		out->seg[i] = f.seg[i];
	return M2_OK;
}

/* see peer.h */
void
cf_payload(const struct cf_rframe *f, struct m2_cur *c)
{
	const struct m2_span *s = &f->seg[f->nseg ? f->nseg - 1 : 0];

	m2_cur_init(c, s->p, s->len);
}

/* see peer_int.h */
m2_err
cf_unexpected(struct cf_peer *p, const struct cf_rframe *f, const char *state)
{
	const char *n = m2_tag_name(f->tag);

	if (f->tag == M2_TAG_AUTH_BAD_METHOD) {
		struct m2_auth_bad_method bm;
		struct m2_cur c;

		cf_payload(f, &c);
		if (m2_msg_auth_bad_method_parse(&c, &bm, NULL) == M2_OK ||
		    bm.result != 0) {
			p->react.code = bm.result;
			return cf_fail(p, M2_E_PEER, CF_R_FRAME, f->tag, "the "
			    "peer sent AUTH_BAD_METHOD (result %d) %s",
			    bm.result, state);
		}
	}
	return cf_fail(p, M2_E_STATE, CF_R_FRAME, f->tag, "the peer sent %s "
	    "%s", n ? n : "an unknown tag", state);
}

/* see peer_int.h */
m2_err
cf_recv_tag(struct cf_peer *p, uint8_t tag, struct cf_rframe *f,
    struct m2_cur *c)
{
	char state[48];
	m2_err e;

	if ((e = cf_peer_recv_frame(p, f)) != M2_OK)
		return e;
	if (f->tag != tag) {
		snprintf(state, sizeof(state), "instead of %s",
		    m2_tag_name(tag) ? m2_tag_name(tag) : "?");
		return cf_unexpected(p, f, state);
	}
	cf_payload(f, c);
	return M2_OK;
}

/* ------------------------------------------------------------------ */
/* The handshake                                                       */
/* ------------------------------------------------------------------ */

/* see peer.h */
size_t
cf_build_hello(struct cf_peer *p, uint8_t *out, size_t cap)
{
	struct m2_entity_name en;
	struct m2_hello h;
	struct m2_buf b;
	size_t len = 0;

	/* Our type: --name's ("mon.b" says MON), else CLIENT. */
	h.entity_type = m2_entity_name_parse(p->s->name, &en) ?
	    (uint8_t)en.type : M2_ENTITY_TYPE_CLIENT;
	h.peer_addr = p->s->addr;
	m2_buf_init(&b, out, cap);
	m2_msg_hello_build(&b, &h);
	CF_IGNORE(m2_buf_finish(&b, &len));
	return len;
}

/* see peer.h */
m2_err
cf_peer_recv_hello(struct cf_peer *p)
{
	struct cf_rframe f;
	struct m2_cur c;
	m2_err e;

	if ((e = cf_recv_tag(p, M2_TAG_HELLO, &f, &c)) != M2_OK)
		return e;
	e = m2_msg_hello_parse(&c, &p->peer_hello, NULL);
	if (e != M2_OK && e != M2_E_TRAILING)
		return cf_fail(p, e, CF_R_FRAME, f.tag, "the peer's HELLO does "
		    "not decode: %s", m2_err_name(e));
	if (p->s->peer_type != 0 &&
	    p->peer_hello.entity_type != p->s->peer_type)
		return cf_fail(p, M2_E_PEER, CF_R_FRAME, f.tag, "the peer is "
		    "entity type 0x%x, not 0x%x", p->peer_hello.entity_type,
		    p->s->peer_type);
	return M2_OK;
}

static m2_err
step_hello(struct cf_peer *p)
{
	uint8_t pay[256];
	size_t n = cf_build_hello(p, pay, sizeof(pay));
	m2_err e;

	if ((e = cf_peer_send1(p, M2_TAG_HELLO, pay, n)) != M2_OK ||
	    (e = cf_peer_recv_hello(p)) != M2_OK)
		return e;
	p->stage = CF_ST_HELLO;
	return M2_OK;
}

/* The auth payload of AUTH_REQUEST for the configured method. */
static size_t
auth_payload(struct cf_peer *p, uint32_t method, uint64_t gid, uint8_t *out,
    size_t cap)
{
	struct m2_entity_name en;
	struct m2_buf b;
	size_t len = 0;

	m2_buf_init(&b, out, cap);
	if (method == M2_AUTH_CEPHX) {
		uint8_t key[16];

		if (p->cx == NULL &&
		    (p->cx = calloc(1, sizeof(*p->cx))) == NULL)
			return 0;
		memcpy(key, p->s->key, sizeof(key));
		if (p->wrong_key)
			key[0] ^= 0x5a;
		if (m2_cephx_client_init(p->cx, p->s->name, key,
		    M2_ENTITY_TYPE_MON | M2_ENTITY_TYPE_OSD |
		    M2_ENTITY_TYPE_MGR) != M2_OK)
			return 0;
		OPENSSL_cleanse(key, sizeof(key));
		if (m2_cephx_client_request(p->cx, gid, &b) != M2_OK)
			return 0;
	} else {
		if (!m2_entity_name_parse(p->s->name, &en))
			return 0;
		m2_buf_u8(&b, M2_AUTH_MODE_MON);
		m2_buf_le32(&b, en.type);
		m2_buf_lp32(&b, (struct m2_span){ (const uint8_t *)en.id,
		    strlen(en.id) });
		m2_buf_le64(&b, gid);
	}
	CF_IGNORE(m2_buf_finish(&b, &len));
	return len;
}

/* see peer.h */
size_t
cf_build_auth_request(struct cf_peer *p, uint32_t method,
    const uint32_t *modes, size_t n_modes, uint64_t gid, uint8_t *out,
    size_t cap)
{
	struct m2_auth_request r;
	uint8_t pay[1024];
	struct m2_buf b;
	size_t len = 0;

	memset(&r, 0, sizeof(r));
	r.method = method;
	r.n_modes = (uint32_t)(n_modes > M2_MAX_CON_MODES ? M2_MAX_CON_MODES :
	    n_modes);
	for (size_t i = 0; i < r.n_modes; i++)
		r.modes[i] = modes[i];
	r.payload = (struct m2_span){ pay,
	    auth_payload(p, method == M2_AUTH_CEPHX ? M2_AUTH_CEPHX :
	    M2_AUTH_NONE, gid, pay, sizeof(pay)) };
	m2_buf_init(&b, out, cap);
	m2_msg_auth_request_build(&b, &r);
	CF_IGNORE(m2_buf_finish(&b, &len));
	return len;
}

/* see peer_int.h */
m2_err
cf_crypto_on(struct cf_peer *p)
{
	uint8_t key[M2_GCM_KEY_LEN], rxn[M2_GCM_NONCE_LEN];
	uint8_t txn[M2_GCM_NONCE_LEN];
	m2_err e;

	if (p->con_mode != M2_CON_MODE_SECURE) {
		p->fmt = p->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;
		return M2_OK;
	}
	e = m2_secure_keys(p->con_secret, p->con_secret_len,
	    cf_peer_is_server(p) ? M2_ROLE_SERVER : M2_ROLE_CLIENT, key, rxn,
	    txn);
	if (e != M2_OK)
		return cf_fail(p, e, CF_R_FRAME, M2_TAG_AUTH_DONE, "secure "
		    "mode without a connection secret (%zu bytes)",
		    p->con_secret_len);
	if ((e = m2_gcm_init(&p->rx, key, rxn, p->rev1)) != M2_OK ||
	    (e = m2_gcm_init(&p->tx, key, txn, p->rev1)) != M2_OK) {
		OPENSSL_cleanse(key, sizeof(key));
		return cf_fail(p, e, CF_R_NONE, -1, "AES-GCM setup failed");
	}
	OPENSSL_cleanse(key, sizeof(key));
	p->crypto_on = 1;
	p->fmt = p->rev1 ? M2_FMT_REV1_SECURE : M2_FMT_REV0_SECURE;
	return M2_OK;
}

static m2_err
step_auth(struct cf_peer *p)
{
	uint8_t out[4096], more[2048];
	uint32_t method = p->s->auth;
	struct cf_rframe f;
	struct m2_cur c;
	size_t n;
	int round;
	m2_err e;

	n = cf_build_auth_request(p, method, &p->want_mode, 1, p->claim_gid,
	    out, sizeof(out));
	if (n == 0)
		return cf_fail(p, M2_E_USAGE, CF_R_NONE, -1, "cannot build "
		    "AUTH_REQUEST for %s (key? name?)", p->s->name);
	if ((e = cf_peer_send1(p, M2_TAG_AUTH_REQUEST, out, n)) != M2_OK)
		return e;
	for (round = 0; round < 8; round++) {
		if ((e = cf_peer_recv_frame(p, &f)) != M2_OK)
			return e;
		cf_payload(&f, &c);
		if (f.tag == M2_TAG_AUTH_REPLY_MORE && method == M2_AUTH_CEPHX) {
			struct m2_auth_reply_more rm;
			struct m2_auth_request_more rq;
			struct m2_buf b;
			size_t len;

			if (m2_msg_auth_reply_more_parse(&c, &rm, NULL) !=
			    M2_OK)
				return cf_fail(p, M2_E_BADVAL, CF_R_FRAME,
				    f.tag, "AUTH_REPLY_MORE does not decode");
			m2_buf_init(&b, more, sizeof(more));
			if (m2_cephx_client_reply_more(p->cx, rm.payload.p,
			    rm.payload.len, &b, NULL) != M2_OK ||
			    m2_buf_finish(&b, &len) != M2_OK)
				return cf_fail(p, M2_E_BADVAL, CF_R_FRAME,
				    f.tag, "the cephx challenge does not "
				    "decode");
			if (len <= sizeof(p->more_sent)) {
				memcpy(p->more_sent, more, len);
				p->more_len = len;
			}
			rq.payload = (struct m2_span){ more, len };
			if (p->replay_more != NULL)
				rq.payload = (struct m2_span){ p->replay_more,
				    p->replay_more_len };
			m2_buf_init(&b, out, sizeof(out));
			m2_msg_auth_request_more_build(&b, &rq);
			if (m2_buf_finish(&b, &len) != M2_OK)
				return cf_fail(p, M2_E_NOSPC, CF_R_NONE, -1,
				    "AUTH_REQUEST_MORE too big");
			if ((e = cf_peer_send1(p, M2_TAG_AUTH_REQUEST_MORE,
			    out, len)) != M2_OK)
				return e;
			continue;
		}
		if (f.tag == M2_TAG_AUTH_DONE) {
			struct m2_auth_done d;

			e = m2_msg_auth_done_parse(&c, &d, NULL);
			if (e != M2_OK && e != M2_E_TRAILING)
				return cf_fail(p, e, CF_R_FRAME, f.tag,
				    "AUTH_DONE does not decode");
			p->rec = 0;	/* the signature covers AUTH_DONE */
			p->global_id = d.global_id;
			p->con_mode = d.con_mode;
			if (d.con_mode != p->want_mode)
				return cf_fail(p, M2_E_PEER, CF_R_FRAME, f.tag,
				    "AUTH_DONE chose mode %u; we asked for %u",
				    d.con_mode, p->want_mode);
			if (method == M2_AUTH_CEPHX) {
				if (m2_cephx_client_done(p->cx, d.global_id,
				    d.payload.p, d.payload.len, NULL) != M2_OK)
					return cf_fail(p, M2_E_DENIED,
					    CF_R_FRAME, f.tag, "the cephx "
					    "reply in AUTH_DONE does not open");
				memcpy(p->session_key, p->cx->session_key,
				    16);
				p->session_key_len = 16;
				p->con_secret_len = p->cx->con_secret_len;
				memcpy(p->con_secret, p->cx->con_secret,
				    p->con_secret_len);
			}
			if ((e = cf_crypto_on(p)) != M2_OK)
				return e;
			p->stage = CF_ST_AUTH;
			return M2_OK;
		}
		return cf_unexpected(p, &f, "during authentication");
	}
	return cf_fail(p, M2_E_LIMIT, CF_R_FRAME, -1, "too many auth rounds");
}

/* see peer_int.h */
void
cf_sig_mac(const struct cf_peer *p, const uint8_t *b, size_t n, uint8_t out[32])
{
	if (m2_auth_signature_mac(p->session_key, p->session_key_len, b, n,
	    out) != M2_OK)
		return;	/* |out| is zeros */
}

/* see peer.h */
m2_err
cf_peer_send_sig(struct cf_peer *p)
{
	uint8_t mine[32];

	p->rec = 0;
	cf_sig_mac(p, p->pre[0], p->pre_len[0], mine);
	if (p->bad_sig == 1)
		mine[0] ^= 0x01;
	else if (p->bad_sig == 2)
		memset(mine, 0, sizeof(mine));
	return cf_peer_send1(p, M2_TAG_AUTH_SIGNATURE, mine, 32);
}

/* see peer.h */
m2_err
cf_peer_recv_sig(struct cf_peer *p)
{
	struct m2_auth_signature theirs;
	uint8_t want[32];
	struct cf_rframe f;
	struct m2_cur c;
	m2_err e;

	if ((e = cf_recv_tag(p, M2_TAG_AUTH_SIGNATURE, &f, &c)) != M2_OK)
		return e;
	e = m2_msg_auth_signature_parse(&c, &theirs, NULL);
	if (e != M2_OK && e != M2_E_TRAILING)
		return cf_fail(p, e, CF_R_FRAME, f.tag, "AUTH_SIGNATURE does "
		    "not decode");
	cf_sig_mac(p, p->pre[1], p->pre_len[1], want);
	if (CRYPTO_memcmp(theirs.sig, want, 32) != 0)
		return cf_fail(p, M2_E_BADSIG, CF_R_FRAME, f.tag, "the peer's "
		    "AUTH_SIGNATURE does not match what we sent");
	p->stage = CF_ST_SIGNED;
	return M2_OK;
}

/* see peer_int.h */
m2_err
cf_peer_sign(struct cf_peer *p)
{
	m2_err e;

	if ((e = cf_peer_send_sig(p)) != M2_OK)
		return e;
	return cf_peer_recv_sig(p);
}

/* see peer.h */
void
cf_default_client_ident(struct cf_peer *p, struct m2_client_ident *id)
{
	memset(id, 0, sizeof(*id));
	id->addrs.n = 1;
	id->addrs.marker = 2;
	id->addrs.a[0] = p->peer_hello.peer_addr;
	if (id->addrs.a[0].family == 0)
		id->addrs.a[0] = p->s->addr;
	id->addrs.a[0].type = M2_ADDR_ANY;
	id->addrs.a[0].nonce = (uint32_t)p->client_cookie;
	id->addrs.a[0].sa[0] = id->addrs.a[0].sa[1] = 0;
	id->target_addr = p->s->addr;
	id->gid = -1;
	id->global_seq = 1;
	id->features_supported = M2_CEPH_FEATURES_ALL;
	id->features_required = M2_CEPH_CLIENT_REQUIRED;
	id->flags = p->lossy ? M2_IDENT_LOSSY : 0;
	id->cookie = p->client_cookie;
}

/* see peer.h */
size_t
cf_build_client_ident(struct cf_peer *p, struct m2_client_ident *id,
    uint8_t *out, size_t cap)
{
	struct m2_client_ident def;
	struct m2_buf b;
	size_t len = 0;

	if (id == NULL) {
		cf_default_client_ident(p, &def);
		id = &def;
	}
	m2_buf_init(&b, out, cap);
	m2_msg_client_ident_build(&b, id);
	CF_IGNORE(m2_buf_finish(&b, &len));
	return len;
}

static m2_err
step_ident(struct cf_peer *p)
{
	uint8_t out[1024];
	struct cf_rframe f;
	struct m2_cur c;
	size_t n = cf_build_client_ident(p, NULL, out, sizeof(out));
	m2_err e;

	if ((e = cf_peer_send1(p, M2_TAG_CLIENT_IDENT, out, n)) != M2_OK)
		return e;
	if ((e = cf_recv_tag(p, M2_TAG_SERVER_IDENT, &f, &c)) != M2_OK)
		return e;
	e = m2_msg_server_ident_parse(&c, &p->sident, NULL);
	if (e != M2_OK && e != M2_E_TRAILING)
		return cf_fail(p, e, CF_R_FRAME, f.tag, "SERVER_IDENT does not "
		    "decode: %s", m2_err_name(e));
	p->stage = CF_ST_READY;
	return M2_OK;
}

/* see peer.h */
m2_err
cf_peer_run_to(struct cf_peer *p, enum cf_stage stage)
{
	m2_err e = M2_OK;

	if (cf_peer_is_server(p))
		return cf_srv_run_to(p, stage);
	while (p->stage < stage && e == M2_OK) {
		switch (p->stage) {
		case CF_ST_NONE:
			e = cf_peer_connect(p);
			break;
		case CF_ST_CONNECTED:
			e = cf_peer_banner(p, NULL);
			break;
		case CF_ST_BANNER:
			e = step_hello(p);
			break;
		case CF_ST_HELLO:
			e = step_auth(p);
			break;
		case CF_ST_AUTH:
			e = cf_peer_sign(p);
			break;
		case CF_ST_SIGNED:
			e = step_ident(p);
			break;
		default:
			return M2_OK;
		}
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* READY                                                               */
/* ------------------------------------------------------------------ */

/* see peer.h */
size_t
cf_build_message(struct cf_peer *p, uint64_t seq, uint16_t type,
    uint8_t *hdr)
{
	struct m2_header2 h;
	struct m2_buf b;

	(void)p;
	memset(&h, 0, sizeof(h));
	h.seq = seq;
	h.type = type;
	h.version = 1;
	h.compat_version = 1;
	h.priority = 127;
	h.flags = M2_FOOTER_COMPLETE | M2_FOOTER_NOCRC;
	m2_buf_init(&b, hdr, M2_HEADER2_LEN);
	m2_msg_header2_build(&b, &h);
	return M2_HEADER2_LEN;
}

/* see peer.h */
m2_err
cf_peer_send_cut_message(struct cf_peer *p, uint64_t seq, uint16_t type,
    size_t hdr_len, struct m2_span front)
{
	uint8_t hdr[M2_HEADER2_LEN];
	struct m2_span s[4];

	cf_build_message(p, seq, type, hdr);
	s[0] = (struct m2_span){ hdr, hdr_len < sizeof(hdr) ? hdr_len :
	    sizeof(hdr) };
	s[1] = front;
	s[2] = s[3] = (struct m2_span){ NULL, 0 };
	return cf_peer_send_frame(p, M2_TAG_MESSAGE, s, 4);
}

/* see peer.h */
m2_err
cf_peer_send_message(struct cf_peer *p, uint64_t seq, uint16_t type,
    struct m2_span front)
{
	p->out_seq = seq;
	return cf_peer_send_cut_message(p, seq, type, M2_HEADER2_LEN, front);
}

/* see peer.h */
void
cf_peer_echo_keepalive(struct cf_peer *p, const struct cf_rframe *f)
{
	struct m2_keepalive2 k;
	struct m2_cur c;
	uint8_t b[8];

	cf_payload(f, &c);
	if (m2_msg_keepalive2_parse(&c, &k, NULL) != M2_OK)
		return;
	m2_store_le32(b, k.sec);
	m2_store_le32(b + 4, k.nsec);
	CF_IGNORE(cf_peer_send1(p, M2_TAG_KEEPALIVE2_ACK, b, 8));
}

/* see peer.h */
m2_err
cf_peer_send_keepalive(struct cf_peer *p, uint32_t sec, uint32_t nsec)
{
	uint8_t b[8];

	m2_store_le32(b, sec);
	m2_store_le32(b + 4, nsec);
	return cf_peer_send1(p, M2_TAG_KEEPALIVE2, b, 8);
}

/* see peer.h */
void
cf_observe(struct cf_peer *p, uint32_t stop, struct cf_obs *o)
{
	struct cf_rframe f;
	struct m2_cur c;
	m2_err e;

	memset(o, 0, sizeof(*o));
	o->end.tag = -1;
	if (p->sock.fd < 0) {
		o->end.r = CF_R_CLOSE;
		snprintf(o->end.why, sizeof(o->end.why), "not connected");
		return;
	}
	for (;;) {
		e = cf_peer_recv_frame(p, &f);
		if (e != M2_OK) {
			o->end = p->react;
			return;
		}
		if (o->n < CF_OBS_MAX)
			o->tags[o->n++] = f.tag;
		cf_payload(&f, &c);
		switch (f.tag) {
		case M2_TAG_AUTH_BAD_METHOD: {
			struct m2_auth_bad_method bm;

			if (m2_msg_auth_bad_method_parse(&c, &bm, NULL) ==
			    M2_OK)
				o->bad_method = bm.result;
			break;
		}
		case M2_TAG_AUTH_DONE: {
			struct m2_auth_done d;

			e = m2_msg_auth_done_parse(&c, &d, NULL);
			if (e == M2_OK || e == M2_E_TRAILING) {
				o->done_gid = d.global_id;
				o->have_done = 1;
			}
			break;
		}
		case M2_TAG_MESSAGE: {
			struct m2_cur h;

			m2_cur_init(&h, f.seg[0].p, f.seg[0].len);
			if (m2_msg_header2_parse(&h, &o->msg, NULL) == M2_OK)
				o->have_msg = 1;
			break;
		}
		case M2_TAG_KEEPALIVE2_ACK: {
			struct m2_keepalive2_ack a;

			if (m2_msg_keepalive2_ack_parse(&c, &a, NULL) ==
			    M2_OK) {
				o->ka = a;
				o->have_ka = 1;
			}
			break;
		}
		case M2_TAG_KEEPALIVE2:
			cf_peer_echo_keepalive(p, &f);
			break;
		default:
			break;
		}
		if (f.tag < 32 && (stop & (1u << f.tag))) {
			o->stopped = 1;
			o->end.r = CF_R_FRAME;
			o->end.tag = f.tag;
			o->end.code = f.tag == M2_TAG_AUTH_BAD_METHOD ?
			    o->bad_method : 0;
			snprintf(o->end.why, sizeof(o->end.why), "the peer "
			    "sent %s", m2_tag_name(f.tag) ?
			    m2_tag_name(f.tag) : "?");
			return;
		}
	}
}

/* see peer.h */
int
cf_wirelog_write(const struct cf_peer *p, const char *path, const char *desc)
{
	const struct cf_wire *w = p->wire;
	json_t *doc, *sec, *ev;
	char *hex, txt[1100];
	int rc, c2s;

	if (w == NULL)
		return -1;
	doc = json_object();
	json_object_set_new(doc, "schema", json_string("m2-transcript/1"));
	json_object_set_new(doc, "description", json_string(desc));
	json_object_set_new(doc, "recorded_by", json_string("m2conform"));
	sec = json_object();
	if (p->session_key_len > 0 || p->stage >= CF_ST_AUTH) {
		hex = tool_hex(p->session_key, p->session_key_len);
		json_object_set_new(sec, "session_key", json_string(hex));
		free(hex);
	}
	hex = tool_hex(p->con_secret, p->con_secret_len);
	json_object_set_new(sec, "connection_secret", json_string(hex));
	free(hex);
	json_object_set_new(doc, "secrets", sec);
	/* [0] is what we received: the server's bytes when we are a client */
	c2s = cf_peer_is_server(p) ? 0 : 1;
	hex = tool_hex(w->b[c2s], w->len[c2s]);
	json_object_set_new(doc, "client_to_server", json_string(hex));
	free(hex);
	hex = tool_hex(w->b[!c2s], w->len[!c2s]);
	json_object_set_new(doc, "server_to_client", json_string(hex));
	free(hex);
	ev = json_array();
	for (size_t i = 0; i < w->nev; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "t", json_real(w->ev[i].t));
		json_object_set_new(e, "dir", json_string(w->ev[i].dir ==
		    c2s ? "c2s" : "s2c"));
		json_object_set_new(e, "off", json_integer(
		    (json_int_t)w->ev[i].off));
		json_object_set_new(e, "len", json_integer(
		    (json_int_t)w->ev[i].len));
		json_array_append_new(ev, e);
	}
	json_object_set_new(doc, "events", ev);
	if (w->dropped[0] || w->dropped[1])
		json_object_set_new(doc, "dropped", json_pack("{s:I,s:I}",
		    "c2s", (json_int_t)w->dropped[c2s], "s2c",
		    (json_int_t)w->dropped[!c2s]));
	rc = json_dump_file(doc, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (rc != 0)
		return -1;
	/* The frames, decoded, as m2dump prints them. */
	snprintf(txt, sizeof(txt), "%s", path);
	{
		size_t l = strlen(txt);
		struct tool_session *ss = NULL;
		size_t ns = 0;
		char err[256];
		FILE *f;

		if (l > 5 && strcmp(txt + l - 5, ".json") == 0)
			snprintf(txt + l - 5, sizeof(txt) - (l - 5), ".txt");
		else
			snprintf(txt + l, sizeof(txt) - l, ".txt");
		if (tool_sessions_load(path, &ss, &ns, err, sizeof(err)) != 0)
			return 0;
		if ((f = fopen(txt, "w")) != NULL) {
			for (size_t i = 0; i < ns; i++) {
				struct tool_replay r;

				memset(&r, 0, sizeof(r));
				(void)tool_replay_session(&ss[i], f, 0, &r);
				tool_replay_free(&r);
			}
			fclose(f);
		}
		tool_sessions_free(ss, ns);
	}
	return 0;
}

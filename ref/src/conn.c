/* SPDX-License-Identifier: MIT */
/*
 * The connection core (m2/conn.h): byte I/O with pre-auth recording,
 * frames in and out through the codec, the steps both roles share
 * (banner, AUTH_SIGNATURE, crypto switch-on) and the READY phase.
 * client.c and server.c hold the role-specific handshakes.
 */
#include "conn_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

/* see conn_int.h */
m2_err
conn_fail(struct m2_conn *c, m2_err e, const char *fmt, ...)
{
	va_list ap;

	if (c->err != M2_OK)
		return c->err;
	c->err = e;
	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	return e;
}

/* see conn_int.h */
void
conn_log(struct m2_conn *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (c->cfg == NULL || c->cfg->hooks.log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->cfg->hooks.log(c->cfg->hooks.arg, line);
}

/* see m2/conn.h */
const char *
m2_mode_name(uint32_t mode)
{
	switch (mode) {
	case M2_CON_MODE_CRC:
		return "crc";
	case M2_CON_MODE_SECURE:
		return "secure";
	default:
		return "unknown";
	}
}

/* see m2/conn.h */
const char *
m2_auth_name(uint32_t method)
{
	switch (method) {
	case M2_AUTH_NONE:
		return "none";
	case M2_AUTH_CEPHX:
		return "cephx";
	case M2_AUTH_GSS:
		return "gss";
	default:
		return "unknown";
	}
}

/* see conn_int.h */
const char *
conn_errno_name(int32_t r)
{
	switch (r) {
	case -1:
		return "operation not permitted";
	case -13:
		return "permission denied";
	case -16:
		return "device or resource busy";
	case -22:
		return "invalid argument";
	case -95:
		return "operation not supported";
	case -110:
		return "timed out";
	default:
		return "error";
	}
}

/* see conn_int.h */
uint64_t
conn_random64(void)
{
	uint64_t v = 0;

	while (v == 0)
		if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
			abort();
	return v;
}

/* see m2/conn.h */
void
m2_conn_init(struct m2_conn *c)
{
	memset(c, 0, sizeof(*c));
	c->sock.fd = -1;
	c->s = &c->own;
	c->own.sent_tail = &c->own.sent;
}

/* see m2/conn.h */
void
m2_session_clear(struct m2_session *s)
{
	struct m2_qmsg *q, *next;

	for (q = s->sent; q != NULL; q = next) {
		next = q->next;
		free(q->buf);
		free(q);
	}
	memset(s, 0, sizeof(*s));
	s->sent_tail = &s->sent;
}

/* see m2/conn.h */
void
m2_conn_close(struct m2_conn *c)
{
	m2_sock_close(&c->sock);
}

static void
conn_reset_wire(struct m2_conn *c)
{
	m2_gcm_wipe(&c->rx);
	m2_gcm_wipe(&c->tx);
	c->crypto_on = 0;
	c->pre_on = 0;
	c->pre_len[0] = c->pre_len[1] = 0;
	c->ready = 0;
	c->compression = 0;
	c->err = M2_OK;
	c->why[0] = '\0';
	OPENSSL_cleanse(&c->auth, sizeof(c->auth));
}

/* see m2/conn.h */
void
m2_conn_free(struct m2_conn *c)
{
	m2_sock_close(&c->sock);
	conn_reset_wire(c);
	free(c->pre[0]);
	free(c->pre[1]);
	free(c->rbuf);
	free(c->scratch);
	free(c->wbuf);
	m2_session_clear(&c->own);
	m2_conn_init(c);
}

/* see conn_int.h */
void
conn_begin(struct m2_conn *c)
{
	conn_reset_wire(c);
	c->pre_on = 1;
	c->fmt = M2_FMT_REV1_CRC;
}

/* Make |*p| hold at least |need| bytes, keeping its contents. */
static m2_err
grow(uint8_t **p, size_t *cap, size_t need)
{
	size_t ncap;
	uint8_t *np;

	if (need <= *cap)
		return M2_OK;
	ncap = *cap ? *cap : 4096;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	np = realloc(*p, ncap);
	if (np == NULL)
		return M2_E_NOSPC;
	*p = np;
	*cap = ncap;
	return M2_OK;
}

static m2_err
pre_record(struct m2_conn *c, int dir, const uint8_t *p, size_t n)
{
	if (!c->pre_on || n == 0)
		return M2_OK;
	if (c->pre_len[dir] + n > M2_MAX_PREAUTH_LEN)
		return conn_fail(c, M2_E_LIMIT,
		    "the handshake passed %u bytes before AUTH_SIGNATURE",
		    M2_MAX_PREAUTH_LEN);
	if (grow(&c->pre[dir], &c->pre_cap[dir], c->pre_len[dir] + n) !=
	    M2_OK)
		return conn_fail(c, M2_E_NOSPC, "out of memory");
	memcpy(c->pre[dir] + c->pre_len[dir], p, n);
	c->pre_len[dir] += n;
	return M2_OK;
}

static m2_err
io_fail(struct m2_conn *c, m2_err e, const char *what)
{
	switch (e) {
	case M2_E_EOF:
		return conn_fail(c, e, "the peer closed the connection %s",
		    what);
	case M2_E_TIMEOUT:
		return conn_fail(c, e, "timed out after %d ms %s",
		    c->sock.timeout_ms, what);
	default:
		return conn_fail(c, e, "socket error %s: %s", what,
		    strerror(errno));
	}
}

/* see conn_int.h */
m2_err
conn_write(struct m2_conn *c, const uint8_t *p, size_t n)
{
	m2_err e;

	if (c->err != M2_OK)
		return c->err;
	if ((e = pre_record(c, 1, p, n)) != M2_OK)
		return e;
	if (c->cfg->hooks.bytes != NULL)
		c->cfg->hooks.bytes(c->cfg->hooks.arg, 1, p, n);
	if ((e = m2_sock_write(&c->sock, p, n)) != M2_OK)
		return io_fail(c, e, "while sending");
	return M2_OK;
}

/*
 * Read |n| bytes into rbuf at |off|, growing rbuf only as bytes arrive
 * (at most 1 MiB ahead of them), so a claimed length costs nothing
 * until the peer sends it.
 */
static m2_err
conn_read_into_rbuf(struct m2_conn *c, size_t off, size_t n,
    const char *what)
{
	size_t have = 0, got, want;
	m2_err e;

	while (have < n) {
		want = n - have;
		if (want > (1u << 20))
			want = 1u << 20;
		if (grow(&c->rbuf, &c->rcap, off + have + want) != M2_OK)
			return conn_fail(c, M2_E_NOSPC, "out of memory");
		e = m2_sock_read_some(&c->sock, c->rbuf + off + have, want,
		    &got);
		if (e != M2_OK)
			return io_fail(c, e, what);
		have += got;
	}
	if ((e = pre_record(c, 0, c->rbuf + off, n)) != M2_OK)
		return e;
	if (c->cfg->hooks.bytes != NULL)
		c->cfg->hooks.bytes(c->cfg->hooks.arg, 0, c->rbuf + off, n);
	return M2_OK;
}

/* see conn_int.h */
m2_err
conn_banner(struct m2_conn *c)
{
	struct m2_banner mine = {
		.len = M2_BANNER_PAYLOAD_MIN,
		.supported = c->cfg->msgr2_supported,
		.required = c->cfg->msgr2_required,
	};
	uint8_t out[M2_BANNER_HEAD_LEN + M2_BANNER_PAYLOAD_MIN];
	struct m2_buf b;
	struct m2_cur cur;
	size_t len;
	m2_err e;

	m2_buf_init(&b, out, sizeof(out));
	m2_banner_build(&b, &mine);
	if ((e = m2_buf_finish(&b, &len)) != M2_OK)
		return conn_fail(c, e, "banner does not fit");
	if ((e = conn_write(c, out, len)) != M2_OK)
		return e;
	if ((e = conn_read_into_rbuf(c, 0, M2_BANNER_HEAD_LEN,
	    "before its banner")) != M2_OK)
		return e;
	if (memcmp(c->rbuf, M2_BANNER_MSGR1, M2_BANNER_MSGR1_LEN) == 0)
		return conn_fail(c, M2_E_MSGR1, "the peer speaks msgr1 "
		    "(\"ceph v027\"): this is a legacy v1 port, not msgr2");
	if (memcmp(c->rbuf, M2_BANNER_PREFIX, M2_BANNER_PREFIX_LEN) != 0)
		return conn_fail(c, M2_E_BADVAL,
		    "the peer's banner does not start with \"ceph v2\\n\"");
	len = m2_load_le16(c->rbuf + M2_BANNER_PREFIX_LEN);
	if (len < M2_BANNER_PAYLOAD_MIN)
		return conn_fail(c, M2_E_BADVAL,
		    "the peer's banner payload is %zu bytes (at least 16)",
		    len);
	if ((e = conn_read_into_rbuf(c, M2_BANNER_HEAD_LEN, len,
	    "inside its banner")) != M2_OK)
		return e;
	m2_cur_init(&cur, c->rbuf, M2_BANNER_HEAD_LEN + len);
	if ((e = m2_banner_parse(&cur, &c->peer_banner, &c->diag)) != M2_OK)
		return conn_fail(c, e, "bad banner: %s", m2_err_name(e));
	if ((e = m2_banner_check(&mine, &c->peer_banner)) != M2_OK)
		return conn_fail(c, e, "banner features do not match: we "
		    "support 0x%llx and require 0x%llx, the peer supports "
		    "0x%llx and requires 0x%llx",
		    (unsigned long long)mine.supported,
		    (unsigned long long)mine.required,
		    (unsigned long long)c->peer_banner.supported,
		    (unsigned long long)c->peer_banner.required);
	c->rev1 = m2_banner_rev(mine.supported, c->peer_banner.supported);
	c->fmt = c->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;
	conn_log(c, "banner: peer supports 0x%llx requires 0x%llx; "
	    "framing msgr2.%d",
	    (unsigned long long)c->peer_banner.supported,
	    (unsigned long long)c->peer_banner.required, c->rev1);
	return M2_OK;
}

/* see m2/conn.h */
m2_err
m2_conn_send_frame(struct m2_conn *c, uint8_t tag, const struct m2_span *segs,
    size_t nseg)
{
	static const uint16_t aligns[M2_MAX_SEGMENTS] = {
		M2_ALIGN_DEFAULT, M2_ALIGN_DEFAULT, M2_ALIGN_DEFAULT,
		M2_ALIGN_PAGE
	};
	struct m2_preamble pre;
	struct m2_frame f;
	struct m2_buf b;
	uint64_t need;
	size_t len;
	m2_err e;

	if (c->err != M2_OK)
		return c->err;
	m2_frame_init(&f, c->fmt, tag, segs, tag == M2_TAG_MESSAGE ?
	    aligns : NULL, nseg);
	m2_frame_preamble(&f, &pre);
	need = m2_frame_onwire_len(c->fmt, &pre);
	if (need > SIZE_MAX || grow(&c->wbuf, &c->wcap, (size_t)need) !=
	    M2_OK)
		return conn_fail(c, M2_E_NOSPC, "out of memory");
	if (c->cfg->hooks.frame != NULL)
		c->cfg->hooks.frame(c->cfg->hooks.arg, 1, c->fmt, &f);
	m2_buf_init(&b, c->wbuf, c->wcap);
	e = m2_frame_build(&b, c->fmt, c->crypto_on ? &c->tx : NULL, &f);
	if (e != M2_OK)
		return conn_fail(c, e, "cannot build a %s frame: %s",
		    m2_tag_name(tag), m2_err_name(e));
	if ((e = m2_buf_finish(&b, &len)) != M2_OK)
		return conn_fail(c, e, "frame does not fit");
	return conn_write(c, c->wbuf, len);
}

/* see conn_int.h */
m2_err
conn_send1(struct m2_conn *c, uint8_t tag, const uint8_t *p, size_t n)
{
	struct m2_span seg = { p, n };

	return m2_conn_send_frame(c, tag, &seg, 1);
}

/* see conn_int.h */
m2_err
conn_send_ctl(struct m2_conn *c, uint8_t tag, const void *payload)
{
	uint8_t buf[M2_CTL_BUF];
	char name[48] = "msg_";
	const char *t = m2_tag_name(tag);
	const struct m2_codec *row;
	struct m2_buf b;
	size_t len, i;

	for (i = 0; t != NULL && t[i] != '\0' && i + 5 < sizeof(name); i++)
		name[4 + i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ?
		    t[i] - 'A' + 'a' : t[i]);
	name[4 + i] = '\0';
	if ((row = m2_codec_find(name)) == NULL)
		return conn_fail(c, M2_E_USAGE, "no codec for tag %u", tag);
	m2_buf_init(&b, buf, sizeof(buf));
	row->build(&b, payload);
	if (m2_buf_finish(&b, &len) != M2_OK)
		return conn_fail(c, M2_E_NOSPC, "%s does not fit in %u bytes",
		    t, M2_CTL_BUF);
	return conn_send1(c, tag, buf, len);
}

/* One frame off the wire, aborted or not. */
static m2_err
recv_frame_once(struct m2_conn *c, struct m2_frame *f)
{
	uint8_t head[M2_FRAME_HEAD_MAX];
	struct m2_preamble pre;
	struct m2_gcm *rx = c->crypto_on ? &c->rx : NULL;
	size_t hl = m2_frame_head_len(c->fmt), rest;
	uint64_t rest64, scr;
	m2_err e;

	memset(f, 0, sizeof(*f));
	if (c->err != M2_OK)
		return c->err;
	if ((e = conn_read_into_rbuf(c, 0, hl, "while we waited for a frame"))
	    != M2_OK)
		return e;
	memcpy(head, c->rbuf, hl);
	if (grow(&c->scratch, &c->scap, M2_FRAME_HEAD_SCRATCH) != M2_OK)
		return conn_fail(c, M2_E_NOSPC, "out of memory");
	e = m2_frame_open_head(c->fmt, rx, head, hl, &pre, c->scratch,
	    c->scap, &c->diag);
	if (e != M2_OK)
		return conn_fail(c, e, "bad frame head (%s at %s): %s",
		    m2_err_name(e), c->diag.field ? c->diag.field : "?",
		    m2_strerror(e));
	rest64 = m2_frame_rest_len(c->fmt, &pre);
	if (!c->ready && rest64 > M2_MAX_PREAUTH_LEN)
		return conn_fail(c, M2_E_LIMIT, "a %s frame of %llu bytes "
		    "before the session is ready (at most %u)",
		    m2_tag_name(pre.tag) ? m2_tag_name(pre.tag) : "?",
		    (unsigned long long)rest64, M2_MAX_PREAUTH_LEN);
	rest = (size_t)rest64;
	if ((e = conn_read_into_rbuf(c, 0, rest, "inside a frame")) != M2_OK)
		return e;
	scr = m2_frame_scratch_len(c->fmt, &pre);
	if (grow(&c->scratch, &c->scap, (size_t)scr) != M2_OK)
		return conn_fail(c, M2_E_NOSPC, "out of memory");
	e = m2_frame_open_rest(c->fmt, rx, &pre, c->rbuf, rest, c->scratch,
	    c->scap, f, &c->diag);
	if (e != M2_OK)
		return conn_fail(c, e, "bad %s frame (%s at %s): %s",
		    m2_tag_name(pre.tag) ? m2_tag_name(pre.tag) : "unknown",
		    m2_err_name(e), c->diag.field ? c->diag.field : "?",
		    m2_strerror(e));
	if (c->cfg->hooks.frame != NULL)
		c->cfg->hooks.frame(c->cfg->hooks.arg, 0, c->fmt, f);
	if (f->flags & M2_PRE_COMPRESSED)
		return conn_fail(c, M2_E_BADVAL, "a compressed frame, but "
		    "compression was not negotiated");
	return M2_OK;
}

/*
 * see m2/conn.h.  An aborted frame (late status ABORTED: the sender
 * revoked it, as the kernel does for a revoked message) is dropped and
 * the next one read, as ProtocolV2::handle_read_frame_epilogue_main
 * does; the kernel's receiver treats it as an error instead (AMB-04).
 */
m2_err
m2_conn_recv_frame(struct m2_conn *c, struct m2_frame *f)
{
	m2_err e;

	for (int n = 0; n < M2_MAX_ABORTED; n++) {
		if ((e = recv_frame_once(c, f)) != M2_OK)
			return e;
		if (!m2_frame_aborted(c->fmt, f) ||
		    M2_FAULT(ABORTED_PROCESSED))
			return M2_OK;
		conn_log(c, "dropping an aborted %s frame",
		    m2_tag_name(f->tag) ? m2_tag_name(f->tag) : "?");
	}
	return conn_fail(c, M2_E_LIMIT, "the peer aborted %d frames in a "
	    "row", M2_MAX_ABORTED);
}

/* see conn_int.h */
m2_err
conn_recv_payload(struct m2_conn *c, struct m2_frame *f, struct m2_cur *p)
{
	m2_err e;

	if ((e = m2_conn_recv_frame(c, f)) != M2_OK)
		return e;
	if (f->tag == 0 || f->tag > M2_TAG_MAX)
		return conn_fail(c, M2_E_BADTAG, "unknown frame tag %u",
		    f->tag);
	/* Ceph decodes the last segment of a control frame (AMB §10.11). */
	m2_cur_init(p, f->seg[f->nseg - 1].p, f->seg[f->nseg - 1].len);
	return M2_OK;
}

/* see conn_int.h */
int
conn_in_list(uint32_t v, const uint32_t *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (l[i] == v)
			return 1;
	return 0;
}

/* see conn_int.h */
m2_err
conn_hello(struct m2_conn *c, const struct m2_addr *peer_addr)
{
	struct m2_hello mine = { c->cfg->my_type, *peer_addr }, theirs;
	struct m2_frame f;
	struct m2_cur cur;
	m2_err e;

	if ((e = conn_send_ctl(c, M2_TAG_HELLO, &mine)) != M2_OK)
		return e;
	if ((e = conn_recv_payload(c, &f, &cur)) != M2_OK)
		return e;
	if (f.tag != M2_TAG_HELLO)
		return conn_unexpected(c, &f, "while waiting for HELLO");
	e = m2_msg_hello_parse(&cur, &theirs, &c->diag);
	if ((e = conn_payload_result(c, e, "HELLO")) != M2_OK)
		return e;
	c->peer_type = theirs.entity_type;
	c->peer_addr_for_me = theirs.peer_addr;
	if (c->cfg->peer_type != 0 && theirs.entity_type != c->cfg->peer_type)
		return conn_fail(c, M2_E_PEER, "the peer is entity type 0x%x, "
		    "we expected 0x%x", theirs.entity_type,
		    c->cfg->peer_type);
	return M2_OK;
}

/* see conn_int.h */
m2_err
conn_payload_result(struct m2_conn *c, m2_err e, const char *what)
{
	if (e == M2_E_TRAILING && !M2_FAULT(TRAILING_REJECTED)) {
		/* Ceph ignores bytes after the fields; so do we (logged). */
		conn_log(c, "%s: %s at offset %zu ignored", what,
		    m2_err_name(e), c->diag.off);
		return M2_OK;
	}
	if (e != M2_OK)
		return conn_fail(c, e, "bad %s payload: %s at %s", what,
		    m2_err_name(e), c->diag.field ? c->diag.field : "?");
	return M2_OK;
}

/* see conn_int.h */
m2_err
conn_unexpected(struct m2_conn *c, const struct m2_frame *f,
    const char *state)
{
	const char *n = m2_tag_name(f->tag);

	return conn_fail(c, M2_E_STATE, "unexpected %s frame %s", n ? n :
	    "unknown", state);
}

/* see conn_int.h */
void
conn_hmac(const struct m2_auth_result *a, const uint8_t *p, size_t n,
    uint8_t out[M2_SIGNATURE_LEN])
{
	/* on failure |out| is zeros, which the peer will not accept */
	if (m2_auth_signature_mac(a->session_key, a->session_key_len, p, n,
	    out) != M2_OK)
		return;
}

/* see conn_int.h */
m2_err
conn_crypto_on(struct m2_conn *c)
{
	uint8_t key[M2_GCM_KEY_LEN], rxn[M2_GCM_NONCE_LEN];
	uint8_t txn[M2_GCM_NONCE_LEN];
	m2_err e;

	if (c->con_mode != M2_CON_MODE_SECURE) {
		c->fmt = c->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;
		return M2_OK;
	}
	e = m2_secure_keys(c->auth.con_secret, c->auth.con_secret_len,
	    c->role, key, rxn, txn);
	if (e != M2_OK)
		return conn_fail(c, e, "secure mode needs a connection secret "
		    "of at least 40 bytes; the auth gave %zu",
		    c->auth.con_secret_len);
	if (M2_FAULT(GCM_NONCE_REUSE))
		memcpy(txn, rxn, sizeof(txn));
	if ((e = m2_gcm_init(&c->rx, key, rxn, c->rev1)) != M2_OK ||
	    (e = m2_gcm_init(&c->tx, key, txn, c->rev1)) != M2_OK) {
		OPENSSL_cleanse(key, sizeof(key));
		return conn_fail(c, e, "cannot set up AES-GCM");
	}
	OPENSSL_cleanse(key, sizeof(key));
	c->crypto_on = 1;
	c->fmt = c->rev1 ? M2_FMT_REV1_SECURE : M2_FMT_REV0_SECURE;
	return M2_OK;
}

/* see conn_int.h */
m2_err
conn_signatures(struct m2_conn *c)
{
	struct m2_auth_signature mine, theirs;
	uint8_t want[M2_SIGNATURE_LEN];
	struct m2_frame f;
	struct m2_cur p;
	m2_err e;

	/* What we received is what we sign; recording stops here. */
	conn_hmac(&c->auth, c->pre[0], c->pre_len[0], mine.sig);
	conn_hmac(&c->auth, c->pre[1], c->pre_len[1], want);
	c->pre_on = 0;
	if ((e = conn_send_ctl(c, M2_TAG_AUTH_SIGNATURE, &mine)) != M2_OK)
		return e;
	if ((e = conn_recv_payload(c, &f, &p)) != M2_OK)
		return e;
	if (f.tag != M2_TAG_AUTH_SIGNATURE)
		return conn_unexpected(c, &f, "while waiting for "
		    "AUTH_SIGNATURE");
	e = m2_msg_auth_signature_parse(&p, &theirs, &c->diag);
	if ((e = conn_payload_result(c, e, "AUTH_SIGNATURE")) != M2_OK)
		return e;
	if (CRYPTO_memcmp(theirs.sig, want, sizeof(want)) != 0 &&
	    !M2_FAULT(SIGNATURE_UNCHECKED))
		return conn_fail(c, M2_E_BADSIG, "the peer's AUTH_SIGNATURE "
		    "does not match the bytes we sent (wrong session key, or "
		    "the stream was altered)");
	conn_log(c, "auth: signatures verified");
	return M2_OK;
}

/* Both sides run the compression handshake only if both set the bit. */
int
conn_wants_compression(const struct m2_conn *c)
{
	return (c->cfg->msgr2_supported & M2_FEATURE_COMPRESSION) &&
	    (c->peer_banner.supported & M2_FEATURE_COMPRESSION);
}

/* ------------------------------------------------------------------ */
/* READY                                                               */
/* ------------------------------------------------------------------ */

static void
trim_sent(struct m2_session *s, uint64_t upto)
{
	struct m2_qmsg *q;

	while ((q = s->sent) != NULL && q->h.seq <= upto) {
		s->sent = q->next;
		free(q->buf);
		free(q);
		s->nsent--;
	}
	if (s->sent == NULL)
		s->sent_tail = &s->sent;
}

/* see conn_int.h */
void
conn_discard_sent(struct m2_session *s, uint64_t upto)
{
	trim_sent(s, upto);
}

static m2_err
write_message(struct m2_conn *c, struct m2_qmsg *q)
{
	uint8_t hb[M2_HEADER2_LEN];
	struct m2_span segs[4];
	struct m2_buf b;
	size_t n;

	q->h.ack_seq = M2_FAULT(ACK_SEQ_STUCK) ? 0 : c->s->in_seq;
	m2_buf_init(&b, hb, sizeof(hb));
	m2_msg_header2_build(&b, &q->h);
	if (m2_buf_finish(&b, NULL) != M2_OK)
		return conn_fail(c, M2_E_NOSPC, "header2");
	segs[0] = (struct m2_span){ hb, sizeof(hb) };
	segs[1] = (struct m2_span){ q->buf, q->len[0] };
	segs[2] = (struct m2_span){ q->buf + q->len[0], q->len[1] };
	segs[3] = (struct m2_span){ q->buf + q->len[0] + q->len[1],
	    q->len[2] };
	n = 4;
	c->acked_in_seq = c->s->in_seq;
	return m2_conn_send_frame(c, M2_TAG_MESSAGE, segs, n);
}

/* see m2/conn.h */
m2_err
m2_conn_send_message(struct m2_conn *c, const struct m2_header2 *h,
    struct m2_span front, struct m2_span middle, struct m2_span data)
{
	struct m2_session *s = c->s;
	struct m2_qmsg tmp, *q = &tmp;
	size_t total;
	m2_err e;

	if (c->err != M2_OK)
		return c->err;
	if (!c->ready)
		return conn_fail(c, M2_E_USAGE, "not ready");
	memset(&tmp, 0, sizeof(tmp));
	total = front.len + middle.len + data.len;
	if (!s->lossy) {
		if (s->nsent >= M2_MAX_UNACKED)
			return conn_fail(c, M2_E_LIMIT, "%u messages unacked",
			    M2_MAX_UNACKED);
		if ((q = calloc(1, sizeof(*q))) == NULL ||
		    (q->buf = malloc(total ? total : 1)) == NULL) {
			free(q);
			return conn_fail(c, M2_E_NOSPC, "out of memory");
		}
		if (front.len)
			memcpy(q->buf, front.p, front.len);
		if (middle.len)
			memcpy(q->buf + front.len, middle.p, middle.len);
		if (data.len)
			memcpy(q->buf + front.len + middle.len, data.p,
			    data.len);
	} else {
		/* Lossy: nothing kept; write straight from the caller. */
		uint8_t *buf = malloc(total ? total : 1);

		if (buf == NULL)
			return conn_fail(c, M2_E_NOSPC, "out of memory");
		if (front.len)
			memcpy(buf, front.p, front.len);
		if (middle.len)
			memcpy(buf + front.len, middle.p, middle.len);
		if (data.len)
			memcpy(buf + front.len + middle.len, data.p,
			    data.len);
		q->buf = buf;
	}
	q->h = *h;
	q->h.seq = ++s->out_seq;
	q->h.flags = M2_FOOTER_COMPLETE | M2_FOOTER_NOCRC;
	q->h.data_pre_padding_len = 0;
	q->h.data_off = 0;
	q->h.reserved = 0;
	q->len[0] = front.len;
	q->len[1] = middle.len;
	q->len[2] = data.len;
	e = write_message(c, q);
	if (s->lossy) {
		free(q->buf);
		return e;
	}
	*s->sent_tail = q;
	s->sent_tail = &q->next;
	s->nsent++;
	return e;
}

/* see conn_int.h */
m2_err
conn_resend(struct m2_conn *c)
{
	struct m2_qmsg *q;
	m2_err e;

	for (q = c->s->sent; q != NULL; q = q->next) {
		q->h.seq = ++c->s->out_seq;
		if ((e = write_message(c, q)) != M2_OK)
			return e;
	}
	return M2_OK;
}

/* see m2/conn.h */
m2_err
m2_conn_send_keepalive(struct m2_conn *c)
{
	struct m2_keepalive2 ka;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ka.sec = (uint32_t)ts.tv_sec;
	ka.nsec = (uint32_t)ts.tv_nsec;
	return conn_send_ctl(c, M2_TAG_KEEPALIVE2, &ka);
}

/* see m2/conn.h */
m2_err
m2_conn_send_ack(struct m2_conn *c)
{
	struct m2_ack a = { c->s->in_seq };

	if (c->s->in_seq == c->acked_in_seq)
		return M2_OK;
	c->acked_in_seq = c->s->in_seq;
	return conn_send_ctl(c, M2_TAG_ACK, &a);
}

/* see m2/conn.h */
m2_err
m2_conn_recv(struct m2_conn *c, struct m2_message *m, int ka_ack_only)
{
	struct m2_frame f;
	struct m2_cur p;
	m2_err e;

	memset(m, 0, sizeof(*m));
	for (;;) {
		if ((e = conn_recv_payload(c, &f, &p)) != M2_OK)
			return e;
		switch (f.tag) {
		case M2_TAG_MESSAGE: {
			struct m2_cur hc;

			m2_cur_init(&hc, f.seg[0].p, f.seg[0].len);
			e = m2_msg_header2_parse(&hc, &m->h, &c->diag);
			if (e != M2_OK)
				return conn_fail(c, e, "bad message header "
				    "(%s): segment 0 must be exactly 41 "
				    "bytes", m2_err_name(e));
			m->front = f.seg[1];
			m->middle = f.seg[2];
			m->data = f.seg[3];
			if (!c->s->lossy)
				trim_sent(c->s, m->h.ack_seq);
			if (m->h.seq <= c->s->in_seq) {
				conn_log(c, "dropping old message seq %llu "
				    "(have %llu)",
				    (unsigned long long)m->h.seq,
				    (unsigned long long)c->s->in_seq);
				continue;
			}
			if (m->h.seq > c->s->in_seq + 1)
				conn_log(c, "skipped messages %llu..%llu",
				    (unsigned long long)c->s->in_seq + 1,
				    (unsigned long long)m->h.seq - 1);
			c->s->in_seq = m->h.seq;
			return M2_OK;
		}
		case M2_TAG_KEEPALIVE2: {
			struct m2_keepalive2 ka;
			struct m2_keepalive2_ack ack;

			e = m2_msg_keepalive2_parse(&p, &ka, &c->diag);
			if ((e = conn_payload_result(c, e, "KEEPALIVE2")) !=
			    M2_OK)
				return e;
			ack.sec = ka.sec;
			ack.nsec = ka.nsec;
			if (M2_FAULT(KEEPALIVE_STAMP)) {
				struct timespec now;

				clock_gettime(CLOCK_REALTIME, &now);
				ack.sec = (uint32_t)now.tv_sec;
				ack.nsec = (uint32_t)now.tv_nsec;
			}
			if ((e = conn_send_ctl(c, M2_TAG_KEEPALIVE2_ACK,
			    &ack)) != M2_OK)
				return e;
			break;
		}
		case M2_TAG_KEEPALIVE2_ACK: {
			struct m2_keepalive2_ack ack;

			e = m2_msg_keepalive2_ack_parse(&p, &ack, &c->diag);
			if ((e = conn_payload_result(c, e, "KEEPALIVE2_ACK"))
			    != M2_OK)
				return e;
			c->ka_sec = ack.sec;
			c->ka_nsec = ack.nsec;
			c->got_ka_ack = 1;
			if (ka_ack_only)
				return M2_OK;
			break;
		}
		case M2_TAG_ACK: {
			struct m2_ack a;

			e = m2_msg_ack_parse(&p, &a, &c->diag);
			if ((e = conn_payload_result(c, e, "ACK")) != M2_OK)
				return e;
			if (!c->s->lossy)
				trim_sent(c->s, a.seq);
			break;
		}
		default:
			return conn_unexpected(c, &f, "in the READY state");
		}
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * The conversation body: drive the server handshake, and then the READY
 * loop, with a client byte stream built from fuzzed frames.  Oracle: no
 * sanitizer report, no hang (every socket wait has a 50 ms deadline and
 * the stream ends), nothing read past the stream.
 *
 * Input: byte 0 is the control byte
 *   bit 0  our banner advertises REVISION_1 (msgr2.1 framing)
 *   bit 1  our banner advertises COMPRESSION
 *   bit 2  the server's policy is lossless (session table, reconnects)
 *   bit 3  the bytes after the records are appended raw (garbage frames)
 * then records, each framed with valid crcs in the negotiated format:
 *   u8 tag | u8 nseg (low 2 bits + 1) | per segment: le16 len, bytes
 * An AUTH_SIGNATURE record with one empty segment becomes 32 zero bytes,
 * the right signature for auth none, so the fuzzer gets past it.
 * The server allows auth none and crc only; its address is
 * v2:127.0.0.1:3300/0 (CLIENT_IDENT must name it).
 */
#ifndef M2_FZ_CONV_H
#define M2_FZ_CONV_H

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "m2/m2.h"

#define FZ_CONV_MAX_INPUT	(64u << 10)
#define FZ_CONV_MAX_STREAM	(256u << 10)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static _Atomic uint64_t	fz_conv_gid;
static struct m2_session fz_conv_sess;
static int		fz_conv_have_sess;

static struct m2_session *
fz_conv_find(void *tab, const struct m2_addrvec *a, uint64_t cookie)
{
	(void)tab;
	(void)a;
	return fz_conv_have_sess && fz_conv_sess.client_cookie == cookie ?
	    &fz_conv_sess : NULL;
}

static struct m2_session *
fz_conv_create(void *tab)
{
	(void)tab;
	m2_session_clear(&fz_conv_sess);
	fz_conv_have_sess = 1;
	return &fz_conv_sess;
}

/* Append the records of |p|/|n| as frames in |fmt| to |b|. */
static void
fz_conv_frames(struct m2_buf *b, enum m2_fmt fmt, const uint8_t *p, size_t n,
    int raw)
{
	static const uint8_t zeros[M2_SIGNATURE_LEN];

	while (n >= 2) {
		struct m2_span segs[M2_MAX_SEGMENTS];
		struct m2_frame f;
		uint8_t tag = p[0];
		size_t nseg = (size_t)(p[1] & 3) + 1, i;

		p += 2;
		n -= 2;
		for (i = 0; i < nseg; i++) {
			size_t len;

			if (n < 2)
				break;
			len = m2_load_le16(p);
			p += 2;
			n -= 2;
			if (len > n)
				len = n;
			segs[i] = (struct m2_span){ p, len };
			p += len;
			n -= len;
		}
		if (i == 0)
			break;
		if (tag == M2_TAG_AUTH_SIGNATURE && i == 1 && segs[0].len == 0)
			segs[0] = (struct m2_span){ zeros, sizeof(zeros) };
		m2_frame_init(&f, fmt, tag, segs, NULL, i);
		if (m2_frame_build(b, fmt, NULL, &f) != M2_OK)
			return;
	}
	if (raw)
		m2_buf_bytes(b, p, n);
}

static int
fz_conv_server(const uint8_t *data, size_t size)
{
	static uint8_t stream[FZ_CONV_MAX_STREAM];
	struct m2_server_auth auth = { (void *)&fz_conv_gid,
	    m2_auth_none_server, NULL };
	struct m2_server_cfg cfg;
	struct m2_banner ban = { 16, 0, 0 };
	struct m2_message m;
	struct m2_conn c;
	struct m2_sock s;
	struct m2_cur cur;
	struct m2_buf b;
	int sv[2], big = 4 << 20;
	size_t len;

	if (size < 1 || size > FZ_CONV_MAX_INPUT)
		return 0;
	m2_session_clear(&fz_conv_sess);
	fz_conv_have_sess = 0;
	ban.supported = (data[0] & 1 ? M2_FEATURE_REVISION_1 : 0) |
	    (data[0] & 2 ? M2_FEATURE_COMPRESSION : 0);
	m2_buf_init(&b, stream, sizeof(stream));
	m2_banner_build(&b, &ban);
	fz_conv_frames(&b, data[0] & 1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC,
	    data + 1, size - 1, data[0] & 8);
	if (m2_buf_finish(&b, &len) != M2_OK)
		return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		abort();
	(void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	(void)setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	(void)setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	if (write(sv[0], stream, len) != (ssize_t)len)
		abort();
	(void)shutdown(sv[0], SHUT_WR);

	memset(&cfg, 0, sizeof(cfg));
	cfg.base.my_type = M2_ENTITY_TYPE_MON;
	cfg.base.msgr2_supported = M2_FEATURE_REVISION_1 |
	    M2_FEATURE_COMPRESSION;
	cfg.base.features_supported = M2_CEPH_FEATURES_ALL;
	cfg.base.features_required = M2_CEPH_CLIENT_REQUIRED;
	cfg.base.modes[0] = M2_CON_MODE_CRC;
	cfg.base.n_modes = 1;
	cfg.base.timeout_ms = 50;
	cfg.methods[0] = M2_AUTH_NONE;
	cfg.n_methods = 1;
	cfg.auth = &auth;
	m2_cur_init(&cur, (const uint8_t *)"v2:127.0.0.1:3300", 17);
	cfg.my_addrs.n = 1;
	cfg.my_addrs.marker = 2;
	if (m2_addr_text_parse(&cur, &cfg.my_addrs.a[0], NULL) != M2_OK)
		abort();
	cfg.lossy = !(data[0] & 4);
	cfg.find = fz_conv_find;
	cfg.create = fz_conv_create;
	s.fd = sv[1];
	s.timeout_ms = 50;
	m2_conn_init(&c);
	if (m2_server_accept(&c, &cfg, &s) == M2_OK)
		for (int i = 0; i < 1024; i++)
			if (m2_conn_recv(&c, &m, 0) != M2_OK)
				break;
	c.s = &c.own;
	m2_conn_free(&c);
	close(sv[0]);
	return 0;
}

#endif

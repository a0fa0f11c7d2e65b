/* SPDX-License-Identifier: MIT */
/*
 * The banner, the preamble and frames in all four formats (m2/frame.h):
 * known answers (a real ceph-mon's bytes, the protocol map's §4.3
 * examples checked by hand, secure frames sealed by an independent
 * implementation), Ceph's onwire length table, round trips, every strict
 * prefix rejected, one appended byte trailing, every covered byte
 * guarded, 4 MiB frames, and lengths near 2^32.
 */
#include "t.h"

/* secret = 00 01 .. 3f; the server sends with nonce A, the client reads */
static uint8_t	secret[64];

static uint8_t *
xmalloc(size_t n)
{
	uint8_t	*p = malloc(n > 0 ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

/* A GCM context for one direction at frameIndex 0. */
static void
gcm_at_start(struct m2_gcm *g, enum m2_fmt fmt, enum m2_role role)
{
	uint8_t	key[16], rx[12], tx[12];

	T_OK(m2_secure_keys(secret, sizeof(secret), role, key, rx, tx));
	T_OK(m2_gcm_init(g, key, role == M2_ROLE_SERVER ? tx : rx,
	    m2_fmt_rev1(fmt)));
}

/* Build |f|; returns a malloc'd frame and its length. */
static uint8_t *
build(enum m2_fmt fmt, const struct m2_frame *f, size_t *len)
{
	struct m2_preamble	 pre;
	struct m2_gcm		 tx, *txp = NULL;
	struct m2_buf		 b;
	uint8_t			*p;
	size_t			 cap;

	m2_frame_preamble(f, &pre);
	cap = (size_t)m2_frame_onwire_len(fmt, &pre);
	p = xmalloc(cap);
	if (m2_fmt_secure(fmt)) {
		gcm_at_start(&tx, fmt, M2_ROLE_SERVER);
		txp = &tx;
	}
	m2_buf_init(&b, p, cap);
	T_OK(m2_frame_build(&b, fmt, txp, f));
	T_OK(m2_buf_finish(&b, len));
	T_EQ(*len, cap);
	if (txp != NULL)
		m2_gcm_wipe(txp);
	return p;
}

/* Ceph's table (protocol map §2.4), written out independently. */
static uint64_t
expect_len(enum m2_fmt fmt, const struct m2_frame *f)
{
	uint64_t	sum = 0, rest = 0, len0 = f->seg[0].len, p0;

	for (size_t i = 0; i < f->nseg; i++)
		sum += m2_fmt_secure(fmt) ? (f->seg[i].len + 15) / 16 * 16 :
		    f->seg[i].len;
	switch (fmt) {
	case M2_FMT_REV0_CRC:
		return 32 + sum + 17;
	case M2_FMT_REV1_CRC:
		rest = sum - len0;
		return 32 + (len0 ? len0 + 4 : 0) +
		    (f->nseg > 1 ? rest + 13 : 0);
	case M2_FMT_REV0_SECURE:
		return 32 + sum + 16 + 16;
	case M2_FMT_REV1_SECURE:
		p0 = (len0 + 15) / 16 * 16;
		rest = sum - p0;
		return 96 + (p0 > 48 ? p0 - 48 + 16 : 0) +
		    (f->nseg > 1 ? rest + 16 + 16 : 0);
	}
	return 0;
}

static int
same_frame(const struct m2_frame *a, const struct m2_frame *b)
{
	if (a->tag != b->tag || a->flags != b->flags || a->nseg != b->nseg ||
	    a->has_epilogue != b->has_epilogue ||
	    (a->has_epilogue && a->late != b->late))
		return 0;
	for (size_t i = 0; i < a->nseg; i++)
		if (a->align[i] != b->align[i] ||
		    a->seg[i].len != b->seg[i].len ||
		    (a->seg[i].len > 0 &&
		    memcmp(a->seg[i].p, b->seg[i].p, a->seg[i].len) != 0))
			return 0;
	return 1;
}

/* Bytes a crc format leaves unguarded: late bytes, unused crc slots. */
static int
unguarded(enum m2_fmt fmt, const struct m2_frame *f, size_t off, size_t len)
{
	size_t	epi;

	if (fmt == M2_FMT_REV0_CRC) {
		epi = len - 17;
		return off == epi ||
		    (off > epi && (off - epi - 1) / 4 >= f->nseg);
	}
	if (fmt == M2_FMT_REV1_CRC && f->nseg > 1) {
		epi = len - 13;
		return off == epi ||
		    (off > epi && (off - epi - 1) / 4 + 1 >= f->nseg);
	}
	return 0;
}

struct want {
	const char	*dump;
	const uint8_t	*bytes;		/* NULL: no known answer */
	size_t		 len;
	int		 big;		/* skip the per-byte loops */
};

/*
 * Every property of one frame in one format.  Secure frames are sealed
 * at frameIndex 0 by the server and opened by the client.
 */
static void
check_frame(enum m2_fmt fmt, const struct m2_frame *f, const struct want *w)
{
	struct m2_frame		 got, again;
	struct m2_preamble	 pre;
	struct m2_gcm		 rx, *rxp = NULL;
	struct m2_diag		 d;
	uint8_t			*p, *q, *scratch, nonce[12];
	size_t			 len, sl, hl = m2_frame_head_len(fmt);
	char			 dump[512];
	m2_err			 e;

	p = build(fmt, f, &len);
	T_EQ(len, expect_len(fmt, f));
	if (w->bytes != NULL) {
		T_EQ(len, w->len);
		T_CHECK(len == w->len && memcmp(p, w->bytes, len) == 0,
		    "%s tag %u: bytes differ from the known answer",
		    m2_fmt_name(fmt), f->tag);
	}
	m2_frame_preamble(f, &pre);
	sl = (size_t)m2_frame_scratch_len(fmt, &pre);
	T_CHECK(sl < len, "scratch %zu not under the frame's %zu", sl, len);
	scratch = xmalloc(sl + 1);
	if (m2_fmt_secure(fmt)) {
		gcm_at_start(&rx, fmt, M2_ROLE_CLIENT);
		rxp = &rx;
	}

	/* Whole-buffer parse, dump, and a rebuild to the same bytes. */
	e = m2_frame_parse(fmt, rxp, p, len, scratch, sl, &got, &d);
	T_CHECK(e == M2_OK, "%s tag %u: parse %s at %zu (%s)",
	    m2_fmt_name(fmt), f->tag, m2_err_name(e), d.off,
	    d.field ? d.field : "");
	T_CHECK(same_frame(f, &got), "%s: parsed frame differs",
	    m2_fmt_name(fmt));
	T_EQ(got.has_epilogue, f->has_epilogue);
	if (w->dump != NULL) {
		m2_frame_dump(fmt, &got, dump, sizeof(dump));
		T_STR(dump, w->dump);
	}
	if (e == M2_OK) {
		q = build(fmt, &got, &sl);
		T_CHECK(sl == len && memcmp(p, q, len) == 0, "%s: rebuild",
		    m2_fmt_name(fmt));
		free(q);
		sl = (size_t)m2_frame_scratch_len(fmt, &pre);
	}

	/* The two steps give the same, from a fresh receiver. */
	if (rxp != NULL) {
		m2_gcm_wipe(rxp);
		gcm_at_start(rxp, fmt, M2_ROLE_CLIENT);
	}
	T_OK(m2_frame_open_head(fmt, rxp, p, hl, &pre, scratch, sl, NULL));
	T_EQ(hl + m2_frame_rest_len(fmt, &pre), len);
	T_OK(m2_frame_open_rest(fmt, rxp, &pre, p + hl, len - hl, scratch, sl,
	    &again, NULL));
	T_CHECK(same_frame(f, &again), "%s: two-step frame differs",
	    m2_fmt_name(fmt));

	/* The zero-copy gather list holds the same bytes. */
	if (!m2_fmt_secure(fmt)) {
		struct m2_frame_iov	v;
		size_t			at = 0;

		T_OK(m2_frame_build_iov(fmt, f, &v));
		T_EQ(v.len, len);
		for (size_t i = 0; i < v.niov; i++) {
			if (at + v.iov[i].len > len)
				break;
			T_CHECK(v.iov[i].len > 0, "empty piece");
			T_MEM(v.iov[i].p, p + at, v.iov[i].len);
			at += v.iov[i].len;
		}
		T_EQ(at, len);
	} else {
		struct m2_frame_iov	v;

		T_ERR(m2_frame_build_iov(fmt, f, &v), M2_E_USAGE);
	}

	/* Every strict prefix: TRUNC, and the receiver is left alone. */
	if (rxp != NULL) {
		m2_gcm_wipe(rxp);
		gcm_at_start(rxp, fmt, M2_ROLE_CLIENT);
		memcpy(nonce, rxp->nonce, sizeof(nonce));
	}
	for (size_t i = 0; i < len; i += w->big ? 4093 : 1) {
		e = m2_frame_parse(fmt, rxp, p, i, scratch, sl, &got, NULL);
		T_CHECK(e == M2_E_TRUNC, "%s: %zu-byte prefix gave %s",
		    m2_fmt_name(fmt), i, m2_err_name(e));
		if (rxp != NULL)
			T_MEM(rxp->nonce, nonce, sizeof(nonce));
	}

	/* One appended byte: TRAILING. */
	q = xmalloc(len + 1);
	memcpy(q, p, len);
	q[len] = 0;
	T_ERR(m2_frame_parse(fmt, rxp, q, len + 1, scratch, sl, &got, NULL),
	    M2_E_TRAILING);

	/* Every guarded byte guards: flip it and the parse must fail. */
	for (size_t i = 0; !w->big && i < len; i++) {
		q[i] ^= 0x01;
		e = m2_frame_parse(fmt, rxp, q, len, scratch, sl, &got, NULL);
		if (unguarded(fmt, f, i, len))
			T_CHECK(e == M2_OK || e == M2_E_BADVAL,
			    "%s: flip at %zu gave %s", m2_fmt_name(fmt), i,
			    m2_err_name(e));
		else
			T_CHECK(e != M2_OK, "%s tag %u: flip at %zu accepted",
			    m2_fmt_name(fmt), f->tag, i);
		q[i] ^= 0x01;
	}
	free(q);
	free(scratch);
	free(p);
	if (rxp != NULL)
		m2_gcm_wipe(rxp);
}

static void
t_banner(void)
{
	/* REAL-CEPH.md: a ceph-mon 16.2.15 banner; and the kernel's */
	uint8_t			mon[26] = "ceph v2\n\x10\x00\x01";
	uint8_t			buf[64], in[40];
	struct m2_banner	b, kernel = { 16, 1, 1 }, quincy = { 16, 3, 0 };
	struct m2_banner	old = { 16, 0, 0 }, mine;
	struct m2_cur		c;
	struct m2_buf		w;
	struct m2_diag		d;
	char			s[128];
	size_t			len;

	m2_cur_init(&c, mon, sizeof(mon));
	T_OK(m2_banner_parse(&c, &b, NULL));
	m2_banner_dump(&b, s, sizeof(s));
	T_STR(s, "len=16 supported=0x1 required=0x0");
	m2_buf_init(&w, buf, sizeof(buf));
	m2_banner_build(&w, &b);
	T_OK(m2_buf_finish(&w, &len));
	T_EQ(len, m2_banner_size(&b));
	T_MEM(buf, mon, sizeof(mon));
	for (size_t i = 0; i < sizeof(mon); i++) {
		m2_cur_init(&c, mon, i);
		T_ERR(m2_banner_parse(&c, &b, NULL), M2_E_TRUNC);
	}
	memcpy(in, mon, sizeof(mon));
	in[26] = 0;
	m2_cur_init(&c, in, 27);
	T_ERR(m2_banner_parse(&c, &b, &d), M2_E_TRAILING);
	T_EQ(d.off, 26);

	/* msgr1 is told by "ceph v027", 9 bytes, as Ceph and the kernel do */
	memcpy(in, "ceph v027\x01\x02\x03", 12);
	m2_cur_init(&c, in, 12);
	T_ERR(m2_banner_parse(&c, &b, NULL), M2_E_MSGR1);
	memcpy(in, "ceph v028\x01", 10);
	m2_cur_init(&c, in, 10);
	T_ERR(m2_banner_parse(&c, &b, NULL), M2_E_BADVAL);
	memcpy(in, "ceph v2\r\x10\x00", 10);
	m2_cur_init(&c, in, 10);
	T_ERR(m2_banner_parse(&c, &b, NULL), M2_E_BADVAL);

	/* Payload length: under 16 is bad; over 16 is read and ignored. */
	memcpy(in, mon, sizeof(mon));
	in[8] = 0;
	m2_cur_init(&c, in, 10);
	T_ERR(m2_banner_parse(&c, &b, &d), M2_E_BADVAL);
	T_EQ(d.off, 8);
	in[8] = 15;
	m2_cur_init(&c, in, 25);
	T_ERR(m2_banner_parse(&c, &b, NULL), M2_E_BADVAL);
	in[8] = 17;
	in[26] = 0xaa;
	m2_cur_init(&c, in, 27);
	T_OK(m2_banner_parse(&c, &b, NULL));
	T_EQ(b.len, 17);
	m2_buf_init(&w, buf, sizeof(buf));
	m2_banner_build(&w, &b);
	T_OK(m2_buf_finish(&w, &len));
	T_EQ(len, 27);
	T_EQ(buf[26], 0);			/* extra bytes built as zeros */
	in[8] = 0xff;
	in[9] = 0xff;
	m2_cur_init(&c, in, 27);
	T_ERR(m2_banner_parse(&c, &b, NULL), M2_E_TRUNC);

	/* The feature check, both ways, and the revision. */
	mine = (struct m2_banner){ 16, 1, 0 };
	T_OK(m2_banner_check(&mine, &kernel));
	T_OK(m2_banner_check(&kernel, &quincy));
	T_ERR(m2_banner_check(&kernel, &old), M2_E_COMPAT);
	T_ERR(m2_banner_check(&old, &kernel), M2_E_COMPAT);
	T_OK(m2_banner_check(&mine, &old));
	T_EQ(m2_banner_rev(1, 3), 1);
	T_EQ(m2_banner_rev(3, 0), 0);
	T_EQ(m2_banner_rev(0, 1), 0);
}

/* A preamble with a fresh crc, from its fields. */
static void
mk_pre(uint8_t out[32], uint8_t tag, uint8_t nseg, const uint32_t len[4],
    const uint16_t align[4])
{
	struct m2_preamble	pre;
	struct m2_buf		b;

	memset(&pre, 0, sizeof(pre));
	pre.tag = tag;
	pre.nseg = nseg;
	for (size_t i = 0; i < 4; i++) {
		pre.seg[i].len = len[i];
		pre.seg[i].align = align[i];
	}
	m2_buf_init(&b, out, 32);
	m2_preamble_build(&b, &pre);
}

static m2_err
parse_pre(const uint8_t *p, size_t n, struct m2_preamble *pre,
    struct m2_diag *d)
{
	struct m2_cur	c;

	m2_cur_init(&c, p, n);
	return m2_preamble_parse(&c, pre, d);
}

static void
t_preamble(void)
{
	/* REAL-CEPH.md: the preamble of a ceph-mon 16.2.15 HELLO */
	uint8_t			hello[33] = { 0x01, 0x01, 0x24, 0, 0, 0, 0x08 };
	uint32_t		len[4] = { 0, 0, 0, 0 };
	uint16_t		al[4] = { 8, 8, 8, 4096 };
	struct m2_preamble	pre;
	struct m2_diag		d;
	uint8_t			p[32];
	char			s[128];

	memcpy(hello + 28, "\x3f\xbd\x6b\x06", 4);
	T_OK(parse_pre(hello, 32, &pre, NULL));
	m2_preamble_dump(&pre, s, sizeof(s));
	T_STR(s, "tag=1 nseg=1 segs=[36:8,0:0,0:0,0:0] flags=0x0 reserved=0x0");
	for (size_t i = 0; i < 32; i++)
		T_ERR(parse_pre(hello, i, &pre, NULL), M2_E_TRUNC);
	T_ERR(parse_pre(hello, 33, &pre, &d), M2_E_TRAILING);
	T_EQ(d.off, 32);
	hello[27] = 1;			/* the reserved byte is under the crc */
	T_ERR(parse_pre(hello, 32, &pre, &d), M2_E_BADCRC);
	T_EQ(d.off, 28);
	T_EQ(d.expected, 0x066bbd3fu);
	T_EQ(d.actual, m2_crc32c(0, hello, 28));

	/* nseg */
	mk_pre(p, 17, 0, len, al);
	T_ERR(parse_pre(p, 32, &pre, &d), M2_E_BADVAL);
	T_EQ(d.off, 1);
	mk_pre(p, 17, 5, len, al);
	T_ERR(parse_pre(p, 32, &pre, NULL), M2_E_BADVAL);

	/* WAIT: one empty segment is valid; an empty last of more is not */
	mk_pre(p, 16, 1, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));
	len[0] = 41;
	mk_pre(p, 17, 2, len, al);
	T_ERR(parse_pre(p, 32, &pre, &d), M2_E_BADVAL);
	T_STR(d.field, "preamble.seg1.len");
	len[1] = 1;
	mk_pre(p, 17, 2, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));

	/* Caps: at the limit and one over, used descriptors only. */
	len[0] = M2_MAX_SEG0_LEN;
	len[3] = M2_MAX_DATA_LEN;
	mk_pre(p, 17, 4, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));
	len[3] = M2_MAX_DATA_LEN + 1;
	mk_pre(p, 17, 4, len, al);
	T_ERR(parse_pre(p, 32, &pre, &d), M2_E_LIMIT);
	T_STR(d.field, "preamble.seg3.len");
	mk_pre(p, 17, 2, len, al);		/* seg3 unused: not checked */
	T_OK(parse_pre(p, 32, &pre, NULL));
	len[0] = M2_MAX_SEG0_LEN + 1;
	mk_pre(p, 17, 2, len, al);
	T_ERR(parse_pre(p, 32, &pre, NULL), M2_E_LIMIT);
	len[0] = 41;
	len[1] = M2_MAX_FRONT_LEN + 1;
	mk_pre(p, 17, 2, len, al);
	T_ERR(parse_pre(p, 32, &pre, NULL), M2_E_LIMIT);
	len[1] = 1;
	len[2] = 0xffffffffu;
	mk_pre(p, 17, 3, len, al);
	T_ERR(parse_pre(p, 32, &pre, NULL), M2_E_LIMIT);

	/* Alignment: non-power-of-two over 8 on a non-empty used segment */
	len[2] = 0;
	len[3] = 0;
	for (unsigned a = 0; a <= 70; a++) {
		int	bad = a > 8 && (a & (a - 1)) != 0;

		al[1] = (uint16_t)a;
		mk_pre(p, 17, 2, len, al);
		T_ERR(parse_pre(p, 32, &pre, NULL), bad ? M2_E_BADVAL : M2_OK);
	}
	al[1] = 0xffff;
	mk_pre(p, 17, 2, len, al);
	T_ERR(parse_pre(p, 32, &pre, &d), M2_E_BADVAL);
	T_STR(d.field, "preamble.seg1.align");
	T_EQ(d.off, 12);
	al[1] = 0x8000;
	mk_pre(p, 17, 2, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));
	al[1] = 8;
	al[2] = 12;				/* unused */
	mk_pre(p, 17, 2, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));
	len[0] = 0;				/* empty: never allocated */
	al[0] = 12;
	mk_pre(p, 16, 1, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));

	/* Round trip keeps unused descriptors and the reserved byte. */
	len[0] = 8;
	len[2] = 77;
	al[0] = 8;
	mk_pre(p, 18, 1, len, al);
	T_OK(parse_pre(p, 32, &pre, NULL));
	m2_preamble_dump(&pre, s, sizeof(s));
	T_STR(s, "tag=18 nseg=1 segs=[8:8,1:8,77:12,0:4096] flags=0x0 "
	    "reserved=0x0");
}

/* §4.3 examples, each checked by hand against crc32c before trusting. */
static void
t_worked_examples(void)
{
	static const uint8_t	ka_rev1[44] = {
		0x12, 0x01, 0x08, 0, 0, 0, 0x08, 0,
		[28] = 0xd8, 0xd5, 0xf5, 0x99,
		1, 0, 0, 0, 2, 0, 0, 0,
		0xd3, 0x13, 0x8c, 0x85,
	};
	static const uint8_t	ka_rev0[57] = {
		0x12, 0x01, 0x08, 0, 0, 0, 0x08, 0,
		[28] = 0xd8, 0xd5, 0xf5, 0x99,
		1, 0, 0, 0, 2, 0, 0, 0,
		0x00, 0xd3, 0x13, 0x8c, 0x85,
	};
	static const uint8_t	wait_rev1[32] = {
		0x10, 0x01, 0, 0, 0, 0, 0x08, 0,
		[28] = 0xc8, 0xe3, 0xaa, 0xb0,
	};
	const uint8_t		stamp[8] = { 1, 0, 0, 0, 2, 0, 0, 0 };
	struct m2_span		ka = { stamp, 8 }, none = { NULL, 0 };
	struct m2_frame		f;
	struct want		w;

	/* The crcs by hand: preamble seed 0, payload seed -1. */
	T_EQ(m2_crc32c(0, ka_rev1, 28), 0x99f5d5d8u);
	T_EQ(m2_crc32c(0xffffffffu, stamp, 8), 0x858c13d3u);
	T_EQ(m2_crc32c(0, wait_rev1, 28), 0xb0aae3c8u);

	m2_frame_init(&f, M2_FMT_REV1_CRC, 18, &ka, NULL, 1);
	w = (struct want){ "tag=18 flags=0x0 aligns=[8] "
	    "segs=[0100000002000000] late=-", ka_rev1, sizeof(ka_rev1), 0 };
	check_frame(M2_FMT_REV1_CRC, &f, &w);

	m2_frame_init(&f, M2_FMT_REV0_CRC, 18, &ka, NULL, 1);
	w = (struct want){ "tag=18 flags=0x0 aligns=[8] "
	    "segs=[0100000002000000] late=0x0", ka_rev0, sizeof(ka_rev0), 0 };
	check_frame(M2_FMT_REV0_CRC, &f, &w);

	m2_frame_init(&f, M2_FMT_REV1_CRC, 16, &none, NULL, 1);
	w = (struct want){ "tag=16 flags=0x0 aligns=[8] segs=[] late=-",
	    wait_rev1, sizeof(wait_rev1), 0 };
	check_frame(M2_FMT_REV1_CRC, &f, &w);
}

static size_t
unhex(const char *s, uint8_t **out)
{
	size_t	n = t_hex(s, NULL, 0);

	*out = xmalloc(n);
	return t_hex(s, *out, n);
}

/*
 * Secure frames sealed by Python's cryptography AESGCM from the layouts
 * in the protocol map (§2.5, §2.6), secret 00..3f, server to client,
 * frameIndex 0.  The two KEEPALIVE2s share their first 64 bytes: same
 * key, nonce and plaintext up to there.
 */
static void
t_secure_known(void)
{
	static const char	*ka1 =
	    "d62f0baf0f4fbeef17dd5df5c727eb3e3abc748736f46bbf85cb2911bfd0e434"
	    "d3d9213f83a6fb1ce3a0d5c8dad0511b89b8f12bf9c3bbe86b152db687904698"
	    "5e5812a422977d9bce807a40ada1ac2155e0fecef307eebf2f8b7c603ac2dfd2";
	static const char	*ka0 =
	    "d62f0baf0f4fbeef17dd5df5c727eb3e3abc748736f46bbf85cb2911bfd0e434"
	    "d3d9213f83a6fb1ce3a0d5c8dad0511b89b8f12bf9c3bbe86b152db687904698"
	    "f55cdf9095b620b3055e95e828a26583";
	static const char	*big0 =
	    "d52c3faf0f4fbeef73dd5df5cf27eb3e3abc748736f46bbf85cb2911a1d84cb8"
	    "d3dd26358cb6e80afabccaeafff87a35b88cc611c483f8ae225962e4d2c81dc6"
	    "3f3c75ce4fe70eedb7fc05c2282927afc19895a546726f9e704f5567e29919cf"
	    "a8a3c037385d141a5be270a9b5f6c7d070672bb0f448fce36a4ebd1f12a25fe8"
	    "848de0c7c79cb0b49993e48f02c47857095c3e2b8f37e9a7f09521f54e45d4e6"
	    "3c810208f4111d1a2c601246585f068310fed9f886311f97cd6934da547db671"
	    "b128a32d70f070ec2d85c4ad8d291fa894b9ae3c9084c3152a279e7e27c2fa65"
	    "94fc84c35b55498f18b84b54bd4b7c1ab6dd5e7089c2aa84962f444e31e29562"
	    "eb9c6ca98f48152a4a5998d2106f6717";
	static const char	*msg0 =
	    "d52a2aaf0f4fbeef73dd5df5cf27eb3e3abc7c8722f46bbf85db2911ece510a0"
	    "9298637cc5e3bd5babe99f83969d1f54d9e9a378ad96edbf334c77eddbcd18c7"
	    "3e3970c746f21bfca6807a40ada1ac217685ba9b65e084e16547d5aaa48b9f1f"
	    "e157be1d2d5c2768b9c6230227b4d142bc2c9011029582ffa182874ebb673de8"
	    "6ce2bc864698c38342d71498a0f4d2ae000fe69d9156faf8aa06fce210aa3d97"
	    "56b79c658e8ee3c318f4a88bd5ce2d12bffeab67e83f1c854836e1a088042e7e"
	    "bfbb85f14cab7ffaf6caf02506cefb2774e04aeeb467dc0969803b66e52ad317"
	    "c6eb3aaca9c6671ee8a6a2ae6dbb437d994997fee6630c49cf425118d5ba11de";
	const uint8_t	stamp[8] = { 1, 0, 0, 0, 2, 0, 0, 0 };
	uint8_t		hdr[41], front[100], data[20], s60[60], *bytes;
	uint16_t	al[4] = { 8, 8, 8, 4096 };
	struct m2_span	ka = { stamp, 8 }, segs[4];
	struct m2_frame	f;
	struct want	w;

	for (size_t i = 0; i < sizeof(hdr); i++)
		hdr[i] = (uint8_t)(0x40 + i);
	for (size_t i = 0; i < sizeof(front); i++)
		front[i] = (uint8_t)(i * 7);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 13 + 5);
	for (size_t i = 0; i < sizeof(s60); i++)
		s60[i] = (uint8_t)(i * 3 + 1);

	m2_frame_init(&f, M2_FMT_REV1_SECURE, 18, &ka, NULL, 1);
	w = (struct want){ "tag=18 flags=0x0 aligns=[8] "
	    "segs=[0100000002000000] late=-", NULL, 0, 0 };
	w.len = unhex(ka1, &bytes);
	w.bytes = bytes;
	check_frame(M2_FMT_REV1_SECURE, &f, &w);
	free(bytes);

	m2_frame_init(&f, M2_FMT_REV0_SECURE, 18, &ka, NULL, 1);
	w = (struct want){ "tag=18 flags=0x0 aligns=[8] "
	    "segs=[0100000002000000] late=0x0", NULL, 0, 0 };
	w.len = unhex(ka0, &bytes);
	w.bytes = bytes;
	check_frame(M2_FMT_REV0_SECURE, &f, &w);
	free(bytes);

	/* Segment 0 of 60 bytes: the inline 48, then GCM#2 and GCM#3. */
	segs[0] = (struct m2_span){ s60, sizeof(s60) };
	segs[1] = (struct m2_span){ front, sizeof(front) };
	m2_frame_init(&f, M2_FMT_REV1_SECURE, 17, segs, NULL, 2);
	w = (struct want){ NULL, NULL, 0, 0 };
	w.len = unhex(big0, &bytes);
	w.bytes = bytes;
	check_frame(M2_FMT_REV1_SECURE, &f, &w);
	free(bytes);

	/* A MESSAGE with an empty middle: 4 segments, rev0 secure. */
	segs[0] = (struct m2_span){ hdr, sizeof(hdr) };
	segs[2] = (struct m2_span){ NULL, 0 };
	segs[3] = (struct m2_span){ data, sizeof(data) };
	m2_frame_init(&f, M2_FMT_REV0_SECURE, 17, segs, al, 4);
	T_EQ(f.nseg, 4);
	w = (struct want){ NULL, NULL, 0, 0 };
	w.len = unhex(msg0, &bytes);
	w.bytes = bytes;
	check_frame(M2_FMT_REV0_SECURE, &f, &w);
	free(bytes);
}

/*
 * Ceph's round_trip_instances shape (test_frames_v2.cc): header 0, 1,
 * 48, 49 bytes with front 101, middle 202, data 303 in several mixes,
 * in every format.
 */
static void
t_round_trips(void)
{
	static const size_t	heads[] = { 0, 1, 41, 48, 49, 64, 65 };
	static const size_t	tails[][3] = {
		{ 0, 0, 0 }, { 101, 0, 0 }, { 101, 202, 0 }, { 101, 202, 303 },
		{ 0, 0, 303 }, { 0, 202, 0 }, { 1, 0, 16 },
	};
	uint8_t			pool[1024];
	uint16_t		al[4] = { 8, 8, 8, 4096 };
	struct want		w = { NULL, NULL, 0, 0 };

	for (size_t i = 0; i < sizeof(pool); i++)
		pool[i] = (uint8_t)(i * 31 + 7);
	for (unsigned fmt = 0; fmt < M2_FMT_COUNT; fmt++)
		for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
			for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]);
			    t++) {
				struct m2_span	segs[4];
				struct m2_frame	f;

				segs[0] = (struct m2_span){ pool, heads[h] };
				for (size_t k = 0; k < 3; k++)
					segs[k + 1] = (struct m2_span){
					    pool + 100 * (k + 1), tails[t][k] };
				m2_frame_init(&f, (enum m2_fmt)fmt, 17, segs,
				    al, 4);
				check_frame((enum m2_fmt)fmt, &f, &w);
			}
}

/* Late bytes: aborted frames parse; rev1 judges the low nibble only. */
static void
t_late(void)
{
	static const uint8_t	late[] = { 0x0e, 0x01, 0x1e, 0xe1, 0xfe, 0x0f,
	    0x00, 0x0c };
	uint8_t			a[5] = "abcde", b[3] = "xyz", *scratch;
	struct m2_span		segs[2] = { { a, 5 }, { b, 3 } };
	struct m2_frame		f, got;
	struct m2_gcm		rx, *rxp;

	scratch = xmalloc(1024);
	for (unsigned fmt = 0; fmt < M2_FMT_COUNT; fmt++)
		for (size_t i = 0; i < sizeof(late); i++) {
			uint8_t	*p;
			size_t	 len;
			int	 ok, aborted;
			m2_err	 e;

			m2_frame_init(&f, (enum m2_fmt)fmt, 17, segs, NULL, 2);
			f.late = late[i];
			p = build((enum m2_fmt)fmt, &f, &len);
			rxp = NULL;
			if (m2_fmt_secure((enum m2_fmt)fmt)) {
				gcm_at_start(&rx, (enum m2_fmt)fmt,
				    M2_ROLE_CLIENT);
				rxp = &rx;
			}
			e = m2_frame_parse((enum m2_fmt)fmt, rxp, p, len,
			    scratch, 1024, &got, NULL);
			if (m2_fmt_rev1((enum m2_fmt)fmt)) {
				ok = (late[i] & 0xf) == 0xe ||
				    (late[i] & 0xf) == 0x1;
				aborted = (late[i] & 0xf) == 0x1;
			} else {
				ok = 1;
				aborted = late[i] & 1;
			}
			T_ERR(e, ok ? M2_OK : M2_E_BADVAL);
			if (ok) {
				T_EQ(got.late, late[i]);
				T_EQ(m2_frame_aborted((enum m2_fmt)fmt, &got),
				    aborted);
			}
			if (rxp != NULL)
				m2_gcm_wipe(rxp);
			free(p);
		}
	free(scratch);
}

/* 4 MiB of data in a MESSAGE frame, in every format. */
static void
t_big(void)
{
	size_t		n = 4u << 20;
	uint8_t		hdr[41], *data = xmalloc(n);
	uint16_t	al[4] = { 8, 8, 8, 4096 };
	struct m2_span	segs[4] = { { hdr, 41 }, { NULL, 0 }, { NULL, 0 },
	    { data, n } };
	struct m2_frame	f;
	struct want	w = { NULL, NULL, 0, 1 };

	memset(hdr, 0x5a, sizeof(hdr));
	for (size_t i = 0; i < n; i++)
		data[i] = (uint8_t)(i ^ (i >> 9));
	for (unsigned fmt = 0; fmt < M2_FMT_COUNT; fmt++) {
		m2_frame_init(&f, (enum m2_fmt)fmt, 17, segs, al, 4);
		check_frame((enum m2_fmt)fmt, &f, &w);
	}
	free(data);
}

/* Lengths near 2^32 compute in 64 bits. */
static void
t_huge_lengths(void)
{
	struct m2_preamble	pre;
	const uint64_t		m = 0xffffffffu, p = 0x100000000u;

	memset(&pre, 0, sizeof(pre));
	pre.nseg = 4;
	for (size_t i = 0; i < 4; i++)
		pre.seg[i].len = 0xffffffffu;
	T_EQ(m2_frame_onwire_len(M2_FMT_REV0_CRC, &pre), 32 + 4 * m + 17);
	T_EQ(m2_frame_onwire_len(M2_FMT_REV1_CRC, &pre),
	    32 + (m + 4) + 3 * m + 13);
	T_EQ(m2_frame_onwire_len(M2_FMT_REV0_SECURE, &pre), 32 + 4 * p + 32);
	T_EQ(m2_frame_onwire_len(M2_FMT_REV1_SECURE, &pre),
	    96 + (p - 48 + 16) + 3 * p + 32);
	T_EQ(m2_frame_rest_len(M2_FMT_REV1_SECURE, &pre),
	    (p - 48 + 16) + 3 * p + 32);
	T_EQ(m2_frame_scratch_len(M2_FMT_REV1_SECURE, &pre),
	    32 + p + 3 * p + 16);
	T_EQ(m2_frame_scratch_len(M2_FMT_REV0_SECURE, &pre), 32 + 4 * p + 16);
	T_EQ(m2_frame_scratch_len(M2_FMT_REV0_CRC, &pre), 0);
	pre.nseg = 1;
	pre.seg[0].len = 0xfffffff1u;		/* pad16 is exactly 2^32 */
	T_EQ(m2_frame_onwire_len(M2_FMT_REV0_SECURE, &pre), 32 + p + 32);
	T_EQ(m2_frame_onwire_len(M2_FMT_REV1_CRC, &pre),
	    32 + (uint64_t)0xfffffff1u + 4);
	pre.nseg = 0;
	T_EQ(m2_frame_onwire_len(M2_FMT_REV0_CRC, &pre), 0);
	T_EQ(m2_frame_head_len(M2_FMT_REV1_SECURE), 96);
	T_EQ(m2_frame_head_len(M2_FMT_REV0_SECURE), 32);
}

/* Misuse and room: refused before any byte or nonce is spent. */
static void
t_usage(void)
{
	uint8_t			a[60], out[256], *scratch = xmalloc(512);
	struct m2_span		s = { a, sizeof(a) };
	struct m2_frame		f, got;
	struct m2_preamble	pre;
	struct m2_gcm		tx, rx;
	struct m2_buf		b;
	uint8_t			nonce[12];
	size_t			len;
	enum m2_fmt		fmt;

	memset(a, 7, sizeof(a));
	m2_frame_init(&f, M2_FMT_REV1_SECURE, 2, &s, NULL, 1);
	gcm_at_start(&tx, M2_FMT_REV1_SECURE, M2_ROLE_SERVER);
	memcpy(nonce, tx.nonce, sizeof(nonce));
	m2_buf_init(&b, out, 100);
	T_ERR(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f), M2_E_NOSPC);
	T_EQ(b.len, 0);
	T_MEM(tx.nonce, nonce, 12);
	T_ERR(m2_buf_finish(&b, &len), M2_E_NOSPC);
	m2_buf_init(&b, out, sizeof(out));
	T_ERR(m2_frame_build(&b, M2_FMT_REV1_CRC, &tx, &f), M2_E_USAGE);
	T_ERR(m2_frame_build(&b, M2_FMT_REV1_SECURE, NULL, &f), M2_E_USAGE);
	f.nseg = 0;
	T_ERR(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f), M2_E_USAGE);
	f.nseg = 1;
	T_OK(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f));
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, 96 + 16 + 16);

	/* Scratch too small; the head's tag; rev0's open_rest order. */
	gcm_at_start(&rx, M2_FMT_REV1_SECURE, M2_ROLE_CLIENT);
	T_ERR(m2_frame_parse(M2_FMT_REV1_SECURE, &rx, out, len, scratch, 79,
	    &got, NULL), M2_E_NOSPC);
	T_ERR(m2_frame_parse(M2_FMT_REV1_SECURE, &rx, out, len, scratch, 95,
	    &got, NULL), M2_E_NOSPC);		/* 32 + 64 needed */
	T_OK(m2_frame_parse(M2_FMT_REV1_SECURE, &rx, out, len, scratch, 96,
	    &got, NULL));
	T_MEM(got.seg[0].p, a, sizeof(a));
	m2_gcm_wipe(&rx);
	gcm_at_start(&rx, M2_FMT_REV0_SECURE, M2_ROLE_CLIENT);
	memset(&pre, 0, sizeof(pre));
	pre.nseg = 1;
	T_ERR(m2_frame_open_rest(M2_FMT_REV0_SECURE, &rx, &pre, out, 32,
	    scratch, 512, &got, NULL), M2_E_USAGE);
	T_ERR(m2_frame_open_head(M2_FMT_REV0_CRC, &rx, out, 32, &pre, NULL, 0,
	    NULL), M2_E_USAGE);
	m2_gcm_wipe(&rx);
	m2_gcm_wipe(&tx);
	m2_gcm_wipe(&tx);			/* twice is fine */

	T_STR(m2_fmt_name(M2_FMT_REV1_SECURE), "frame_rev1_secure");
	T_CHECK(m2_fmt_from_name("frame_rev0_crc", &fmt) &&
	    fmt == M2_FMT_REV0_CRC, "fmt name");
	T_CHECK(!m2_fmt_from_name("frame", &fmt), "fmt name");
	free(scratch);
}

/* The two codec-table rows this unit defines (m2/codec.h). */
extern const struct m2_codec	m2_codec_row_banner, m2_codec_row_preamble;

static void
t_rows(void)
{
	uint8_t			in[26] = "ceph v2\n\x10\x00\x03", out[64];
	struct m2_banner	b;
	struct m2_preamble	pre;
	struct m2_cur		c;
	struct m2_buf		w;
	char			s[128];
	size_t			len;

	T_STR(m2_codec_row_banner.name, "banner");
	T_EQ(m2_codec_row_banner.fixed_layout, 0);
	T_EQ(m2_codec_row_banner.size, sizeof(b));
	m2_cur_init(&c, in, sizeof(in));
	T_OK(m2_codec_row_banner.parse(&c, &b, NULL));
	m2_codec_row_banner.dump(&b, s, sizeof(s));
	T_STR(s, "len=16 supported=0x3 required=0x0");
	m2_buf_init(&w, out, sizeof(out));
	m2_codec_row_banner.build(&w, &b);
	T_OK(m2_buf_finish(&w, &len));
	T_EQ(len, sizeof(in));
	T_MEM(out, in, sizeof(in));

	T_STR(m2_codec_row_preamble.name, "preamble");
	T_EQ(m2_codec_row_preamble.fixed_layout, 1);
	T_EQ(m2_codec_row_preamble.size, sizeof(pre));
	m2_buf_init(&w, out, sizeof(out));
	memset(&pre, 0, sizeof(pre));
	pre.tag = 16;
	pre.nseg = 1;
	pre.seg[0].align = 8;
	m2_codec_row_preamble.build(&w, &pre);
	T_OK(m2_buf_finish(&w, &len));
	T_EQ(len, 32);
	m2_cur_init(&c, out, len);
	T_OK(m2_codec_row_preamble.parse(&c, &pre, NULL));
	m2_codec_row_preamble.dump(&pre, s, sizeof(s));
	T_STR(s, "tag=16 nseg=1 segs=[0:8,0:0,0:0,0:0] flags=0x0 reserved=0x0");
	T_EQ(m2_load_le32(out + 28), 0xb0aae3c8u);	/* §4.3 WAIT */
}

int
main(void)
{
	for (size_t i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)i;
	t_banner();
	t_preamble();
	t_rows();
	t_worked_examples();
	t_secure_known();
	t_round_trips();
	t_late();
	t_big();
	t_huge_lengths();
	t_usage();
	return T_DONE();
}

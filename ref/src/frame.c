/* SPDX-License-Identifier: MIT */
/*
 * Frames in the four on-wire formats, built and taken apart as Ceph's
 * FrameAssembler does (asm_* and disasm_*).  SPEC-NOTES §2.3-2.6, §10
 * items 1-3, 5, 6 and 14.
 */
#include "internal.h"

#define SEG_CRC_SEED	0xffffffffu	/* segment crcs: seed -1 */
#define OFF_LATE	0		/* in every epilogue */
#define OFF_EPI_CRC	1		/* le32 crcs follow the late byte */

/* Padding and inline fill: never more than 48 bytes of zeros. */
static const uint8_t	zeros[M2_INLINE_LEN];

/* What an empty used segment's span points at: never NULL. */
static const uint8_t	empty[1];

static const char *const fmt_names[M2_FMT_COUNT] = {
	"frame_rev0_crc", "frame_rev1_crc", "frame_rev0_secure",
	"frame_rev1_secure"
};

static const char *const epi_crc_name[M2_MAX_SEGMENTS] = {
	"frame.epilogue.crc0", "frame.epilogue.crc1", "frame.epilogue.crc2",
	"frame.epilogue.crc3"
};

static int
fmt_ok(enum m2_fmt fmt)
{
	return (unsigned)fmt < M2_FMT_COUNT;
}

static int
nseg_ok(unsigned nseg)
{
	return nseg >= 1 && nseg <= M2_MAX_SEGMENTS;
}

static uint64_t
pad16(uint64_t len)
{
	return (len + 15) & ~(uint64_t)15;
}

/*
 * msgr2.1 secure: does segment 0 go past the 48 inline bytes into a
 * second GCM block?  Only when padded it is longer than 48.
 */
static int
seg0_spills(uint64_t len0)
{
	if (M2_FAULT(INLINE_BOUNDARY))
		return pad16(len0) >= M2_INLINE_LEN;
	return pad16(len0) > M2_INLINE_LEN;
}

/* see m2/frame.h */
const char *
m2_fmt_name(enum m2_fmt fmt)
{
	return fmt_ok(fmt) ? fmt_names[fmt] : "frame_unknown";
}

/* see m2/frame.h */
int
m2_fmt_from_name(const char *name, enum m2_fmt *fmt)
{
	for (unsigned i = 0; i < M2_FMT_COUNT; i++)
		if (strcmp(name, fmt_names[i]) == 0) {
			*fmt = (enum m2_fmt)i;
			return 1;
		}
	return 0;
}

/*
 * On-wire lengths.  SPEC §2.4 · ceph FrameAssembler::get_preamble_
 * onwire_len, get_segment_onwire_len, get_epilogue_onwire_len (u32
 * there, which wraps near 2^32: §10 item 14; u64 here) · kernel
 * head_onwire_len, __tail_onwire_len
 *
 *   head: 32 bytes; rev1 secure: 32 + 48 inline + 16 tag = 96
 *   segment i, after the head:
 *     rev0 crc     len
 *     rev1 crc     len, + 4 (crc) for segment 0 when len > 0
 *     rev0 secure  pad16(len)
 *     rev1 secure  pad16(len); segment 0: pad16(len) - 48 + 16 (tag)
 *                  when pad16(len) > 48, else 0 (all inline)
 *   epilogue: rev0 crc 17; rev1 crc 13; secure 16 + 16 (tag); none in
 *   rev1 when nseg == 1
 */
static uint64_t
seg_onwire(enum m2_fmt fmt, const struct m2_preamble *pre, size_t i)
{
	uint64_t	len = pre->seg[i].len;

	switch (fmt) {
	case M2_FMT_REV0_CRC:
		return len;
	case M2_FMT_REV1_CRC:
		return i == 0 && len > 0 ? len + M2_FRAME_CRC_LEN : len;
	case M2_FMT_REV0_SECURE:
		return pad16(len);
	case M2_FMT_REV1_SECURE:
		if (i > 0)
			return pad16(len);
		return seg0_spills(len) ?
		    pad16(len) - M2_INLINE_LEN + M2_GCM_TAG_LEN : 0;
	}
	return 0;
}

static uint64_t
epilogue_onwire(enum m2_fmt fmt, const struct m2_preamble *pre)
{
	if (m2_fmt_rev1(fmt) && pre->nseg == 1)
		return 0;
	switch (fmt) {
	case M2_FMT_REV0_CRC:
		return M2_EPILOGUE_REV0_CRC;
	case M2_FMT_REV1_CRC:
		return M2_EPILOGUE_REV1_CRC;
	case M2_FMT_REV0_SECURE:
	case M2_FMT_REV1_SECURE:
		return M2_EPILOGUE_SECURE + M2_GCM_TAG_LEN;
	}
	return 0;
}

/* see m2/frame.h */
size_t
m2_frame_head_len(enum m2_fmt fmt)
{
	return fmt == M2_FMT_REV1_SECURE ?
	    M2_PREAMBLE_LEN + M2_INLINE_LEN + M2_GCM_TAG_LEN : M2_PREAMBLE_LEN;
}

/* see m2/frame.h */
uint64_t
m2_frame_rest_len(enum m2_fmt fmt, const struct m2_preamble *pre)
{
	uint64_t	len = 0;

	if (!fmt_ok(fmt) || !nseg_ok(pre->nseg))
		return 0;
	for (size_t i = 0; i < pre->nseg; i++)
		len += seg_onwire(fmt, pre, i);
	return len + epilogue_onwire(fmt, pre);
}

/* see m2/frame.h */
uint64_t
m2_frame_onwire_len(enum m2_fmt fmt, const struct m2_preamble *pre)
{
	if (!fmt_ok(fmt) || !nseg_ok(pre->nseg))
		return 0;
	return m2_frame_head_len(fmt) + m2_frame_rest_len(fmt, pre);
}

/*
 * Scratch of a secure parse: the plaintext, laid out as it was sealed,
 * so every segment is contiguous there.
 *   rev0: preamble 32 | pad16(seg0) .. pad16(segN-1) | epilogue 16
 *   rev1: preamble 32 | max(48, pad16(seg0)) | [pad16(seg1) .. | 16]
 */
/* see m2/frame.h */
uint64_t
m2_frame_scratch_len(enum m2_fmt fmt, const struct m2_preamble *pre)
{
	uint64_t	len = M2_PREAMBLE_LEN, seg0;

	if (!m2_fmt_secure(fmt) || !nseg_ok(pre->nseg))
		return 0;
	if (fmt == M2_FMT_REV0_SECURE) {
		for (size_t i = 0; i < pre->nseg; i++)
			len += pad16(pre->seg[i].len);
		return len + M2_EPILOGUE_SECURE;
	}
	seg0 = pad16(pre->seg[0].len);
	len += seg0 > M2_INLINE_LEN ? seg0 : M2_INLINE_LEN;
	if (pre->nseg == 1)
		return len;
	for (size_t i = 1; i < pre->nseg; i++)
		len += pad16(pre->seg[i].len);
	return len + M2_EPILOGUE_SECURE;
}

/* GCM operations a frame takes: 1 in rev0; 1 to 3 in rev1. */
static uint64_t
gcm_ops(enum m2_fmt fmt, const struct m2_preamble *pre)
{
	if (fmt == M2_FMT_REV0_SECURE)
		return 1;
	return 1u + (seg0_spills(pre->seg[0].len) ? 1u : 0u) +
	    (pre->nseg > 1 ? 1u : 0u);
}

/* see m2/frame.h */
void
m2_frame_init(struct m2_frame *f, enum m2_fmt fmt, uint8_t tag,
    const struct m2_span *segs, const uint16_t *aligns, size_t count)
{
	assert(count >= 1 && count <= M2_MAX_SEGMENTS);
	memset(f, 0, sizeof(*f));
	f->tag = tag;
	f->nseg = 1;
	for (size_t i = 0; i < count && i < M2_MAX_SEGMENTS; i++) {
		f->seg[i] = segs[i];
		if (segs[i].len > 0)
			f->nseg = (uint8_t)(i + 1);	/* calc_num_segments */
	}
	for (size_t i = 0; i < f->nseg; i++)
		f->align[i] = aligns != NULL ? aligns[i] : M2_ALIGN_DEFAULT;
	for (size_t i = f->nseg; i < M2_MAX_SEGMENTS; i++)
		f->seg[i] = (struct m2_span){ NULL, 0 };
	f->late = m2_fmt_rev1(fmt) ? M2_LATE_STATUS_COMPLETE : 0;
	f->has_epilogue = !m2_fmt_rev1(fmt) || f->nseg > 1;
}

/*
 * Aborted.  SPEC §2.3, §2.4 · ceph disasm_all_*_rev0 (late_flags bit
 * 0), check_epilogue_late_status (rev1: low nibble 0x1)
 */
/* see m2/frame.h */
int
m2_frame_aborted(enum m2_fmt fmt, const struct m2_frame *f)
{
	if (!m2_fmt_rev1(fmt))
		return (f->late & M2_LATE_FLAG_ABORTED) != 0;
	return f->has_epilogue &&
	    (f->late & M2_LATE_STATUS_MASK) == M2_LATE_STATUS_ABORTED;
}

/* see m2/frame.h */
void
m2_frame_preamble(const struct m2_frame *f, struct m2_preamble *out)
{
	memset(out, 0, sizeof(*out));
	out->tag = f->tag;
	out->nseg = f->nseg;
	for (size_t i = 0; i < f->nseg && i < M2_MAX_SEGMENTS; i++) {
		out->seg[i].len = (uint32_t)f->seg[i].len;
		out->seg[i].align = f->align[i];
	}
	out->flags = f->flags;
}

static void
put_preamble(uint8_t p[M2_PREAMBLE_LEN], const struct m2_preamble *pre)
{
	struct m2_buf	b;

	m2_buf_init(&b, p, M2_PREAMBLE_LEN);
	m2_preamble_build(&b, pre);
	assert(!b.overflow && b.len == M2_PREAMBLE_LEN);
}

static uint32_t
seg_crc(const struct m2_span *s)
{
	return m2_crc32c(M2_FAULT(SEGMENT_CRC_SEED) ? 0 : SEG_CRC_SEED, s->p,
	    s->len);
}

/* A received segment crc |want| against the computed |got|. */
static int
seg_crc_ok(uint32_t want, uint32_t got)
{
	return got == want || M2_FAULT(SEGMENT_CRC_UNCHECKED);
}

static void
iov_add(struct m2_frame_iov *v, const uint8_t *p, size_t n)
{
	if (n == 0)
		return;
	assert(v->niov < M2_FRAME_IOV_MAX);
	v->iov[v->niov++] = (struct m2_span){ p, n };
	v->len += n;
}

/*
 * msgr2.0 crc.  SPEC §2.3 · ceph FrameAssembler::asm_crc_rev0
 *
 *   preamble 32 | seg0 .. segN-1, no padding |
 *   epilogue 17: u8 late_flags, le32 crc[4] (crc32c(-1, seg i) for
 *   i < nseg, 0 for the unused slots)
 *
 * Ceph claim_appends the segments; the gather list borrows them too.
 */
static void
asm_crc_rev0(struct m2_frame_iov *v, const struct m2_frame *f)
{
	uint8_t	*epi = v->own + M2_PREAMBLE_LEN + M2_FRAME_CRC_LEN;

	iov_add(v, v->own, M2_PREAMBLE_LEN);
	epi[OFF_LATE] = f->late;
	for (size_t i = 0; i < M2_MAX_SEGMENTS; i++)
		m2_store_le32(epi + OFF_EPI_CRC + 4 * i,
		    i < f->nseg ? seg_crc(&f->seg[i]) : 0);
	for (size_t i = 0; i < f->nseg; i++)
		iov_add(v, f->seg[i].p, f->seg[i].len);
	iov_add(v, epi, M2_EPILOGUE_REV0_CRC);
}

/*
 * msgr2.1 crc.  SPEC §2.4 · ceph FrameAssembler::asm_crc_rev1
 *
 *   preamble 32 | [seg0, le32 crc32c(-1, seg0)]  only if len0 > 0 |
 *   [seg1 .. segN-1 | epilogue 13: u8 late_status, le32 crc[3] for
 *   segments 1..3]  only if nseg > 1
 */
static void
asm_crc_rev1(struct m2_frame_iov *v, const struct m2_frame *f)
{
	uint8_t	*crc0 = v->own + M2_PREAMBLE_LEN;
	uint8_t	*epi = crc0 + M2_FRAME_CRC_LEN;

	iov_add(v, v->own, M2_PREAMBLE_LEN);
	if (f->seg[0].len > 0) {
		m2_store_le32(crc0, seg_crc(&f->seg[0]));
		iov_add(v, f->seg[0].p, f->seg[0].len);
		iov_add(v, crc0, M2_FRAME_CRC_LEN);
	}
	if (f->nseg == 1)
		return;
	epi[OFF_LATE] = f->late;
	for (size_t i = 1; i < M2_MAX_SEGMENTS; i++)
		m2_store_le32(epi + OFF_EPI_CRC + 4 * (i - 1),
		    i < f->nseg ? seg_crc(&f->seg[i]) : 0);
	for (size_t i = 1; i < f->nseg; i++)
		iov_add(v, f->seg[i].p, f->seg[i].len);
	iov_add(v, epi, M2_EPILOGUE_REV1_CRC);
}

static int
frame_ok(enum m2_fmt fmt, const struct m2_frame *f)
{
	if (!fmt_ok(fmt) || !nseg_ok(f->nseg))
		return 0;
	for (size_t i = 0; i < f->nseg; i++)
		if (f->seg[i].len > UINT32_MAX ||
		    (f->seg[i].len > 0 && f->seg[i].p == NULL))
			return 0;
	return 1;
}

/* see m2/frame.h */
m2_err
m2_frame_build_iov(enum m2_fmt fmt, const struct m2_frame *f,
    struct m2_frame_iov *out)
{
	struct m2_preamble	pre;

	out->niov = 0;			/* |own| is written before it is used */
	out->len = 0;
	if (!frame_ok(fmt, f) || m2_fmt_secure(fmt))
		return M2_E_USAGE;
	m2_frame_preamble(f, &pre);
	put_preamble(out->own, &pre);
	if (fmt == M2_FMT_REV0_CRC)
		asm_crc_rev0(out, f);
	else
		asm_crc_rev1(out, f);
	assert(out->len == m2_frame_onwire_len(fmt, &pre));
	return M2_OK;
}

/* Seal |n| bytes at |p| and then pad16(n) - n zeros, advancing |*w|. */
static m2_err
seal_padded(struct m2_gcm *g, uint8_t **w, const uint8_t *p, size_t n)
{
	size_t	pad = (size_t)(pad16(n) - n);
	m2_err	e;

	if ((e = m2_gcm_update(g, *w, p, n)) != M2_OK ||
	    (e = m2_gcm_update(g, *w + n, zeros, pad)) != M2_OK)
		return e;
	*w += n + pad;
	return M2_OK;
}

static m2_err
seal_final(struct m2_gcm *g, uint8_t **w)
{
	m2_err	e;

	if ((e = m2_gcm_seal_final(g, *w)) != M2_OK)
		return e;
	*w += M2_GCM_TAG_LEN;
	return M2_OK;
}

/*
 * msgr2.0 secure.  SPEC §2.5 · ceph FrameAssembler::asm_secure_rev0
 *
 *   GCM( preamble 32 | pad16(seg0) .. pad16(segN-1) |
 *        epilogue 16: u8 late_flags, 15 zeros ) | tag 16
 *
 * One operation, one nonce.  Padding is zeros.
 */
static m2_err
asm_secure_rev0(uint8_t **w, struct m2_gcm *tx, const struct m2_preamble *pre,
    const struct m2_frame *f)
{
	uint8_t	head[M2_PREAMBLE_LEN], epi[M2_EPILOGUE_SECURE];
	m2_err	e;

	put_preamble(head, pre);
	memset(epi, 0, sizeof(epi));
	epi[OFF_LATE] = f->late;
	if ((e = m2_gcm_begin(tx, 1)) != M2_OK ||
	    (e = seal_padded(tx, w, head, sizeof(head))) != M2_OK)
		return e;
	for (size_t i = 0; i < f->nseg; i++)
		if ((e = seal_padded(tx, w, f->seg[i].p, f->seg[i].len)) !=
		    M2_OK)
			return e;
	if ((e = seal_padded(tx, w, epi, sizeof(epi))) != M2_OK)
		return e;
	return seal_final(tx, w);
}

/*
 * msgr2.1 secure.  SPEC §2.6 · ceph FrameAssembler::asm_secure_rev1
 * · kernel prepare_head_secure_small/big, prepare_message_secure
 *
 *   GCM#1  preamble 32 | inline 48: seg0[0, min(len0, 48)), zero fill
 *          | tag 16                                      = 96 bytes
 *   GCM#2  seg0[48, len0) | zero pad to pad16(len0) - 48 | tag 16
 *          only if len0 > 48
 *   GCM#3  pad16(seg1) .. pad16(segN-1) | epilogue 16: u8 late_status,
 *          15 zeros | tag 16                             only if nseg > 1
 *
 * Each operation takes the next nonce, in this order.
 */
static m2_err
asm_secure_rev1(uint8_t **w, struct m2_gcm *tx, const struct m2_preamble *pre,
    const struct m2_frame *f)
{
	uint8_t		 head[M2_FRAME_HEAD_SCRATCH], epi[M2_EPILOGUE_SECURE];
	const uint8_t	*s0 = f->seg[0].p;
	size_t		 len0 = f->seg[0].len;
	size_t		 inl = len0 < M2_INLINE_LEN ? len0 : M2_INLINE_LEN;
	m2_err		 e;

	/* One 80-byte update: OpenSSL's partial-block path is slow. */
	put_preamble(head, pre);
	if (inl > 0)
		memcpy(head + M2_PREAMBLE_LEN, s0, inl);
	memset(head + M2_PREAMBLE_LEN + inl, 0, M2_INLINE_LEN - inl);
	if ((e = m2_gcm_begin(tx, 1)) != M2_OK ||
	    (e = seal_padded(tx, w, head, sizeof(head))) != M2_OK ||
	    (e = seal_final(tx, w)) != M2_OK)
		return e;
	if (seg0_spills(len0)) {
		if ((e = m2_gcm_begin(tx, 1)) != M2_OK ||
		    (e = seal_padded(tx, w, s0 + inl, len0 - inl)) != M2_OK ||
		    (e = seal_final(tx, w)) != M2_OK)
			return e;
	}
	if (f->nseg == 1)
		return M2_OK;
	memset(epi, 0, sizeof(epi));
	epi[OFF_LATE] = f->late;
	if ((e = m2_gcm_begin(tx, 1)) != M2_OK)
		return e;
	for (size_t i = 1; i < f->nseg; i++)
		if ((e = seal_padded(tx, w, f->seg[i].p, f->seg[i].len)) !=
		    M2_OK)
			return e;
	if ((e = seal_padded(tx, w, epi, sizeof(epi))) != M2_OK)
		return e;
	return seal_final(tx, w);
}

/*
 * A frame.  SPEC §2 · ceph FrameAssembler::assemble_frame.  Everything
 * that can refuse (usage, nonces, room) is checked before the first
 * byte is written or the first nonce taken.
 */
/* see m2/frame.h */
m2_err
m2_frame_build(struct m2_buf *b, enum m2_fmt fmt, struct m2_gcm *tx,
    const struct m2_frame *f)
{
	struct m2_frame_iov	 v;
	struct m2_preamble	 pre;
	size_t			 start = b->len;
	uint64_t		 total;
	uint8_t			*out, *w;
	m2_err			 e;

	if (!frame_ok(fmt, f) || m2_fmt_secure(fmt) != (tx != NULL))
		return M2_E_USAGE;
	m2_frame_preamble(f, &pre);
	if (tx != NULL && !m2_gcm_can_seal(tx, gcm_ops(fmt, &pre)))
		return M2_E_NONCES;
	total = m2_frame_onwire_len(fmt, &pre);
	if (total > SIZE_MAX) {
		b->overflow = 1;
		return M2_E_NOSPC;
	}
	if ((out = m2_buf_reserve(b, (size_t)total)) == NULL)
		return M2_E_NOSPC;
	w = out;
	if (tx == NULL) {
		if ((e = m2_frame_build_iov(fmt, f, &v)) == M2_OK)
			for (size_t i = 0; i < v.niov; i++) {
				memcpy(w, v.iov[i].p, v.iov[i].len);
				w += v.iov[i].len;
			}
	} else if (fmt == M2_FMT_REV0_SECURE) {
		e = asm_secure_rev0(&w, tx, &pre, f);
	} else {
		e = asm_secure_rev1(&w, tx, &pre, f);
	}
	if (e != M2_OK) {
		b->len = start;
		return e;
	}
	assert((uint64_t)(w - out) == total);	/* get_frame_onwire_len */
	return M2_OK;
}

/*
 * The head.  SPEC §2.1, §2.5, §2.6 · ceph FrameAssembler::
 * disassemble_preamble, ProtocolV2::handle_read_frame_preamble_main
 * · kernel handle_preamble, decrypt_preamble
 *
 *   crc formats   preamble 32
 *   rev0 secure   GCM stream: preamble 32 (decrypted, tag not yet seen)
 *   rev1 secure   GCM#1: preamble 32 | inline 48 | tag 16, checked first
 */
/* see m2/frame.h */
m2_err
m2_frame_open_head(enum m2_fmt fmt, struct m2_gcm *rx, const uint8_t *head,
    size_t n, struct m2_preamble *pre, uint8_t *scratch, size_t scratch_len,
    struct m2_diag *d)
{
	size_t		hl = m2_frame_head_len(fmt);
	size_t		ct = fmt == M2_FMT_REV1_SECURE ?
			    hl - M2_GCM_TAG_LEN : hl;
	struct m2_cur	c;
	m2_err		e;

	memset(pre, 0, sizeof(*pre));
	if (!fmt_ok(fmt) || m2_fmt_secure(fmt) != (rx != NULL))
		return M2_E_USAGE;
	if (n < hl)
		return m2_diag_at(d, M2_E_TRUNC, n, "frame.head");
	if (n > hl)
		return m2_diag_at(d, M2_E_TRAILING, hl, "frame.head");
	if (!m2_fmt_secure(fmt)) {
		m2_cur_init(&c, head, hl);
		return m2_preamble_parse(&c, pre, d);
	}
	if (scratch == NULL || scratch_len < ct)
		return M2_E_NOSPC;
	if ((e = m2_gcm_begin(rx, 0)) != M2_OK ||
	    (e = m2_gcm_update(rx, scratch, head, ct)) != M2_OK)
		return e;
	if (fmt == M2_FMT_REV1_SECURE &&
	    (e = m2_gcm_open_final(rx, head + ct)) != M2_OK)
		return m2_diag_at(d, e, ct, "frame.head.tag");
	m2_cur_init(&c, scratch, M2_PREAMBLE_LEN);
	return m2_preamble_parse(&c, pre, d);
}

/*
 * msgr2.0 crc, after the preamble.  SPEC §2.3 · ceph
 * FrameAssembler::disasm_all_crc_rev0
 *
 *   seg0 .. segN-1 | u8 late_flags | le32 crc[4]
 *
 * Crcs of used segments are checked; unused slots are not, as in Ceph.
 */
static m2_err
disasm_crc_rev0(const struct m2_preamble *pre, const uint8_t *rest,
    struct m2_frame *out, struct m2_diag *d)
{
	const uint8_t	*epi;
	size_t		 off = 0;

	for (size_t i = 0; i < pre->nseg; i++) {
		out->seg[i].p = pre->seg[i].len > 0 ? rest + off : empty;
		out->seg[i].len = pre->seg[i].len;
		off += pre->seg[i].len;
	}
	epi = rest + off;
	for (size_t i = 0; i < pre->nseg; i++) {
		uint32_t	want = m2_load_le32(epi + OFF_EPI_CRC + 4 * i);
		uint32_t	got = seg_crc(&out->seg[i]);

		if (!seg_crc_ok(want, got))
			return m2_diag_crc(d, M2_PREAMBLE_LEN + off +
			    OFF_EPI_CRC + 4 * i, epi_crc_name[i], want, got);
	}
	out->late = epi[OFF_LATE];
	out->has_epilogue = 1;
	return M2_OK;
}

/*
 * msgr2.1 late_status.  SPEC §2.4 · ceph check_epilogue_late_status:
 * the low nibble must be COMPLETE (0xe) or ABORTED (0x1); the high
 * nibble (RESERVED_TRUE 0x10 / RESERVED_FALSE 0xe0) is not checked.
 * The kernel rejects ABORTED too (it never expects one as a client);
 * here the frame parses and m2_frame_aborted tells.
 */
static m2_err
check_late_status(uint8_t late, size_t off, struct m2_diag *d)
{
	uint8_t	low = late & M2_LATE_STATUS_MASK;

	if (low != M2_LATE_STATUS_COMPLETE && low != M2_LATE_STATUS_ABORTED)
		return m2_diag_at(d, M2_E_BADVAL, off,
		    "frame.epilogue.late_status");
	return M2_OK;
}

/*
 * msgr2.1 crc, after the preamble.  SPEC §2.4 · ceph
 * FrameAssembler::disasm_first_crc_rev1, disasm_remaining_crc_rev1
 * · kernel verify_control_crc, decode_epilogue, verify_epilogue_crcs
 *
 *   [seg0 | le32 crc]  if len0 > 0
 *   [seg1 .. segN-1 | u8 late_status | le32 crc[3]]  if nseg > 1
 *
 * The kernel also wants the unused crc slots to be 0; Ceph ignores
 * them, and so do we (AMB: a rebuild writes 0).
 */
static m2_err
disasm_crc_rev1(const struct m2_preamble *pre, const uint8_t *rest,
    struct m2_frame *out, struct m2_diag *d)
{
	const uint8_t	*epi;
	size_t		 off = 0, len0 = pre->seg[0].len;
	m2_err		 e;

	out->seg[0].p = len0 > 0 ? rest : empty;
	out->seg[0].len = len0;
	if (len0 > 0) {
		uint32_t	want = m2_load_le32(rest + len0);
		uint32_t	got = seg_crc(&out->seg[0]);

		if (!seg_crc_ok(want, got))
			return m2_diag_crc(d, M2_PREAMBLE_LEN + len0,
			    "frame.seg0.crc", want, got);
		off = len0 + M2_FRAME_CRC_LEN;
	}
	if (pre->nseg == 1)
		return M2_OK;
	for (size_t i = 1; i < pre->nseg; i++) {
		out->seg[i].p = pre->seg[i].len > 0 ? rest + off : empty;
		out->seg[i].len = pre->seg[i].len;
		off += pre->seg[i].len;
	}
	epi = rest + off;
	for (size_t i = 1; i < pre->nseg; i++) {
		uint32_t	want = m2_load_le32(epi + OFF_EPI_CRC +
				    4 * (i - 1));
		uint32_t	got = seg_crc(&out->seg[i]);

		if (!seg_crc_ok(want, got))
			return m2_diag_crc(d, M2_PREAMBLE_LEN + off +
			    OFF_EPI_CRC + 4 * (i - 1), epi_crc_name[i], want,
			    got);
	}
	if ((e = check_late_status(epi[OFF_LATE], M2_PREAMBLE_LEN + off, d)) !=
	    M2_OK)
		return e;
	out->late = epi[OFF_LATE];
	out->has_epilogue = 1;
	return M2_OK;
}

/*
 * msgr2.0 secure, after the preamble.  SPEC §2.5 · ceph
 * FrameAssembler::disasm_all_secure_rev0
 *
 *   ciphertext: pad16(seg0) .. pad16(segN-1) | epilogue 16 | tag 16
 *
 * The operation m2_frame_open_head began goes on here; padding and the
 * epilogue's 15 zero bytes are not checked (unpad_zero).
 */
static m2_err
disasm_secure_rev0(struct m2_gcm *rx, const struct m2_preamble *pre,
    const uint8_t *rest, size_t n, uint8_t *scratch, struct m2_frame *out,
    struct m2_diag *d)
{
	size_t	ct = n - M2_GCM_TAG_LEN, pos = M2_PREAMBLE_LEN;
	m2_err	e;

	if (rx->busy != M2_GCM_OPENING)
		return M2_E_USAGE;
	if ((e = m2_gcm_update(rx, scratch + M2_PREAMBLE_LEN, rest, ct)) !=
	    M2_OK)
		return e;
	if ((e = m2_gcm_open_final(rx, rest + ct)) != M2_OK)
		return m2_diag_at(d, e, M2_PREAMBLE_LEN + ct, "frame.tag");
	for (size_t i = 0; i < pre->nseg; i++) {
		out->seg[i].p = scratch + pos;
		out->seg[i].len = pre->seg[i].len;
		pos += (size_t)pad16(pre->seg[i].len);
	}
	out->late = scratch[pos + OFF_LATE];
	out->has_epilogue = 1;
	return M2_OK;
}

/* One whole GCM operation: |n| bytes of ciphertext and then the tag. */
static m2_err
open_block(struct m2_gcm *rx, uint8_t *out, const uint8_t *in, size_t n,
    size_t off, const char *field, struct m2_diag *d)
{
	m2_err	e;

	if ((e = m2_gcm_begin(rx, 0)) != M2_OK ||
	    (e = m2_gcm_update(rx, out, in, n)) != M2_OK)
		return e;
	if ((e = m2_gcm_open_final(rx, in + n)) != M2_OK)
		return m2_diag_at(d, e, off + n, field);
	return M2_OK;
}

/*
 * msgr2.1 secure, after the 96-byte head.  SPEC §2.6 · ceph
 * FrameAssembler::disasm_first_secure_rev1, disasm_remaining_secure_rev1
 * · kernel decrypt_control_remainder, decrypt_tail
 *
 *   [GCM#2: seg0 past the inline 48, padded | tag]  if pad16(len0) > 48
 *   [GCM#3: pad16(seg1) .. pad16(segN-1) | epilogue 16 | tag]  if nseg > 1
 *
 * Each block is authenticated before a byte of it is used; segment 0's
 * first 48 bytes are the inline plaintext m2_frame_open_head left in
 * scratch[32, 80), the rest of it is decrypted right after them.
 */
static m2_err
disasm_secure_rev1(struct m2_gcm *rx, const struct m2_preamble *pre,
    const uint8_t *rest, uint8_t *scratch, struct m2_frame *out,
    struct m2_diag *d)
{
	size_t	hl = m2_frame_head_len(M2_FMT_REV1_SECURE);
	size_t	len0 = pre->seg[0].len, in = 0, pos, ct;
	size_t	seg0 = (size_t)pad16(len0);
	m2_err	e;

	if (seg0_spills(len0)) {
		ct = seg0 - M2_INLINE_LEN;
		if ((e = open_block(rx, scratch + M2_PREAMBLE_LEN +
		    M2_INLINE_LEN, rest, ct, hl, "frame.seg0.tag", d)) != M2_OK)
			return e;
		in = ct + M2_GCM_TAG_LEN;
	}
	out->seg[0].p = scratch + M2_PREAMBLE_LEN;
	out->seg[0].len = len0;
	if (pre->nseg == 1)
		return M2_OK;
	pos = M2_PREAMBLE_LEN + (seg0 > M2_INLINE_LEN ? seg0 : M2_INLINE_LEN);
	ct = M2_EPILOGUE_SECURE;
	for (size_t i = 1; i < pre->nseg; i++)
		ct += (size_t)pad16(pre->seg[i].len);
	if ((e = open_block(rx, scratch + pos, rest + in, ct, hl + in,
	    "frame.epilogue.tag", d)) != M2_OK)
		return e;
	for (size_t i = 1; i < pre->nseg; i++) {
		out->seg[i].p = scratch + pos;
		out->seg[i].len = pre->seg[i].len;
		pos += (size_t)pad16(pre->seg[i].len);
	}
	if ((e = check_late_status(scratch[pos + OFF_LATE],
	    hl + in + ct - M2_EPILOGUE_SECURE, d)) != M2_OK)
		return e;
	out->late = scratch[pos + OFF_LATE];
	out->has_epilogue = 1;
	return M2_OK;
}

/* see m2/frame.h */
m2_err
m2_frame_open_rest(enum m2_fmt fmt, struct m2_gcm *rx,
    const struct m2_preamble *pre, const uint8_t *rest, size_t n,
    uint8_t *scratch, size_t scratch_len, struct m2_frame *out,
    struct m2_diag *d)
{
	size_t		hl = m2_frame_head_len(fmt);
	uint64_t	rl;
	m2_err		e = M2_OK;

	memset(out, 0, sizeof(*out));
	if (!fmt_ok(fmt) || !nseg_ok(pre->nseg) ||
	    m2_fmt_secure(fmt) != (rx != NULL))
		return M2_E_USAGE;
	rl = m2_frame_rest_len(fmt, pre);
	if (n < rl)
		return m2_diag_at(d, M2_E_TRUNC, hl + n, "frame");
	if (n > rl)
		return m2_diag_at(d, M2_E_TRAILING, hl + (size_t)rl, "frame");
	if (m2_fmt_secure(fmt) && (scratch == NULL ||
	    scratch_len < m2_frame_scratch_len(fmt, pre)))
		return M2_E_NOSPC;
	out->tag = pre->tag;
	out->flags = pre->flags;
	out->nseg = pre->nseg;
	for (size_t i = 0; i < pre->nseg; i++)
		out->align[i] = pre->seg[i].align;
	switch (fmt) {
	case M2_FMT_REV0_CRC:
		e = disasm_crc_rev0(pre, rest, out, d);
		break;
	case M2_FMT_REV1_CRC:
		e = disasm_crc_rev1(pre, rest, out, d);
		break;
	case M2_FMT_REV0_SECURE:
		e = disasm_secure_rev0(rx, pre, rest, n, scratch, out, d);
		break;
	case M2_FMT_REV1_SECURE:
		e = disasm_secure_rev1(rx, pre, rest, scratch, out, d);
		break;
	}
	if (e != M2_OK) {
		memset(out, 0, sizeof(*out));	/* nothing unverified leaks */
		return e;
	}
	return M2_OK;
}

/* see m2/frame.h */
m2_err
m2_frame_parse(enum m2_fmt fmt, struct m2_gcm *rx, const uint8_t *p,
    size_t n, uint8_t *scratch, size_t scratch_len, struct m2_frame *out,
    struct m2_diag *d)
{
	struct m2_preamble	pre;
	uint8_t			nonce[M2_GCM_NONCE_LEN];
	size_t			hl = m2_frame_head_len(fmt);
	uint64_t		rl;
	int			used = 0;
	m2_err			e;

	memset(out, 0, sizeof(*out));
	if (!fmt_ok(fmt))
		return M2_E_USAGE;
	if (n < hl)
		return m2_diag_at(d, M2_E_TRUNC, n, "frame.head");
	if (rx != NULL) {
		memcpy(nonce, rx->nonce, sizeof(nonce));
		used = rx->used_initial;
	}
	e = m2_frame_open_head(fmt, rx, p, hl, &pre, scratch, scratch_len, d);
	if (e == M2_OK) {
		rl = m2_frame_rest_len(fmt, &pre);
		if (n - hl < rl)
			e = m2_diag_at(d, M2_E_TRUNC, n, "frame");
		else
			e = m2_frame_open_rest(fmt, rx, &pre, p + hl,
			    (size_t)rl, scratch, scratch_len, out, d);
		if (e == M2_OK && n - hl > rl) {
			memset(out, 0, sizeof(*out));
			e = m2_diag_at(d, M2_E_TRAILING, hl + (size_t)rl,
			    "frame");
		}
	}
	if (e != M2_OK && rx != NULL) {
		memcpy(rx->nonce, nonce, sizeof(nonce));
		rx->used_initial = used;
		rx->busy = 0;
	}
	return e;
}

/* see m2/frame.h */
size_t
m2_frame_dump(enum m2_fmt fmt, const struct m2_frame *f, char *s, size_t n)
{
	size_t	at, nseg = f->nseg <= M2_MAX_SEGMENTS ? f->nseg : 0;

	at = m2_fmt(s, n, 0, "tag=%u flags=0x%x aligns=[", (unsigned)f->tag,
	    (unsigned)f->flags);
	for (size_t i = 0; i < nseg; i++)
		at = m2_fmt(s, n, at, "%s%u", i == 0 ? "" : ",",
		    (unsigned)f->align[i]);
	at = m2_fmt(s, n, at, "] segs=[");
	for (size_t i = 0; i < nseg; i++) {
		if (i > 0)
			at = m2_fmt(s, n, at, ",");
		at = m2_fmt_hex(s, n, at, f->seg[i].p, f->seg[i].len);
	}
	if (m2_fmt_rev1(fmt) && !f->has_epilogue)
		return m2_fmt(s, n, at, "] late=-");
	return m2_fmt(s, n, at, "] late=0x%x", (unsigned)f->late);
}

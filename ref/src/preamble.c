/* SPDX-License-Identifier: MIT */
/*
 * The 32-byte frame preamble.  SPEC-NOTES §2.1, §10 items 1 and 4.
 */
#include "internal.h"

#define OFF_TAG		0
#define OFF_NSEG	1
#define OFF_SEG(i)	(2 + 6 * (size_t)(i))	/* le32 len, le16 align */
#define OFF_FLAGS	26
#define OFF_RESERVED	27
#define OFF_CRC		28

static const uint32_t	seg_max[M2_MAX_SEGMENTS] = {
	M2_MAX_SEG0_LEN, M2_MAX_FRONT_LEN, M2_MAX_MIDDLE_LEN, M2_MAX_DATA_LEN
};
static const char *const seg_len_name[M2_MAX_SEGMENTS] = {
	"preamble.seg0.len", "preamble.seg1.len", "preamble.seg2.len",
	"preamble.seg3.len"
};
static const char *const seg_align_name[M2_MAX_SEGMENTS] = {
	"preamble.seg0.align", "preamble.seg1.align", "preamble.seg2.align",
	"preamble.seg3.align"
};

/*
 * Preamble, 32 bytes.  SPEC §2.1 · ceph frames_v2.h preamble_block_t,
 * FrameAssembler::disassemble_preamble, ProtocolV2::read_frame_segment
 * · kernel messenger_v2.c decode_preamble
 *
 *   off  0  u8    tag                (not judged here)
 *   off  1  u8    nseg               1..4
 *   off  2  4 x { le32 len, le16 align }
 *   off 26  u8    flags              (Quincy: bit 0 compressed)
 *   off 27  u8    reserved
 *   off 28  le32  crc32c(0, bytes 0..27)
 *
 * Caps apply to used descriptors only: the kernel decodes just nseg of
 * them into a zeroed desc, and Ceph never reads the rest.  Alignment:
 * Ceph 16.2.15 allocates each non-empty segment with
 * create_aligned(len, align), which hands max(align, 8) to
 * posix_memalign; that fails (EINVAL, buffer::bad_alloc, a fault) for a
 * value over 8 that is not a power of two.  (Before ceph PR 41143,
 * 16.2.4 and older, raw_posix_aligned ceph_assert'ed instead, so such a
 * value, or one under 8, could abort the daemon.)  A rev1 secure segment
 * 0 of 48 bytes or less is never allocated by Ceph; we judge it anyway:
 * AMB, stricter.
 */
/* see m2/frame.h */
m2_err
m2_preamble_parse(struct m2_cur *c, struct m2_preamble *out,
    struct m2_diag *d)
{
	size_t		 base = m2_cur_off(c);
	struct m2_cur	 blk;
	const uint8_t	*p;
	uint32_t	 crc, want;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_sub(c, M2_PREAMBLE_LEN, &blk))
		return m2_diag_at(d, M2_E_TRUNC, base + m2_cur_len(c),
		    "preamble");
	p = blk.p;
	crc = m2_crc32c(0, p, OFF_CRC);
	want = m2_load_le32(p + OFF_CRC);
	if (crc != want && !M2_FAULT(PREAMBLE_CRC_UNCHECKED))
		return m2_diag_crc(d, base + OFF_CRC, "preamble.crc", want,
		    crc);
	out->tag = p[OFF_TAG];
	out->nseg = p[OFF_NSEG];
	for (size_t i = 0; i < M2_MAX_SEGMENTS; i++) {
		out->seg[i].len = m2_load_le32(p + OFF_SEG(i));
		out->seg[i].align = m2_load_le16(p + OFF_SEG(i) + 4);
	}
	out->flags = p[OFF_FLAGS];
	out->reserved = p[OFF_RESERVED];
	if (out->nseg < 1 || out->nseg > M2_MAX_SEGMENTS)
		return m2_diag_at(d, M2_E_BADVAL, base + OFF_NSEG,
		    "preamble.nseg");
	for (size_t i = 0; i < out->nseg; i++)
		if (out->seg[i].len > seg_max[i] && !M2_FAULT(LENGTH_UNCAPPED))
			return m2_diag_at(d, M2_E_LIMIT, base + OFF_SEG(i),
			    seg_len_name[i]);
	if (out->nseg > 1 && out->seg[out->nseg - 1].len == 0)
		return m2_diag_at(d, M2_E_BADVAL, base + OFF_SEG(out->nseg - 1),
		    seg_len_name[out->nseg - 1]);
	for (size_t i = 0; i < out->nseg; i++) {
		uint16_t	a = out->seg[i].align;

		if (out->seg[i].len != 0 && a > M2_ALIGN_DEFAULT &&
		    (a & (a - 1)) != 0)
			return m2_diag_at(d, M2_E_BADVAL,
			    base + OFF_SEG(i) + 4, seg_align_name[i]);
	}
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "preamble");
	return M2_OK;
}

/*
 * Preamble.  SPEC §2.1 · ceph FrameAssembler::fill_preamble · kernel
 * encode_preamble.  Every field is written as given, so a parsed
 * preamble rebuilds byte for byte.
 */
/* see m2/frame.h */
void
m2_preamble_build(struct m2_buf *b, const struct m2_preamble *in)
{
	uint8_t	*p = m2_buf_reserve(b, M2_PREAMBLE_LEN);

	if (p == NULL)
		return;
	p[OFF_TAG] = in->tag;
	p[OFF_NSEG] = in->nseg;
	for (size_t i = 0; i < M2_MAX_SEGMENTS; i++) {
		m2_store_le32(p + OFF_SEG(i), in->seg[i].len);
		m2_store_le16(p + OFF_SEG(i) + 4, in->seg[i].align);
	}
	p[OFF_FLAGS] = in->flags;
	p[OFF_RESERVED] = in->reserved;
	m2_store_le32(p + OFF_CRC, m2_crc32c(M2_FAULT(PREAMBLE_CRC_SEED) ?
	    0xffffffffu : 0, p, OFF_CRC));
}

/* see m2/frame.h */
size_t
m2_preamble_dump(const struct m2_preamble *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "tag=%u nseg=%u segs=[", (unsigned)in->tag,
	    (unsigned)in->nseg);
	for (size_t i = 0; i < M2_MAX_SEGMENTS; i++)
		at = m2_fmt(s, n, at, "%s%lu:%u", i == 0 ? "" : ",",
		    (unsigned long)in->seg[i].len, (unsigned)in->seg[i].align);
	return m2_fmt(s, n, at, "] flags=0x%x reserved=0x%x",
	    (unsigned)in->flags, (unsigned)in->reserved);
}

M2_CODEC_ROW(preamble, struct m2_preamble, 1, 0);

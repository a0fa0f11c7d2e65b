/* SPDX-License-Identifier: MIT */
/*
 * The COMPRESSION_DONE payload (tag 22, Quincy+).  SPEC-NOTES §4, §9.
 */
#include "internal.h"

/*
 * COMPRESSION_DONE.  SPEC §4.2 · ceph frames_v2.h CompressionDoneFrame,
 * ProtocolV2::handle_compression_done · the kernel has no compression
 *   u8 is_compress (a bool, kept raw) | le32 method
 */
m2_err
m2_msg_compression_done_parse(struct m2_cur *c,
    struct m2_compression_done *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->is_compress))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "compression_done.is_compress");
	if (!m2_cur_le32(c, &out->method))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "compression_done.method");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "compression_done");
	return M2_OK;
}

/*
 * COMPRESSION_DONE, as ceph CompressionDoneFrame::Encode
 * (ProtocolV2::handle_compression_request) writes it; layout above.
 */
void
m2_msg_compression_done_build(struct m2_buf *b,
    const struct m2_compression_done *in)
{
	m2_buf_u8(b, in->is_compress);
	m2_buf_le32(b, in->method);
}

/* see m2/msg.h */
size_t
m2_msg_compression_done_size(const struct m2_compression_done *in)
{
	(void)in;
	return 1 + 4;
}

/* see m2/msg.h */
size_t
m2_msg_compression_done_dump(const struct m2_compression_done *in, char *s,
    size_t n)
{
	return m2_fmt(s, n, 0, "is_compress=%u method=%u",
	    (unsigned)in->is_compress, (unsigned)in->method);
}

M2_CODEC_ROW(msg_compression_done, struct m2_compression_done, 1, 0);

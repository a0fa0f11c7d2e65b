/* SPDX-License-Identifier: MIT */
/*
 * The COMPRESSION_REQUEST payload (tag 21, Quincy+).  SPEC-NOTES §4, §9.
 */
#include "internal.h"

/*
 * COMPRESSION_REQUEST.  SPEC §4.2 · ceph frames_v2.h
 * CompressionRequestFrame, ProtocolV2::handle_compression_request · the
 * kernel has no compression
 *   u8 is_compress (a bool, kept raw) | le32 n, n x le32 method
 */
m2_err
m2_msg_compression_request_parse(struct m2_cur *c,
    struct m2_compression_request *out, struct m2_diag *d)
{
	uint32_t	n;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->is_compress))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "compression_request.is_compress");
	if ((e = m2_cur_count(c, M2_MAX_COMP_METHODS, 4, &n)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "compression_request.methods.count");
	for (uint32_t i = 0; i < n; i++) {
		if (!m2_cur_le32(c, &out->methods[i]))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
			    "compression_request.methods");
	}
	out->n_methods = n;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "compression_request");
	return M2_OK;
}

/*
 * COMPRESSION_REQUEST, as ceph CompressionRequestFrame::Encode
 * (ProtocolV2::send_compression_request) writes it; layout above.
 */
void
m2_msg_compression_request_build(struct m2_buf *b,
    const struct m2_compression_request *in)
{
	size_t	start = b->len;

	assert(in->n_methods <= M2_MAX_COMP_METHODS);
	m2_buf_u8(b, in->is_compress);
	m2_buf_le32(b, in->n_methods);
	for (uint32_t i = 0; i < in->n_methods; i++)
		m2_buf_le32(b, in->methods[i]);
	assert(b->overflow ||
	    b->len - start == m2_msg_compression_request_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_compression_request_size(const struct m2_compression_request *in)
{
	return 1 + 4 + 4 * (size_t)in->n_methods;
}

/* see m2/msg.h */
size_t
m2_msg_compression_request_dump(const struct m2_compression_request *in,
    char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "is_compress=%u methods=",
	    (unsigned)in->is_compress);
	return m2_fmt_u32_list(s, n, at, in->methods, in->n_methods);
}

M2_CODEC_ROW(msg_compression_request, struct m2_compression_request, 0, 0);

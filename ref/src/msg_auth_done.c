/* SPDX-License-Identifier: MIT */
/*
 * The AUTH_DONE payload (tag 6).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * AUTH_DONE.  SPEC §4.2 · ceph frames_v2.h AuthDoneFrame,
 * ProtocolV2::handle_auth_done · kernel messenger_v2.c process_auth_done
 * (older kernels do not check |len| against the segment; the
 * ceph_decode_need that does reached stable 6.1.161, January 2026)
 *   le64 global_id | le32 con_mode | le32 len, len x u8 auth_payload
 */
m2_err
m2_msg_auth_done_parse(struct m2_cur *c, struct m2_auth_done *out,
    struct m2_diag *d)
{
	uint32_t	len;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_le64(c, &out->global_id))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_done.global_id");
	if (!m2_cur_le32(c, &out->con_mode))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_done.con_mode");
	if ((e = m2_cur_count(c, M2_MAX_AUTH_PAYLOAD, 1, &len)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "auth_done.payload.len");
	if (!m2_cur_span(c, len, &out->payload))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_done.payload");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "auth_done");
	return M2_OK;
}

/*
 * AUTH_DONE, as ceph AuthDoneFrame::Encode (ProtocolV2::_auth_done)
 * writes it; layout above.
 */
void
m2_msg_auth_done_build(struct m2_buf *b, const struct m2_auth_done *in)
{
	size_t	start = b->len;

	m2_buf_le64(b, in->global_id);
	m2_buf_le32(b, in->con_mode);
	m2_buf_lp32(b, in->payload);
	assert(b->overflow || b->len - start == m2_msg_auth_done_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_auth_done_size(const struct m2_auth_done *in)
{
	return 8 + 4 + 4 + in->payload.len;
}

/* see m2/msg.h */
size_t
m2_msg_auth_done_dump(const struct m2_auth_done *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "global_id=%llu con_mode=%u payload=",
	    (unsigned long long)in->global_id, (unsigned)in->con_mode);
	return m2_fmt_hex(s, n, at, in->payload.p, in->payload.len);
}

M2_CODEC_ROW(msg_auth_done, struct m2_auth_done, 0, 0);

/* SPDX-License-Identifier: MIT */
/*
 * The SESSION_RESET payload (tag 12).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * SESSION_RESET.  SPEC §4.2 · ceph frames_v2.h ResetFrame,
 * ProtocolV2::handle_session_reset · kernel messenger_v2.c
 * process_session_reset (which rejects full == 0)
 *   u8 full (a bool: Ceph and the kernel read any nonzero byte as true;
 *   we keep the byte, so the value re-encodes as it came)
 */
m2_err
m2_msg_session_reset_parse(struct m2_cur *c, struct m2_session_reset *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->full))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "session_reset.full");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "session_reset");
	return M2_OK;
}

/*
 * SESSION_RESET, as ceph ResetFrame::Encode (ProtocolV2::handle_reconnect,
 * ProtocolV2::handle_existing_connection) writes it; layout above.
 */
void
m2_msg_session_reset_build(struct m2_buf *b, const struct m2_session_reset *in)
{
	m2_buf_u8(b, in->full);
}

/* see m2/msg.h */
size_t
m2_msg_session_reset_size(const struct m2_session_reset *in)
{
	(void)in;
	return 1;
}

/* see m2/msg.h */
size_t
m2_msg_session_reset_dump(const struct m2_session_reset *in, char *s,
    size_t n)
{
	return m2_fmt(s, n, 0, "full=%u", (unsigned)in->full);
}

M2_CODEC_ROW(msg_session_reset, struct m2_session_reset, 1, 0);

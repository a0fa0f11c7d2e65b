/* SPDX-License-Identifier: MIT */
/*
 * The WAIT payload (tag 16): no fields.  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * WAIT.  SPEC §4.2 · ceph frames_v2.h WaitFrame (ControlFrame with no
 * fields), ProtocolV2::handle_wait · kernel messenger_v2.c decode_preamble
 * (which rejects the empty segment before any payload is looked at)
 *   (nothing)
 */
m2_err
m2_msg_wait_parse(struct m2_cur *c, struct m2_wait *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "wait");
	return M2_OK;
}

/*
 * WAIT, as ceph WaitFrame::Encode (ProtocolV2::handle_existing_connection)
 * writes it: nothing.
 */
void
m2_msg_wait_build(struct m2_buf *b, const struct m2_wait *in)
{
	(void)b;
	(void)in;
}

/* see m2/msg.h */
size_t
m2_msg_wait_size(const struct m2_wait *in)
{
	(void)in;
	return 0;
}

/* see m2/msg.h */
size_t
m2_msg_wait_dump(const struct m2_wait *in, char *s, size_t n)
{
	(void)in;
	if (n > 0)
		s[0] = '\0';
	return 0;
}

M2_CODEC_ROW(msg_wait, struct m2_wait, 1, 0);

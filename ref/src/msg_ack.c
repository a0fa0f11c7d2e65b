/* SPDX-License-Identifier: MIT */
/*
 * The ACK payload (tag 20).  SPEC-NOTES §4, §8.2.
 */
#include "internal.h"

/*
 * ACK.  SPEC §4.2 · ceph frames_v2.h AckFrame, ProtocolV2::handle_message_ack
 * · kernel messenger_v2.c process_ack, prepare_ack
 *   le64 seq (the last message seq the sender received)
 */
m2_err
m2_msg_ack_parse(struct m2_cur *c, struct m2_ack *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_le64(c, &out->seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), "ack.seq");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "ack");
	return M2_OK;
}

/*
 * ACK, as ceph AckFrame::Encode (ProtocolV2::write_event) and kernel
 * prepare_ack write it; layout above.
 */
void
m2_msg_ack_build(struct m2_buf *b, const struct m2_ack *in)
{
	m2_buf_le64(b, in->seq);
}

/* see m2/msg.h */
size_t
m2_msg_ack_size(const struct m2_ack *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_ack_dump(const struct m2_ack *in, char *s, size_t n)
{
	return m2_fmt(s, n, 0, "seq=%llu", (unsigned long long)in->seq);
}

M2_CODEC_ROW(msg_ack, struct m2_ack, 1, 0);

/* SPDX-License-Identifier: MIT */
/*
 * ceph_msg_header2, segment 0 of a MESSAGE frame (tag 17).
 * SPEC-NOTES §8.1.
 */
#include "internal.h"

/*
 * ceph_msg_header2, 41 bytes, packed.  SPEC §8.1 · ceph msgr.h
 * ceph_msg_header2, ProtocolV2::handle_message (which reads the segment in
 * place without checking its length) · kernel messenger_v2.c
 * process_message_header (which does not check it either)
 *   off  0 le64 seq             | off  8 le64 tid
 *   off 16 le16 type            | off 18 le16 priority | off 20 le16 version
 *   off 22 le32 data_pre_padding_len                   | off 26 le16 data_off
 *   off 28 le64 ack_seq         | off 36 u8 flags
 *   off 37 le16 compat_version  | off 39 le16 reserved
 */
m2_err
m2_msg_header2_parse(struct m2_cur *c, struct m2_header2 *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_le64(c, &out->seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), "header2.seq");
	if (!m2_cur_le64(c, &out->tid))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), "header2.tid");
	if (!m2_cur_le16(c, &out->type))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.type");
	if (!m2_cur_le16(c, &out->priority))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.priority");
	if (!m2_cur_le16(c, &out->version))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.version");
	if (!m2_cur_le32(c, &out->data_pre_padding_len))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.data_pre_padding_len");
	if (!m2_cur_le16(c, &out->data_off))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.data_off");
	if (!m2_cur_le64(c, &out->ack_seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.ack_seq");
	if (!m2_cur_u8(c, &out->flags))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.flags");
	if (!m2_cur_le16(c, &out->compat_version))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.compat_version");
	if (!m2_cur_le16(c, &out->reserved))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "header2.reserved");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "header2");
	return M2_OK;
}

/*
 * ceph_msg_header2, as ceph ProtocolV2::write_message and kernel
 * fill_header2 write it; layout above.
 */
void
m2_msg_header2_build(struct m2_buf *b, const struct m2_header2 *in)
{
	size_t	start = b->len;

	m2_buf_le64(b, in->seq);
	m2_buf_le64(b, in->tid);
	m2_buf_le16(b, in->type);
	m2_buf_le16(b, in->priority);
	m2_buf_le16(b, in->version);
	m2_buf_le32(b, in->data_pre_padding_len);
	m2_buf_le16(b, in->data_off);
	m2_buf_le64(b, in->ack_seq);
	m2_buf_u8(b, in->flags);
	m2_buf_le16(b, in->compat_version);
	m2_buf_le16(b, in->reserved);
	assert(b->overflow || b->len - start == m2_msg_header2_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_header2_size(const struct m2_header2 *in)
{
	(void)in;
	return M2_HEADER2_LEN;
}

/* see m2/msg.h */
size_t
m2_msg_header2_dump(const struct m2_header2 *in, char *s, size_t n)
{
	return m2_fmt(s, n, 0, "seq=%llu tid=%llu type=%u priority=%u "
	    "version=%u data_pre_padding_len=%u data_off=%u ack_seq=%llu "
	    "flags=0x%x compat_version=%u reserved=%u",
	    (unsigned long long)in->seq, (unsigned long long)in->tid,
	    (unsigned)in->type, (unsigned)in->priority, (unsigned)in->version,
	    (unsigned)in->data_pre_padding_len, (unsigned)in->data_off,
	    (unsigned long long)in->ack_seq, (unsigned)in->flags,
	    (unsigned)in->compat_version, (unsigned)in->reserved);
}

M2_CODEC_ROW(msg_header2, struct m2_header2, 1, 0);

/* SPDX-License-Identifier: MIT */
/*
 * The SESSION_RECONNECT payload (tag 11).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * SESSION_RECONNECT.  SPEC §4.2 · ceph frames_v2.h ReconnectFrame,
 * ProtocolV2::handle_reconnect · kernel messenger_v2.c
 * prepare_session_reconnect (the kernel only sends it)
 *   entity_addrvec_t addrs | le64 client_cookie | le64 server_cookie
 *   | le64 global_seq | le64 connect_seq | le64 msg_seq
 */
m2_err
m2_msg_session_reconnect_parse(struct m2_cur *c,
    struct m2_session_reconnect *out, struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if ((e = m2_addrvec_read(c, &out->addrs, d)) != M2_OK)
		return e;
	if (!m2_cur_le64(c, &out->client_cookie))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "session_reconnect.client_cookie");
	if (!m2_cur_le64(c, &out->server_cookie))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "session_reconnect.server_cookie");
	if (!m2_cur_le64(c, &out->global_seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "session_reconnect.global_seq");
	if (!m2_cur_le64(c, &out->connect_seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "session_reconnect.connect_seq");
	if (!m2_cur_le64(c, &out->msg_seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "session_reconnect.msg_seq");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "session_reconnect");
	return M2_OK;
}

/*
 * SESSION_RECONNECT, as ceph ReconnectFrame::Encode
 * (ProtocolV2::send_reconnect) and kernel prepare_session_reconnect write
 * it; layout above.
 */
void
m2_msg_session_reconnect_build(struct m2_buf *b,
    const struct m2_session_reconnect *in)
{
	size_t	start = b->len;

	m2_addrvec_build(b, &in->addrs);
	m2_buf_le64(b, in->client_cookie);
	m2_buf_le64(b, in->server_cookie);
	m2_buf_le64(b, in->global_seq);
	m2_buf_le64(b, in->connect_seq);
	m2_buf_le64(b, in->msg_seq);
	assert(b->overflow ||
	    b->len - start == m2_msg_session_reconnect_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_session_reconnect_size(const struct m2_session_reconnect *in)
{
	return m2_addrvec_size(&in->addrs) + 5 * 8;
}

/* see m2/msg.h */
size_t
m2_msg_session_reconnect_dump(const struct m2_session_reconnect *in,
    char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "addrs=");
	at += m2_addrvec_dump(&in->addrs, at < n ? s + at : NULL,
	    at < n ? n - at : 0);
	return m2_fmt(s, n, at, " client_cookie=0x%llx server_cookie=0x%llx "
	    "global_seq=%llu connect_seq=%llu msg_seq=%llu",
	    (unsigned long long)in->client_cookie,
	    (unsigned long long)in->server_cookie,
	    (unsigned long long)in->global_seq,
	    (unsigned long long)in->connect_seq,
	    (unsigned long long)in->msg_seq);
}

M2_CODEC_ROW(msg_session_reconnect, struct m2_session_reconnect, 0, 0);

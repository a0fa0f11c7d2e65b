/* SPDX-License-Identifier: MIT */
/*
 * The SESSION_RETRY (tag 13), SESSION_RETRY_GLOBAL (tag 14) and
 * SESSION_RECONNECT_OK (tag 15) payloads: one le64 each, one parser.
 * SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * SESSION_RETRY, SESSION_RETRY_GLOBAL, SESSION_RECONNECT_OK.  SPEC §4.2
 * · ceph frames_v2.h RetryFrame, RetryGlobalFrame, ReconnectOkFrame,
 * ProtocolV2::handle_session_retry, handle_session_retry_global,
 * handle_reconnect_ok · kernel messenger_v2.c process_session_retry,
 * process_session_retry_global, process_session_reconnect_ok
 *   le64 connect_seq | le64 global_seq | le64 msg_seq (one of them)
 */
static m2_err
le64_parse(struct m2_cur *c, uint64_t *v, const char *field,
    const char *payload, struct m2_diag *d)
{
	if (!m2_cur_le64(c, v))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), field);
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), payload);
	return M2_OK;
}

/* see m2/msg.h */
m2_err
m2_msg_session_retry_parse(struct m2_cur *c, struct m2_session_retry *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return le64_parse(c, &out->connect_seq, "session_retry.connect_seq",
	    "session_retry", d);
}

/*
 * SESSION_RETRY, as ceph RetryFrame::Encode (ProtocolV2::handle_reconnect)
 * writes it; layout above.
 */
void
m2_msg_session_retry_build(struct m2_buf *b, const struct m2_session_retry *in)
{
	m2_buf_le64(b, in->connect_seq);
}

/* see m2/msg.h */
size_t
m2_msg_session_retry_size(const struct m2_session_retry *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_session_retry_dump(const struct m2_session_retry *in, char *s,
    size_t n)
{
	return m2_fmt(s, n, 0, "connect_seq=%llu",
	    (unsigned long long)in->connect_seq);
}

/* see m2/msg.h */
m2_err
m2_msg_session_retry_global_parse(struct m2_cur *c,
    struct m2_session_retry_global *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return le64_parse(c, &out->global_seq,
	    "session_retry_global.global_seq", "session_retry_global", d);
}

/*
 * SESSION_RETRY_GLOBAL, as ceph RetryGlobalFrame::Encode
 * (ProtocolV2::handle_reconnect) writes it; layout above.
 */
void
m2_msg_session_retry_global_build(struct m2_buf *b,
    const struct m2_session_retry_global *in)
{
	m2_buf_le64(b, in->global_seq);
}

/* see m2/msg.h */
size_t
m2_msg_session_retry_global_size(const struct m2_session_retry_global *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_session_retry_global_dump(const struct m2_session_retry_global *in,
    char *s, size_t n)
{
	return m2_fmt(s, n, 0, "global_seq=%llu",
	    (unsigned long long)in->global_seq);
}

/* see m2/msg.h */
m2_err
m2_msg_session_reconnect_ok_parse(struct m2_cur *c,
    struct m2_session_reconnect_ok *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return le64_parse(c, &out->msg_seq, "session_reconnect_ok.msg_seq",
	    "session_reconnect_ok", d);
}

/*
 * SESSION_RECONNECT_OK, as ceph ReconnectOkFrame::Encode
 * (ProtocolV2::send_reconnect_ok) writes it; layout above.
 */
void
m2_msg_session_reconnect_ok_build(struct m2_buf *b,
    const struct m2_session_reconnect_ok *in)
{
	m2_buf_le64(b, in->msg_seq);
}

/* see m2/msg.h */
size_t
m2_msg_session_reconnect_ok_size(const struct m2_session_reconnect_ok *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_session_reconnect_ok_dump(const struct m2_session_reconnect_ok *in,
    char *s, size_t n)
{
	return m2_fmt(s, n, 0, "msg_seq=%llu",
	    (unsigned long long)in->msg_seq);
}

M2_CODEC_ROW(msg_session_retry, struct m2_session_retry, 1, 0);
M2_CODEC_ROW(msg_session_retry_global, struct m2_session_retry_global, 1, 0);
M2_CODEC_ROW(msg_session_reconnect_ok, struct m2_session_reconnect_ok, 1, 0);

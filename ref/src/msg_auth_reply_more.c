/* SPDX-License-Identifier: MIT */
/*
 * The AUTH_REPLY_MORE (tag 4) and AUTH_REQUEST_MORE (tag 5) payloads:
 * one layout, one parser.  SPEC-NOTES §4.
 */
#include "internal.h"

/* Field paths of one of the two payloads. */
struct more_names {
	const char	*len;
	const char	*payload;
	const char	*all;
};

static const struct more_names	reply_names = {
	"auth_reply_more.payload.len", "auth_reply_more.payload",
	"auth_reply_more",
};
static const struct more_names	request_names = {
	"auth_request_more.payload.len", "auth_request_more.payload",
	"auth_request_more",
};

/*
 * AUTH_REPLY_MORE and AUTH_REQUEST_MORE.  SPEC §4.2 · ceph frames_v2.h
 * AuthReplyMoreFrame, AuthRequestMoreFrame · kernel messenger_v2.c
 * process_auth_reply_more, prepare_auth_request_more
 *   le32 len | len x u8 auth_payload
 */
static m2_err
more_parse(struct m2_cur *c, struct m2_span *payload,
    const struct more_names *name, struct m2_diag *d)
{
	uint32_t	len;
	m2_err		e;

	if ((e = m2_cur_count(c, M2_MAX_AUTH_PAYLOAD, 1, &len)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), name->len);
	if (!m2_cur_span(c, len, payload))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), name->payload);
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), name->all);
	return M2_OK;
}

static size_t
more_dump(const struct m2_span *payload, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "payload=");
	return m2_fmt_hex(s, n, at, payload->p, payload->len);
}

/* see m2/msg.h */
m2_err
m2_msg_auth_reply_more_parse(struct m2_cur *c, struct m2_auth_reply_more *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return more_parse(c, &out->payload, &reply_names, d);
}

/*
 * AUTH_REPLY_MORE, as ceph AuthReplyMoreFrame::Encode
 * (ProtocolV2::_handle_auth_request) writes it; layout above.
 */
void
m2_msg_auth_reply_more_build(struct m2_buf *b,
    const struct m2_auth_reply_more *in)
{
	size_t	start = b->len;

	m2_buf_lp32(b, in->payload);
	assert(b->overflow ||
	    b->len - start == m2_msg_auth_reply_more_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_auth_reply_more_size(const struct m2_auth_reply_more *in)
{
	return 4 + in->payload.len;
}

/* see m2/msg.h */
size_t
m2_msg_auth_reply_more_dump(const struct m2_auth_reply_more *in, char *s,
    size_t n)
{
	return more_dump(&in->payload, s, n);
}

/* see m2/msg.h */
m2_err
m2_msg_auth_request_more_parse(struct m2_cur *c,
    struct m2_auth_request_more *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return more_parse(c, &out->payload, &request_names, d);
}

/*
 * AUTH_REQUEST_MORE, as ceph AuthRequestMoreFrame::Encode
 * (ProtocolV2::handle_auth_reply_more) and kernel
 * prepare_auth_request_more write it; layout above.
 */
void
m2_msg_auth_request_more_build(struct m2_buf *b,
    const struct m2_auth_request_more *in)
{
	size_t	start = b->len;

	m2_buf_lp32(b, in->payload);
	assert(b->overflow ||
	    b->len - start == m2_msg_auth_request_more_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_auth_request_more_size(const struct m2_auth_request_more *in)
{
	return 4 + in->payload.len;
}

/* see m2/msg.h */
size_t
m2_msg_auth_request_more_dump(const struct m2_auth_request_more *in,
    char *s, size_t n)
{
	return more_dump(&in->payload, s, n);
}

M2_CODEC_ROW(msg_auth_reply_more, struct m2_auth_reply_more, 0, 0);
M2_CODEC_ROW(msg_auth_request_more, struct m2_auth_request_more, 0, 0);

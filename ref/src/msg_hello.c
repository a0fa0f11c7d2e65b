/* SPDX-License-Identifier: MIT */
/*
 * The HELLO payload (tag 1), and the names of all frame tags.
 * SPEC-NOTES §4.
 */
#include "internal.h"

static const char *const	m2_tag_names[M2_TAG_MAX + 1] = {
	[M2_TAG_HELLO]			= "HELLO",
	[M2_TAG_AUTH_REQUEST]		= "AUTH_REQUEST",
	[M2_TAG_AUTH_BAD_METHOD]	= "AUTH_BAD_METHOD",
	[M2_TAG_AUTH_REPLY_MORE]	= "AUTH_REPLY_MORE",
	[M2_TAG_AUTH_REQUEST_MORE]	= "AUTH_REQUEST_MORE",
	[M2_TAG_AUTH_DONE]		= "AUTH_DONE",
	[M2_TAG_AUTH_SIGNATURE]		= "AUTH_SIGNATURE",
	[M2_TAG_CLIENT_IDENT]		= "CLIENT_IDENT",
	[M2_TAG_SERVER_IDENT]		= "SERVER_IDENT",
	[M2_TAG_IDENT_MISSING_FEATURES]	= "IDENT_MISSING_FEATURES",
	[M2_TAG_SESSION_RECONNECT]	= "SESSION_RECONNECT",
	[M2_TAG_SESSION_RESET]		= "SESSION_RESET",
	[M2_TAG_SESSION_RETRY]		= "SESSION_RETRY",
	[M2_TAG_SESSION_RETRY_GLOBAL]	= "SESSION_RETRY_GLOBAL",
	[M2_TAG_SESSION_RECONNECT_OK]	= "SESSION_RECONNECT_OK",
	[M2_TAG_WAIT]			= "WAIT",
	[M2_TAG_MESSAGE]		= "MESSAGE",
	[M2_TAG_KEEPALIVE2]		= "KEEPALIVE2",
	[M2_TAG_KEEPALIVE2_ACK]		= "KEEPALIVE2_ACK",
	[M2_TAG_ACK]			= "ACK",
	[M2_TAG_COMPRESSION_REQUEST]	= "COMPRESSION_REQUEST",
	[M2_TAG_COMPRESSION_DONE]	= "COMPRESSION_DONE",
};

/* see m2/msg.h */
const char *
m2_tag_name(unsigned tag)
{
	return tag <= M2_TAG_MAX ? m2_tag_names[tag] : NULL;
}

/*
 * HELLO.  SPEC §4.2 · ceph frames_v2.h HelloFrame, ProtocolV2::handle_hello
 * · kernel messenger_v2.c process_hello
 *   u8 entity_type | entity_addr_t peer_addr (marker 1, or legacy 0)
 */
m2_err
m2_msg_hello_parse(struct m2_cur *c, struct m2_hello *out, struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->entity_type))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "hello.entity_type");
	if ((e = m2_addr_read(c, &out->peer_addr, d)) != M2_OK)
		return e;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "hello");
	return M2_OK;
}

/*
 * HELLO, as ceph HelloFrame::Encode (ProtocolV2::send_hello) and kernel
 * prepare_hello write it; layout above.
 */
void
m2_msg_hello_build(struct m2_buf *b, const struct m2_hello *in)
{
	size_t	start = b->len;

	m2_buf_u8(b, in->entity_type);
	m2_addr_build(b, &in->peer_addr);
	assert(b->overflow || b->len - start == m2_msg_hello_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_hello_size(const struct m2_hello *in)
{
	return 1 + m2_addr_size(&in->peer_addr);
}

/* see m2/msg.h */
size_t
m2_msg_hello_dump(const struct m2_hello *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "entity_type=%u peer_addr=",
	    (unsigned)in->entity_type);
	return at + m2_addr_dump(&in->peer_addr, at < n ? s + at : NULL,
	    at < n ? n - at : 0);
}

M2_CODEC_ROW(msg_hello, struct m2_hello, 0, 0);

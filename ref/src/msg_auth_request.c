/* SPDX-License-Identifier: MIT */
/*
 * The AUTH_REQUEST payload (tag 2).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * AUTH_REQUEST.  SPEC §4.2 · ceph frames_v2.h AuthRequestFrame,
 * ProtocolV2::handle_auth_request · kernel messenger_v2.c
 * prepare_auth_request (the kernel only sends it)
 *   le32 method | le32 n, n x le32 mode | le32 len, len x u8 auth_payload
 */
m2_err
m2_msg_auth_request_parse(struct m2_cur *c, struct m2_auth_request *out,
    struct m2_diag *d)
{
	uint32_t	n, len;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_le32(c, &out->method))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_request.method");
	if ((e = m2_cur_count(c, M2_MAX_CON_MODES, 4, &n)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "auth_request.modes.count");
	for (uint32_t i = 0; i < n; i++) {
		if (!m2_cur_le32(c, &out->modes[i]))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
			    "auth_request.modes");
	}
	out->n_modes = n;
	if ((e = m2_cur_count(c, M2_MAX_AUTH_PAYLOAD, 1, &len)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "auth_request.payload.len");
	if (!m2_cur_span(c, len, &out->payload))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_request.payload");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "auth_request");
	return M2_OK;
}

/*
 * AUTH_REQUEST, as ceph AuthRequestFrame::Encode
 * (ProtocolV2::send_auth_request) and kernel prepare_auth_request with
 * ceph_auth_get_request write it; layout above.
 */
void
m2_msg_auth_request_build(struct m2_buf *b, const struct m2_auth_request *in)
{
	size_t	start = b->len;

	assert(in->n_modes <= M2_MAX_CON_MODES);
	m2_buf_le32(b, in->method);
	m2_buf_le32(b, in->n_modes);
	for (uint32_t i = 0; i < in->n_modes; i++)
		m2_buf_le32(b, in->modes[i]);
	m2_buf_lp32(b, in->payload);
	assert(b->overflow || b->len - start == m2_msg_auth_request_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_auth_request_size(const struct m2_auth_request *in)
{
	return 4 + 4 + 4 * (size_t)in->n_modes + 4 + in->payload.len;
}

/* see m2/msg.h */
size_t
m2_msg_auth_request_dump(const struct m2_auth_request *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "method=%u modes=", (unsigned)in->method);
	at = m2_fmt_u32_list(s, n, at, in->modes, in->n_modes);
	at = m2_fmt(s, n, at, " payload=");
	return m2_fmt_hex(s, n, at, in->payload.p, in->payload.len);
}

M2_CODEC_ROW(msg_auth_request, struct m2_auth_request, 0, 0);

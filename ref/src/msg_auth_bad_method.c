/* SPDX-License-Identifier: MIT */
/*
 * The AUTH_BAD_METHOD payload (tag 3).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * AUTH_BAD_METHOD.  SPEC §4.2 · ceph frames_v2.h AuthBadMethodFrame,
 * ProtocolV2::handle_auth_bad_method · kernel messenger_v2.c
 * process_auth_bad_method (which caps each list at 8, we at 16)
 *   le32 method | le32 result (signed) | le32 n, n x le32 allowed method
 *   | le32 m, m x le32 allowed mode
 */
m2_err
m2_msg_auth_bad_method_parse(struct m2_cur *c, struct m2_auth_bad_method *out,
    struct m2_diag *d)
{
	uint32_t	result, n;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_le32(c, &out->method))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_bad_method.method");
	if (!m2_cur_le32(c, &result))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_bad_method.result");
	out->result = (int32_t)result;		/* two's complement, as sent */
	if ((e = m2_cur_count(c, M2_MAX_AUTH_METHODS, 4, &n)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "auth_bad_method.allowed_methods.count");
	for (uint32_t i = 0; i < n; i++) {
		if (!m2_cur_le32(c, &out->methods[i]))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
			    "auth_bad_method.allowed_methods");
	}
	out->n_methods = n;
	if ((e = m2_cur_count(c, M2_MAX_CON_MODES, 4, &n)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "auth_bad_method.allowed_modes.count");
	for (uint32_t i = 0; i < n; i++) {
		if (!m2_cur_le32(c, &out->modes[i]))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
			    "auth_bad_method.allowed_modes");
	}
	out->n_modes = n;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "auth_bad_method");
	return M2_OK;
}

/*
 * AUTH_BAD_METHOD, as ceph AuthBadMethodFrame::Encode
 * (ProtocolV2::_handle_auth_request) writes it; layout above.
 */
void
m2_msg_auth_bad_method_build(struct m2_buf *b,
    const struct m2_auth_bad_method *in)
{
	size_t	start = b->len;

	assert(in->n_methods <= M2_MAX_AUTH_METHODS);
	assert(in->n_modes <= M2_MAX_CON_MODES);
	m2_buf_le32(b, in->method);
	m2_buf_le32(b, (uint32_t)in->result);
	m2_buf_le32(b, in->n_methods);
	for (uint32_t i = 0; i < in->n_methods; i++)
		m2_buf_le32(b, in->methods[i]);
	m2_buf_le32(b, in->n_modes);
	for (uint32_t i = 0; i < in->n_modes; i++)
		m2_buf_le32(b, in->modes[i]);
	assert(b->overflow ||
	    b->len - start == m2_msg_auth_bad_method_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_auth_bad_method_size(const struct m2_auth_bad_method *in)
{
	return 4 + 4 + 4 + 4 * (size_t)in->n_methods + 4 +
	    4 * (size_t)in->n_modes;
}

/* see m2/msg.h */
size_t
m2_msg_auth_bad_method_dump(const struct m2_auth_bad_method *in, char *s,
    size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "method=%u result=%d allowed_methods=",
	    (unsigned)in->method, (int)in->result);
	at = m2_fmt_u32_list(s, n, at, in->methods, in->n_methods);
	at = m2_fmt(s, n, at, " allowed_modes=");
	return m2_fmt_u32_list(s, n, at, in->modes, in->n_modes);
}

M2_CODEC_ROW(msg_auth_bad_method, struct m2_auth_bad_method, 0, 0);

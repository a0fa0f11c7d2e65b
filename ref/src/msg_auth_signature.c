/* SPDX-License-Identifier: MIT */
/*
 * The AUTH_SIGNATURE payload (tag 7).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * AUTH_SIGNATURE.  SPEC §4.2 · ceph frames_v2.h AuthSignatureFrame
 * (sha256_digest_t: 32 bytes, no length), ProtocolV2::handle_auth_signature
 * · kernel messenger_v2.c process_auth_signature
 *   32 x u8 sig (HMAC-SHA256; 32 zero bytes with auth none)
 */
m2_err
m2_msg_auth_signature_parse(struct m2_cur *c, struct m2_auth_signature *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_bytes(c, out->sig, sizeof(out->sig)))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "auth_signature.sig");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "auth_signature");
	return M2_OK;
}

/*
 * AUTH_SIGNATURE, as ceph AuthSignatureFrame::Encode
 * (ProtocolV2::finish_auth) and kernel prepare_auth_signature write it;
 * layout above.
 */
void
m2_msg_auth_signature_build(struct m2_buf *b,
    const struct m2_auth_signature *in)
{
	size_t	start = b->len;

	m2_buf_bytes(b, in->sig, sizeof(in->sig));
	assert(b->overflow ||
	    b->len - start == m2_msg_auth_signature_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_auth_signature_size(const struct m2_auth_signature *in)
{
	return sizeof(in->sig);
}

/* see m2/msg.h */
size_t
m2_msg_auth_signature_dump(const struct m2_auth_signature *in, char *s,
    size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "sig=");
	return m2_fmt_hex(s, n, at, in->sig, sizeof(in->sig));
}

M2_CODEC_ROW(msg_auth_signature, struct m2_auth_signature, 1, 0);

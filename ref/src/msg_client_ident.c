/* SPDX-License-Identifier: MIT */
/*
 * The CLIENT_IDENT payload (tag 8).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * CLIENT_IDENT.  SPEC §4.2 · ceph frames_v2.h ClientIdentFrame,
 * ProtocolV2::handle_client_ident · kernel messenger_v2.c
 * prepare_client_ident (the kernel only sends it; its gid is a u64)
 *   entity_addrvec_t addrs | entity_addr_t target_addr | le64 gid (signed)
 *   | le64 global_seq | le64 features_supported | le64 features_required
 *   | le64 flags | le64 cookie
 */
m2_err
m2_msg_client_ident_parse(struct m2_cur *c, struct m2_client_ident *out,
    struct m2_diag *d)
{
	uint64_t	gid;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if ((e = m2_addrvec_read(c, &out->addrs, d)) != M2_OK)
		return e;
	if ((e = m2_addr_read(c, &out->target_addr, d)) != M2_OK)
		return e;
	if (!m2_cur_le64(c, &gid))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "client_ident.gid");
	out->gid = (int64_t)gid;		/* two's complement, as sent */
	if (!m2_cur_le64(c, &out->global_seq))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "client_ident.global_seq");
	if (!m2_cur_le64(c, &out->features_supported))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "client_ident.features_supported");
	if (!m2_cur_le64(c, &out->features_required))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "client_ident.features_required");
	if (!m2_cur_le64(c, &out->flags))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "client_ident.flags");
	if (!m2_cur_le64(c, &out->cookie))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "client_ident.cookie");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "client_ident");
	return M2_OK;
}

/*
 * CLIENT_IDENT, as ceph ClientIdentFrame::Encode
 * (ProtocolV2::send_client_ident) and kernel prepare_client_ident write
 * it; layout above.
 */
void
m2_msg_client_ident_build(struct m2_buf *b, const struct m2_client_ident *in)
{
	size_t	start = b->len;

	m2_addrvec_build(b, &in->addrs);
	m2_addr_build(b, &in->target_addr);
	m2_buf_le64(b, (uint64_t)in->gid);
	m2_buf_le64(b, in->global_seq);
	m2_buf_le64(b, in->features_supported);
	m2_buf_le64(b, in->features_required);
	m2_buf_le64(b, in->flags);
	m2_buf_le64(b, in->cookie);
	assert(b->overflow || b->len - start == m2_msg_client_ident_size(in));
	(void)start;
}

/* see m2/msg.h */
size_t
m2_msg_client_ident_size(const struct m2_client_ident *in)
{
	return m2_addrvec_size(&in->addrs) + m2_addr_size(&in->target_addr) +
	    6 * 8;
}

/* see m2/msg.h */
size_t
m2_msg_client_ident_dump(const struct m2_client_ident *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "addrs=");
	at += m2_addrvec_dump(&in->addrs, at < n ? s + at : NULL,
	    at < n ? n - at : 0);
	at = m2_fmt(s, n, at, " target_addr=");
	at += m2_addr_dump(&in->target_addr, at < n ? s + at : NULL,
	    at < n ? n - at : 0);
	return m2_fmt(s, n, at, " gid=%lld global_seq=%llu "
	    "features_supported=0x%llx features_required=0x%llx flags=0x%llx "
	    "cookie=0x%llx", (long long)in->gid,
	    (unsigned long long)in->global_seq,
	    (unsigned long long)in->features_supported,
	    (unsigned long long)in->features_required,
	    (unsigned long long)in->flags, (unsigned long long)in->cookie);
}

M2_CODEC_ROW(msg_client_ident, struct m2_client_ident, 0, 0);

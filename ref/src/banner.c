/* SPDX-License-Identifier: MIT */
/*
 * The msgr2 banner and the feature check that follows it.  SPEC-NOTES §1.
 */
#include "internal.h"

#define OFF_LEN		8			/* le16 payload length */
#define OFF_PAYLOAD	M2_BANNER_HEAD_LEN	/* 10 */

/*
 * Banner.  SPEC §1 · ceph msgr.h CEPH_BANNER_V2_PREFIX,
 * ProtocolV2::_handle_peer_banner, _handle_peer_banner_payload
 * · kernel messenger_v2.c process_banner_prefix, process_banner_payload
 *
 *   off  0  8 bytes  "ceph v2\n"
 *   off  8  le16     len (>= 16)
 *   off 10  le64     supported      } the payload, |len| bytes;
 *   off 18  le64     required       } bytes past 16 are ignored
 *
 * Both Ceph and the kernel read the 10-byte head before judging the
 * prefix, and both compare strlen("ceph v027") = 9 bytes to tell msgr1
 * from a bad banner.
 */
/* see m2/frame.h */
m2_err
m2_banner_parse(struct m2_cur *c, struct m2_banner *out, struct m2_diag *d)
{
	size_t		base = m2_cur_off(c);
	struct m2_cur	body;
	uint16_t	len;

	memset(out, 0, sizeof(*out));
	if (m2_cur_len(c) < M2_BANNER_HEAD_LEN)
		return m2_diag_at(d, M2_E_TRUNC, base + m2_cur_len(c),
		    "banner.head");
	if (memcmp(c->p, M2_BANNER_PREFIX, M2_BANNER_PREFIX_LEN) != 0) {
		if (memcmp(c->p, M2_BANNER_MSGR1, M2_BANNER_MSGR1_LEN) == 0)
			return m2_diag_at(d, M2_E_MSGR1, base,
			    "banner.prefix");
		return m2_diag_at(d, M2_E_BADVAL, base, "banner.prefix");
	}
	len = m2_load_le16(c->p + OFF_LEN);
	if (len < M2_BANNER_PAYLOAD_MIN)
		return m2_diag_at(d, M2_E_BADVAL, base + OFF_LEN, "banner.len");
	if (!m2_cur_skip(c, M2_BANNER_HEAD_LEN) || !m2_cur_sub(c, len, &body))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c) + m2_cur_len(c),
		    "banner.payload");
	if (!m2_cur_le64(&body, &out->supported) ||
	    !m2_cur_le64(&body, &out->required))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
		    "banner.payload");	/* unreachable: len >= 16 */
	out->len = len;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "banner");
	return M2_OK;
}

/* see m2/frame.h */
size_t
m2_banner_size(const struct m2_banner *in)
{
	return M2_BANNER_HEAD_LEN + (size_t)in->len;
}

/*
 * Banner, as Ceph's _banner_exchange and the kernel's prepare_banner
 * write it (len 16), with any other |len| honoured for tests of peers.
 */
/* see m2/frame.h */
void
m2_banner_build(struct m2_buf *b, const struct m2_banner *in)
{
	uint8_t	feat[M2_BANNER_PAYLOAD_MIN];
	size_t	len = in->len, start = b->len;

	m2_store_le64(feat, in->supported);
	m2_store_le64(feat + 8, in->required);
	m2_buf_bytes(b, M2_BANNER_PREFIX, M2_BANNER_PREFIX_LEN);
	m2_buf_le16(b, in->len);
	if (len <= sizeof(feat)) {
		m2_buf_bytes(b, feat, len);
	} else {
		m2_buf_bytes(b, feat, sizeof(feat));
		m2_buf_zero(b, len - sizeof(feat));
	}
	assert(b->overflow || b->len - start == m2_banner_size(in));
	(void)start;
}

/* see m2/frame.h */
size_t
m2_banner_dump(const struct m2_banner *in, char *s, size_t n)
{
	return m2_fmt(s, n, 0, "len=%u supported=0x%llx required=0x%llx",
	    (unsigned)in->len, (unsigned long long)in->supported,
	    (unsigned long long)in->required);
}

/*
 * Feature compatibility.  SPEC §1 · ceph
 * ProtocolV2::_handle_peer_banner_payload · kernel process_banner_payload
 */
/* see m2/frame.h */
m2_err
m2_banner_check(const struct m2_banner *mine, const struct m2_banner *peer)
{
	if ((mine->required & peer->supported) != mine->required)
		return M2_E_COMPAT;
	if ((peer->required & mine->supported) != peer->required &&
	    !M2_FAULT(BANNER_REQUIRED_IGNORED))
		return M2_E_COMPAT;
	return M2_OK;
}

/*
 * Ceph sets is_rev1 from the peer's bit alone; it always advertises the
 * bit itself, so that equals the test of both sides, which is what a
 * peer that does not know msgr2.1 (Nautilus < 14.2.11) needs.
 */
/* see m2/frame.h */
int
m2_banner_rev(uint64_t my_supported, uint64_t peer_supported)
{
	return (my_supported & peer_supported & M2_FEATURE_REVISION_1) != 0;
}

M2_CODEC_ROW(banner, struct m2_banner, 0, 0);

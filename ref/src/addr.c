/* SPDX-License-Identifier: MIT */
/*
 * entity_addr_t and entity_addrvec_t in binary: the legacy form (marker
 * 0), the versioned form (marker 1) and the vector (marker 2).  The text
 * forms live in addr_text.c.  SPEC-NOTES §6.1, §6.2.
 */
#include "internal.h"

/* The smallest entity_addr_t: marker 1, envelope, type, nonce, elen 0. */
#define ADDR_MIN_LEN		(1 + 6 + 12)

/* Offsets in the 136-byte legacy form. */
#define LEG_NONCE		4
#define LEG_FAMILY		8
#define LEG_SA			10
#define LEG_SS_LEN		128	/* sockaddr_storage */

/* entity_addr_t::get_sockaddr_len(): sizeof(sin), sizeof(sin6), or the
 * union of both for any other family. */
static uint32_t
sockaddr_len(uint16_t family)
{
	switch (family) {
	case M2_AF_INET:
		return 16;
	case M2_AF_INET6:
		return 28;
	default:
		return M2_SOCKADDR_MAX;
	}
}

/*
 * Legacy entity_addr_t, after its marker.  SPEC §6.1 · ceph msg_types.h
 * entity_addr_t::decode_legacy_addr_after_marker, ceph_sockaddr_storage
 * · kernel decode.c ceph_decode_entity_addr_legacy
 *   off 0 u8 marker 0 | off 1 3 bytes, the rest of a le32 type (ignored)
 *   off 4 le32 nonce | off 8 be16 ss_family | off 10 126 bytes: the rest
 *   of a 128-byte sockaddr_storage, port and address in network order
 * AMB-60: Ceph keeps 16 or 28 bytes for AF_INET or AF_INET6 and turns
 * any other family into AF_UNSPEC, type NONE (type LEGACY otherwise); the
 * kernel keeps all 128 bytes and the family, and always says LEGACY.
 * We follow Ceph (monmaptool 16.2.15 prints family 1 and 512 as "-").
 */
static m2_err
addr_read_legacy(struct m2_cur *c, struct m2_addr *out, struct m2_diag *d)
{
	struct m2_span	s;
	uint16_t	family;

	if (!m2_cur_span(c, M2_LEGACY_ADDR_LEN, &s))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), "addr.legacy");
	out->nonce = m2_load_le32(s.p + LEG_NONCE);
	family = m2_load_be16(s.p + LEG_FAMILY);
	if (family == M2_AF_INET || family == M2_AF_INET6) {
		out->type = M2_ADDR_LEGACY;
		out->family = family;
		memcpy(out->sa, s.p + LEG_SA, sockaddr_len(family) - 2);
	} else {
		out->type = M2_ADDR_NONE;
		out->family = M2_AF_UNSPEC;
	}
	out->elen = sockaddr_len(out->family);
	out->legacy = 1;
	return M2_OK;
}

/*
 * entity_addr_t, marker 1.  SPEC §6.1 · ceph msg_types.h
 * entity_addr_t::decode, msg_types.cc entity_addrvec_t::decode (marker 1)
 * · kernel decode.c ceph_decode_entity_addr_versioned
 *   u8 marker 1 | u8 struct_v, u8 compat <= 1, le32 struct_len, then in
 *   struct_len: le32 type | le32 nonce | le32 elen | if elen != 0: le16
 *   family (host value, Linux numbering), elen - 2 bytes of sockaddr in
 *   network order | unknown tail, skipped
 * AMB-61: Ceph takes elen 0 (nothing follows: AF_UNSPEC) or 2 up to
 * get_sockaddr_len(family); the kernel takes any elen up to 128, even 1.
 * We follow Ceph: anything else is M2_E_BADVAL.
 * AMB-62: with a struct_len too short for its fields, Ceph reads on and
 * throws at DECODE_FINISH, and the kernel reads on and then moves back
 * to struct_end; we read inside struct_len only: M2_E_TRUNC.
 */
static m2_err
addr_read_v1(struct m2_cur *c, struct m2_addr *out, struct m2_diag *d)
{
	struct m2_cur	body;
	uint8_t		struct_v;
	uint32_t	elen;
	m2_err		e;

	if ((e = m2_cur_envelope(c, 1, &struct_v, &body)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "addr.envelope");
	if (!m2_cur_le32(&body, &out->type))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
		    "addr.type");
	if (!m2_cur_le32(&body, &out->nonce))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
		    "addr.nonce");
	if (!m2_cur_le32(&body, &elen))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
		    "addr.elen");
	out->elen = elen;
	if (elen != 0) {
		if (elen < 2)
			return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(&body) - 4,
			    "addr.elen");
		if (!m2_cur_le16(&body, &out->family))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
			    "addr.family");
		if (elen > sockaddr_len(out->family))
			return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(&body) - 6,
			    "addr.elen");
		if (!m2_cur_bytes(&body, out->sa, elen - 2))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
			    "addr.sockaddr");
	}
	(void)struct_v;		/* any struct_v: the tail is skipped */
	return M2_OK;
}

/*
 * see m2/addr.h
 * entity_addr_t, any form.  SPEC §6.1 · ceph msg_types.h
 * entity_addr_t::decode · kernel decode.c ceph_decode_entity_addr
 *   u8 marker: 0 legacy (136 bytes with the marker), 1 versioned; others
 *   are errors (Ceph: "entity_addr_t marker != 1"; kernel: -EINVAL)
 */
m2_err
m2_addr_read(struct m2_cur *c, struct m2_addr *out, struct m2_diag *d)
{
	struct m2_cur	save = *c;
	uint8_t		marker;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &marker))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), "addr.marker");
	if (marker == 0) {
		*c = save;
		e = addr_read_legacy(c, out, d);
	} else if (marker == 1) {
		e = addr_read_v1(c, out, d);
	} else {
		e = m2_diag_at(d, M2_E_BADVAL, m2_cur_off(&save),
		    "addr.marker");
	}
	if (e != M2_OK)
		*c = save;
	return e;
}

/* see m2/addr.h */
m2_err
m2_addr_parse(struct m2_cur *c, struct m2_addr *out, struct m2_diag *d)
{
	m2_err	e;

	if ((e = m2_addr_read(c, out, d)) != M2_OK)
		return e;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "addr");
	return M2_OK;
}

/*
 * entity_addr_t with MSG_ADDR2, as ceph entity_addr_t::encode and kernel
 * ceph_encode_entity_addr write it; layout at addr_read_v1.  elen is the
 * family's sockaddr length, never what was read, so a short or empty
 * sockaddr is written out in full (zero-filled).
 */
static void
addr_build_v1(struct m2_buf *b, const struct m2_addr *a)
{
	uint32_t	elen = sockaddr_len(a->family);
	size_t		at;

	m2_buf_u8(b, 1);
	at = m2_buf_envelope_begin(b, 1, 1);
	m2_buf_le32(b, a->type);
	m2_buf_le32(b, a->nonce);
	m2_buf_le32(b, elen);
	m2_buf_le16(b, a->family);
	m2_buf_bytes(b, a->sa, elen - 2);
	m2_buf_envelope_end(b, at);
}

/*
 * entity_addr_t without MSG_ADDR2, as ceph entity_addr_t::encode writes
 * it (le32 type 0, whatever the type); layout at addr_read_legacy.
 */
static void
addr_build_legacy(struct m2_buf *b, const struct m2_addr *a)
{
	m2_buf_le32(b, 0);
	m2_buf_le32(b, a->nonce);
	m2_buf_be16(b, a->family);
	m2_buf_bytes(b, a->sa, sizeof(a->sa));
	m2_buf_zero(b, LEG_SS_LEN - 2 - sizeof(a->sa));
}

/* see m2/addr.h */
void
m2_addr_build(struct m2_buf *b, const struct m2_addr *a)
{
	size_t	start = b->len;

	if (a->legacy)
		addr_build_legacy(b, a);
	else
		addr_build_v1(b, a);
	assert(b->overflow || b->len - start == m2_addr_size(a));
	(void)start;
}

/* see m2/addr.h */
size_t
m2_addr_size(const struct m2_addr *a)
{
	if (a->legacy)
		return M2_LEGACY_ADDR_LEN;
	return ADDR_MIN_LEN + sockaddr_len(a->family);
}

/*
 * see m2/addr.h
 * entity_addrvec_t.  SPEC §6.2 · ceph msg_types.cc entity_addrvec_t::decode
 * · kernel decode.c ceph_decode_entity_addrvec
 *   u8 marker: 0 or 1 = one address in that form (the marker is its own);
 *   2 = le32 n, then n x entity_addr_t, each with marker 0 or 1
 * AMB-63: Ceph resizes its vector to n before reading; the kernel loops n
 * times.  We cap n at M2_MAX_ADDRS (M2_E_LIMIT) and check that n minimal
 * addresses fit before reading any (M2_E_TRUNC).
 */
m2_err
m2_addrvec_read(struct m2_cur *c, struct m2_addrvec *out, struct m2_diag *d)
{
	struct m2_cur	save = *c;
	uint32_t	n;
	uint8_t		marker;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &marker))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "addrvec.marker");
	out->marker = marker;
	if (marker == 0 || marker == 1) {
		*c = save;
		if ((e = m2_addr_read(c, &out->a[0], d)) != M2_OK)
			return e;
		out->n = 1;
		return M2_OK;
	}
	if (marker != 2) {
		*c = save;
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c),
		    "addrvec.marker");
	}
	if ((e = m2_cur_count(c, M2_MAX_ADDRS, ADDR_MIN_LEN, &n)) != M2_OK) {
		(void)m2_diag_at(d, e, m2_cur_off(c), "addrvec.count");
		*c = save;
		return e;
	}
	for (uint32_t i = 0; i < n; i++) {
		if ((e = m2_addr_read(c, &out->a[i], d)) != M2_OK) {
			*c = save;
			return e;
		}
	}
	out->n = n;
	return M2_OK;
}

/* see m2/addr.h */
m2_err
m2_addrvec_parse(struct m2_cur *c, struct m2_addrvec *out, struct m2_diag *d)
{
	m2_err	e;

	if ((e = m2_addrvec_read(c, out, d)) != M2_OK)
		return e;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "addrvec");
	return M2_OK;
}

/*
 * see m2/addr.h
 * entity_addrvec_t with MSG_ADDR2, as ceph entity_addrvec_t::encode writes
 * it: marker 2, le32 n, and every element in the marker 1 form (its
 * |legacy| flag is ignored: Ceph encodes each with the same features).
 */
void
m2_addrvec_build(struct m2_buf *b, const struct m2_addrvec *v)
{
	size_t	start = b->len;

	assert(v->n <= M2_MAX_ADDRS);
	m2_buf_u8(b, 2);
	m2_buf_le32(b, v->n);
	for (uint32_t i = 0; i < v->n; i++)
		m2_addr_build(b, &v->a[i]);	/* a legacy entry stays legacy */
	assert(b->overflow || b->len - start == m2_addrvec_size(v));
	(void)start;
}

/* see m2/addr.h */
size_t
m2_addrvec_size(const struct m2_addrvec *v)
{
	size_t	n = 1 + 4;

	for (uint32_t i = 0; i < v->n; i++)
		n += m2_addr_size(&v->a[i]);
	return n;
}

/* see m2/addr.h */
int
m2_addr_equal(const struct m2_addr *a, const struct m2_addr *b)
{
	return a->type == b->type && a->nonce == b->nonce &&
	    a->family == b->family && memcmp(a->sa, b->sa, sizeof(a->sa)) == 0;
}

M2_CODEC_ROW(addr, struct m2_addr, 1, 0);
M2_CODEC_ROW(addrvec, struct m2_addrvec, 1, 0);

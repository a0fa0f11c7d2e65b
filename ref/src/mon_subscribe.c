/* SPDX-License-Identifier: MIT */
/*
 * MMonSubscribe (15) front.  NOTES-h-mon.md.
 */
#include "internal.h"

/* The smallest item: an empty name, le64 start, u8 flags. */
#define SUB_ITEM_MIN	(4 + 8 + 1)

/*
 * MMonSubscribe::encode_payload, header version 3 (messages/
 * MMonSubscribe.h, include/ceph_fs.h struct ceph_mon_subscribe_item,
 * packed):
 *   le32 n | n x (string what | le64 start | u8 flags) | string hostname
 * Version 2 stops before hostname (decode_payload reads it only for
 * version >= 3); version 0 and 1 used ceph_mon_subscribe_item_old.
 */
m2_err
m2_mon_subscribe_parse_version(struct m2_cur *c, uint16_t version,
    struct m2_mon_subscribe *out, struct m2_diag *d)
{
	uint32_t	n;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (version < 2)
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c),
		    "mon_subscribe.version");
	if ((e = m2_cur_count(c, M2_MAX_MON_SUBS, SUB_ITEM_MIN, &n)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c),
		    "mon_subscribe.what.count");
	for (uint32_t i = 0; i < n; i++) {
		struct m2_mon_sub_item	*it = &out->item[i];

		if ((e = m2_mon_str_read(c, &it->what)) != M2_OK)
			return m2_diag_at(d, e, m2_cur_off(c),
			    "mon_subscribe.what.name");
		if (!m2_cur_le64(c, &it->start) || !m2_cur_u8(c, &it->flags))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
			    "mon_subscribe.what.item");
	}
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = i + 1; j < n; j++)
			if (m2_mon_span_eq(out->item[i].what,
			    out->item[j].what))
				return m2_diag_at(d, M2_E_BADVAL,
				    m2_cur_off(c), "mon_subscribe.what");
	out->n = n;
	if (version < 3) {
		out->no_hostname = 1;
	} else if ((e = m2_mon_str_read(c, &out->hostname)) != M2_OK) {
		return m2_diag_at(d, e, m2_cur_off(c),
		    "mon_subscribe.hostname");
	}
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "mon_subscribe");
	return M2_OK;
}

/* see m2/mon.h */
m2_err
m2_mon_subscribe_parse(struct m2_cur *c, struct m2_mon_subscribe *out,
    struct m2_diag *d)
{
	return m2_mon_subscribe_parse_version(c, 3, out, d);
}

/* MMonSubscribe::encode_payload; layout above. */
void
m2_mon_subscribe_build(struct m2_buf *b, const struct m2_mon_subscribe *in)
{
	size_t	start = b->len;

	assert(in->n <= M2_MAX_MON_SUBS);
	m2_buf_le32(b, in->n);
	for (uint32_t i = 0; i < in->n; i++) {
		m2_mon_str_build(b, in->item[i].what);
		m2_buf_le64(b, in->item[i].start);
		m2_buf_u8(b, in->item[i].flags);
	}
	if (!in->no_hostname)
		m2_mon_str_build(b, in->hostname);
	assert(b->overflow || b->len - start == m2_mon_subscribe_size(in));
	(void)start;
}

/* see m2/mon.h */
size_t
m2_mon_subscribe_size(const struct m2_mon_subscribe *in)
{
	size_t	len = 4;

	for (uint32_t i = 0; i < in->n; i++)
		len += SUB_ITEM_MIN + in->item[i].what.len;
	if (!in->no_hostname)
		len += 4 + in->hostname.len;
	return len;
}

/* see m2/mon.h */
size_t
m2_mon_subscribe_dump(const struct m2_mon_subscribe *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "what=[");
	for (uint32_t i = 0; i < in->n; i++) {
		if (i != 0)
			at = m2_fmt(s, n, at, ",");
		at = m2_fmt_qstr(s, n, at, in->item[i].what);
		at = m2_fmt(s, n, at, "={start=%llu flags=0x%x}",
		    (unsigned long long)in->item[i].start,
		    (unsigned)in->item[i].flags);
	}
	at = m2_fmt(s, n, at, "]");
	if (!in->no_hostname) {
		at = m2_fmt(s, n, at, " hostname=");
		at = m2_fmt_qstr(s, n, at, in->hostname);
	}
	return at;
}

M2_CODEC_ROW(mon_subscribe, struct m2_mon_subscribe, 0, 0);

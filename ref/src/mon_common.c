/* SPDX-License-Identifier: MIT */
/*
 * Strings, string lists and string maps as Ceph's encoding.h writes them,
 * shared by the monitor messages (m2/mon.h), and their dumps.
 */
#include "internal.h"

/*
 * std::string.  ceph encoding.h encode(std::string):
 *   le32 len | len bytes (no terminator)
 */
m2_err
m2_mon_str_read(struct m2_cur *c, struct m2_span *s)
{
	uint32_t	len;
	m2_err		e;

	if ((e = m2_cur_count(c, M2_MAX_STRING, 1, &len)) != M2_OK)
		return e;
	if (!m2_cur_span(c, len, s))
		return M2_E_TRUNC;
	return M2_OK;
}

/*
 * std::vector<std::string> and std::set<std::string>:
 *   le32 n | n x string (each at least its 4-byte length)
 */
m2_err
m2_mon_strs_read(struct m2_cur *c, uint32_t max, struct m2_span *v,
    uint32_t *n)
{
	uint32_t	count;
	m2_err		e;

	if ((e = m2_cur_count(c, max, 4, &count)) != M2_OK)
		return e;
	for (uint32_t i = 0; i < count; i++)
		if ((e = m2_mon_str_read(c, &v[i])) != M2_OK)
			return e;
	*n = count;
	return M2_OK;
}

/*
 * std::map<std::string, std::string>:
 *   le32 n | n x (string key, string value)
 * Ceph's decode keeps the last value of a repeated key; we refuse it.
 */
m2_err
m2_mon_kv_read(struct m2_cur *c, uint32_t max, struct m2_kv *v, uint32_t *n)
{
	uint32_t	count;
	m2_err		e;

	if ((e = m2_cur_count(c, max, 8, &count)) != M2_OK)
		return e;
	for (uint32_t i = 0; i < count; i++) {
		if ((e = m2_mon_str_read(c, &v[i].key)) != M2_OK)
			return e;
		if ((e = m2_mon_str_read(c, &v[i].val)) != M2_OK)
			return e;
	}
	for (uint32_t i = 0; i < count; i++)
		for (uint32_t j = i + 1; j < count; j++)
			if (m2_mon_span_eq(v[i].key, v[j].key))
				return M2_E_BADVAL;
	*n = count;
	return M2_OK;
}

/*
 * ENCODE_START's header, as m2_cur_envelope reads it (same checks, same
 * order), also giving the compat byte, which a re-encoding needs:
 *   u8 struct_v | u8 struct_compat (<= max) | le32 struct_len | body
 */
m2_err
m2_mon_envelope_read(struct m2_cur *c, uint8_t max, uint8_t *v,
    uint8_t *compat, struct m2_cur *body)
{
	struct m2_cur	save = *c;
	uint8_t		sv, cv;

	if (!m2_cur_u8(c, &sv) || !m2_cur_u8(c, &cv)) {
		*c = save;
		return M2_E_TRUNC;
	}
	if (cv > max) {
		*c = save;
		return M2_E_COMPAT;
	}
	if (!m2_cur_lp32(c, body)) {
		*c = save;
		return M2_E_TRUNC;
	}
	*v = sv;
	*compat = cv;
	return M2_OK;
}

/* see internal.h */
int
m2_mon_span_eq(struct m2_span a, struct m2_span b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* std::string's operator<: bytes compared as unsigned char, then length. */
int
m2_mon_span_cmp(struct m2_span a, struct m2_span b)
{
	size_t	m = a.len < b.len ? a.len : b.len;
	int	r = m == 0 ? 0 : memcmp(a.p, b.p, m);

	if (r != 0)
		return r;
	return a.len < b.len ? -1 : a.len > b.len;
}

int
m2_mon_spans_unique(const struct m2_span *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = i + 1; j < n; j++)
			if (m2_mon_span_eq(v[i], v[j]))
				return 0;
	return 1;
}

void
m2_mon_str_build(struct m2_buf *b, struct m2_span s)
{
	assert(s.len <= UINT32_MAX);
	m2_buf_le32(b, (uint32_t)s.len);
	if (s.len != 0)
		m2_buf_bytes(b, s.p, s.len);
}

void
m2_mon_strs_build(struct m2_buf *b, const struct m2_span *v, uint32_t n)
{
	m2_buf_le32(b, n);
	for (uint32_t i = 0; i < n; i++)
		m2_mon_str_build(b, v[i]);
}

void
m2_mon_kv_build(struct m2_buf *b, const struct m2_kv *v, uint32_t n)
{
	m2_buf_le32(b, n);
	for (uint32_t i = 0; i < n; i++) {
		m2_mon_str_build(b, v[i].key);
		m2_mon_str_build(b, v[i].val);
	}
}

size_t
m2_mon_strs_size(const struct m2_span *v, uint32_t n)
{
	size_t	len = 4;

	for (uint32_t i = 0; i < n; i++)
		len += 4 + v[i].len;
	return len;
}

size_t
m2_mon_kv_size(const struct m2_kv *v, uint32_t n)
{
	size_t	len = 4;

	for (uint32_t i = 0; i < n; i++)
		len += 8 + v[i].key.len + v[i].val.len;
	return len;
}

/* see internal.h */
size_t
m2_fmt_qstr(char *s, size_t n, size_t at, struct m2_span v)
{
	at = m2_fmt(s, n, at, "\"");
	for (size_t i = 0; i < v.len; i++) {
		uint8_t	ch = v.p[i];

		if (ch == '"')
			at = m2_fmt(s, n, at, "\\\"");
		else if (ch == '\\')
			at = m2_fmt(s, n, at, "\\\\");
		else if (ch >= 0x20 && ch <= 0x7e)
			at = m2_fmt(s, n, at, "%c", ch);
		else
			at = m2_fmt(s, n, at, "\\x%02x", (unsigned)ch);
	}
	return m2_fmt(s, n, at, "\"");
}

/* see internal.h */
size_t
m2_fmt_strs(char *s, size_t n, size_t at, const struct m2_span *v,
    uint32_t count)
{
	at = m2_fmt(s, n, at, "[");
	for (uint32_t i = 0; i < count; i++) {
		if (i != 0)
			at = m2_fmt(s, n, at, ",");
		at = m2_fmt_qstr(s, n, at, v[i]);
	}
	return m2_fmt(s, n, at, "]");
}

/* see internal.h */
size_t
m2_fmt_kv(char *s, size_t n, size_t at, const struct m2_kv *v,
    uint32_t count)
{
	at = m2_fmt(s, n, at, "[");
	for (uint32_t i = 0; i < count; i++) {
		if (i != 0)
			at = m2_fmt(s, n, at, ",");
		at = m2_fmt_qstr(s, n, at, v[i].key);
		at = m2_fmt(s, n, at, "=");
		at = m2_fmt_qstr(s, n, at, v[i].val);
	}
	return m2_fmt(s, n, at, "]");
}

/* see internal.h; uuid_d prints its 16 bytes in order, 8-4-4-4-12. */
size_t
m2_fmt_uuid(char *s, size_t n, size_t at, const uint8_t u[16])
{
	for (size_t i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			at = m2_fmt(s, n, at, "-");
		at = m2_fmt(s, n, at, "%02x", (unsigned)u[i]);
	}
	return at;
}

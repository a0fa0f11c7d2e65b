/* SPDX-License-Identifier: MIT */
/*
 * The write buffer (m2/buf.h): caller memory, a sticky overflow flag.
 */
#include "internal.h"

/* see m2/buf.h */
void
m2_buf_init(struct m2_buf *b, uint8_t *p, size_t cap)
{
	b->p = p;
	b->cap = p != NULL ? cap : 0;
	b->len = 0;
	b->overflow = 0;
}

/* see m2/buf.h */
uint8_t *
m2_buf_reserve(struct m2_buf *b, size_t n)
{
	uint8_t	*at;

	if (b->overflow || b->cap - b->len < n) {
		b->overflow = 1;
		return NULL;
	}
	at = b->p + b->len;
	b->len += n;
	return at;
}

/* see m2/buf.h */
void
m2_buf_u8(struct m2_buf *b, uint8_t v)
{
	uint8_t	*p = m2_buf_reserve(b, 1);

	if (p != NULL)
		p[0] = v;
}

/* see m2/buf.h */
void
m2_buf_le16(struct m2_buf *b, uint16_t v)
{
	uint8_t	*p = m2_buf_reserve(b, 2);

	if (p != NULL)
		m2_store_le16(p, v);
}

/* see m2/buf.h */
void
m2_buf_be16(struct m2_buf *b, uint16_t v)
{
	uint8_t	*p = m2_buf_reserve(b, 2);

	if (p != NULL)
		m2_store_be16(p, v);
}

/* see m2/buf.h */
void
m2_buf_le32(struct m2_buf *b, uint32_t v)
{
	uint8_t	*p = m2_buf_reserve(b, 4);

	if (p != NULL)
		m2_store_le32(p, v);
}

/* see m2/buf.h */
void
m2_buf_le64(struct m2_buf *b, uint64_t v)
{
	uint8_t	*p = m2_buf_reserve(b, 8);

	if (p != NULL)
		m2_store_le64(p, v);
}

/* see m2/buf.h */
void
m2_buf_bytes(struct m2_buf *b, const void *src, size_t n)
{
	uint8_t	*p = m2_buf_reserve(b, n);

	if (p != NULL && n != 0)
		memcpy(p, src, n);
}

/* see m2/buf.h */
void
m2_buf_zero(struct m2_buf *b, size_t n)
{
	uint8_t	*p = m2_buf_reserve(b, n);

	if (p != NULL && n != 0)
		memset(p, 0, n);
}

/* see m2/buf.h */
void
m2_buf_lp32(struct m2_buf *b, struct m2_span s)
{
	if (s.len > UINT32_MAX) {
		b->overflow = 1;
		return;
	}
	m2_buf_le32(b, (uint32_t)s.len);
	m2_buf_bytes(b, s.p, s.len);
}

/* see m2/buf.h */
size_t
m2_buf_lp32_begin(struct m2_buf *b)
{
	size_t	at = b->len;

	m2_buf_le32(b, 0);
	return at;
}

/* see m2/buf.h */
void
m2_buf_lp32_end(struct m2_buf *b, size_t at)
{
	size_t	n;

	if (b->overflow)
		return;
	assert(at + 4 <= b->len);
	n = b->len - at - 4;
	if (n > UINT32_MAX) {
		b->overflow = 1;
		return;
	}
	m2_store_le32(b->p + at, (uint32_t)n);
}

/* see m2/buf.h */
size_t
m2_buf_envelope_begin(struct m2_buf *b, uint8_t v, uint8_t compat)
{
	m2_buf_u8(b, v);
	m2_buf_u8(b, compat);
	return m2_buf_lp32_begin(b);
}

/* see m2/buf.h */
void
m2_buf_envelope_end(struct m2_buf *b, size_t at)
{
	m2_buf_lp32_end(b, at);
}

/* see m2/buf.h */
m2_err
m2_buf_finish(const struct m2_buf *b, size_t *len)
{
	if (b->overflow)
		return M2_E_NOSPC;
	if (len != NULL)
		*len = b->len;
	return M2_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * The bounded read cursor (m2/cur.h).  Every primitive either consumes
 * exactly what it reports or leaves the cursor as it was.
 */
#include "internal.h"

/* see m2/cur.h */
void
m2_cur_init(struct m2_cur *c, const uint8_t *p, size_t n)
{
	c->p = p;
	c->len = n;
	c->origin = p;
}

/* see m2/cur.h */
int
m2_cur_skip(struct m2_cur *c, size_t n)
{
	if (c->len < n)
		return 0;
	c->p += n;
	c->len -= n;
	return 1;
}

/* see m2/cur.h */
int
m2_cur_u8(struct m2_cur *c, uint8_t *v)
{
	if (c->len < 1)
		return 0;
	*v = c->p[0];
	return m2_cur_skip(c, 1);
}

/* see m2/cur.h */
int
m2_cur_le16(struct m2_cur *c, uint16_t *v)
{
	if (c->len < 2)
		return 0;
	*v = m2_load_le16(c->p);
	return m2_cur_skip(c, 2);
}

/* see m2/cur.h */
int
m2_cur_be16(struct m2_cur *c, uint16_t *v)
{
	if (c->len < 2)
		return 0;
	*v = m2_load_be16(c->p);
	return m2_cur_skip(c, 2);
}

/* see m2/cur.h */
int
m2_cur_le32(struct m2_cur *c, uint32_t *v)
{
	if (c->len < 4)
		return 0;
	*v = m2_load_le32(c->p);
	return m2_cur_skip(c, 4);
}

/* see m2/cur.h */
int
m2_cur_le64(struct m2_cur *c, uint64_t *v)
{
	if (c->len < 8)
		return 0;
	*v = m2_load_le64(c->p);
	return m2_cur_skip(c, 8);
}

/* see m2/cur.h */
int
m2_cur_bytes(struct m2_cur *c, void *out, size_t n)
{
	if (c->len < n)
		return 0;
	if (n != 0)
		memcpy(out, c->p, n);
	return m2_cur_skip(c, n);
}

/* see m2/cur.h */
int
m2_cur_span(struct m2_cur *c, size_t n, struct m2_span *s)
{
	if (c->len < n)
		return 0;
	s->p = c->p;
	s->len = n;
	return m2_cur_skip(c, n);
}

/* see m2/cur.h */
int
m2_cur_sub(struct m2_cur *c, size_t n, struct m2_cur *sub)
{
	if (c->len < n)
		return 0;
	sub->p = c->p;
	sub->len = n;
	sub->origin = c->origin;
	return m2_cur_skip(c, n);
}

/* see m2/cur.h */
int
m2_cur_lp32(struct m2_cur *c, struct m2_cur *body)
{
	struct m2_cur	save = *c;
	uint32_t	n;

	if (!m2_cur_le32(c, &n))
		return 0;
	if (!m2_cur_sub(c, n, body)) {
		*c = save;
		return 0;
	}
	return 1;
}

/* see m2/cur.h */
int
m2_cur_lp32_span(struct m2_cur *c, struct m2_span *s)
{
	struct m2_cur	body;

	if (!m2_cur_lp32(c, &body))
		return 0;
	s->p = body.p;
	s->len = body.len;
	return 1;
}

/* see m2/cur.h */
m2_err
m2_cur_count(struct m2_cur *c, uint32_t max, size_t elem_min, uint32_t *n)
{
	struct m2_cur	save = *c;
	uint32_t	v;

	if (!m2_cur_le32(c, &v))
		return M2_E_TRUNC;
	if (v > max) {
		*c = save;
		return M2_E_LIMIT;
	}
	if (elem_min != 0 && v > c->len / elem_min) {	/* divide, never multiply */
		*c = save;
		return M2_E_TRUNC;
	}
	*n = v;
	return M2_OK;
}

/* see m2/cur.h */
m2_err
m2_cur_envelope(struct m2_cur *c, uint8_t max_compat, uint8_t *struct_v,
    struct m2_cur *body)
{
	struct m2_cur	save = *c;
	uint8_t		v, compat;

	if (!m2_cur_u8(c, &v) || !m2_cur_u8(c, &compat)) {
		*c = save;
		return M2_E_TRUNC;
	}
	if (compat > max_compat) {
		*c = save;
		return M2_E_COMPAT;
	}
	if (!m2_cur_lp32(c, body)) {
		*c = save;
		return M2_E_TRUNC;
	}
	*struct_v = v;
	return M2_OK;
}

/* SPDX-License-Identifier: MIT */
/*
 * The bounded read cursor every parser reads through.  A primitive returns
 * 1 if the value fitted and 0 if not; on 0 the cursor is unchanged.  A
 * length-prefixed field becomes a sub-cursor, so an inner parser cannot
 * read past its field.  The cursor never owns memory.
 */
#ifndef M2_CUR_H
#define M2_CUR_H

#include "err.h"

struct m2_cur {
	const uint8_t	*p;		/* next unread byte */
	size_t		 len;		/* bytes left in this view */
	const uint8_t	*origin;	/* start of the whole input */
};

/* m2_cur_init views |n| bytes at |p|; offsets are counted from |p|. */
void		 m2_cur_init(struct m2_cur *c, const uint8_t *p, size_t n);

/* m2_cur_len returns the bytes left in |c|. */
static inline size_t
m2_cur_len(const struct m2_cur *c)
{
	return c->len;
}

/* m2_cur_off returns the absolute offset of the next unread byte. */
static inline size_t
m2_cur_off(const struct m2_cur *c)
{
	return (size_t)(c->p - c->origin);
}

M2_MUST_USE int	 m2_cur_u8(struct m2_cur *c, uint8_t *v);
M2_MUST_USE int	 m2_cur_le16(struct m2_cur *c, uint16_t *v);
M2_MUST_USE int	 m2_cur_le32(struct m2_cur *c, uint32_t *v);
M2_MUST_USE int	 m2_cur_le64(struct m2_cur *c, uint64_t *v);
M2_MUST_USE int	 m2_cur_be16(struct m2_cur *c, uint16_t *v);

/* m2_cur_bytes copies |n| bytes into |out|. */
M2_MUST_USE int	 m2_cur_bytes(struct m2_cur *c, void *out, size_t n);

/* m2_cur_span sets |*s| to borrow the next |n| bytes and advances. */
M2_MUST_USE int	 m2_cur_span(struct m2_cur *c, size_t n, struct m2_span *s);

/* m2_cur_skip advances past |n| bytes. */
M2_MUST_USE int	 m2_cur_skip(struct m2_cur *c, size_t n);

/*
 * m2_cur_sub sets |*sub| to view the next |n| bytes (with the same origin,
 * so offsets stay absolute) and advances |c| past them.
 */
M2_MUST_USE int	 m2_cur_sub(struct m2_cur *c, size_t n, struct m2_cur *sub);

/* m2_cur_lp32 reads a le32 length and sets |*body| to view that many bytes. */
M2_MUST_USE int	 m2_cur_lp32(struct m2_cur *c, struct m2_cur *body);

/* m2_cur_lp32_span is m2_cur_lp32 for an opaque payload. */
M2_MUST_USE int	 m2_cur_lp32_span(struct m2_cur *c, struct m2_span *s);

/*
 * m2_cur_count reads a le32 element count into |*n|.  It checks that the
 * count is at most |max| (else M2_E_LIMIT) and that |elem_min| bytes for
 * each element are left (else M2_E_TRUNC), before any loop runs.  On
 * failure |c| is unchanged.
 */
M2_MUST_USE m2_err m2_cur_count(struct m2_cur *c, uint32_t max,
		    size_t elem_min, uint32_t *n);

/*
 * m2_cur_envelope reads Ceph's ENCODE_START header (u8 struct_v, u8 compat,
 * le32 struct_len) and sets |*body| to the struct_len bytes that follow.
 * It fails with M2_E_COMPAT if compat > |max_compat| and M2_E_TRUNC if
 * struct_len passes the end.  Unknown tail fields are skipped by whoever
 * leaves |body| unread.
 */
M2_MUST_USE m2_err m2_cur_envelope(struct m2_cur *c, uint8_t max_compat,
		    uint8_t *struct_v, struct m2_cur *body);

#endif

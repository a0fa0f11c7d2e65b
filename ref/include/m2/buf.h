/* SPDX-License-Identifier: MIT */
/*
 * The write buffer every builder writes into.  The caller provides the
 * memory.  Writers return void and set a sticky overflow flag, reported
 * once by m2_buf_finish.
 */
#ifndef M2_BUF_H
#define M2_BUF_H

#include "err.h"

struct m2_buf {
	uint8_t		*p;		/* start of the caller's memory */
	size_t		 cap;		/* its size */
	size_t		 len;		/* bytes written so far */
	int		 overflow;	/* sticky: a write did not fit */
};

void		 m2_buf_init(struct m2_buf *b, uint8_t *p, size_t cap);
void		 m2_buf_u8(struct m2_buf *b, uint8_t v);
void		 m2_buf_le16(struct m2_buf *b, uint16_t v);
void		 m2_buf_le32(struct m2_buf *b, uint32_t v);
void		 m2_buf_le64(struct m2_buf *b, uint64_t v);
void		 m2_buf_be16(struct m2_buf *b, uint16_t v);
void		 m2_buf_bytes(struct m2_buf *b, const void *p, size_t n);
void		 m2_buf_zero(struct m2_buf *b, size_t n);

/* m2_buf_lp32 writes a le32 length and then the bytes of |s|. */
void		 m2_buf_lp32(struct m2_buf *b, struct m2_span s);

/*
 * m2_buf_reserve returns a pointer to the next |n| bytes and counts them
 * as written, or NULL (setting the overflow flag) if they do not fit.
 */
uint8_t		*m2_buf_reserve(struct m2_buf *b, size_t n);

/*
 * m2_buf_lp32_begin writes a placeholder le32 and returns its offset;
 * m2_buf_lp32_end fills it with the number of bytes written since.
 */
size_t		 m2_buf_lp32_begin(struct m2_buf *b);
void		 m2_buf_lp32_end(struct m2_buf *b, size_t at);

/*
 * m2_buf_envelope_begin writes Ceph's ENCODE_START header with a
 * placeholder struct_len; m2_buf_envelope_end fills it in.
 */
size_t		 m2_buf_envelope_begin(struct m2_buf *b, uint8_t v,
		    uint8_t compat);
void		 m2_buf_envelope_end(struct m2_buf *b, size_t at);

/*
 * m2_buf_finish returns M2_E_NOSPC if any write overflowed, else M2_OK and
 * the length written in |*len| (which may be NULL).
 */
M2_MUST_USE m2_err m2_buf_finish(const struct m2_buf *b, size_t *len);

#endif

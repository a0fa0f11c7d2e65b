/* SPDX-License-Identifier: MIT */
/*
 * The codec table.  Every decoder that reads plain bytes (or text) through
 * a cursor is one row; tests, fuzz targets, tools and ci/pairing.sh all
 * iterate over it.  The frame formats take keys and nonces and have their
 * own entry points in m2/frame.h.
 */
#ifndef M2_CODEC_H
#define M2_CODEC_H

#include "buf.h"
#include "cur.h"

struct m2_codec {
	const char	*name;		/* vectors/<name>.json, fz_<name>.c */
	size_t		 size;		/* sizeof the decoded struct */
	int		 fixed_layout;	/* every strict prefix: M2_E_TRUNC */
	int		 text;		/* input is text, not binary */
	/* Decode from |c| into |out|; never allocates; checks the end. */
	m2_err		 (*parse)(struct m2_cur *c, void *out,
			    struct m2_diag *d);
	/* Encode |in| canonically. */
	void		 (*build)(struct m2_buf *b, const void *in);
	/* Canonical text of |in| (vectors/SCHEMA.md); snprintf semantics. */
	size_t		 (*dump)(const void *in, char *s, size_t n);
};

/* The rows, in a fixed order; each is defined by the unit that owns it. */
extern const struct m2_codec *const	m2_codecs[];
extern const size_t			m2_ncodecs;

/* m2_codec_find returns the row named |name|, or NULL. */
const struct m2_codec	*m2_codec_find(const char *name);

/* The largest m2_codec.size: scratch for any decoded struct. */
#define M2_CODEC_MAX_STRUCT	32768

/*
 * M2_CODEC_ROW defines the row m2_codec_row_<name> for a codec whose
 * functions follow the naming rule m2_<name>_parse(struct m2_cur *, T *,
 * struct m2_diag *), m2_<name>_build(struct m2_buf *, const T *) and
 * m2_<name>_dump(const T *, char *, size_t).  It writes the three small
 * adapters from void pointers, so no function is called through a pointer
 * of the wrong type.
 */
#define M2_CODEC_ROW(name_, type_, fixed_, text_)			\
static m2_err								\
name_##_row_vparse(struct m2_cur *c, void *o, struct m2_diag *d)	\
{									\
	return m2_##name_##_parse(c, (type_ *)o, d);			\
}									\
static void								\
name_##_row_vbuild(struct m2_buf *b, const void *i)			\
{									\
	m2_##name_##_build(b, (const type_ *)i);			\
}									\
static size_t								\
name_##_row_vdump(const void *i, char *s, size_t n)			\
{									\
	return m2_##name_##_dump((const type_ *)i, s, n);		\
}									\
const struct m2_codec m2_codec_row_##name_ = {				\
	#name_, sizeof(type_), fixed_, text_,				\
	name_##_row_vparse, name_##_row_vbuild, name_##_row_vdump	\
}

#endif

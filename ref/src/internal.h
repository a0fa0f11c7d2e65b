/* SPDX-License-Identifier: MIT */
/* Private to ref/src: every unit includes this, and it includes m2.h. */
#ifndef M2_INTERNAL_H
#define M2_INTERNAL_H

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "m2/m2.h"

/* Append formatted text at |*at| within |s|/|n|, snprintf-style; the
 * return value accumulates the full length even when |n| is too small. */
size_t	m2_fmt(char *s, size_t n, size_t at, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* Append |len| bytes of |p| as lowercase hex. */
size_t	m2_fmt_hex(char *s, size_t n, size_t at, const uint8_t *p,
	    size_t len);

/* Append "[a,b,c]" of |n| u32 values. */
size_t	m2_fmt_u32_list(char *s, size_t n, size_t at, const uint32_t *v,
	    size_t count);

/*
 * Monitor messages (mon_common.c): Ceph's std::string, vector<string>,
 * map<string,string> and set<string> encodings.  Readers return M2_OK,
 * M2_E_TRUNC, M2_E_LIMIT (over |max|) or M2_E_BADVAL (a key twice, checked
 * after the last element is read); they leave |c| where they stopped.
 */
m2_err	m2_mon_str_read(struct m2_cur *c, struct m2_span *s);
m2_err	m2_mon_strs_read(struct m2_cur *c, uint32_t max, struct m2_span *v,
	    uint32_t *n);
m2_err	m2_mon_kv_read(struct m2_cur *c, uint32_t max, struct m2_kv *v,
	    uint32_t *n);
m2_err	m2_mon_envelope_read(struct m2_cur *c, uint8_t max, uint8_t *v,
	    uint8_t *compat, struct m2_cur *body);
int	m2_mon_spans_unique(const struct m2_span *v, uint32_t n);
int	m2_mon_span_eq(struct m2_span a, struct m2_span b);
int	m2_mon_span_cmp(struct m2_span a, struct m2_span b);
void	m2_mon_str_build(struct m2_buf *b, struct m2_span s);
void	m2_mon_strs_build(struct m2_buf *b, const struct m2_span *v,
	    uint32_t n);
void	m2_mon_kv_build(struct m2_buf *b, const struct m2_kv *v, uint32_t n);
size_t	m2_mon_strs_size(const struct m2_span *v, uint32_t n);
size_t	m2_mon_kv_size(const struct m2_kv *v, uint32_t n);

/* Dumps: "..." with escapes, ["..",..], ["k"="v",..], a uuid. */
size_t	m2_fmt_qstr(char *s, size_t n, size_t at, struct m2_span v);
size_t	m2_fmt_strs(char *s, size_t n, size_t at, const struct m2_span *v,
	    uint32_t count);
size_t	m2_fmt_kv(char *s, size_t n, size_t at, const struct m2_kv *v,
	    uint32_t count);
size_t	m2_fmt_uuid(char *s, size_t n, size_t at, const uint8_t u[16]);

/*
 * m2_entity_split reads an entity name "type.id" (EntityName::from_str):
 * split at the first '.', the type one of mon, mds, osd, client, mgr,
 * auth.  Returns 1 with |*type| (M2_ENTITY_*) and |*dot| (the offset of
 * the '.'), or 0.  The one splitter: keyrings, cephx and
 * m2_entity_name_parse use it.
 */
int	m2_entity_split(const uint8_t *p, size_t len, uint32_t *type,
	    size_t *dot);

#endif

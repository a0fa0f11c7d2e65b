/* SPDX-License-Identifier: MIT */
/*
 * The MonMap encoding (mon/MonMap.cc, Pacific), mon_info_t and
 * mon_feature_t.  NOTES-h-mon.md.
 */
#include "internal.h"

/* MonMap::decode: DECODE_START_LEGACY_COMPAT_LEN_16(9, 3, 3). */
#define MONMAP_COMPAT_MAX	9
#define MONMAP_V_MIN		6	/* the Nautilus+ layout */
#define MON_INFO_COMPAT_MAX	5	/* mon_info_t: DECODE_START(5) */
#define MON_FEATURE_COMPAT_MAX	1	/* mon_feature_t: DECODE_START(1) */
#define ENVELOPE_LEN		6	/* u8 v, u8 compat, le32 len */
#define MON_INFO_MIN		(4 + ENVELOPE_LEN)	/* key, envelope */

_Static_assert(sizeof(struct m2_monmap) <= M2_CODEC_MAX_STRUCT,
    "struct m2_monmap must fit the codec table's scratch");

/* The bytes left in a struct's body: fields of a newer version. */
static void
tail_take(struct m2_cur *body, struct m2_span *tail)
{
	int	ok = m2_cur_span(body, m2_cur_len(body), tail);

	assert(ok);
	(void)ok;
}

/*
 * A vector that came as a lone address: marker 1, or marker 0 (then the
 * address is legacy).  It is written back in that form.
 */
static int
addrvec_lone(const struct m2_addrvec *v)
{
	return v->n == 1 && (v->marker == 1 ||
	    (v->marker == 0 && v->a[0].legacy));
}

static void
addrvec_build(struct m2_buf *b, const struct m2_addrvec *v)
{
	if (addrvec_lone(v))
		m2_addr_build(b, &v->a[0]);
	else
		m2_addrvec_build(b, v);
}

static size_t
addrvec_size(const struct m2_addrvec *v)
{
	return addrvec_lone(v) ? m2_addr_size(&v->a[0]) : m2_addrvec_size(v);
}

/*
 * mon_feature_t::encode (mon/mon_types.h):
 *   ENCODE_START(1, 1) | le64 features | (newer fields: tail)
 */
static m2_err
feature_read(struct m2_cur *c, struct m2_mon_feature *f, struct m2_diag *d,
    const char *what)
{
	struct m2_cur	body;
	m2_err		e;

	if ((e = m2_mon_envelope_read(c, MON_FEATURE_COMPAT_MAX, &f->v,
	    &f->compat, &body)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), what);
	if (!m2_cur_le64(&body, &f->features))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body), what);
	tail_take(&body, &f->tail);
	return M2_OK;
}

static void
feature_build(struct m2_buf *b, const struct m2_mon_feature *f)
{
	size_t	at = m2_buf_envelope_begin(b, f->v, f->compat);

	m2_buf_le64(b, f->features);
	m2_buf_bytes(b, f->tail.p, f->tail.len);
	m2_buf_envelope_end(b, at);
}

static size_t
feature_fmt(char *s, size_t n, size_t at, const struct m2_mon_feature *f)
{
	at = m2_fmt(s, n, at, "{v=%u compat=%u features=0x%llx",
	    (unsigned)f->v, (unsigned)f->compat,
	    (unsigned long long)f->features);
	if (f->tail.len != 0) {
		at = m2_fmt(s, n, at, " tail=");
		at = m2_fmt_hex(s, n, at, f->tail.p, f->tail.len);
	}
	return m2_fmt(s, n, at, "}");
}

/*
 * mon_info_t::encode / decode (mon/MonMap.cc), after the map key:
 *   ENCODE_START(5, 1) | string name | entity_addrvec_t public_addrs |
 *   le16 priority (v2) | le16 weight (v4) | map<string,string> crush_loc
 *   (v5) | (newer fields: tail)
 */
static m2_err
mon_info_read(struct m2_cur *c, struct m2_mon_info *m, struct m2_diag *d)
{
	struct m2_cur	body;
	m2_err		e;

	if ((e = m2_mon_envelope_read(c, MON_INFO_COMPAT_MAX, &m->v,
	    &m->compat, &body)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "monmap.mon_info.info");
	if ((e = m2_mon_str_read(&body, &m->name)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(&body),
		    "monmap.mon_info.name");
	if ((e = m2_addrvec_read(&body, &m->addrs, d)) != M2_OK)
		return e;
	if (m->v >= 2 && !m2_cur_le16(&body, &m->priority))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
		    "monmap.mon_info.priority");
	if (m->v >= 4 && !m2_cur_le16(&body, &m->weight))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(&body),
		    "monmap.mon_info.weight");
	if (m->v >= 5 && (e = m2_mon_kv_read(&body, M2_MAX_CRUSH_LOC,
	    m->crush_loc, &m->n_crush_loc)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(&body),
		    "monmap.mon_info.crush_loc");
	tail_take(&body, &m->tail);
	return M2_OK;
}

static void
mon_info_build(struct m2_buf *b, const struct m2_mon_info *m)
{
	size_t	at;

	assert(m->n_crush_loc <= M2_MAX_CRUSH_LOC);
	m2_mon_str_build(b, m->key);
	at = m2_buf_envelope_begin(b, m->v, m->compat);
	m2_mon_str_build(b, m->name);
	addrvec_build(b, &m->addrs);
	if (m->v >= 2)
		m2_buf_le16(b, m->priority);
	if (m->v >= 4)
		m2_buf_le16(b, m->weight);
	if (m->v >= 5)
		m2_mon_kv_build(b, m->crush_loc, m->n_crush_loc);
	m2_buf_bytes(b, m->tail.p, m->tail.len);
	m2_buf_envelope_end(b, at);
}

static size_t
mon_info_size(const struct m2_mon_info *m)
{
	size_t	len = 4 + m->key.len + ENVELOPE_LEN;

	len += 4 + m->name.len + addrvec_size(&m->addrs);
	if (m->v >= 2)
		len += 2;
	if (m->v >= 4)
		len += 2;
	if (m->v >= 5)
		len += m2_mon_kv_size(m->crush_loc, m->n_crush_loc);
	return len + m->tail.len;
}

static size_t
mon_info_fmt(char *s, size_t n, size_t at, const struct m2_mon_info *m)
{
	char	tmp[M2_MAX_ADDRS * (M2_ADDR_TEXT_MAX + 1) + 3];

	at = m2_fmt_qstr(s, n, at, m->key);
	at = m2_fmt(s, n, at, "={v=%u compat=%u name=", (unsigned)m->v,
	    (unsigned)m->compat);
	at = m2_fmt_qstr(s, n, at, m->name);
	(void)m2_addrvec_dump(&m->addrs, tmp, sizeof(tmp));
	at = m2_fmt(s, n, at, " public_addrs=%s", tmp);
	if (m->v >= 2)
		at = m2_fmt(s, n, at, " priority=%u", (unsigned)m->priority);
	if (m->v >= 4)
		at = m2_fmt(s, n, at, " weight=%u", (unsigned)m->weight);
	if (m->v >= 5) {
		at = m2_fmt(s, n, at, " crush_loc=");
		at = m2_fmt_kv(s, n, at, m->crush_loc, m->n_crush_loc);
	}
	if (m->tail.len != 0) {
		at = m2_fmt(s, n, at, " tail=");
		at = m2_fmt_hex(s, n, at, m->tail.p, m->tail.len);
	}
	return m2_fmt(s, n, at, "}");
}

static m2_err
utime_read(struct m2_cur *c, struct m2_utime *t)
{
	if (!m2_cur_le32(c, &t->sec) || !m2_cur_le32(c, &t->nsec))
		return M2_E_TRUNC;
	return M2_OK;
}

/*
 * MonMap::encode with SERVER_NAUTILUS, MonMap::decode (Pacific):
 *   ENCODE_START(9, 6)
 *   uuid fsid, 16 raw bytes | le32 epoch | utime_t last_changed |
 *   utime_t created | mon_feature_t persistent_features |
 *   mon_feature_t optional_features |
 *   le32 n, n x (string key, mon_info_t) mon_info |
 *   vector<string> ranks |
 *   u8 min_mon_release (v7) |
 *   set<int32> removed_ranks, u8 strategy, set<string>
 *   disallowed_leaders (v8) |
 *   bool stretch_mode_enabled, string tiebreaker_mon, set<string>
 *   stretch_marked_down_mons (v9) | (newer fields: tail)
 */
m2_err
m2_monmap_parse(struct m2_cur *c, struct m2_monmap *out, struct m2_diag *d)
{
	struct m2_cur	 body, *bc = &body;
	uint32_t	 n;
	m2_err		 e;

	memset(out, 0, sizeof(*out));
	out->strategy = 1;	/* MonMap's default before v8 */
	if ((e = m2_mon_envelope_read(c, MONMAP_COMPAT_MAX, &out->v,
	    &out->compat, &body)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "monmap");
	if (out->v < MONMAP_V_MIN)
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(bc),
		    "monmap.struct_v");
	if (!m2_cur_bytes(bc, out->fsid, sizeof(out->fsid)))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
		    "monmap.fsid");
	if (!m2_cur_le32(bc, &out->epoch))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
		    "monmap.epoch");
	if (utime_read(bc, &out->last_changed) != M2_OK)
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
		    "monmap.last_changed");
	if (utime_read(bc, &out->created) != M2_OK)
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
		    "monmap.created");
	if ((e = feature_read(bc, &out->persistent, d,
	    "monmap.persistent_features")) != M2_OK)
		return e;
	if ((e = feature_read(bc, &out->optional, d,
	    "monmap.optional_features")) != M2_OK)
		return e;
	if ((e = m2_cur_count(bc, M2_MAX_MONMAP_MONS, MON_INFO_MIN, &n)) !=
	    M2_OK)
		return m2_diag_at(d, e, m2_cur_off(bc),
		    "monmap.mon_info.count");
	for (uint32_t i = 0; i < n; i++) {
		if ((e = m2_mon_str_read(bc, &out->mon[i].key)) != M2_OK)
			return m2_diag_at(d, e, m2_cur_off(bc),
			    "monmap.mon_info.key");
		if ((e = mon_info_read(bc, &out->mon[i], d)) != M2_OK)
			return e;
	}
	out->n_mons = n;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = i + 1; j < n; j++)
			if (m2_mon_span_eq(out->mon[i].key, out->mon[j].key))
				return m2_diag_at(d, M2_E_BADVAL,
				    m2_cur_off(bc), "monmap.mon_info");
	if ((e = m2_mon_strs_read(bc, M2_MAX_MONMAP_MONS, out->rank,
	    &out->n_ranks)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(bc), "monmap.ranks");
	if (out->v >= 7 && !m2_cur_u8(bc, &out->min_mon_release))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
		    "monmap.min_mon_release");
	if (out->v >= 8) {
		if ((e = m2_cur_count(bc, M2_MAX_MONMAP_MONS, 4, &n)) != M2_OK)
			return m2_diag_at(d, e, m2_cur_off(bc),
			    "monmap.removed_ranks");
		for (uint32_t i = 0; i < n; i++) {
			uint32_t	r;

			if (!m2_cur_le32(bc, &r))
				return m2_diag_at(d, M2_E_TRUNC,
				    m2_cur_off(bc), "monmap.removed_ranks");
			out->removed_ranks[i] = (int32_t)r;
			for (uint32_t j = 0; j < i; j++)
				if (out->removed_ranks[j] == (int32_t)r)
					return m2_diag_at(d, M2_E_BADVAL,
					    m2_cur_off(bc),
					    "monmap.removed_ranks");
		}
		out->n_removed_ranks = n;
		if (!m2_cur_u8(bc, &out->strategy))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
			    "monmap.strategy");
		if ((e = m2_mon_strs_read(bc, M2_MAX_MONMAP_MONS,
		    out->disallowed_leaders, &out->n_disallowed)) != M2_OK)
			return m2_diag_at(d, e, m2_cur_off(bc),
			    "monmap.disallowed_leaders");
		if (!m2_mon_spans_unique(out->disallowed_leaders,
		    out->n_disallowed))
			return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(bc),
			    "monmap.disallowed_leaders");
	}
	if (out->v >= 9) {
		if (!m2_cur_u8(bc, &out->stretch_mode_enabled))
			return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(bc),
			    "monmap.stretch_mode_enabled");
		if ((e = m2_mon_str_read(bc, &out->tiebreaker_mon)) != M2_OK)
			return m2_diag_at(d, e, m2_cur_off(bc),
			    "monmap.tiebreaker_mon");
		if ((e = m2_mon_strs_read(bc, M2_MAX_MONMAP_MONS,
		    out->stretch_marked_down_mons, &out->n_marked_down)) !=
		    M2_OK)
			return m2_diag_at(d, e, m2_cur_off(bc),
			    "monmap.stretch_marked_down_mons");
		if (!m2_mon_spans_unique(out->stretch_marked_down_mons,
		    out->n_marked_down))
			return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(bc),
			    "monmap.stretch_marked_down_mons");
	}
	tail_take(bc, &out->tail);
	for (uint32_t i = 0; i < out->n_ranks; i++) {
		uint32_t	j;

		for (j = 0; j < out->n_mons; j++)
			if (m2_mon_span_eq(out->rank[i], out->mon[j].key))
				break;
		if (j == out->n_mons)
			return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c),
			    "monmap.ranks");
	}
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "monmap");
	return M2_OK;
}

/* MonMap::encode (SERVER_NAUTILUS); layout above. */
void
m2_monmap_build(struct m2_buf *b, const struct m2_monmap *in)
{
	size_t	start = b->len, at;

	assert(in->n_mons <= M2_MAX_MONMAP_MONS);
	assert(in->n_ranks <= M2_MAX_MONMAP_MONS);
	assert(in->n_removed_ranks <= M2_MAX_MONMAP_MONS);
	assert(in->n_disallowed <= M2_MAX_MONMAP_MONS);
	assert(in->n_marked_down <= M2_MAX_MONMAP_MONS);
	at = m2_buf_envelope_begin(b, in->v, in->compat);
	m2_buf_bytes(b, in->fsid, sizeof(in->fsid));
	m2_buf_le32(b, in->epoch);
	m2_buf_le32(b, in->last_changed.sec);
	m2_buf_le32(b, in->last_changed.nsec);
	m2_buf_le32(b, in->created.sec);
	m2_buf_le32(b, in->created.nsec);
	feature_build(b, &in->persistent);
	feature_build(b, &in->optional);
	m2_buf_le32(b, in->n_mons);
	for (uint32_t i = 0; i < in->n_mons; i++)
		mon_info_build(b, &in->mon[i]);
	m2_mon_strs_build(b, in->rank, in->n_ranks);
	if (in->v >= 7)
		m2_buf_u8(b, in->min_mon_release);
	if (in->v >= 8) {
		m2_buf_le32(b, in->n_removed_ranks);
		for (uint32_t i = 0; i < in->n_removed_ranks; i++)
			m2_buf_le32(b, (uint32_t)in->removed_ranks[i]);
		m2_buf_u8(b, in->strategy);
		m2_mon_strs_build(b, in->disallowed_leaders,
		    in->n_disallowed);
	}
	if (in->v >= 9) {
		m2_buf_u8(b, in->stretch_mode_enabled);
		m2_mon_str_build(b, in->tiebreaker_mon);
		m2_mon_strs_build(b, in->stretch_marked_down_mons,
		    in->n_marked_down);
	}
	m2_buf_bytes(b, in->tail.p, in->tail.len);
	m2_buf_envelope_end(b, at);
	assert(b->overflow || b->len - start == m2_monmap_size(in));
	(void)start;
}

/* see m2/mon.h */
size_t
m2_monmap_size(const struct m2_monmap *in)
{
	size_t	len = ENVELOPE_LEN + 16 + 4 + 8 + 8;

	len += 2 * (ENVELOPE_LEN + 8) + in->persistent.tail.len +
	    in->optional.tail.len;
	len += 4;
	for (uint32_t i = 0; i < in->n_mons; i++)
		len += mon_info_size(&in->mon[i]);
	len += m2_mon_strs_size(in->rank, in->n_ranks);
	if (in->v >= 7)
		len += 1;
	if (in->v >= 8)
		len += 4 + 4 * (size_t)in->n_removed_ranks + 1 +
		    m2_mon_strs_size(in->disallowed_leaders, in->n_disallowed);
	if (in->v >= 9)
		len += 1 + 4 + in->tiebreaker_mon.len +
		    m2_mon_strs_size(in->stretch_marked_down_mons,
		    in->n_marked_down);
	return len + in->tail.len;
}

/* see m2/mon.h */
size_t
m2_monmap_dump(const struct m2_monmap *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "v=%u compat=%u fsid=", (unsigned)in->v,
	    (unsigned)in->compat);
	at = m2_fmt_uuid(s, n, at, in->fsid);
	at = m2_fmt(s, n, at, " epoch=%u last_changed=%u.%09u "
	    "created=%u.%09u persistent_features=", (unsigned)in->epoch,
	    (unsigned)in->last_changed.sec, (unsigned)in->last_changed.nsec,
	    (unsigned)in->created.sec, (unsigned)in->created.nsec);
	at = feature_fmt(s, n, at, &in->persistent);
	at = m2_fmt(s, n, at, " optional_features=");
	at = feature_fmt(s, n, at, &in->optional);
	at = m2_fmt(s, n, at, " mon_info=[");
	for (uint32_t i = 0; i < in->n_mons; i++) {
		if (i != 0)
			at = m2_fmt(s, n, at, ",");
		at = mon_info_fmt(s, n, at, &in->mon[i]);
	}
	at = m2_fmt(s, n, at, "] ranks=");
	at = m2_fmt_strs(s, n, at, in->rank, in->n_ranks);
	if (in->v >= 7)
		at = m2_fmt(s, n, at, " min_mon_release=%u",
		    (unsigned)in->min_mon_release);
	if (in->v >= 8) {
		at = m2_fmt(s, n, at, " removed_ranks=[");
		for (uint32_t i = 0; i < in->n_removed_ranks; i++)
			at = m2_fmt(s, n, at, i == 0 ? "%d" : ",%d",
			    (int)in->removed_ranks[i]);
		at = m2_fmt(s, n, at, "] strategy=%u disallowed_leaders=",
		    (unsigned)in->strategy);
		at = m2_fmt_strs(s, n, at, in->disallowed_leaders,
		    in->n_disallowed);
	}
	if (in->v >= 9) {
		at = m2_fmt(s, n, at, " stretch_mode_enabled=%u "
		    "tiebreaker_mon=", (unsigned)in->stretch_mode_enabled);
		at = m2_fmt_qstr(s, n, at, in->tiebreaker_mon);
		at = m2_fmt(s, n, at, " stretch_marked_down_mons=");
		at = m2_fmt_strs(s, n, at, in->stretch_marked_down_mons,
		    in->n_marked_down);
	}
	if (in->tail.len != 0) {
		at = m2_fmt(s, n, at, " tail=");
		at = m2_fmt_hex(s, n, at, in->tail.p, in->tail.len);
	}
	return at;
}

/* see m2/mon.h */
void
m2_monmap_init(struct m2_monmap *m, const uint8_t fsid[16], uint32_t epoch,
    struct m2_utime t, const char *name, const struct m2_addrvec *addrs)
{
	struct m2_mon_info	*mi = &m->mon[0];

	memset(m, 0, sizeof(*m));
	m->v = 9;
	m->compat = 6;
	memcpy(m->fsid, fsid, sizeof(m->fsid));
	m->epoch = epoch;
	m->last_changed = t;
	m->created = t;
	m->persistent.v = m->persistent.compat = 1;
	m->persistent.features = 0xff;
	m->optional.v = m->optional.compat = 1;
	m->n_mons = 1;
	mi->key.p = (const uint8_t *)name;
	mi->key.len = strlen(name);
	mi->name = mi->key;
	mi->v = 5;
	mi->compat = 1;
	mi->addrs = *addrs;
	mi->addrs.marker = 2;
	m->n_ranks = 1;
	m->rank[0] = mi->key;
	m->min_mon_release = 16;
	m->strategy = 1;
}

M2_CODEC_ROW(monmap, struct m2_monmap, 0, 0);

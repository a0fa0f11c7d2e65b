/* SPDX-License-Identifier: MIT */
/*
 * MMonGetMap (5), MMonMap (4) and MConfig (62) fronts.  NOTES-h-mon.md.
 */
#include "internal.h"

/* MMonGetMap (messages/MMonGetMap.h): no fields, an empty front. */
m2_err
m2_mon_get_map_parse(struct m2_cur *c, struct m2_mon_get_map *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "mon_get_map");
	return M2_OK;
}

/* MMonGetMap::encode_payload writes nothing. */
void
m2_mon_get_map_build(struct m2_buf *b, const struct m2_mon_get_map *in)
{
	(void)b;
	(void)in;
}

/* see m2/mon.h */
size_t
m2_mon_get_map_size(const struct m2_mon_get_map *in)
{
	(void)in;
	return 0;
}

/* see m2/mon.h */
size_t
m2_mon_get_map_dump(const struct m2_mon_get_map *in, char *s, size_t n)
{
	(void)in;
	return m2_fmt(s, n, 0, "%s", "");
}

/*
 * MMonMap::encode_payload (messages/MMonMap.h):
 *   bufferlist monmapbl: le32 len | len bytes (the MonMap encoding)
 */
m2_err
m2_mon_map_parse(struct m2_cur *c, struct m2_mon_map *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_lp32_span(c, &out->monmap))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "mon_map.monmap");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), "mon_map");
	return M2_OK;
}

/* MMonMap::encode_payload; layout above. */
void
m2_mon_map_build(struct m2_buf *b, const struct m2_mon_map *in)
{
	m2_buf_lp32(b, in->monmap);
}

/* see m2/mon.h */
size_t
m2_mon_map_size(const struct m2_mon_map *in)
{
	return 4 + in->monmap.len;
}

/* see m2/mon.h */
size_t
m2_mon_map_dump(const struct m2_mon_map *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "monmap=");
	return m2_fmt_hex(s, n, at, in->monmap.p, in->monmap.len);
}

/*
 * MConfig::encode_payload (messages/MConfig.h):
 *   map<string,string> config: le32 n | n x (string key, string value)
 */
m2_err
m2_mon_config_parse(struct m2_cur *c, struct m2_mon_config *out,
    struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if ((e = m2_mon_kv_read(c, M2_MAX_CONFIG, out->kv, &out->n)) !=
	    M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "mon_config.config");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "mon_config");
	return M2_OK;
}

/* MConfig::encode_payload; layout above. */
void
m2_mon_config_build(struct m2_buf *b, const struct m2_mon_config *in)
{
	assert(in->n <= M2_MAX_CONFIG);
	m2_mon_kv_build(b, in->kv, in->n);
}

/* see m2/mon.h */
size_t
m2_mon_config_size(const struct m2_mon_config *in)
{
	return m2_mon_kv_size(in->kv, in->n);
}

/* see m2/mon.h */
size_t
m2_mon_config_dump(const struct m2_mon_config *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "config=");
	return m2_fmt_kv(s, n, at, in->kv, in->n);
}

/* see m2/mon.h */
m2_err
m2_mon_config_add(struct m2_mon_config *m, const char *key, const char *val)
{
	if (m->n >= M2_MAX_CONFIG)
		return M2_E_LIMIT;
	m->kv[m->n].key.p = (const uint8_t *)key;
	m->kv[m->n].key.len = strlen(key);
	m->kv[m->n].val.p = (const uint8_t *)val;
	m->kv[m->n].val.len = strlen(val);
	m->n++;
	return M2_OK;
}

M2_CODEC_ROW(mon_get_map, struct m2_mon_get_map, 0, 0);
M2_CODEC_ROW(mon_map, struct m2_mon_map, 0, 0);
M2_CODEC_ROW(mon_config, struct m2_mon_config, 0, 0);

/* SPDX-License-Identifier: MIT */
/*
 * What `ceph mon dump` and `monmaptool --print` print for a MonMap
 * (MonMap::print, 16.2.15).  Checked against monmaptool on every map of
 * vectors/monmap.json (tests/test_mon_print.py).  NOTES-h-mon.md.
 */
#include <time.h>

#include "internal.h"

/* ceph_release_name() in 16.2.15: 1..16, anything else "unknown". */
static const char *const releases[] = {
	"unknown", "argonaut", "bobtail", "cuttlefish", "dumpling", "emperor",
	"firefly", "giant", "hammer", "infernalis", "jewel", "kraken",
	"luminous", "mimic", "nautilus", "octopus", "pacific"
};

/*
 * min_mon_release: the field from v7 on; before it
 * infer_ceph_release_from_mon_features, the newest release whose
 * persistent feature bit is set (bit 6 pacific, 5 octopus, 4 nautilus,
 * 2 mimic, 1 luminous, 0 kraken; bit 3 is osdmap-prune).
 */
static unsigned
min_release(const struct m2_monmap *m)
{
	static const struct {
		unsigned	bit, rel;
	} infer[] = { { 6, 16 }, { 5, 15 }, { 4, 14 }, { 2, 13 }, { 1, 12 },
	    { 0, 11 } };

	if (m->v >= 7)
		return m->min_mon_release;
	for (size_t i = 0; i < sizeof(infer) / sizeof(infer[0]); i++)
		if (m->persistent.features & (1ull << infer[i].bit))
			return infer[i].rel;
	return 0;
}

/*
 * operator<<(ostream&, const utime_t&), utime_t::localtime with the
 * time zone UTC: below ten years of seconds "sec.usec", else
 * "YYYY-MM-DDTHH:MM:SS.usec+0000"; usec is nsec / 1000, at least six
 * digits.
 */
static size_t
utime_fmt(char *s, size_t n, size_t at, struct m2_utime t)
{
	struct tm	tm;
	time_t		tt = (time_t)t.sec;
	unsigned	usec = t.nsec / 1000;

	if (t.sec < 60u * 60 * 24 * 365 * 10)
		return m2_fmt(s, n, at, "%u.%06u", (unsigned)t.sec, usec);
	if (gmtime_r(&tt, &tm) == NULL)
		return m2_fmt(s, n, at, "?");
	return m2_fmt(s, n, at, "%04d-%02d-%02dT%02d:%02d:%02d.%06u+0000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, usec);
}

static size_t
raw_fmt(char *s, size_t n, size_t at, struct m2_span v)
{
	for (size_t i = 0; i < v.len; i++)
		at = m2_fmt(s, n, at, "%c", v.p[i]);
	return at;
}

/*
 * The next span after |prev| (NULL: the first) in std::string order, or
 * NULL; entries are unique, so this walks a set in order without sorting.
 */
static const struct m2_span *
next_span(const struct m2_span *v, uint32_t count, size_t stride,
    const struct m2_span *prev)
{
	const struct m2_span	*best = NULL;

	for (uint32_t i = 0; i < count; i++) {
		const struct m2_span *x = (const struct m2_span *)(const void *)
		    ((const uint8_t *)(const void *)v + i * stride);

		if (prev != NULL && m2_mon_span_cmp(*x, *prev) <= 0)
			continue;
		if (best == NULL || m2_mon_span_cmp(*x, *best) < 0)
			best = x;
	}
	return best;
}

/* operator<<(ostream&, const entity_addrvec_t&): bare, bracketed, none. */
static size_t
addrvec_fmt(char *s, size_t n, size_t at, const struct m2_addrvec *v)
{
	char	tmp[M2_ADDR_TEXT_MAX + 32];

	if (v->n == 0)
		return at;
	if (v->n > 1)
		at = m2_fmt(s, n, at, "[");
	for (uint32_t i = 0; i < v->n; i++) {
		(void)m2_addr_dump(&v->a[i], tmp, sizeof(tmp));
		at = m2_fmt(s, n, at, i == 0 ? "%s" : ",%s", tmp);
	}
	if (v->n > 1)
		at = m2_fmt(s, n, at, "]");
	return at;
}

/*
 * MonMap::print: the header lines, then one line per rank,
 *   "RANK: ADDRVEC mon.NAME[; crush_location {k=v,..}]"
 * with sets (operator<< of std::set: "a,b") and maps ("{k=v,..}") in
 * std::string order.
 */
size_t
m2_monmap_print(const struct m2_monmap *m, char *s, size_t n)
{
	const struct m2_span	*p;
	unsigned		 rel = min_release(m);
	size_t			 at;

	if (n != 0)
		s[0] = '\0';
	at = m2_fmt(s, n, 0, "epoch %u\nfsid ", (unsigned)m->epoch);
	at = m2_fmt_uuid(s, n, at, m->fsid);
	at = m2_fmt(s, n, at, "\nlast_changed ");
	at = utime_fmt(s, n, at, m->last_changed);
	at = m2_fmt(s, n, at, "\ncreated ");
	at = utime_fmt(s, n, at, m->created);
	at = m2_fmt(s, n, at, "\nmin_mon_release %u (%s)\n", rel,
	    rel < sizeof(releases) / sizeof(releases[0]) ? releases[rel] :
	    "unknown");
	at = m2_fmt(s, n, at, "election_strategy: %u\n",
	    m->v >= 8 ? (unsigned)m->strategy : 1u);
	if (m->stretch_mode_enabled) {
		at = m2_fmt(s, n, at, "stretch_mode_enabled 1\n"
		    "tiebreaker_mon ");
		at = raw_fmt(s, n, at, m->tiebreaker_mon);
		at = m2_fmt(s, n, at, "\n");
	}
	if (m->stretch_mode_enabled || m->n_disallowed != 0) {
		at = m2_fmt(s, n, at, "disallowed_leaders ");
		p = NULL;
		for (uint32_t i = 0; i < m->n_disallowed; i++) {
			p = next_span(m->disallowed_leaders, m->n_disallowed,
			    sizeof(struct m2_span), p);
			if (i != 0)
				at = m2_fmt(s, n, at, ",");
			at = raw_fmt(s, n, at, *p);
		}
		at = m2_fmt(s, n, at, "\n");
	}
	for (uint32_t r = 0; r < m->n_ranks; r++) {
		const struct m2_mon_info	*mi = NULL;

		for (uint32_t j = 0; j < m->n_mons && mi == NULL; j++)
			if (m2_mon_span_eq(m->rank[r], m->mon[j].key))
				mi = &m->mon[j];
		at = m2_fmt(s, n, at, "%u: ", (unsigned)r);
		if (mi != NULL)
			at = addrvec_fmt(s, n, at, &mi->addrs);
		at = m2_fmt(s, n, at, " mon.");
		at = raw_fmt(s, n, at, m->rank[r]);
		if (mi != NULL && mi->n_crush_loc != 0) {
			at = m2_fmt(s, n, at, "; crush_location {");
			p = NULL;
			for (uint32_t i = 0; i < mi->n_crush_loc; i++) {
				const struct m2_kv	*kv;

				p = next_span(&mi->crush_loc[0].key,
				    mi->n_crush_loc, sizeof(struct m2_kv), p);
				kv = (const struct m2_kv *)(const void *)p;
				if (i != 0)
					at = m2_fmt(s, n, at, ",");
				at = raw_fmt(s, n, at, kv->key);
				at = m2_fmt(s, n, at, "=");
				at = raw_fmt(s, n, at, kv->val);
			}
			at = m2_fmt(s, n, at, "}");
		}
		at = m2_fmt(s, n, at, "\n");
	}
	return at;
}

/* SPDX-License-Identifier: MIT */
/*
 * mon_host strings (the config option, or -m): the literal-address path
 * of MonMap::build_initial, for a client and for mkfs.  No host name is
 * ever resolved.  SPEC-NOTES §6.4.
 */
#include "internal.h"

#define PORT_LEGACY	6789	/* CEPH_MON_PORT_LEGACY */
#define PORT_IANA	3300	/* CEPH_MON_PORT_IANA */

static uint16_t
port_of(const struct m2_addr *a)
{
	if (a->family != M2_AF_INET && a->family != M2_AF_INET6)
		return 0;			/* entity_addr_t::get_port */
	return m2_load_be16(a->sa);
}

static void
set_port(struct m2_addr *a, uint16_t port)
{
	m2_store_be16(a->sa, port);
}

/* MonMap::contains(entity_addr_t): an exact match in any monitor. */
static int
contains(const struct m2_mon_host *h, const struct m2_addr *a)
{
	for (uint32_t i = 0; i < h->n; i++)
		for (uint32_t j = 0; j < h->mon[i].addrs.n; j++)
			if (m2_addr_equal(&h->mon[i].addrs.a[j], a))
				return 1;
	return 0;
}

/*
 * MonMap::add: Ceph asserts that no address of the new monitor is held
 * by another (AMB-69: a mon_host naming one address in two bracketed
 * vectors aborts it; we refuse the string).
 */
static m2_err
add(struct m2_mon_host *h, const char *name, const char *suffix,
    const struct m2_addr *a, uint32_t n)
{
	struct m2_mon	*m;

	for (uint32_t j = 0; j < n; j++)
		if (contains(h, &a[j]))
			return M2_E_BADVAL;
	if (h->n == M2_MAX_MONS)
		return M2_E_LIMIT;
	m = &h->mon[h->n++];
	(void)snprintf(m->name, sizeof(m->name), "%s%s", name, suffix);
	for (uint32_t j = 0; j < n; j++)
		m->addrs.a[j] = a[j];
	m->addrs.n = n;
	m->addrs.marker = 2;
	return M2_OK;
}

/* Add |a| alone unless a monitor already holds it. */
static m2_err
add_new(struct m2_mon_host *h, const char *name, const char *suffix,
    const struct m2_addr *a)
{
	return contains(h, a) ? M2_OK : add(h, name, suffix, a, 1);
}

/*
 * One address named alone.  SPEC §6.4 · ceph MonMap.cc
 * MonMap::_add_ambiguous_addr
 *   typed (v1:, v2:): as is; port 0 becomes 6789 (v1) or 3300 (v2);
 *     NONE ("-") is dropped, its letter used up
 *   untyped, port 6789: v1 ("-legacy" unless mkfs)
 *   untyped, port 3300: v2
 *   untyped, port 0: v2:3300 and v1:6789 "-legacy"; mkfs: one monitor
 *     holding [v2:3300,v1:6789]
 *   untyped, other port: v2, and v1 "-legacy" on that port unless mkfs
 * An address (or, for the mkfs pair, either address) some monitor
 * already holds is skipped.
 */
static m2_err
add_ambiguous(struct m2_mon_host *h, const char *name,
    const struct m2_addr *in, int mkfs)
{
	struct m2_addr	a = *in, pair[2];
	uint16_t	port = port_of(&a);
	m2_err		e;

	if (a.type != M2_ADDR_ANY) {
		if (port == 0) {
			if (a.type == M2_ADDR_LEGACY)
				set_port(&a, PORT_LEGACY);
			else if (a.type == M2_ADDR_MSGR2)
				set_port(&a, PORT_IANA);
			else
				return M2_OK;
		}
		return add_new(h, name, "", &a);
	}
	if (port == PORT_LEGACY) {
		a.type = M2_ADDR_LEGACY;
		return add_new(h, name, mkfs ? "" : "-legacy", &a);
	}
	if (port == PORT_IANA) {
		a.type = M2_ADDR_MSGR2;
		return add_new(h, name, "", &a);
	}
	if (port == 0 && mkfs) {
		pair[0] = pair[1] = a;
		pair[0].type = M2_ADDR_MSGR2;
		set_port(&pair[0], PORT_IANA);
		pair[1].type = M2_ADDR_LEGACY;
		set_port(&pair[1], PORT_LEGACY);
		if (contains(h, &pair[0]) || contains(h, &pair[1]))
			return M2_OK;
		return add(h, name, "", pair, 2);
	}
	a.type = M2_ADDR_MSGR2;
	if (port == 0)
		set_port(&a, PORT_IANA);
	if ((e = add_new(h, name, "", &a)) != M2_OK || mkfs)
		return e;
	a.type = M2_ADDR_LEGACY;
	if (port == 0)
		set_port(&a, PORT_LEGACY);
	return add_new(h, name, "-legacy", &a);
}

/*
 * The key MonMap::calc_legacy_ranks sorts by: the monitor's first v1
 * address, else its first, compared as Ceph's operator< compares
 * entity_addr_t (a memcmp of the struct on little-endian Linux: le32
 * type, le32 nonce, the family as a host-order le16, then the sockaddr
 * bytes), then the name.
 */
static int
rank_cmp(const struct m2_mon *x, const struct m2_mon *y)
{
	const struct m2_addr	*k[2];
	const struct m2_mon	*m[2] = { x, y };
	uint8_t			 img[2][4 + 4 + 2 + M2_SOCKADDR_MAX - 2];
	int			 r;

	for (int i = 0; i < 2; i++) {
		k[i] = &m[i]->addrs.a[0];
		for (uint32_t j = 0; j < m[i]->addrs.n; j++) {
			if (m[i]->addrs.a[j].type == M2_ADDR_LEGACY) {
				k[i] = &m[i]->addrs.a[j];
				break;
			}
		}
		m2_store_le32(img[i], k[i]->type);
		m2_store_le32(img[i] + 4, k[i]->nonce);
		m2_store_le16(img[i] + 8, k[i]->family);
		memcpy(img[i] + 10, k[i]->sa, sizeof(k[i]->sa));
	}
	if ((r = memcmp(img[0], img[1], sizeof(img[0]))) != 0)
		return r;
	return strcmp(x->name, y->name);
}

static void
rank_sort(struct m2_mon_host *h)
{
	for (uint32_t i = 1; i < h->n; i++) {
		struct m2_mon	t = h->mon[i];
		uint32_t	j = i;

		for (; j > 0 && rank_cmp(&h->mon[j - 1], &t) > 0; j--)
			h->mon[j] = h->mon[j - 1];
		h->mon[j] = t;
	}
}

static int
is_sep(uint8_t ch)
{
	return ch == ' ' || ch == ';';
}

/*
 * One item (a run between spaces and ';'): addresses and bracketed
 * vectors separated by single commas.  SPEC §6.4 · ceph ceph_argparse.cc
 * parse_ip_port_vec
 *   item = { ( addr | addrvec ) [ "," ] }   (lone addresses: TYPE_ANY)
 */
static m2_err
read_item(struct m2_cur *item, struct m2_mon_host *out, struct m2_diag *d)
{
	struct m2_addrvec	*v;
	uint8_t			 comma;
	m2_err			 e;

	while (m2_cur_len(item) != 0) {
		if (out->nitems == M2_MAX_MONS)
			return m2_diag_at(d, M2_E_LIMIT, m2_cur_off(item),
			    "mon_host.items");
		v = &out->item[out->nitems];
		memset(v, 0, sizeof(*v));
		v->marker = 2;
		if (m2_addr_text_read(item, M2_ADDR_ANY, &v->a[0],
		    NULL) == M2_OK) {
			v->n = 1;
		} else if ((e = m2_addrvec_text_read(item, v, d)) != M2_OK) {
			/* AMB-68: Ceph would now try the host-name path. */
			return e;
		}
		out->nitems++;
		if (m2_cur_len(item) != 0 && item->p[0] == ',' &&
		    !m2_cur_u8(item, &comma))
			return M2_E_USAGE;	/* cannot happen */
	}
	return M2_OK;
}

/*
 * A mon_host string.  SPEC §6.4 · ceph MonMap.cc MonMap::build_initial,
 * init_with_ips, _add_ambiguous_addr, calc_legacy_ranks · ceph_argparse.cc
 * parse_ip_port_vec · str_list.cc get_str_list
 *   items split on ' ' and ';' (empty ones skipped) | item i names
 *   "noname-" + ('a' + i); a vector of two or more is one monitor, as
 *   written; one address goes through add_ambiguous
 * AMB-68: where parse_ip_port_vec fails, Ceph retries the string as host
 * names (init_with_hosts: resolve_addrs, getaddrinfo), which also takes
 * "127.1", "localhost" and "a,,b"; and with no monitor left it reads
 * [mon.X] sections, then DNS SRV.  We do none of this: M2_E_BADVAL.
 */
static m2_err
mon_host_read(struct m2_cur *c, int mkfs, struct m2_mon_host *out,
    struct m2_diag *d)
{
	struct m2_cur	item;
	char		name[16];
	size_t		k;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (m2_cur_len(c) > M2_MON_HOST_MAX)
		return m2_diag_at(d, M2_E_LIMIT, m2_cur_off(c), "mon_host");
	while (m2_cur_len(c) != 0) {
		for (k = 0; k < m2_cur_len(c) && is_sep(c->p[k]); k++)
			continue;
		if (!m2_cur_skip(c, k))
			return m2_diag_at(d, M2_E_USAGE, m2_cur_off(c),
			    "mon_host");
		for (k = 0; k < m2_cur_len(c) && !is_sep(c->p[k]); k++)
			continue;
		if (!m2_cur_sub(c, k, &item))
			return m2_diag_at(d, M2_E_USAGE, m2_cur_off(c),
			    "mon_host");
		if ((e = read_item(&item, out, d)) != M2_OK)
			return e;
	}
	for (uint32_t i = 0; i < out->nitems; i++) {
		const struct m2_addrvec	*v = &out->item[i];

		(void)snprintf(name, sizeof(name), "noname-%c", 'a' + (int)i);
		if (v->n == 1)
			e = add_ambiguous(out, name, &v->a[0], mkfs);
		else
			e = add(out, name, "", v->a, v->n);
		if (e != M2_OK)
			return m2_diag_at(d, e, m2_cur_off(c), e == M2_E_LIMIT ?
			    "mon_host.mons" : "mon_host.duplicate");
	}
	if (out->n == 0)
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c), "mon_host");
	rank_sort(out);
	return M2_OK;
}

/* see m2/addr.h */
m2_err
m2_mon_host_parse(struct m2_cur *c, struct m2_mon_host *out,
    struct m2_diag *d)
{
	return mon_host_read(c, 0, out, d);
}

/* see m2/addr.h */
m2_err
m2_mon_host_parse_mkfs(struct m2_cur *c, struct m2_mon_host *out,
    struct m2_diag *d)
{
	return mon_host_read(c, 1, out, d);
}

/*
 * see m2/addr.h
 * The items again, ','-separated: one address alone (it goes through
 * add_ambiguous again, its type spelled out), a vector bracketed.
 */
void
m2_mon_host_build(struct m2_buf *b, const struct m2_mon_host *h)
{
	assert(h->nitems <= M2_MAX_MONS);
	for (uint32_t i = 0; i < h->nitems; i++) {
		if (i != 0)
			m2_buf_u8(b, ',');
		if (h->item[i].n == 1)
			m2_addr_text_build(b, &h->item[i].a[0]);
		else
			m2_addrvec_text_build(b, &h->item[i]);
	}
}

/* see m2/addr.h */
size_t
m2_mon_host_dump(const struct m2_mon_host *h, char *s, size_t n)
{
	size_t	at = 0;

	if (n != 0)
		s[0] = '\0';
	for (uint32_t i = 0; i < h->n; i++) {
		at = m2_fmt(s, n, at, i == 0 ? "%s=" : " %s=", h->mon[i].name);
		at += m2_addrvec_dump(&h->mon[i].addrs, at < n ? s + at : NULL,
		    at < n ? n - at : 0);
	}
	return at;
}

M2_CODEC_ROW(mon_host, struct m2_mon_host, 0, 1);

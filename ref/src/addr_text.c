/* SPDX-License-Identifier: MIT */
/*
 * entity_addr_t and entity_addrvec_t as text: printed as Ceph's
 * operator<< prints them, read as entity_addr_t::parse and
 * entity_addrvec_t::parse read them.  Our own IPv4 and IPv6 readers and
 * printers replace inet_pton and inet_ntop (glibc's grammar and output,
 * no locale).  SPEC-NOTES §6.3.
 */
#include "internal.h"

/* Where the port and the address sit in |sa| (after the family). */
#define SA_PORT		0
#define SA_IN4		2	/* sin_addr */
#define SA_IN6		6	/* sin6_addr, after sin6_flowinfo */

/* The buffers entity_addr_t::parse copies candidates into: char buf4[39]
 * (one byte is lost to the NUL) and char buf6[64]. */
#define CEPH_BUF4	39
#define CEPH_BUF6	64

static const char *
type_name(uint32_t type)
{
	switch (type) {
	case M2_ADDR_NONE:
		return "none";
	case M2_ADDR_LEGACY:
		return "v1";
	case M2_ADDR_MSGR2:
		return "v2";
	case M2_ADDR_ANY:
		return "any";
	case M2_ADDR_CIDR:
		return "cidr";
	default:
		return "???";
	}
}

static int
is_digit(uint8_t ch)
{
	return ch >= '0' && ch <= '9';
}

static int
hex_value(uint8_t ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * IPv4 text, as glibc's inet_pton(AF_INET) reads it: exactly four decimal
 * parts of 0..255, no leading zero ("01"), no empty part, nothing else.
 */
static int
ip4_read(const uint8_t *p, size_t n, uint8_t out[4])
{
	unsigned	octets = 0, val = 0;
	int		saw_digit = 0;

	for (size_t i = 0; i < n; i++) {
		if (is_digit(p[i])) {
			if (saw_digit && val == 0)
				return 0;
			val = val * 10 + (unsigned)(p[i] - '0');
			if (val > 255)
				return 0;
			if (!saw_digit) {
				if (++octets > 4)
					return 0;
				saw_digit = 1;
			}
		} else if (p[i] == '.' && saw_digit) {
			if (octets == 4)
				return 0;
			out[octets - 1] = (uint8_t)val;
			val = 0;
			saw_digit = 0;
		} else {
			return 0;
		}
	}
	if (octets < 4 || !saw_digit)
		return 0;
	out[3] = (uint8_t)val;
	return 1;
}

/*
 * IPv6 text, as glibc's inet_pton(AF_INET6) reads it, without the dotted
 * IPv4 tail (entity_addr_t::parse never passes a '.' to it): 1 to 4 hex
 * digits per group, one "::" standing for at least one zero group, a
 * leading or trailing single ':' refused, exactly 16 bytes.
 */
static int
ip6_read(const uint8_t *p, size_t n, uint8_t out[16])
{
	uint8_t		tmp[16];
	size_t		i = 0, tp = 0, colonp = SIZE_MAX;
	unsigned	val = 0, digits = 0;

	memset(tmp, 0, sizeof(tmp));
	if (n == 0)
		return 0;
	if (p[0] == ':') {
		if (n < 2 || p[1] != ':')
			return 0;
		i = 1;
	}
	for (; i < n; i++) {
		int	h = hex_value(p[i]);

		if (h >= 0) {
			if (digits == 4)
				return 0;
			val = val << 4 | (unsigned)h;
			digits++;
			continue;
		}
		if (p[i] != ':')
			return 0;
		if (digits == 0) {
			if (colonp != SIZE_MAX)
				return 0;
			colonp = tp;
			continue;
		}
		if (i + 1 == n || tp + 2 > sizeof(tmp))
			return 0;
		tmp[tp++] = (uint8_t)(val >> 8);
		tmp[tp++] = (uint8_t)val;
		val = 0;
		digits = 0;
	}
	if (digits > 0) {
		if (tp + 2 > sizeof(tmp))
			return 0;
		tmp[tp++] = (uint8_t)(val >> 8);
		tmp[tp++] = (uint8_t)val;
	}
	if (colonp != SIZE_MAX) {
		size_t	k = tp - colonp;

		if (tp == sizeof(tmp))
			return 0;	/* "::" must stand for a zero group */
		memmove(tmp + sizeof(tmp) - k, tmp + colonp, k);
		memset(tmp + colonp, 0, sizeof(tmp) - k - colonp);
		tp = sizeof(tmp);
	}
	if (tp != sizeof(tmp))
		return 0;
	memcpy(out, tmp, sizeof(tmp));
	return 1;
}

/*
 * IPv6 as glibc's inet_ntop prints it (RFC 5952): lowercase hex without
 * leading zeros; the longest run of two or more zero groups, the first on
 * a tie, becomes "::"; a dotted IPv4 tail for ::a.b.c.d and
 * ::ffff:a.b.c.d, unless |hex_only|.
 */
static size_t
ip6_fmt(char *s, size_t n, size_t at, const uint8_t ip[16], int hex_only)
{
	unsigned	w[8];
	int		best = -1, bestlen = 0, cur = -1, curlen = 0;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
	for (int i = 0; i < 8; i++) {
		if (w[i] == 0) {
			if (cur < 0) {
				cur = i;
				curlen = 0;
			}
			curlen++;
		} else if (cur >= 0) {
			if (curlen > bestlen) {
				best = cur;
				bestlen = curlen;
			}
			cur = -1;
		}
	}
	if (cur >= 0 && curlen > bestlen) {
		best = cur;
		bestlen = curlen;
	}
	if (bestlen < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + bestlen) {
			if (i == best)
				at = m2_fmt(s, n, at, ":");
			continue;
		}
		if (i != 0)
			at = m2_fmt(s, n, at, ":");
		if (!hex_only && i == 6 && best == 0 &&
		    (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff))) {
			at = m2_fmt(s, n, at, "%u.%u.%u.%u", ip[12], ip[13],
			    ip[14], ip[15]);
			break;
		}
		at = m2_fmt(s, n, at, "%x", w[i]);
	}
	if (best >= 0 && best + bestlen == 8)
		at = m2_fmt(s, n, at, ":");
	return at;
}

/*
 * One address as text.  SPEC §6.3 · ceph msg_types.cc
 * operator<<(ostream&, const entity_addr_t&), operator<<(ostream&, const
 * sockaddr *)
 *   "-" for NONE | "<type>:" unless ANY | a.b.c.d:port, [ipv6]:port, or
 *   "(unrecognized address family N)" | "/" nonce
 * |canon| selects the text m2_addr_text_build writes (AMB-65, AMB-66).
 */
static size_t
addr_fmt(char *s, size_t n, size_t at, const struct m2_addr *a, int canon)
{
	unsigned	port = m2_load_be16(a->sa + SA_PORT);

	if (a->type == M2_ADDR_NONE)
		return m2_fmt(s, n, at, "-");
	if (a->type != M2_ADDR_ANY)
		at = m2_fmt(s, n, at, "%s:", type_name(a->type));
	else if (canon)
		at = m2_fmt(s, n, at, "any:");
	switch (a->family) {
	case M2_AF_INET:
		at = m2_fmt(s, n, at, "%u.%u.%u.%u:%u", a->sa[SA_IN4],
		    a->sa[SA_IN4 + 1], a->sa[SA_IN4 + 2], a->sa[SA_IN4 + 3],
		    port);
		break;
	case M2_AF_INET6:
		at = m2_fmt(s, n, at, "[");
		at = ip6_fmt(s, n, at, a->sa + SA_IN6, canon);
		at = m2_fmt(s, n, at, "]:%u", port);
		break;
	default:
		at = m2_fmt(s, n, at, "(unrecognized address family %u)",
		    (unsigned)a->family);
		break;
	}
	return m2_fmt(s, n, at, "/%u", a->nonce);
}

static size_t
addrvec_fmt(char *s, size_t n, size_t at, const struct m2_addrvec *v,
    int canon)
{
	at = m2_fmt(s, n, at, "[");
	for (uint32_t i = 0; i < v->n; i++) {
		if (i != 0)
			at = m2_fmt(s, n, at, ",");
		at = addr_fmt(s, n, at, &v->a[i], canon);
	}
	return m2_fmt(s, n, at, "]");
}

/* see m2/addr.h */
size_t
m2_addr_dump(const struct m2_addr *a, char *s, size_t n)
{
	if (n != 0)
		s[0] = '\0';
	return addr_fmt(s, n, 0, a, 0);
}

/*
 * see m2/addr.h
 * AMB-64: Ceph's operator<< prints a vector of one address without
 * brackets and an empty one as nothing; vectors/SCHEMA.md always
 * brackets, so that a vector and a lone address never print alike.
 */
size_t
m2_addrvec_dump(const struct m2_addrvec *v, char *s, size_t n)
{
	if (n != 0)
		s[0] = '\0';
	return addrvec_fmt(s, n, 0, v, 0);
}

/*
 * atoi() as glibc computes it on LP64 Linux: skip C-locale white space, an
 * optional sign, decimal digits; strtol saturates at the range of a
 * 64-bit long, and the int it returns keeps the low 32 bits.
 * AMB-67: entity_addr_t::parse reads the port and the nonce with atoi, so
 * ":4294967297" is port 1 and "/4294967296" nonce 0 (monmaptool 16.2.15
 * shows both).  We copy this on purpose: the same string then names the
 * same monitor for us as for Ceph.
 */
static uint32_t
ceph_atoi(const uint8_t *p, size_t n)
{
	uint64_t	v = 0, lim = INT64_MAX;
	size_t		i = 0;
	int		neg = 0, over = 0;

	while (i < n && (p[i] == ' ' || (p[i] >= '\t' && p[i] <= '\r')))
		i++;
	if (i < n && (p[i] == '+' || p[i] == '-')) {
		neg = p[i] == '-';
		i++;
	}
	if (neg)
		lim = (uint64_t)INT64_MAX + 1;
	for (; i < n && is_digit(p[i]); i++) {
		unsigned	dg = (unsigned)(p[i] - '0');

		if (v > (lim - dg) / 10)
			over = 1;
		else
			v = v * 10 + dg;
	}
	if (over)
		v = lim;
	if (neg)
		v = 0 - v;
	return (uint32_t)v;
}

/* The digits entity_addr_t::parse skips after a port or nonce. */
static size_t
skip_digits(const uint8_t *p, size_t n)
{
	size_t	i = 0;

	while (i < n && is_digit(p[i]))
		i++;
	return i;
}

/* The candidate entity_addr_t::parse copies: the run of [0-9.] (IPv4)
 * or of [0-9A-Fa-f:] (IPv6), cut at its buffer's size. */
static size_t
run_len(const uint8_t *p, size_t n, size_t cap, int v6)
{
	size_t	i = 0;

	for (; i < n && i < cap; i++) {
		if (v6 && hex_value(p[i]) < 0 && p[i] != ':')
			break;
		if (!v6 && !is_digit(p[i]) && p[i] != '.')
			break;
	}
	return i;
}

static int
has_prefix(const uint8_t *p, size_t n, const char *pre)
{
	size_t	k = strlen(pre);

	return n >= k && memcmp(p, pre, k) == 0;
}

/*
 * One text address at |p|, |n| bytes, into |*out|; returns the bytes it
 * used, 0 if it is not an address.  SPEC §6.3 · ceph msg_types.cc
 * entity_addr_t::parse
 *   [ "v1:" | "v2:" | "any:" ] [ "[" ] ipv4 | ipv6 [ "]" ] [ ":" port ]
 *   [ "/" nonce ] , or a lone "-" (NONE)
 * The IPv4 candidate is the run of [0-9.], the IPv6 candidate the run of
 * [0-9A-Fa-f:] (so a dotted IPv4 tail never reaches it: AMB-65); IPv4 is
 * tried first.  A ']' is required if '[' opened.  Port and nonce as
 * ceph_atoi reads them; a port over 65535 fails.
 */
static size_t
addr_scan(const uint8_t *p, size_t n, uint32_t default_type,
    struct m2_addr *out)
{
	uint32_t	type = default_type, port;
	uint8_t		ip[16];
	size_t		i = 0, r, r4, r6;
	int		brackets = 0;

	memset(out, 0, sizeof(*out));
	if (has_prefix(p, n, "v1:")) {
		i = 3;
		type = M2_ADDR_LEGACY;
	} else if (has_prefix(p, n, "v2:")) {
		i = 3;
		type = M2_ADDR_MSGR2;
	} else if (has_prefix(p, n, "any:")) {
		i = 4;
		type = M2_ADDR_ANY;
	} else if (n > 0 && p[0] == '-') {
		out->type = M2_ADDR_NONE;
		out->elen = M2_SOCKADDR_MAX;
		return 1;
	}
	if (i < n && p[i] == '[') {
		i++;
		brackets = 1;
	}
	r4 = run_len(p + i, n - i, CEPH_BUF4, 0);
	r6 = run_len(p + i, n - i, CEPH_BUF6, 1);
	if (ip4_read(p + i, r4, ip)) {
		r = r4;
		out->family = M2_AF_INET;
		out->elen = 16;
		memcpy(out->sa + SA_IN4, ip, 4);
	} else if (ip6_read(p + i, r6, ip)) {
		r = r6;
		out->family = M2_AF_INET6;
		out->elen = 28;
		memcpy(out->sa + SA_IN6, ip, 16);
	} else {
		return 0;
	}
	i += r;
	if (brackets) {
		if (i == n || p[i] != ']')
			return 0;
		i++;
	}
	if (i < n && p[i] == ':') {
		i++;
		port = ceph_atoi(p + i, n - i);
		if (port > 65535 && port <= INT32_MAX)
			return 0;	/* an int over MAX_PORT_NUMBER */
		m2_store_be16(out->sa + SA_PORT, (uint16_t)port);
		i += skip_digits(p + i, n - i);
	}
	if (i < n && p[i] == '/') {
		i++;
		out->nonce = ceph_atoi(p + i, n - i);
		i += skip_digits(p + i, n - i);
	}
	out->type = type;
	return i;
}

/* see m2/addr.h */
m2_err
m2_addr_text_read(struct m2_cur *c, uint32_t default_type,
    struct m2_addr *out, struct m2_diag *d)
{
	size_t	used = addr_scan(c->p, m2_cur_len(c), default_type, out);

	if (used == 0)
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c), "addr_text");
	if (!m2_cur_skip(c, used))
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c), "addr_text");
	return M2_OK;
}

/* see m2/addr.h */
m2_err
m2_addr_text_parse(struct m2_cur *c, struct m2_addr *out, struct m2_diag *d)
{
	m2_err	e;

	if ((e = m2_addr_text_read(c, M2_ADDR_DEFAULT, out, d)) != M2_OK)
		return e;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "addr_text");
	return M2_OK;
}

/*
 * see m2/addr.h
 * A text address or vector.  SPEC §6.3 · ceph msg_types.cc
 * entity_addrvec_t::parse
 *   addr | "[" addr { "," addr } "]"   (elements: default type v2)
 * A '[' that opens a bracketed IPv6 address is that address, not a
 * vector ("[::1]:3300" is one address); "[1.2.3.4]" is a vector of one.
 * AMB-63: more than M2_MAX_ADDRS elements give M2_E_LIMIT.
 */
m2_err
m2_addrvec_text_read(struct m2_cur *c, struct m2_addrvec *out,
    struct m2_diag *d)
{
	const uint8_t	*p = c->p;
	size_t		 n = m2_cur_len(c), i = 0, used;
	struct m2_addr	 a;
	int		 brackets = 0;

	memset(out, 0, sizeof(*out));
	out->marker = 2;
	if (n > 0 && p[0] == '[' &&
	    (addr_scan(p, n, M2_ADDR_DEFAULT, &a) == 0 ||
	    a.family != M2_AF_INET6)) {
		brackets = 1;
		i = 1;
	}
	while (i < n) {
		used = addr_scan(p + i, n - i, M2_ADDR_DEFAULT, &a);
		if (used == 0) {
			if (brackets)
				return m2_diag_at(d, M2_E_BADVAL,
				    m2_cur_off(c) + i, "addrvec_text.addr");
			break;
		}
		if (out->n == M2_MAX_ADDRS)
			return m2_diag_at(d, M2_E_LIMIT, m2_cur_off(c) + i,
			    "addrvec_text.addr");
		out->a[out->n++] = a;
		i += used;
		if (!brackets || i == n || p[i] != ',')
			break;
		i++;
	}
	if (brackets) {
		if (i == n || p[i] != ']')
			return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c) + i,
			    "addrvec_text.bracket");
		i++;
	}
	if (out->n == 0)
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c),
		    "addrvec_text");
	if (!m2_cur_skip(c, i))
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c),
		    "addrvec_text");
	return M2_OK;
}

/* see m2/addr.h */
m2_err
m2_addrvec_text_parse(struct m2_cur *c, struct m2_addrvec *out,
    struct m2_diag *d)
{
	m2_err	e;

	if ((e = m2_addrvec_text_read(c, out, d)) != M2_OK)
		return e;
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "addrvec_text");
	return M2_OK;
}

/*
 * see m2/addr.h
 * AMB-65: Ceph prints ::ffff:1.2.3.4 but cannot read it back (its IPv6
 * candidate stops at the '.'); the text we build is in hex.
 * AMB-66: Ceph prints TYPE_ANY without a prefix, and reads text without a
 * prefix as TYPE_DEFAULT (v2); the text we build says "any:".
 */
void
m2_addr_text_build(struct m2_buf *b, const struct m2_addr *a)
{
	char	text[M2_ADDR_TEXT_MAX];
	size_t	len = addr_fmt(text, sizeof(text), 0, a, 1);

	assert(len < sizeof(text));
	m2_buf_bytes(b, text, len);
}

/* see m2/addr.h */
void
m2_addrvec_text_build(struct m2_buf *b, const struct m2_addrvec *v)
{
	assert(v->n <= M2_MAX_ADDRS);
	m2_buf_u8(b, '[');
	for (uint32_t i = 0; i < v->n; i++) {
		if (i != 0)
			m2_buf_u8(b, ',');
		m2_addr_text_build(b, &v->a[i]);
	}
	m2_buf_u8(b, ']');
}

/* The dumps of the text rows are those of the binary ones. */
static size_t
m2_addr_text_dump(const struct m2_addr *a, char *s, size_t n)
{
	return m2_addr_dump(a, s, n);
}

static size_t
m2_addrvec_text_dump(const struct m2_addrvec *v, char *s, size_t n)
{
	return m2_addrvec_dump(v, s, n);
}

M2_CODEC_ROW(addr_text, struct m2_addr, 0, 1);
M2_CODEC_ROW(addrvec_text, struct m2_addrvec, 0, 1);

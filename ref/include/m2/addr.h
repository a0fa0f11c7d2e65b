/* SPDX-License-Identifier: MIT */
/*
 * entity_addr_t and entity_addrvec_t: binary (marker 0 legacy, marker 1
 * new, marker 2 vector) and text forms, and mon_host strings.
 * SPEC-NOTES §6.
 */
#ifndef M2_ADDR_H
#define M2_ADDR_H

#include "buf.h"
#include "cur.h"
#include "limits.h"

/* entity_addr_t::type, and the prefix Ceph prints for it. */
#define M2_ADDR_NONE	0	/* printed as "-" alone */
#define M2_ADDR_LEGACY	1	/* "v1:" */
#define M2_ADDR_MSGR2	2	/* "v2:" */
#define M2_ADDR_ANY	3	/* no prefix when printed; "any:" when read */
#define M2_ADDR_CIDR	4	/* "cidr:"; never read from text */
#define M2_ADDR_DEFAULT	M2_ADDR_MSGR2	/* TYPE_DEFAULT: text without prefix */

/* Address families as they travel: Linux numbering. */
#define M2_AF_UNSPEC	0
#define M2_AF_INET	2
#define M2_AF_INET6	10

/*
 * One entity_addr_t.  |sa| holds the sockaddr bytes after the family,
 * exactly as on the wire (port and address in network order, then
 * sin_zero, or flowinfo, address and scope_id for IPv6); bytes past
 * |elen| - 2 are zero.  |elen| is the sockaddr length the parser read
 * (marker 1) or the one Ceph would write (marker 0): information only,
 * for the builder always writes Ceph's get_sockaddr_len() of |family|:
 * 16 for AF_INET, 28 for AF_INET6 and 28 for any other family.  |legacy|
 * is set when the address was decoded from the marker 0 form, and makes
 * m2_addr_build write that form again.
 */
struct m2_addr {
	uint32_t	type;
	uint32_t	nonce;
	uint16_t	family;
	uint32_t	elen;		/* as read: 0, 2..16, 2..28 */
	uint8_t		sa[M2_SOCKADDR_MAX - 2];
	uint8_t		legacy;
};

/*
 * An entity_addrvec_t.  |marker| is the marker it was decoded from (2 for
 * a vector, 1 or 0 for a lone address); the builder always writes 2, and
 * each element in the marker 1 form, as Ceph does with MSG_ADDR2.
 */
struct m2_addrvec {
	uint32_t	n;
	struct m2_addr	a[M2_MAX_ADDRS];
	uint8_t		marker;
};

/* A monitor from a mon_host string: its monmap name and addresses. */
struct m2_mon {
	char		name[32];
	struct m2_addrvec addrs;
};

/*
 * A parsed mon_host string.  |mon| holds the monitors MonMap::build_initial
 * makes of it, in rank order (the order `monmaptool --print` lists them);
 * |item| holds the addresses and vectors the string named, in order,
 * before the default-port rules expanded them, so that m2_mon_host_build
 * can write a string that means the same.
 */
struct m2_mon_host {
	uint32_t	n;
	struct m2_mon	mon[M2_MAX_MONS];
	uint32_t	nitems;
	struct m2_addrvec item[M2_MAX_MONS];
};

/*
 * m2_addr_read decodes one entity_addr_t (marker 0 or 1) from |c| and
 * leaves the cursor after it; m2_addr_parse does the same and then
 * requires the end of input (M2_E_TRAILING).  Both return M2_OK,
 * M2_E_TRUNC (input ends inside a field, or inside the struct_len of the
 * marker 1 envelope), M2_E_BADVAL (a marker other than 0 or 1; an elen of
 * 1, or over Ceph's sockaddr length for the family), M2_E_COMPAT (compat
 * over 1).  Unknown bytes after the sockaddr inside the envelope are
 * skipped.  A marker 0 address keeps only the family's sockaddr bytes,
 * and any family but AF_INET and AF_INET6 becomes AF_UNSPEC with type
 * M2_ADDR_NONE, as Ceph decodes it.
 */
M2_MUST_USE m2_err m2_addr_read(struct m2_cur *c, struct m2_addr *out,
		    struct m2_diag *d);
M2_MUST_USE m2_err m2_addr_parse(struct m2_cur *c, struct m2_addr *out,
		    struct m2_diag *d);

/*
 * m2_addr_build appends |a|: in the marker 0 form if |a->legacy|, else in
 * the marker 1 form.  m2_addr_size returns the bytes it writes: 136, or
 * 35 for AF_INET and 47 for any other family.
 */
void		 m2_addr_build(struct m2_buf *b, const struct m2_addr *a);
size_t		 m2_addr_size(const struct m2_addr *a);

/*
 * The same for entity_addrvec_t, which also accepts a lone address in
 * the marker 0 or 1 form; counts over M2_MAX_ADDRS give M2_E_LIMIT, and
 * counts whose elements cannot fit in what is left M2_E_TRUNC.
 * m2_addrvec_size returns the bytes m2_addrvec_build writes.
 */
M2_MUST_USE m2_err m2_addrvec_read(struct m2_cur *c, struct m2_addrvec *out,
		    struct m2_diag *d);
M2_MUST_USE m2_err m2_addrvec_parse(struct m2_cur *c, struct m2_addrvec *out,
		    struct m2_diag *d);
void		 m2_addrvec_build(struct m2_buf *b, const struct m2_addrvec *v);
size_t		 m2_addrvec_size(const struct m2_addrvec *v);

/*
 * m2_addr_dump writes |a| as Ceph's operator<< prints it
 * ("v2:1.2.3.4:3300/0", "v1:[::1]:6789/0", "-", no prefix for
 * M2_ADDR_ANY), with IPv6 in inet_ntop's form, snprintf semantics: at
 * most |n| bytes including the NUL; it returns the full length.
 * m2_addrvec_dump always brackets: "[a,b]", "[a]", "[]".
 */
size_t		 m2_addr_dump(const struct m2_addr *a, char *s, size_t n);
size_t		 m2_addrvec_dump(const struct m2_addrvec *v, char *s, size_t n);

/*
 * m2_addr_text_read reads one text address at |c| the way
 * entity_addr_t::parse(s, &end, default_type) does, with |default_type|
 * for text without a "v1:", "v2:" or "any:" prefix, and leaves |c| after
 * it.  It returns M2_OK, or M2_E_BADVAL with |c| unchanged.
 * m2_addr_text_parse reads with M2_ADDR_DEFAULT and then requires the end
 * of input (M2_E_TRAILING).
 */
M2_MUST_USE m2_err m2_addr_text_read(struct m2_cur *c, uint32_t default_type,
		    struct m2_addr *out, struct m2_diag *d);
M2_MUST_USE m2_err m2_addr_text_parse(struct m2_cur *c, struct m2_addr *out,
		    struct m2_diag *d);

/*
 * m2_addrvec_text_read reads one address or a bracketed vector the way
 * entity_addrvec_t::parse does (its elements without a prefix are
 * M2_ADDR_DEFAULT), and leaves |c| after it.  It returns M2_OK,
 * M2_E_BADVAL with |c| unchanged, or M2_E_LIMIT for more than
 * M2_MAX_ADDRS elements.  m2_addrvec_text_parse then requires the end of
 * input (M2_E_TRAILING).
 */
M2_MUST_USE m2_err m2_addrvec_text_read(struct m2_cur *c,
		    struct m2_addrvec *out, struct m2_diag *d);
M2_MUST_USE m2_err m2_addrvec_text_parse(struct m2_cur *c,
		    struct m2_addrvec *out, struct m2_diag *d);

/*
 * m2_addr_text_build appends text that m2_addr_text_read reads back to
 * |a| whatever the default type, for any address the text reader can
 * produce; Ceph reads it back too.  It is m2_addr_dump's text but for two
 * cases where Ceph cannot read what it prints: M2_ADDR_ANY is written
 * with "any:", and IPv6 addresses inet_ntop would end with a dotted quad
 * ("::ffff:1.2.3.4") are written in hex ("::ffff:102:304").
 * m2_addrvec_text_build does the same for a vector, always bracketed.
 */
void		 m2_addr_text_build(struct m2_buf *b, const struct m2_addr *a);
void		 m2_addrvec_text_build(struct m2_buf *b,
		    const struct m2_addrvec *v);

/*
 * m2_mon_host_parse reads a mon_host (or -m) string as a client's
 * MonMap::build_initial (for_mkfs false) does for literal addresses:
 * items separated by spaces or ';', each a ','-separated list of
 * addresses (no prefix: TYPE_ANY) and bracketed vectors; then the
 * default-port rules of _add_ambiguous_addr, names "noname-a",
 * "noname-a-legacy", ..., duplicates skipped.  m2_mon_host_parse_mkfs
 * applies the for_mkfs rules (`monmaptool --generate`, ceph-mon --mkfs).
 * Both return M2_OK; M2_E_BADVAL if the string is not a list of literal
 * addresses (Ceph would then resolve it as host names, which we never
 * do), if it names no monitor, or if two vectors share an address (Ceph
 * aborts); M2_E_LIMIT over M2_MON_HOST_MAX bytes, M2_MAX_MONS items or
 * monitors, or M2_MAX_ADDRS addresses in a vector.
 */
M2_MUST_USE m2_err m2_mon_host_parse(struct m2_cur *c, struct m2_mon_host *out,
		    struct m2_diag *d);
M2_MUST_USE m2_err m2_mon_host_parse_mkfs(struct m2_cur *c,
		    struct m2_mon_host *out, struct m2_diag *d);

/*
 * m2_mon_host_build appends a mon_host string, one item after another
 * separated by ',', that parses back to the same monitors (and items).
 * m2_mon_host_dump writes "name=[addrvec]" per monitor in rank order,
 * separated by one space, snprintf semantics.
 */
void		 m2_mon_host_build(struct m2_buf *b,
		    const struct m2_mon_host *h);
size_t		 m2_mon_host_dump(const struct m2_mon_host *h, char *s,
		    size_t n);

/*
 * m2_addr_equal compares two addresses as Ceph's operator== does (a
 * memcmp of entity_addr_t): type, nonce, family and every sockaddr byte;
 * |elen| and |legacy| are not compared.
 */
int		 m2_addr_equal(const struct m2_addr *a,
		    const struct m2_addr *b);

#endif

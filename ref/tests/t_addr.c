/* SPDX-License-Identifier: MIT */
/*
 * Addresses (m2/addr.h): entity_addr_t and entity_addrvec_t in binary and
 * text, and mon_host strings.  Expected values come from Ceph 16.2.15's
 * own tools on this machine: bytes monmaptool wrote, and what
 * `monmaptool --print` (binary decode, operator<<), `monmaptool --add` /
 * `--addv` (entity_addr_t::parse, entity_addrvec_t::parse),
 * `monmaptool --create --generate -c CONF --print` (mon_host, mkfs rules)
 * and `ceph -m S --debug_monc 10` (mon_host, client rules) printed.  The
 * commands are named beside each case.  "patched monmap" means the
 * monmap monmaptool wrote, with mon.a's public_addrs replaced by the
 * bytes shown and the lengths around them fixed, then `monmaptool
 * --print`.
 */
#include <stddef.h>

#include "t.h"

#define BUFMAX	2048
#define TXTMAX	4096

static union {
	max_align_t		align;
	struct m2_mon_host	h;
	struct m2_addrvec	v;
	struct m2_addr		a;
} obj, obj2;

static const struct m2_codec *
row(const char *name)
{
	const struct m2_codec	*k = m2_codec_find(name);

	if (k == NULL) {
		fprintf(stderr, "no codec row %s\n", name);
		exit(1);
	}
	return k;
}

/*
 * A binary row on |hex|: it parses and dumps as |dump|, rebuilds to |out|
 * (or to the input when |out| is NULL), every strict prefix gives
 * M2_E_TRUNC and one appended byte M2_E_TRAILING.
 */
static void
bin_ok(const char *codec, const char *hex, const char *dump, const char *out)
{
	const struct m2_codec	*k = row(codec);
	uint8_t			 in[BUFMAX + 1], want[BUFMAX], got[BUFMAX];
	char			 text[TXTMAX];
	size_t			 n = t_hex(hex, in, BUFMAX), wn, gn;
	struct m2_cur		 c;
	struct m2_buf		 b;
	m2_err			 e;

	wn = out != NULL ? t_hex(out, want, sizeof(want)) : n;
	if (out == NULL)
		memcpy(want, in, n);
	m2_cur_init(&c, in, n);
	e = k->parse(&c, &obj, NULL);
	T_CHECK(e == M2_OK, "%s %s: %s", codec, dump, m2_err_name(e));
	if (e != M2_OK)
		return;
	k->dump(&obj, text, sizeof(text));
	T_STR(text, dump);
	m2_buf_init(&b, got, sizeof(got));
	k->build(&b, &obj);
	T_OK(m2_buf_finish(&b, &gn));
	T_CHECK(gn == wn && memcmp(got, want, wn) == 0,
	    "%s %s: rebuilt %zu bytes, want %zu", codec, dump, gn, wn);
	if (strcmp(codec, "addr") == 0)
		T_EQ(m2_addr_size(&obj.a), gn);
	else
		T_EQ(m2_addrvec_size(&obj.v), gn);
	for (size_t i = 0; i < n; i++) {
		m2_cur_init(&c, in, i);
		e = k->parse(&c, &obj2, NULL);
		T_CHECK(e == M2_E_TRUNC, "%s %s: %zu-byte prefix gave %s",
		    codec, dump, i, m2_err_name(e));
	}
	in[n] = 0;
	m2_cur_init(&c, in, n + 1);
	T_ERR(k->parse(&c, &obj2, NULL), M2_E_TRAILING);
}

/* A binary row on |hex| fails with |want|. */
static void
bin_bad(const char *codec, const char *hex, m2_err want, const char *why)
{
	uint8_t		in[BUFMAX];
	size_t		n = t_hex(hex, in, sizeof(in));
	struct m2_cur	c;
	struct m2_diag	d;
	m2_err		e;

	m2_cur_init(&c, in, n);
	e = row(codec)->parse(&c, &obj, &d);
	T_CHECK(e == want, "%s (%s): got %s, want %s", codec, why,
	    m2_err_name(e), m2_err_name(want));
	if (e != M2_OK)
		T_CHECK(d.err == e && d.off <= n, "%s (%s): diag %s at %zu",
		    codec, why, m2_err_name(d.err), d.off);
}

/*
 * A text row on |in|: it parses, dumps as |dump|, builds |build| (NULL:
 * the dump), and the built text parses back to the same dump.
 */
static void
txt_ok(const char *codec, const char *in, const char *dump, const char *build)
{
	const struct m2_codec	*k = row(codec);
	uint8_t			 got[BUFMAX];
	char			 text[TXTMAX];
	struct m2_cur		 c;
	struct m2_buf		 b;
	size_t			 gn;
	m2_err			 e;

	m2_cur_init(&c, (const uint8_t *)in, strlen(in));
	e = k->parse(&c, &obj, NULL);
	T_CHECK(e == M2_OK, "%s \"%s\": %s", codec, in, m2_err_name(e));
	if (e != M2_OK)
		return;
	k->dump(&obj, text, sizeof(text));
	T_STR(text, dump);
	m2_buf_init(&b, got, sizeof(got) - 1);
	k->build(&b, &obj);
	T_OK(m2_buf_finish(&b, &gn));
	got[gn] = '\0';
	T_STR((const char *)got, build != NULL ? build : dump);
	m2_cur_init(&c, got, gn);
	T_OK(k->parse(&c, &obj2, NULL));
	k->dump(&obj2, text, sizeof(text));
	T_STR(text, dump);
}

static void
txt_bad(const char *codec, const char *in, m2_err want)
{
	struct m2_cur	c;
	m2_err		e;

	m2_cur_init(&c, (const uint8_t *)in, strlen(in));
	e = row(codec)->parse(&c, &obj, NULL);
	T_CHECK(e == want, "%s \"%s\": got %s, want %s", codec, in,
	    m2_err_name(e), m2_err_name(want));
}

/* --- binary ------------------------------------------------------------ */

/*
 * `monmaptool --create --fsid 11111111-2222-3333-4444-555555555555 --addv
 * a '[v2:127.0.0.1:13300,v1:127.0.0.1:16789]' m1` wrote these 201 bytes;
 * mon.a's public_addrs is at offset 90 (75 bytes), the vector of
 * REAL-CEPH.md.  `monmaptool --print m1`:
 *   0: [v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0] mon.a
 */
static const char	monmap_v4[] =
    "0906c30000001111111122223333444455555555555500000000db79066bbb7b4e04"
    "db79066bbb7b4e040101080000000000000000000000010108000000000000000000"
    "0000010000000100000061050158000000010000006102020000000101011c000000"
    "020000000000000010000000020033f47f00000100000000000000000101011c0000"
    "00010000000000000010000000020041957f00000100000000000000000000000000"
    "00000001000000010000006100000000000100000000000000000000000000";

/* The same for '[v2:[::1]:3300,v1:[::1]:6789]' (file m6, offset 90):
 *   0: [v2:[::1]:3300/0,v1:[::1]:6789/0] mon.a */
#define ADDRVEC_V6							\
	"02 02000000"							\
	"01 01 01 28000000 02000000 00000000 1c000000"			\
	"0a00 0ce4 00000000 00000000000000000000000000000001 00000000"	\
	"01 01 01 28000000 01000000 00000000 1c000000"			\
	"0a00 1a85 00000000 00000000000000000000000000000001 00000000"

/* One marker-1 IPv4 address: v2:127.0.0.1:13300/0. */
#define A_V2							\
	"01 01 01 1c000000 02000000 00000000 10000000"		\
	"0200 33f4 7f000001 0000000000000000"

/*
 * Legacy (marker 0) addresses, written by hand from the layout (ceph
 * decode_legacy_addr_after_marker, kernel ceph_decode_entity_addr_legacy):
 * le32 type 0, le32 nonce, a 128-byte sockaddr_storage whose family is
 * big-endian.  Confirmed on a patched monmap (vector marker 0).
 */
#define ZERO100								\
	"00000000000000000000000000000000000000000000000000"		\
	"00000000000000000000000000000000000000000000000000"		\
	"00000000000000000000000000000000000000000000000000"		\
	"00000000000000000000000000000000000000000000000000"
#define LEG_V4	"00000000 07000000 0002 1a85 7f000001 0000000000000000" \
		"000000000000000000000000" ZERO100
#define LEG_V6	"00000000 07000000 000a 0d05 00000000"			\
		"00000000000000000000000000000001 00000000" ZERO100

static void
t_binary(void)
{
	uint8_t		file[256];
	char		hex[512];
	size_t		n = t_hex(monmap_v4, file, sizeof(file));

	T_EQ(n, 201);
	for (size_t i = 0; i < 75; i++)
		(void)snprintf(hex + 2 * i, 3, "%02x", file[90 + i]);
	bin_ok("addrvec", hex, "[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]",
	    NULL);
	bin_ok("addrvec", ADDRVEC_V6, "[v2:[::1]:3300/0,v1:[::1]:6789/0]",
	    NULL);
	bin_ok("addr", A_V2, "v2:127.0.0.1:13300/0", NULL);
	/* The monitor's HELLO peer address (REAL-CEPH.md), port 41234. */
	bin_ok("addr", "01 01 01 1c000000 02000000 00000000 10000000 0200 a112"
	    "7f000001 0000000000000000", "v2:127.0.0.1:41234/0", NULL);

	/* patched monmap, vector marker 0: "0: v1:127.0.0.1:6789/7 mon.a" */
	bin_ok("addr", LEG_V4, "v1:127.0.0.1:6789/7", NULL);
	/* re-encoded as a vector whose entry stays in the legacy form */
	bin_ok("addrvec", LEG_V4, "[v1:127.0.0.1:6789/7]",
	    "02 01000000" LEG_V4);
	/* patched: "0: v1:[::1]:3333/7 mon.a" */
	bin_ok("addr", LEG_V6, "v1:[::1]:3333/7", NULL);
	/* patched, type bytes 1..3 = 05 06 07: still v1, rebuilt as 0 */
	bin_ok("addr", "00050607 07000000 0002 1a85 7f000001 0000000000000000"
	    "000000000000000000000000" ZERO100, "v1:127.0.0.1:6789/7", LEG_V4);
	/* patched, bytes after the sockaddr_in: ignored */
	bin_ok("addr", "00000000 07000000 0002 1a85 7f000001 0000000000000000"
	    "ffffffffffffffffffffffff" ZERO100, "v1:127.0.0.1:6789/7", LEG_V4);
	/* patched, family 0, 1 (AF_UNIX) and 0x0200: "0: - mon.a" */
	bin_ok("addr", "00000000 07000000 0000 0000" ZERO100
	    "000000000000000000000000000000000000000000000000", "-", NULL);
	bin_ok("addr", "00000000 07000000 0001 2f746d702f78" ZERO100
	    "0000000000000000000000000000000000000000", "-",
	    "00000000 07000000 0000 0000" ZERO100
	    "000000000000000000000000000000000000000000000000");
	bin_ok("addr", "00000000 07000000 0200 1a85 7f000001" ZERO100
	    "0000000000000000000000000000000000000000", "-",
	    "00000000 07000000 0000 0000" ZERO100
	    "000000000000000000000000000000000000000000000000");
	/* patched, a vector holding a legacy and a new address:
	 *   "0: [v1:127.0.0.1:6789/7,v2:127.0.0.1:13300/0] mon.a" */
	bin_ok("addrvec", "02 02000000" LEG_V4 A_V2,
	    "[v1:127.0.0.1:6789/7,v2:127.0.0.1:13300/0]", NULL);

	/* patched, elen 0: "v2:(unrecognized address family 0)/0" */
	bin_ok("addr", "01 01 01 0c000000 02000000 00000000 00000000",
	    "v2:(unrecognized address family 0)/0",
	    "01 01 01 28000000 02000000 00000000 1c000000 0000"
	    "0000000000000000000000000000000000000000000000000000");
	/* patched, elen 2 and 4 for AF_INET: "v2:0.0.0.0:0/0",
	 * "v2:0.0.0.0:13300/0" */
	bin_ok("addr", "01 01 01 0e000000 02000000 00000000 02000000 0200",
	    "v2:0.0.0.0:0/0", "01 01 01 1c000000 02000000 00000000 10000000"
	    "0200 0000 00000000 0000000000000000");
	bin_ok("addr", "01 01 01 10000000 02000000 00000000 04000000 0200 33f4",
	    "v2:0.0.0.0:13300/0", "01 01 01 1c000000 02000000 00000000"
	    "10000000 0200 33f4 00000000 0000000000000000");
	/* patched, elen 16 for AF_INET6: "v2:[::]:0/0" */
	bin_ok("addr", "01 01 01 1c000000 02000000 00000000 10000000 0a00"
	    "0000 00000000 0000000000000000", "v2:[::]:0/0",
	    "01 01 01 28000000 02000000 00000000 1c000000 0a00"
	    "0000000000000000000000000000000000000000000000000000");
	/* patched, elen 28 family 1: "v2:(unrecognized address family 1)/0" */
	bin_ok("addr", "01 01 01 28000000 02000000 00000000 1c000000 0100"
	    "0000000000000000000000000000000000000000000000000000",
	    "v2:(unrecognized address family 1)/0", NULL);
	/* patched, struct_v 2 with 3 unknown tail bytes; v9; v0 compat 0 */
	bin_ok("addr", "01 02 01 1f000000 02000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000 616263",
	    "v2:127.0.0.1:13300/0", A_V2);
	bin_ok("addr", "01 09 01 1c000000 02000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "v2:127.0.0.1:13300/0",
	    A_V2);
	bin_ok("addr", "01 00 00 1c000000 02000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "v2:127.0.0.1:13300/0",
	    A_V2);
	/* patched, types 0, 1, 3, 4, 5, 0xffffffff: "-", "v1:...",
	 * "127.0.0.1:13300/0", "cidr:...", "???:..." twice */
	bin_ok("addr", "01 01 01 1c000000 00000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "-", NULL);
	bin_ok("addr", "01 01 01 1c000000 01000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "v1:127.0.0.1:13300/0",
	    NULL);
	bin_ok("addr", "01 01 01 1c000000 03000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "127.0.0.1:13300/0", NULL);
	bin_ok("addr", "01 01 01 1c000000 04000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "cidr:127.0.0.1:13300/0",
	    NULL);
	bin_ok("addr", "01 01 01 1c000000 05000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", "???:127.0.0.1:13300/0",
	    NULL);
	bin_ok("addr", "01 01 01 1c000000 ffffffff ffffffff 10000000"
	    "0200 33f4 7f000001 ffffffffffffffff",
	    "???:127.0.0.1:13300/4294967295", NULL);
	/* patched, IPv6 ::ffff:1.2.3.4, and flowinfo and scope_id set:
	 *   "v2:[::ffff:1.2.3.4]:3333/0", "v2:[2001:db8::1]:3333/0" */
	bin_ok("addr", "01 01 01 28000000 02000000 00000000 1c000000 0a00"
	    "0d05 00000000 00000000000000000000ffff01020304 00000000",
	    "v2:[::ffff:1.2.3.4]:3333/0", NULL);
	bin_ok("addr", "01 01 01 28000000 02000000 00000000 1c000000 0a00"
	    "0d05 11223344 20010db8000000000000000000000001 05000000",
	    "v2:[2001:db8::1]:3333/0", NULL);
	/* patched, vector markers 1 (one address) and 2 with no address:
	 *   "0: v2:127.0.0.1:13300/0 mon.a", "0:  mon.a" (AMB-64) */
	bin_ok("addrvec", A_V2, "[v2:127.0.0.1:13300/0]", "02 01000000" A_V2);
	bin_ok("addrvec", "02 00000000", "[]", NULL);

	/* Rejected, each "unable to read monmap file" when patched in. */
	bin_bad("addr", "02", M2_E_BADVAL, "marker 2 alone");
	bin_bad("addr", "03" A_V2, M2_E_BADVAL, "marker 3");
	bin_bad("addrvec", "03 01000000" A_V2, M2_E_BADVAL, "vector marker 3");
	bin_bad("addrvec", "02 01000000 02 01000000" A_V2, M2_E_BADVAL,
	    "element marker 2");
	bin_bad("addr", "01 01 01 0d000000 02000000 00000000 01000000 02",
	    M2_E_BADVAL, "elen 1");
	bin_bad("addr", "01 01 01 1d000000 02000000 00000000 11000000"
	    "0200 33f4 7f000001 000000000000000000", M2_E_BADVAL,
	    "elen 17, AF_INET");
	bin_bad("addr", "01 01 01 28000000 02000000 00000000 1c000000"
	    "0200 33f4 7f000001 0000000000000000 000000000000000000000000",
	    M2_E_BADVAL, "elen 28, AF_INET");
	bin_bad("addr", "01 01 01 29000000 02000000 00000000 1d000000 0a00"
	    "0d05 00000000 00000000000000000000000000000001 00000000 00",
	    M2_E_BADVAL, "elen 29, AF_INET6");
	bin_bad("addr", "01 01 01 29000000 02000000 00000000 1d000000 0100"
	    "000000000000000000000000000000000000000000000000000000",
	    M2_E_BADVAL, "elen 29, family 1");
	bin_bad("addr", "01 02 02 1c000000 02000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", M2_E_COMPAT, "compat 2");
	bin_bad("addr", "01 01 01 1b000000 02000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", M2_E_TRUNC,
	    "struct_len one short");
	bin_bad("addr", "01 01 01 0a000000 02000000 00000000 10000000"
	    "0200 33f4 7f000001 0000000000000000", M2_E_TRUNC,
	    "struct_len 10");
	bin_bad("addr", "01 01 01 ffffffff 02000000", M2_E_TRUNC,
	    "struct_len past the end");
}

/* Counts: at the cap, over it, and more than the bytes left can hold. */
static void
t_counts(void)
{
	static char	hex[64 + 100 * (M2_MAX_ADDRS + 1)];
	char		dump[TXTMAX];
	size_t		at, dn = 0;

	for (uint32_t n = M2_MAX_ADDRS; n <= M2_MAX_ADDRS + 1; n++) {
		at = (size_t)snprintf(hex, sizeof(hex), "02 %02x000000", n);
		dn = (size_t)snprintf(dump, sizeof(dump), "[");
		for (uint32_t i = 0; i < n; i++) {
			at += (size_t)snprintf(hex + at, sizeof(hex) - at,
			    "%s", A_V2);
			dn += (size_t)snprintf(dump + dn, sizeof(dump) - dn,
			    "%sv2:127.0.0.1:13300/0", i ? "," : "");
		}
		(void)snprintf(dump + dn, sizeof(dump) - dn, "]");
		if (n == M2_MAX_ADDRS)
			bin_ok("addrvec", hex, dump, NULL);
		else
			bin_bad("addrvec", hex, M2_E_LIMIT, "count over cap");
	}
	bin_bad("addrvec", "02 ffffffff", M2_E_LIMIT, "count 2^32-1");
	bin_bad("addrvec", "02 02000000" A_V2, M2_E_TRUNC,
	    "two announced, one there");
	bin_bad("addrvec", "02 10000000" A_V2, M2_E_TRUNC,
	    "16 announced, too few bytes for 16 (19 bytes each)");
}

/* Equality is Ceph's memcmp of entity_addr_t: type, nonce, sockaddr. */
static void
t_equal(void)
{
	static const char *const	pair[][2] = {
		/* same address, one read from marker 0, one from marker 1 */
		{ LEG_V4, "01 01 01 1c000000 01000000 07000000 10000000"
		    "0200 1a85 7f000001 0000000000000000" },
		/* elen 4 and elen 16 with zeros */
		{ "01 01 01 10000000 02000000 00000000 04000000 0200 33f4",
		  "01 01 01 1c000000 02000000 00000000 10000000"
		  "0200 33f4 00000000 0000000000000000" },
	};
	struct m2_addr	a, b;
	struct m2_cur	c;
	uint8_t		x[BUFMAX];

	for (size_t i = 0; i < sizeof(pair) / sizeof(pair[0]); i++) {
		m2_cur_init(&c, x, t_hex(pair[i][0], x, sizeof(x)));
		T_OK(m2_addr_parse(&c, &a, NULL));
		m2_cur_init(&c, x, t_hex(pair[i][1], x, sizeof(x)));
		T_OK(m2_addr_parse(&c, &b, NULL));
		T_CHECK(m2_addr_equal(&a, &b), "pair %zu differs", i);
	}
	b = a;
	b.sa[13] = 1;		/* sin_zero counts, as in Ceph */
	T_CHECK(!m2_addr_equal(&a, &b), "sin_zero ignored");
	b = a;
	b.nonce++;
	T_CHECK(!m2_addr_equal(&a, &b), "nonce ignored");
	b = a;
	b.type = a.type + 1;
	T_CHECK(!m2_addr_equal(&a, &b), "type ignored");
	b = a;
	b.elen = 0;
	b.legacy = !a.legacy;
	T_CHECK(m2_addr_equal(&a, &b), "elen or legacy compared");
}

/* --- text -------------------------------------------------------------- */

static void
t_text(void)
{
	/* monmaptool --add a 'S' (entity_addr_t::parse, whole string) then
	 * --print; a port of 0 there becomes 6789, so ports are given. */
	txt_ok("addr_text", "127.0.0.1:1234", "v2:127.0.0.1:1234/0", NULL);
	txt_ok("addr_text", "v2:127.0.0.1:1234/9", "v2:127.0.0.1:1234/9",
	    NULL);
	txt_ok("addr_text", "127.0.0.1:65535", "v2:127.0.0.1:65535/0", NULL);
	txt_bad("addr_text", "127.0.0.1:65536", M2_E_BADVAL);
	/* AMB-67: atoi wraps: "--add a 127.0.0.1:4294967297" printed
	 * v2:127.0.0.1:1/0; ":1234/4294967296" /0; ".../99999999999999999999"
	 * /4294967295 */
	txt_ok("addr_text", "127.0.0.1:4294967297", "v2:127.0.0.1:1/0", NULL);
	txt_ok("addr_text", "127.0.0.1:1234/4294967295",
	    "v2:127.0.0.1:1234/4294967295", NULL);
	txt_ok("addr_text", "127.0.0.1:1234/4294967296",
	    "v2:127.0.0.1:1234/0", NULL);
	txt_ok("addr_text", "127.0.0.1:1234/99999999999999999999",
	    "v2:127.0.0.1:1234/4294967295", NULL);
	/* --addv a '127.0.0.1:2147483648' printed v2:127.0.0.1:0/0, and
	 * --addv a '127.0.0.1:-1' v2:127.0.0.1:65535/0 (--addv ignores what
	 * follows the address; here the "-1" is left over) */
	txt_ok("addr_text", "127.0.0.1:2147483648", "v2:127.0.0.1:0/0", NULL);
	{
		struct m2_cur	c;
		struct m2_addr	a;
		char		s[64];

		m2_cur_init(&c, (const uint8_t *)"127.0.0.1:-1", 12);
		T_OK(m2_addr_text_read(&c, M2_ADDR_DEFAULT, &a, NULL));
		T_EQ(m2_cur_len(&c), 2);
		(void)m2_addr_dump(&a, s, sizeof(s));
		T_STR(s, "v2:127.0.0.1:65535/0");
	}
	txt_ok("addr_text", "127.0.0.1:/5", "v2:127.0.0.1:0/5", NULL);
	txt_ok("addr_text", "127.0.0.1:0080", "v2:127.0.0.1:80/0", NULL);
	txt_bad("addr_text", "127.0.0.1:+5", M2_E_TRAILING);
	txt_bad("addr_text", "127.0.0.1:1234x", M2_E_TRAILING);
	txt_bad("addr_text", "01.2.3.4:1", M2_E_BADVAL);
	txt_bad("addr_text", "1.2.3.4.5", M2_E_BADVAL);
	txt_bad("addr_text", "1.2.3.256", M2_E_BADVAL);
	txt_bad("addr_text", " 1.2.3.4", M2_E_BADVAL);
	txt_bad("addr_text", "fe80::1%eth0", M2_E_TRAILING);
	txt_bad("addr_text", "[::1]x", M2_E_TRAILING);
	txt_bad("addr_text", "[::1", M2_E_BADVAL);
	txt_bad("addr_text", "", M2_E_BADVAL);
	txt_ok("addr_text", "[::ABCD]:1", "v2:[::abcd]:1/0", NULL);
	txt_ok("addr_text", "::1", "v2:[::1]:0/0", NULL);
	/* an unbracketed IPv6 address swallows ":6789" ("::1:6789" in
	 * mon_host printed [::0.1.103.137]) */
	txt_ok("addr_text", "::1:6789", "v2:[::0.1.103.137]:0/0",
	    "v2:[::1:6789]:0/0");
	txt_ok("addr_text", "[127.0.0.1]:5", "v2:127.0.0.1:5/0", NULL);
	/* "--add a any:127.0.0.1:5" printed "127.0.0.1:5/0" (AMB-66) */
	txt_ok("addr_text", "any:127.0.0.1:5", "127.0.0.1:5/0",
	    "any:127.0.0.1:5/0");
	txt_ok("addr_text", "v1:[::1]:6789/7", "v1:[::1]:6789/7", NULL);
	txt_ok("addr_text", "-", "-", NULL);
	txt_bad("addr_text", "-1", M2_E_TRAILING);
	txt_bad("addr_text", "v2:-", M2_E_BADVAL);
	txt_bad("addr_text", "v3:1.2.3.4", M2_E_BADVAL);
	txt_bad("addr_text", "cidr:1.2.3.4", M2_E_BADVAL);
	/* "[::ffff:127.0.0.1]" is refused by Ceph (mon_host: "unable to parse
	 * addrs"); Ceph prints that address, and we build it in hex (AMB-65) */
	txt_bad("addr_text", "[::ffff:127.0.0.1]", M2_E_BADVAL);
	txt_ok("addr_text", "[::ffff:7f00:1]:6789",
	    "v2:[::ffff:127.0.0.1]:6789/0", "v2:[::ffff:7f00:1]:6789/0");

	/* monmaptool --addv a 'S' (entity_addrvec_t::parse), --print */
	txt_ok("addrvec_text", "[::1]", "[v2:[::1]:0/0]", NULL);
	txt_ok("addrvec_text", "[::1]:3300/5", "[v2:[::1]:3300/5]", NULL);
	txt_ok("addrvec_text", "127.0.0.1:3300", "[v2:127.0.0.1:3300/0]", NULL);
	txt_ok("addrvec_text", "[127.0.0.1:3300,127.0.0.1:6789]",
	    "[v2:127.0.0.1:3300/0,v2:127.0.0.1:6789/0]", NULL);
	txt_ok("addrvec_text", "[v2:127.0.0.1:3300,v1:127.0.0.1:6789]",
	    "[v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0]", NULL);
	txt_ok("addrvec_text", "[1.2.3.4]", "[v2:1.2.3.4:0/0]", NULL);
	txt_ok("addrvec_text", "[-,v1:127.0.0.1:5]", "[-,v1:127.0.0.1:5/0]",
	    NULL);
	txt_ok("addrvec_text", "[[::1]]", "[v2:[::1]:0/0]", NULL);
	txt_ok("addrvec_text", "[any:127.0.0.1:5,v1:127.0.0.1:6]",
	    "[127.0.0.1:5/0,v1:127.0.0.1:6/0]",
	    "[any:127.0.0.1:5/0,v1:127.0.0.1:6/0]");
	txt_ok("addrvec_text", "-", "[-]", NULL);
	txt_bad("addrvec_text", "[127.0.0.1:5,]", M2_E_BADVAL);
	txt_bad("addrvec_text", "[]", M2_E_BADVAL);
	txt_bad("addrvec_text", "[v2:127.0.0.1:3300,v1:127.0.0.1:6789",
	    M2_E_BADVAL);
	/* monmaptool ignores what follows; the codec reports it */
	txt_bad("addrvec_text", "[v2:127.0.0.1:3300]garbage", M2_E_TRAILING);
	txt_bad("addrvec_text", "[1.2.3.4]:5", M2_E_TRAILING);
	txt_bad("addrvec_text", "[1.2.3.4] ", M2_E_TRAILING);
	/* sixteen elements, then seventeen */
	{
		char	in[TXTMAX], dump[TXTMAX];
		size_t	a = 1, b = 1;

		in[0] = dump[0] = '[';
		for (int i = 0; i < M2_MAX_ADDRS; i++) {
			a += (size_t)snprintf(in + a, sizeof(in) - a,
			    "%s1.2.3.%d", i ? "," : "", i);
			b += (size_t)snprintf(dump + b, sizeof(dump) - b,
			    "%sv2:1.2.3.%d:0/0", i ? "," : "", i);
		}
		(void)snprintf(dump + b, sizeof(dump) - b, "]");
		(void)snprintf(in + a, sizeof(in) - a, "]");
		txt_ok("addrvec_text", in, dump, NULL);
		(void)snprintf(in + a, sizeof(in) - a, ",1.2.3.99]");
		txt_bad("addrvec_text", in, M2_E_LIMIT);
	}
}

/*
 * IPv6 as inet_ntop prints it (Ceph's operator<< calls inet_ntop), and
 * the hex form the builder writes where that is not readable.
 */
static void
t_ipv6(void)
{
	static const struct {
		const char	*in, *dump, *build;
	} c[] = {
		{ "[::]", "::", NULL },
		{ "[::1]", "::1", NULL },
		{ "[1::]", "1::", NULL },
		{ "[1:0:0:1:0:0:0:1]", "1:0:0:1::1", NULL },
		{ "[1:0:0:0:1:0:0:1]", "1::1:0:0:1", NULL },	/* longest */
		{ "[1:0:0:1:0:0:1:1]", "1::1:0:0:1:1", NULL },	/* first */
		{ "[1:0:1:0:1:0:1:0]", "1:0:1:0:1:0:1:0", NULL }, /* no run */
		{ "[1:2:3:4:5:6:7:8]", "1:2:3:4:5:6:7:8", NULL },
		{ "[1:2:3:4:5:6:0:0]", "1:2:3:4:5:6::", NULL },
		{ "[0:0:1:2:3:4:5:6]", "::1:2:3:4:5:6", NULL },
		{ "[0001:00a0:0B00:C000::]", "1:a0:b00:c000::", NULL },
		{ "[2001:db8:0:0:1:0:0:1]", "2001:db8::1:0:0:1", NULL },
		{ "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]",
		  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", NULL },
		{ "[::ffff:102:304]", "::ffff:1.2.3.4", "::ffff:102:304" },
		{ "[::102:304]", "::1.2.3.4", "::102:304" },
		{ "[::ffff:0:0]", "::ffff:0.0.0.0", "::ffff:0:0" },
		{ "[::1:0:0]", "::1:0:0", NULL },
		{ "[0:0:0:0:0:1:0:1]", "::1:0:1", NULL },
		{ "[::fffe:102:304]", "::fffe:102:304", NULL },
		{ "[1::ffff:102:304]", "1::ffff:102:304", NULL },
	};
	static const char *const	bad[] = {
		"[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7::8]", "[1::2::3]",
		"[:1::2]", "[1::2:]", "[12345::]", "[:::]", "[1:2:3:4:5:6:7]",
		"[g::]", "[::1.2.3.4]",
	};
	char	dump[128], build[128];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		(void)snprintf(dump, sizeof(dump), "v2:[%s]:0/0", c[i].dump);
		(void)snprintf(build, sizeof(build), "v2:[%s]:0/0",
		    c[i].build != NULL ? c[i].build : c[i].dump);
		txt_ok("addr_text", c[i].in, dump, build);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		txt_bad("addr_text", bad[i], M2_E_BADVAL);
}

/* snprintf semantics: the full length, truncated and terminated text. */
static void
t_dump_bounds(void)
{
	struct m2_addrvec	v;
	struct m2_cur		c;
	const char		*in = "[v2:[::1]:3300/5,v1:1.2.3.4:6789/0]";
	char			s[8];
	size_t			full;

	m2_cur_init(&c, (const uint8_t *)in, strlen(in));
	T_OK(m2_addrvec_text_parse(&c, &v, NULL));
	full = m2_addrvec_dump(&v, NULL, 0);
	T_EQ(full, strlen(in));
	for (size_t n = 1; n <= sizeof(s); n++) {
		memset(s, 'x', sizeof(s));
		T_EQ(m2_addrvec_dump(&v, s, n), full);
		T_CHECK(memchr(s, '\0', n) == s + n - 1, "no NUL at %zu",
		    n - 1);
		T_CHECK(strncmp(s, in, n - 1) == 0, "wrong text for n=%zu", n);
	}
	T_EQ(m2_addr_dump(&v.a[0], NULL, 0), strlen("v2:[::1]:3300/5"));
}

/* --- mon_host ---------------------------------------------------------- */

/* The monitors as `monmaptool --print` lists them: "rank: addrs mon.N",
 * one address bare, lines joined by '|'. */
static void
ceph_print(const struct m2_mon_host *h, char *s, size_t n)
{
	size_t	at = 0;

	s[0] = '\0';
	for (uint32_t i = 0; i < h->n && at < n; i++) {
		const struct m2_addrvec	*v = &h->mon[i].addrs;

		at += (size_t)snprintf(s + at, n - at, "%s%u: ", i ? "|" : "",
		    i);
		if (v->n == 1)
			at += m2_addr_dump(&v->a[0], at < n ? s + at : NULL,
			    at < n ? n - at : 0);
		else
			at += m2_addrvec_dump(v, at < n ? s + at : NULL,
			    at < n ? n - at : 0);
		if (at < n)
			at += (size_t)snprintf(s + at, n - at, " mon.%s",
			    h->mon[i].name);
	}
}

struct mh {
	const char	*in;
	const char	*client;	/* ceph -m IN --debug_monc 10 ... */
	const char	*mkfs;		/* monmaptool --generate */
};

/*
 * Each line below is what Ceph 16.2.15 printed for mon_host = IN:
 *   client: `ceph -c C -m 'IN' --debug_monc 10 --log_to_stderr=true -s`
 *           (MonClient::build_initial_monmap logs its monmap)
 *   mkfs:   `monmaptool --create --generate -c C --print F`, where C holds
 *           "mon_host = IN" under [global]
 * NULL: Ceph did not take it as literal addresses (see AMB-68/69).
 */
static const struct mh	mh[] = {
	{ "127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "127.0.0.1:6789",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a" },
	{ "127.0.0.1:3300",
	  "0: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: v2:127.0.0.1:3300/0 mon.noname-a" },
	{ "127.0.0.1:1234",
	  "0: v1:127.0.0.1:1234/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:1234/0 mon.noname-a",
	  "0: v2:127.0.0.1:1234/0 mon.noname-a" },
	{ "v1:127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a" },
	{ "v2:127.0.0.1",
	  "0: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: v2:127.0.0.1:3300/0 mon.noname-a" },
	{ "v1:127.0.0.1:1234",
	  "0: v1:127.0.0.1:1234/0 mon.noname-a",
	  "0: v1:127.0.0.1:1234/0 mon.noname-a" },
	{ "v2:127.0.0.1:6789",
	  "0: v2:127.0.0.1:6789/0 mon.noname-a",
	  "0: v2:127.0.0.1:6789/0 mon.noname-a" },
	{ "any:127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "127.0.0.1,127.0.0.2",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v1:127.0.0.2:6789/0 mon.noname-b-legacy|"
	  "2: v2:127.0.0.1:3300/0 mon.noname-a|"
	  "3: v2:127.0.0.2:3300/0 mon.noname-b",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a|"
	  "1: [v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] mon.noname-b" },
	{ "127.0.0.1 127.0.0.2",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v1:127.0.0.2:6789/0 mon.noname-b-legacy|"
	  "2: v2:127.0.0.1:3300/0 mon.noname-a|"
	  "3: v2:127.0.0.2:3300/0 mon.noname-b",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a|"
	  "1: [v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] mon.noname-b" },
	/* client only: in a conf file ';' starts a comment */
	{ "127.0.0.1;127.0.0.2",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v1:127.0.0.2:6789/0 mon.noname-b-legacy|"
	  "2: v2:127.0.0.1:3300/0 mon.noname-a|"
	  "3: v2:127.0.0.2:3300/0 mon.noname-b", NULL },
	{ "127.0.0.2,127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-b-legacy|"
	  "1: v1:127.0.0.2:6789/0 mon.noname-a-legacy|"
	  "2: v2:127.0.0.1:3300/0 mon.noname-b|"
	  "3: v2:127.0.0.2:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-b|"
	  "1: [v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] mon.noname-a" },
	{ "127.0.0.1,",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "127.0.0.1/5",
	  "0: v1:127.0.0.1:6789/5 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/5 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/5,v1:127.0.0.1:6789/5] mon.noname-a" },
	{ "127.0.0.1:6789/7",
	  "0: v1:127.0.0.1:6789/7 mon.noname-a-legacy",
	  "0: v1:127.0.0.1:6789/7 mon.noname-a" },
	{ "127.0.0.1:",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "[v2:127.0.0.1:3300,v1:127.0.0.1:6789]",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "[v2:127.0.0.1:3300,v1:127.0.0.1:6789],"
	  "[v2:127.0.0.2:3300,v1:127.0.0.2:6789]",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a|"
	  "1: [v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] mon.noname-b",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a|"
	  "1: [v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] mon.noname-b" },
	{ "[v2:127.0.0.1:3300,v1:127.0.0.1:6789] 127.0.0.2",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a|"
	  "1: v1:127.0.0.2:6789/0 mon.noname-b-legacy|"
	  "2: v2:127.0.0.2:3300/0 mon.noname-b",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a|"
	  "1: [v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] mon.noname-b" },
	{ "[127.0.0.1:3300,127.0.0.1:6789]",
	  "0: [v2:127.0.0.1:3300/0,v2:127.0.0.1:6789/0] mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v2:127.0.0.1:6789/0] mon.noname-a" },
	{ "[127.0.0.1]",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "[127.0.0.1:6789]",
	  "0: v2:127.0.0.1:6789/0 mon.noname-a",
	  "0: v2:127.0.0.1:6789/0 mon.noname-a" },
	{ "[v1:127.0.0.1]",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a" },
	{ "[v2:127.0.0.1]",
	  "0: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: v2:127.0.0.1:3300/0 mon.noname-a" },
	{ "[127.0.0.1,127.0.0.2]",
	  "0: [v2:127.0.0.1:0/0,v2:127.0.0.2:0/0] mon.noname-a",
	  "0: [v2:127.0.0.1:0/0,v2:127.0.0.2:0/0] mon.noname-a" },
	{ "::1",
	  "0: v1:[::1]:6789/0 mon.noname-a-legacy|"
	  "1: v2:[::1]:3300/0 mon.noname-a",
	  "0: [v2:[::1]:3300/0,v1:[::1]:6789/0] mon.noname-a" },
	{ "[::1]",
	  "0: v1:[::1]:6789/0 mon.noname-a-legacy|"
	  "1: v2:[::1]:3300/0 mon.noname-a",
	  "0: [v2:[::1]:3300/0,v1:[::1]:6789/0] mon.noname-a" },
	{ "[::1]:6789",
	  "0: v1:[::1]:6789/0 mon.noname-a-legacy",
	  "0: v1:[::1]:6789/0 mon.noname-a" },
	{ "::1:6789",
	  "0: v1:[::0.1.103.137]:6789/0 mon.noname-a-legacy|"
	  "1: v2:[::0.1.103.137]:3300/0 mon.noname-a",
	  "0: [v2:[::0.1.103.137]:3300/0,v1:[::0.1.103.137]:6789/0] "
	  "mon.noname-a" },
	{ "[v2:[::1]:3300,v1:[::1]:6789]",
	  "0: [v2:[::1]:3300/0,v1:[::1]:6789/0] mon.noname-a",
	  "0: [v2:[::1]:3300/0,v1:[::1]:6789/0] mon.noname-a" },
	{ "v2:[::1]",
	  "0: v2:[::1]:3300/0 mon.noname-a",
	  "0: v2:[::1]:3300/0 mon.noname-a" },
	{ "::ffff:7f00:1",
	  "0: v1:[::ffff:127.0.0.1]:6789/0 mon.noname-a-legacy|"
	  "1: v2:[::ffff:127.0.0.1]:3300/0 mon.noname-a",
	  "0: [v2:[::ffff:127.0.0.1]:3300/0,v1:[::ffff:127.0.0.1]:6789/0] "
	  "mon.noname-a" },
	{ "127.0.0.1,127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "127.0.0.1:6789,127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-b",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a" },
	{ "127.0.0.1,127.0.0.1:3300",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	{ "-,127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-b-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-b",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-b" },
	{ "-127.0.0.1",
	  "0: v1:127.0.0.1:6789/0 mon.noname-b-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-b",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-b" },
	{ "127.0.0.1,-",
	  "0: v1:127.0.0.1:6789/0 mon.noname-a-legacy|"
	  "1: v2:127.0.0.1:3300/0 mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	/* atoi(":-1") is -1, port 65535; "-" then starts a NONE address
	 * and "1.0.0.2" a third one */
	{ "127.0.0.1:-1.0.0.2",
	  "0: v1:1.0.0.2:6789/0 mon.noname-c-legacy|"
	  "1: v1:127.0.0.1:65535/0 mon.noname-a-legacy|"
	  "2: v2:1.0.0.2:3300/0 mon.noname-c|"
	  "3: v2:127.0.0.1:65535/0 mon.noname-a",
	  "0: [v2:1.0.0.2:3300/0,v1:1.0.0.2:6789/0] mon.noname-c|"
	  "1: v2:127.0.0.1:65535/0 mon.noname-a" },
	{ "[v2:127.0.0.1:3300,v2:127.0.0.1:3300]",
	  "0: [v2:127.0.0.1:3300/0,v2:127.0.0.1:3300/0] mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v2:127.0.0.1:3300/0] mon.noname-a" },
	{ "[v2:127.0.0.1:3300,v1:127.0.0.1:6789],127.0.0.1",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a",
	  "0: [v2:127.0.0.1:3300/0,v1:127.0.0.1:6789/0] mon.noname-a" },
	/* Ceph: "unable to parse addrs in '...'" */
	{ "[::ffff:127.0.0.1]", NULL, NULL },
	{ "[]", NULL, NULL },
	/* Ceph: no monitor, then DNS SRV: "unable to get monitor info from
	 * DNS SRV with service name: ceph-mon" */
	{ "-", NULL, NULL },
	/* Ceph: accepted by the host-name path (AMB-68), as 127.0.0.1 and
	 * 127.0.0.2 (first) or 127.0.0.1 */
	{ "127.0.0.1,,127.0.0.2", NULL, NULL },
	{ "127.1", NULL, NULL },
	{ "localhost", NULL, NULL },
	/* Ceph: "FAILED ceph_assert(addr_mons.count(a) == 0)" in MonMap::add,
	 * then abort (AMB-69) */
	{ "[v2:127.0.0.1:3300,v1:127.0.0.1:6789],"
	  "[v2:127.0.0.1:3300,v1:127.0.0.1:6789]", NULL, NULL },
	{ "127.0.0.1:3300,[v2:127.0.0.1:3300,v1:127.0.0.1:6789]", NULL, NULL },
	/* not tried on Ceph (the empty string selects other sources) */
	{ "", NULL, NULL },
	{ " ; ", NULL, NULL },
	{ "127.0.0.1\t127.0.0.2", NULL, NULL },
};

static void
mh_check(const char *in, int mkfs, const char *want)
{
	char		got[TXTMAX], dump[TXTMAX], dump2[TXTMAX];
	uint8_t		built[TXTMAX], again[TXTMAX];
	struct m2_cur	c;
	struct m2_buf	b;
	size_t		bn, an;
	m2_err		e;

	m2_cur_init(&c, (const uint8_t *)in, strlen(in));
	e = mkfs ? m2_mon_host_parse_mkfs(&c, &obj.h, NULL) :
	    m2_mon_host_parse(&c, &obj.h, NULL);
	if (want == NULL) {
		T_CHECK(e == M2_E_BADVAL, "mon_host%s \"%s\": %s",
		    mkfs ? " mkfs" : "", in, m2_err_name(e));
		return;
	}
	T_CHECK(e == M2_OK, "mon_host%s \"%s\": %s", mkfs ? " mkfs" : "", in,
	    m2_err_name(e));
	if (e != M2_OK)
		return;
	ceph_print(&obj.h, got, sizeof(got));
	T_CHECK(strcmp(got, want) == 0, "mon_host%s \"%s\":\n  got  %s\n"
	    "  want %s", mkfs ? " mkfs" : "", in, got, want);
	/* the string we build means the same */
	m2_mon_host_dump(&obj.h, dump, sizeof(dump));
	m2_buf_init(&b, built, sizeof(built));
	m2_mon_host_build(&b, &obj.h);
	T_OK(m2_buf_finish(&b, &bn));
	m2_cur_init(&c, built, bn);
	e = mkfs ? m2_mon_host_parse_mkfs(&c, &obj2.h, NULL) :
	    m2_mon_host_parse(&c, &obj2.h, NULL);
	T_CHECK(e == M2_OK, "rebuilt \"%.*s\": %s", (int)bn, built,
	    m2_err_name(e));
	m2_mon_host_dump(&obj2.h, dump2, sizeof(dump2));
	T_STR(dump2, dump);
	m2_buf_init(&b, again, sizeof(again));
	m2_mon_host_build(&b, &obj2.h);
	T_OK(m2_buf_finish(&b, &an));
	T_CHECK(an == bn && memcmp(again, built, bn) == 0, "build unstable");
}

static void
t_mon_host(void)
{
	struct m2_cur	c;
	char		dump[TXTMAX], in[M2_MON_HOST_MAX + 2];
	const char	*s;
	size_t		at = 0;

	for (size_t i = 0; i < sizeof(mh) / sizeof(mh[0]); i++) {
		mh_check(mh[i].in, 0, mh[i].client);
		if (mh[i].mkfs != NULL || mh[i].client == NULL)
			mh_check(mh[i].in, 1, mh[i].mkfs);
	}

	/* the row: client rules, dump as vectors/SCHEMA.md says */
	s = "127.0.0.1:1234 [v2:[::1]:3300,v1:[::1]:6789]";
	txt_ok("mon_host", s,
	    "noname-a-legacy=[v1:127.0.0.1:1234/0] "
	    "noname-b=[v2:[::1]:3300/0,v1:[::1]:6789/0] "
	    "noname-a=[v2:127.0.0.1:1234/0]",
	    "any:127.0.0.1:1234/0,[v2:[::1]:3300/0,v1:[::1]:6789/0]");
	txt_ok("mon_host", "any:127.0.0.1,-,v1:[::ffff:7f00:1]",
	    "noname-a-legacy=[v1:127.0.0.1:6789/0] "
	    "noname-c=[v1:[::ffff:127.0.0.1]:6789/0] "
	    "noname-a=[v2:127.0.0.1:3300/0]",
	    "any:127.0.0.1:0/0,-,v1:[::ffff:7f00:1]:0/0");

	/* limits: 16 items, 16 monitors, M2_MON_HOST_MAX bytes */
	for (int i = 0; i < M2_MAX_MONS; i++)
		at += (size_t)snprintf(in + at, sizeof(in) - at,
		    "%sv2:1.2.3.%d", i ? "," : "", i);
	m2_cur_init(&c, (const uint8_t *)in, at);
	T_OK(m2_mon_host_parse(&c, &obj.h, NULL));
	T_EQ(obj.h.n, M2_MAX_MONS);
	m2_mon_host_dump(&obj.h, dump, sizeof(dump));
	T_CHECK(strstr(dump, "noname-p=[v2:1.2.3.15:3300/0]") != NULL, "%s",
	    dump);
	(void)snprintf(in + at, sizeof(in) - at, ",v2:1.2.3.99");
	txt_bad("mon_host", in, M2_E_LIMIT);
	txt_bad("mon_host", "1.2.3.1,1.2.3.2,1.2.3.3,1.2.3.4,1.2.3.5,1.2.3.6,"
	    "1.2.3.7,1.2.3.8,1.2.3.9", M2_E_LIMIT);	/* 18 monitors */
	memset(in, ' ', M2_MON_HOST_MAX + 1);
	memcpy(in, "1.2.3.4", 7);
	in[M2_MON_HOST_MAX] = '\0';
	txt_ok("mon_host", in, "noname-a-legacy=[v1:1.2.3.4:6789/0] "
	    "noname-a=[v2:1.2.3.4:3300/0]", "any:1.2.3.4:0/0");
	in[M2_MON_HOST_MAX] = ' ';
	in[M2_MON_HOST_MAX + 1] = '\0';
	txt_bad("mon_host", in, M2_E_LIMIT);
}

static void
t_rows(void)
{
	static const struct {
		const char	*name;
		size_t		 size;
		int		 fixed, text;
	} rows[] = {
		{ "addr", sizeof(struct m2_addr), 1, 0 },
		{ "addrvec", sizeof(struct m2_addrvec), 1, 0 },
		{ "addr_text", sizeof(struct m2_addr), 0, 1 },
		{ "addrvec_text", sizeof(struct m2_addrvec), 0, 1 },
		{ "mon_host", sizeof(struct m2_mon_host), 0, 1 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct m2_codec	*k = row(rows[i].name);

		T_EQ(k->size, rows[i].size);
		T_EQ(k->fixed_layout, rows[i].fixed);
		T_EQ(k->text, rows[i].text);
	}
}

int
main(void)
{
	t_binary();
	t_counts();
	t_equal();
	t_text();
	t_ipv6();
	t_dump_bounds();
	t_mon_host();
	t_rows();
	return T_DONE();
}

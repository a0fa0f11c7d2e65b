/* SPDX-License-Identifier: MIT */
/*
 * Configuration (m2/conf.h): what the JSON vectors cannot carry (bytes
 * that are not UTF-8, NUL) and the helpers that are not codec rows.
 * Expected values are what Ceph 16.2.15's tools printed on this machine:
 * `ceph-conf -c F --lookup KEY --name client.zzq --pid 77` (lookup with
 * metavariable expansion), `ceph-conf -c F -D` (bool options), `ceph-conf
 * -c F -L` (refusals), `ceph-authtool F -l`; each case names its command.
 */
#include "t.h"

static struct m2_conf		cf;
static struct m2_keyring	kr;

static m2_err
conf(const char *text, size_t n)
{
	struct m2_cur	c;

	m2_cur_init(&c, (const uint8_t *)text, n);
	return m2_ceph_conf_parse(&c, &cf, NULL);
}

#define CONF(s)	conf((s), sizeof(s) - 1)

static struct m2_span
sp(const char *s)
{
	struct m2_span	v;

	v.p = (const uint8_t *)s;
	v.len = strlen(s);
	return v;
}

/* check_utf8 refusals: `ceph-conf -c F -L` says "invalid UTF-8". */
static void
t_utf8(void)
{
	T_ERR(CONF("[global]\nfoo = \"\xc3\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xc0\x80\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xed\xa0\x80\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\x80\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xc3\xa9\xa9\"\n"), M2_E_BADVAL);
	T_ERR(CONF("# \xff\n[global]\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xe0\x80\xaf\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xf4\x90\x80\x80\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xf8\x88\x80\x80\x80\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xf7\xbf\xbf\xbf\"\n"), M2_E_BADVAL);
	T_ERR(CONF("[global]\nfoo = \"\xfe\"\n"), M2_E_BADVAL);
	/* Taken by ceph-conf -L (inside quotes: bare, Ceph aborts). */
	T_OK(CONF("[global]\nfoo = \"\xef\xbf\xbf\xef\xbf\xbe\"\n"));
	T_OK(CONF("[global]\nfoo = \"\xf4\x8f\xbf\xbf\"\n"));
	T_OK(CONF("[global]\nfoo = \"\xf0\x9f\x98\x80\xc2\x80\"\n"));
	T_OK(CONF("[global]\nfoo = \"\xed\x9f\xbf\xee\x80\x80\"\n"));
	T_OK(CONF("[global]\nfoo = \"\xc3\xa9\"\n"));
	/* m2 refuses NUL (Ceph reads it as a character). */
	T_ERR(conf("[global]\nfoo = a\0b\n", 15), M2_E_BADVAL);
}

static void
t_get(void)
{
	static const char	text[] =
	    "[global]\nmon host = 1.2.3.4\nkeyring = /g\nfoo-bar = d\n"
	    "[client]\nkeyring = /c\n[client.admin]\nx = 1\nx = 2\n";
	const char		*secs[4];
	char			 type[16];
	struct m2_span		 v;

	T_OK(CONF(text));
	m2_conf_sections("client.admin", type, sizeof(type), secs);
	T_STR(secs[0], "client.admin");
	T_STR(secs[1], "client");
	T_STR(secs[2], "global");
	T_CHECK(secs[3] == NULL, "NULL-terminated");
	T_EQ(m2_conf_get(&cf, secs, "mon_host", &v), 1);
	T_CHECK(v.len == 7 && memcmp(v.p, "1.2.3.4", 7) == 0, "mon_host");
	T_EQ(m2_conf_get(&cf, secs, "  mon \t host ", &v), 1);
	T_EQ(m2_conf_get(&cf, secs, "mon-host", &v), 0);
	T_EQ(m2_conf_get(&cf, secs, "foo-bar", &v), 1);
	T_EQ(m2_conf_get(&cf, secs, "foo_bar", &v), 0);
	T_EQ(m2_conf_get(&cf, secs, "keyring", &v), 1);
	T_CHECK(v.len == 2 && memcmp(v.p, "/c", 2) == 0, "[client] wins");
	T_EQ(m2_conf_get(&cf, secs, "x", &v), 1);
	T_CHECK(v.len == 1 && v.p[0] == '2', "the last line wins");
	T_EQ(m2_conf_get(&cf, secs, "nope", &v), 0);
	T_EQ(m2_conf_get(&cf, secs, "", &v), 0);
}

/*
 * `ceph-conf -c F --name client.zzq --pid 77 --lookup c` with c = the
 * input ($cluster is "ceph" for a file named ceph.conf, $host "vm").
 */
static void
t_expand(void)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "$cluster-$name-$type-$id-$host-${cluster}x",
		  "ceph-client.zzq-client-zzq-vm-cephx" },
		{ "<$num>", "<zzq>" },
		{ "<$home>", "/root>" },
		{ "${nam|", "$|" },
		{ "${name", "$" },
		{ "$name}", "client.zzq}" },
		{ "${}", "$" },
		{ "$$name", "$client.zzq" },
		{ "$ name", "$ name" },
		{ "$pid", "77" },
		{ "$nonexistent", "$nonexistent" },
		{ "${nonexistent}", "${nonexistent}" },
		{ "x$>", "x$>" },
		{ "$", "$" },
		{ "$NAME", "$NAME" },
		{ "$id2", "zzq2" },
		{ "$name.x", "client.zzq.x" },
		{ "no dollar", "no dollar" },
	};
	struct m2_conf_meta	m = { "ceph", "client", "zzq", "client.zzq",
				    "vm", "77", "/root" };
	char			out[128];
	size_t			len;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T_OK(m2_conf_expand(&m, sp(cases[i].in), out, sizeof(out),
		    &len));
		T_STR(out, cases[i].out);
		T_EQ(len, strlen(cases[i].out));
	}
	T_ERR(m2_conf_expand(&m, sp("$name"), out, 10, &len), M2_E_NOSPC);
	T_EQ(len, 10);
	T_OK(m2_conf_expand(&m, sp("$name"), out, 11, &len));
}

static void
t_values(void)
{
	struct m2_span	item[M2_MAX_CONF_LIST];
	uint32_t	v[4];
	size_t		n;
	int		b;

	T_OK(m2_conf_list(sp(" /a,/b;;/c=/d\t/e "), item, 8, &n));
	T_EQ(n, 5);
	T_CHECK(item[4].len == 2 && memcmp(item[4].p, "/e", 2) == 0, "/e");
	T_ERR(m2_conf_list(sp("a b c"), item, 2, &n), M2_E_LIMIT);
	T_OK(m2_conf_modes(sp("secure crc"), v, 4, &n));
	T_CHECK(n == 2 && v[0] == 2 && v[1] == 1, "secure crc");
	T_OK(m2_conf_modes(sp("crc, bogus;secure"), v, 4, &n));
	T_CHECK(n == 2 && v[0] == 1 && v[1] == 2, "unknown skipped");
	T_OK(m2_conf_modes(sp("CRC"), v, 4, &n));
	T_EQ(n, 0);
	T_ERR(m2_conf_modes(sp("crc crc crc"), v, 2, &n), M2_E_LIMIT);
	T_OK(m2_conf_auth_methods(sp("cephx, none gss"), v, 4, &n));
	T_CHECK(n == 3 && v[0] == 2 && v[1] == 1 && v[2] == 4, "methods");
	/* ms_bind_ipv6 = X; `ceph-conf -D` shows true, false or the
	 * default (false) for a value Ceph refuses. */
	T_OK(m2_conf_bool(sp("TRUE"), &b));
	T_EQ(b, 1);
	T_OK(m2_conf_bool(sp("False"), &b));
	T_EQ(b, 0);
	T_OK(m2_conf_bool(sp("2"), &b));
	T_EQ(b, 1);
	T_OK(m2_conf_bool(sp("-1"), &b));
	T_EQ(b, 1);
	T_OK(m2_conf_bool(sp("01"), &b));
	T_EQ(b, 1);
	T_OK(m2_conf_bool(sp("0"), &b));
	T_EQ(b, 0);
	T_ERR(m2_conf_bool(sp("yes"), &b), M2_E_BADVAL);
	T_ERR(m2_conf_bool(sp("on"), &b), M2_E_BADVAL);
	T_ERR(m2_conf_bool(sp("0x1"), &b), M2_E_BADVAL);
	T_ERR(m2_conf_bool(sp("1a"), &b), M2_E_BADVAL);
	T_ERR(m2_conf_bool(sp(""), &b), M2_E_BADVAL);
	T_ERR(m2_conf_bool(sp("2147483648"), &b), M2_E_BADVAL);
	T_OK(m2_conf_bool(sp("-2147483648"), &b));
}

/* ceph-authtool k --create-keyring --gen-key -n client.admin ... */
static void
t_keyring(void)
{
	static const char	text[] =
	    "[client.admin]\n"
	    "\tkey = AQDknQZrc4fQLBAAKmjLie3HXN3VhUtQrJ4+2A==\n"
	    "\tcaps mon = \"allow *\"\n"
	    "\tcaps osd = \"allow rw pool=x\"\n";
	const struct m2_keyring_entry	*e;
	const char			*caps[] = { "mon", "allow *", "osd",
					    "allow rw pool=x", NULL };
	struct m2_cur			 c;
	struct m2_buf			 b;
	uint8_t				 out[512];
	size_t				 n;

	m2_cur_init(&c, (const uint8_t *)text, sizeof(text) - 1);
	T_OK(m2_keyring_parse(&c, &kr, NULL));
	T_CHECK((e = m2_keyring_find(&kr, "client.admin")) != NULL, "find");
	T_CHECK(m2_keyring_find(&kr, "client.nobody") == NULL, "absent");
	T_CHECK(m2_keyring_find(&kr, "bogus") == NULL, "not a name");
	if (e == NULL)
		return;
	T_EQ(e->key.type, M2_CRYPTO_AES);
	T_EQ(e->key.len, 16);
	T_EQ(e->ncaps, 2);
	T_STR(e->caps[1].service, "osd");
	m2_buf_init(&b, out, sizeof(out));
	m2_keyring_build_entry(&b, "client.admin", &e->key, caps);
	T_OK(m2_buf_finish(&b, &n));
	T_CHECK(n == sizeof(text) - 1 && memcmp(out, text, n) == 0,
	    "build_entry writes ceph-authtool's text");
	m2_buf_init(&b, out, 10);
	m2_keyring_build_entry(&b, "client.admin", &e->key, caps);
	T_ERR(m2_buf_finish(&b, &n), M2_E_NOSPC);
}

/* The builder must write what it reads back, long values included. */
static void
t_build(void)
{
	static char		text[8192], again[16384];
	static struct m2_conf	cf2;
	static char		d1[16384], d2[16384];
	struct m2_cur		c;
	struct m2_buf		b;
	size_t			n, at;

	at = (size_t)snprintf(text, sizeof(text), "[g]\nk = ");
	for (size_t i = 0; i < 4000; i++)
		text[at++] = "a#\\\"'; "[i % 7] == '#' ? 'x' : "ab\"'cd "[i % 7];
	memcpy(text + at, "\n", 2);
	T_OK(conf(text, strlen(text)));
	m2_buf_init(&b, (uint8_t *)again, sizeof(again));
	m2_ceph_conf_build(&b, &cf);
	T_OK(m2_buf_finish(&b, &n));
	m2_cur_init(&c, (const uint8_t *)again, n);
	T_OK(m2_ceph_conf_parse(&c, &cf2, NULL));
	m2_ceph_conf_dump(&cf, d1, sizeof(d1));
	m2_ceph_conf_dump(&cf2, d2, sizeof(d2));
	T_STR(d1, d2);
}

int
main(void)
{
	t_utf8();
	t_get();
	t_expand();
	t_values();
	t_keyring();
	t_build();
	return T_DONE();
}

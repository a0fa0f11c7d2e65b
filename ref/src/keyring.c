/* SPDX-License-Identifier: MIT */
/*
 * Keyrings (m2/conf.h): KeyRing::decode_plaintext and KeyRing::print,
 * CryptoKey in base64 (Crypto.cc, armor.c).  NOTES-h-conf.md.
 */
#include "internal.h"

static const struct {
	const char	*name;
	uint32_t	 type;
} entity_types[] = {
	{ "auth", M2_ENTITY_AUTH },
	{ "mon", M2_ENTITY_MON },
	{ "osd", M2_ENTITY_OSD },
	{ "mds", M2_ENTITY_MDS },
	{ "mgr", M2_ENTITY_MGR },
	{ "client", M2_ENTITY_CLIENT },
};

/* see m2/conf.h */
const char *
m2_entity_type_name(uint32_t type)
{
	for (size_t i = 0; i < sizeof(entity_types) / sizeof(entity_types[0]);
	    i++)
		if (entity_types[i].type == type)
			return entity_types[i].name;
	return NULL;
}

/* armor.c decode_bits: '-' and '_' too, '=' as 0. */
static int
b64_bits(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	if (c == '=')
		return 0;
	return -1;
}

/*
 * ceph_unarmor: groups of four; a '\n' where a group would start is
 * skipped; '=' third ends with one byte, '=' fourth with two (the rest of
 * the text unread).  Returns the bytes written, or -1 (bad text), -2 (more
 * than |cap| bytes).
 */
static int
unarmor(struct m2_span t, uint8_t *out, size_t cap)
{
	size_t	i = 0, o = 0;

	while (i < t.len) {
		int	a, b, c, d;

		if (t.p[i] == '\n') {
			i++;
			continue;
		}
		if (t.len - i < 4)
			return -1;
		a = b64_bits(t.p[i]);
		b = b64_bits(t.p[i + 1]);
		c = b64_bits(t.p[i + 2]);
		d = b64_bits(t.p[i + 3]);
		if (a < 0 || b < 0 || c < 0 || d < 0)
			return -1;
		if (o + 3 > cap)
			return -2;
		out[o++] = (uint8_t)(a << 2 | b >> 4);
		if (t.p[i + 2] == '=')
			return (int)o;
		out[o++] = (uint8_t)((b & 15) << 4 | c >> 2);
		if (t.p[i + 3] == '=')
			return (int)o;
		out[o++] = (uint8_t)((c & 3) << 6 | d);
		i += 4;
	}
	return (int)o;
}

/* see m2/conf.h */
m2_err
m2_cryptokey_from_base64(struct m2_span text, struct m2_cryptokey *k)
{
	uint8_t	raw[M2_KEY_B64_MAX];
	int	n = unarmor(text, raw, sizeof(raw));

	memset(k, 0, sizeof(*k));
	if (n == -2)
		return M2_E_LIMIT;
	if (n < M2_CRYPTOKEY_HEAD)
		return M2_E_BADVAL;
	k->type = m2_load_le16(raw);
	k->created_sec = m2_load_le32(raw + 2);
	k->created_nsec = m2_load_le32(raw + 6);
	k->len = m2_load_le16(raw + 10);
	if (k->len > M2_KEY_SECRET_MAX)
		return M2_E_LIMIT;
	if ((size_t)n - M2_CRYPTOKEY_HEAD < k->len)
		return M2_E_BADVAL;		/* end_of_buffer */
	memcpy(k->secret, raw + M2_CRYPTOKEY_HEAD, k->len);
	/* CryptoKey::_set_secret: CryptoHandler::create, validate_secret */
	if (k->len == 0 || k->type == M2_CRYPTO_NONE)
		return M2_OK;
	if (k->type == M2_CRYPTO_AES && k->len >= 16)
		return M2_OK;
	return M2_E_BADVAL;
}

/* see m2/conf.h */
size_t
m2_cryptokey_base64(const struct m2_cryptokey *k, char *s, size_t n)
{
	static const char	abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint8_t			raw[M2_CRYPTOKEY_HEAD + M2_KEY_SECRET_MAX];
	size_t			len = M2_CRYPTOKEY_HEAD + k->len, at = 0;

	assert(k->len <= M2_KEY_SECRET_MAX);
	m2_store_le16(raw, k->type);
	m2_store_le32(raw + 2, k->created_sec);
	m2_store_le32(raw + 6, k->created_nsec);
	m2_store_le16(raw + 10, k->len);
	memcpy(raw + M2_CRYPTOKEY_HEAD, k->secret, k->len);
	for (size_t i = 0; i < len; i += 3) {
		uint32_t	v = (uint32_t)raw[i] << 16;
		char		q[4];

		if (i + 1 < len)
			v |= (uint32_t)raw[i + 1] << 8;
		if (i + 2 < len)
			v |= raw[i + 2];
		q[0] = abc[v >> 18];
		q[1] = abc[v >> 12 & 63];
		q[2] = i + 1 < len ? abc[v >> 6 & 63] : '=';
		q[3] = i + 2 < len ? abc[v & 63] : '=';
		at = m2_fmt(s, n, at, "%.4s", q);
	}
	if (n != 0 && at == 0)
		s[0] = '\0';
	return at;
}

/* see internal.h */
int
m2_entity_split(const uint8_t *p, size_t len, uint32_t *type, size_t *dot)
{
	const uint8_t	*d = memchr(p, '.', len);

	if (d == NULL)
		return 0;
	*dot = (size_t)(d - p);
	for (size_t i = 0; i < sizeof(entity_types) / sizeof(entity_types[0]);
	    i++) {
		if (strlen(entity_types[i].name) == *dot &&
		    memcmp(entity_types[i].name, p, *dot) == 0) {
			*type = entity_types[i].type;
			return 1;
		}
	}
	return 0;
}

static int
id_cmp(const struct m2_keyring *kr, const struct m2_keyring_entry *a,
    const struct m2_keyring_entry *b)
{
	size_t	m = a->id.len < b->id.len ? a->id.len : b->id.len;
	int	r;

	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	r = m == 0 ? 0 : memcmp(kr->conf.arena + a->id.off,
	    kr->conf.arena + b->id.off, m);
	if (r != 0)
		return r;
	return a->id.len < b->id.len ? -1 : a->id.len > b->id.len;
}

/*
 * One key of an entity's section.  KeyRing::set_modifier, after '_'
 * became ' ' in the (normalized) key.
 */
static m2_err
modifier(struct m2_keyring *kr, struct m2_keyring_entry *ent,
    const struct m2_conf_entry *e, int *added, struct m2_diag *d)
{
	const uint8_t	*k = kr->conf.arena + e->key.off;
	size_t		 klen = e->key.len;
	m2_err		 err;

	if (klen == 3 && memcmp(k, "key", 3) == 0) {
		err = m2_cryptokey_from_base64(m2_conf_span(&kr->conf,
		    e->value), &ent->key);
		if (err != M2_OK)
			return m2_diag_at(d, err, 0, "keyring.key");
		*added = 1;
		return M2_OK;
	}
	if (klen == 4 && memcmp(k, "auid", 4) == 0)
		return M2_OK;
	if (klen > 5 && memcmp(k, "caps", 4) == 0 && k[4] == '_') {
		struct m2_keyring_cap	*c = NULL;
		char			 svc[M2_KEYRING_SVC_MAX + 1];
		size_t			 sl = klen - 5, j;

		if (sl > M2_KEYRING_SVC_MAX)
			return m2_diag_at(d, M2_E_LIMIT, 0,
			    "keyring.caps.service");
		for (j = 0; j < sl; j++)
			svc[j] = k[5 + j] == '_' ? ' ' : (char)k[5 + j];
		svc[sl] = '\0';
		/* print writes "caps SVC = ": blanks at its ends, or two in a
		 * row, would not read back as the same service. */
		if (svc[0] == ' ' || svc[sl - 1] == ' ' ||
		    strstr(svc, "  ") != NULL)
			return m2_diag_at(d, M2_E_BADVAL, 0,
			    "keyring.caps.service");
		/* Keys are unique in a section, and so are services. */
		if (ent->ncaps == M2_MAX_KEYRING_CAPS)
			return m2_diag_at(d, M2_E_LIMIT, 0, "keyring.caps");
		for (j = ent->ncaps; j > 0 &&
		    strcmp(ent->caps[j - 1].service, svc) > 0; j--)
			ent->caps[j] = ent->caps[j - 1];
		/* KeyRing::print would write what Ceph cannot read back. */
		if (memchr(kr->conf.arena + e->value.off, '\\',
		    e->value.len) != NULL || memchr(kr->conf.arena +
		    e->value.off, '#', e->value.len) != NULL ||
		    memchr(kr->conf.arena + e->value.off, ';',
		    e->value.len) != NULL)
			return m2_diag_at(d, M2_E_BADVAL, 0, "keyring.caps");
		c = &ent->caps[j];
		memcpy(c->service, svc, sl + 1);
		c->value = e->value;
		ent->ncaps++;
		*added = 1;
		return M2_OK;
	}
	return m2_diag_at(d, M2_E_BADVAL, 0, "keyring.modifier");
}

/* see m2/conf.h */
m2_err
m2_keyring_parse(struct m2_cur *c, struct m2_keyring *out, struct m2_diag *d)
{
	struct m2_conf	*cf = &out->conf;
	m2_err		 e;

	out->n = 0;
	if ((e = m2_ceph_conf_parse(c, cf, d)) != M2_OK)
		return e;
	for (uint32_t s = 0; s < cf->nsections; s++) {
		struct m2_keyring_entry	 ent;
		const uint8_t		*name = cf->arena + cf->section[s].off;
		size_t			 len = cf->section[s].len, dot;
		int			 added = 0;
		uint32_t		 j;

		if (len == 6 && memcmp(name, "global", 6) == 0)
			continue;
		memset(&ent, 0, sizeof(ent));
		if (!m2_entity_split(name, len, &ent.type, &dot))
			return m2_diag_at(d, M2_E_BADVAL, 0, "keyring.entity");
		for (size_t k = 0; k < len; k++)
			if (name[k] == ']' || name[k] == '\\' ||
			    name[k] == '#' || name[k] == ';')
				return m2_diag_at(d, M2_E_BADVAL, 0,
				    "keyring.entity");
		ent.id.off = (uint16_t)(cf->section[s].off + dot + 1);
		ent.id.len = (uint16_t)(len - dot - 1);
		for (uint32_t i = 0; i < cf->n; i++) {
			if (cf->e[i].section != s)
				continue;
			if ((e = modifier(out, &ent, &cf->e[i], &added, d)) !=
			    M2_OK)
				return e;
		}
		if (!added)
			continue;
		if (out->n == M2_MAX_KEYRING_ENTRIES)
			return m2_diag_at(d, M2_E_LIMIT, 0, "keyring.entries");
		for (j = out->n; j > 0 && id_cmp(out, &out->e[j - 1], &ent) > 0;
		    j--)
			out->e[j] = out->e[j - 1];
		out->e[j] = ent;
		out->n++;
	}
	return M2_OK;
}

/* KeyRing::print of one entity into |s|/|n| at |at|. */
static size_t
print_entry(char *s, size_t n, size_t at, const char *type,
    const uint8_t *id, size_t idlen, const struct m2_cryptokey *k)
{
	char	b64[2 * (M2_CRYPTOKEY_HEAD + M2_KEY_SECRET_MAX)];

	(void)m2_cryptokey_base64(k, b64, sizeof(b64));
	at = m2_fmt(s, n, at, "[%s.%.*s]\n\tkey = %s\n", type, (int)idlen,
	    (const char *)id, b64);
	return at;
}

static size_t
print_cap(char *s, size_t n, size_t at, const char *svc, struct m2_span v)
{
	at = m2_fmt(s, n, at, "\tcaps %s = \"", svc);
	for (size_t i = 0; i < v.len; i++)
		at = m2_fmt(s, n, at, v.p[i] == '"' ? "\\%c" : "%c", v.p[i]);
	return m2_fmt(s, n, at, "\"\n");
}

/* see m2/conf.h */
size_t
m2_keyring_dump(const struct m2_keyring *kr, char *s, size_t n)
{
	size_t	at = 0;

	if (n != 0)
		s[0] = '\0';
	for (uint32_t i = 0; i < kr->n; i++) {
		const struct m2_keyring_entry	*e = &kr->e[i];

		at = print_entry(s, n, at, m2_entity_type_name(e->type),
		    kr->conf.arena + e->id.off, e->id.len, &e->key);
		for (uint32_t j = 0; j < e->ncaps; j++)
			at = print_cap(s, n, at, e->caps[j].service,
			    m2_conf_span(&kr->conf, e->caps[j].value));
	}
	return at;
}

/* see m2/conf.h */
void
m2_keyring_build(struct m2_buf *b, const struct m2_keyring *kr)
{
	size_t	len = m2_keyring_dump(kr, NULL, 0);
	uint8_t	*p = m2_buf_reserve(b, len + 1);

	if (p == NULL)
		return;
	(void)m2_keyring_dump(kr, (char *)p, len + 1);
	b->len--;				/* drop the NUL */
}

/* see m2/conf.h */
const struct m2_keyring_entry *
m2_keyring_find(const struct m2_keyring *kr, const char *name)
{
	uint32_t	type;
	size_t		dot, len = strlen(name);

	if (!m2_entity_split((const uint8_t *)name, len, &type, &dot))
		return NULL;
	for (uint32_t i = 0; i < kr->n; i++) {
		const struct m2_keyring_entry	*e = &kr->e[i];

		if (e->type == type && e->id.len == len - dot - 1 &&
		    memcmp(kr->conf.arena + e->id.off, name + dot + 1,
		    e->id.len) == 0)
			return e;
	}
	return NULL;
}

/* see m2/conf.h */
void
m2_keyring_build_entry(struct m2_buf *b, const char *name,
    const struct m2_cryptokey *k, const char *const *caps)
{
	const char	*dot = strchr(name, '.');
	char		 type[16];
	size_t		 tl, len;
	uint8_t		*p;

	tl = dot != NULL ? (size_t)(dot - name) : 0;
	if (dot == NULL || tl >= sizeof(type)) {
		b->overflow = 1;		/* not an entity name */
		return;
	}
	memcpy(type, name, tl);
	type[tl] = '\0';
	len = print_entry(NULL, 0, 0, type, (const uint8_t *)dot + 1,
	    strlen(dot + 1), k);
	if ((p = m2_buf_reserve(b, len + 1)) == NULL)
		return;
	(void)print_entry((char *)p, len + 1, 0, type,
	    (const uint8_t *)dot + 1, strlen(dot + 1), k);
	b->len--;
	for (; caps != NULL && caps[0] != NULL && caps[1] != NULL; caps += 2) {
		struct m2_span	v;

		v.p = (const uint8_t *)caps[1];
		v.len = strlen(caps[1]);
		len = print_cap(NULL, 0, 0, caps[0], v);
		if ((p = m2_buf_reserve(b, len + 1)) == NULL)
			return;
		(void)print_cap((char *)p, len + 1, 0, caps[0], v);
		b->len--;
	}
}

M2_CODEC_ROW(keyring, struct m2_keyring, 0, 1);

/* SPDX-License-Identifier: MIT */
/*
 * Configuration as Ceph users write it: ceph.conf (ConfUtils.cc's INI
 * grammar, config.cc's section search and metavariables), keyrings
 * (KeyRing.cc, Crypto.cc CryptoKey, armor.c base64) and the option values
 * a client reads.  Text in, no I/O, no allocation.  NOTES-h-conf.md lists
 * where Ceph 16.2.15 behaves surprisingly, with the vector that shows it.
 *
 * Two codec rows: "ceph_conf" (struct m2_conf) and "keyring" (struct
 * m2_keyring), both text.
 */
#ifndef M2_CONF_H
#define M2_CONF_H

#include "buf.h"
#include "cur.h"
#include "limits.h"

/*
 * A parsed ceph.conf, as Ceph's ConfFile holds it: sections sorted by
 * name (bytewise), each key once (the last line wins, repeated sections
 * merge), keys normalized (ConfFile::normalize_key_name: leading and
 * trailing whitespace dropped, each inner run of whitespace one '_';
 * dashes and underscores are NOT alike in a file), values unquoted,
 * unescaped and trimmed.  Strings live in |arena|; entries hold offsets,
 * so the struct may be copied.  Entries are sorted by (section, key).
 */
struct m2_conf_str {
	uint16_t	off;
	uint16_t	len;
};

struct m2_conf_entry {
	uint16_t		section;	/* index into |section| */
	struct m2_conf_str	key;
	struct m2_conf_str	value;
};

struct m2_conf {
	uint32_t		nsections;
	struct m2_conf_str	section[M2_MAX_CONF_SECTIONS];
	uint32_t		n;
	struct m2_conf_entry	e[M2_MAX_CONF_ENTRIES];
	uint32_t		used;		/* arena bytes in use */
	uint8_t			arena[M2_CONF_ARENA];
};

/* m2_conf_span returns the bytes of |s| (no NUL terminator). */
struct m2_span	 m2_conf_span(const struct m2_conf *cf, struct m2_conf_str s);

/*
 * m2_ceph_conf_parse reads ceph.conf text as ConfFile::parse_buffer does
 * (Ceph 16.2.15).  The file must be UTF-8 (RFC 3629; Ceph 16.2.15's
 * check_utf8 takes U+FFFE and U+FFFF too), and end every line with "\n",
 * "\r\n" or "\r" (a last line without one is an error in Ceph too).
 * Bytes over 0x7f are refused outside comments and quoted values: there
 * Ceph 16.2.15 aborts (Boost.Spirit's isblank assertion).  Grammar:
 *   [name]          a section; name unescaped, not trimmed
 *   key = value     key: words separated by blanks; value: "..." or
 *                   '...' (escapes only) or bare (escapes, '\' newline
 *                   joins lines, '#' or ';' starts a comment)
 *   # or ; comment, blank lines (not before the first section)
 * A file that is one bare "key = value" line alone becomes [global].  Any
 * other line is an error, as in Ceph (which then refuses the whole file).
 * Returns M2_OK; M2_E_BADVAL for text Ceph refuses, or accepts where m2
 * does not (a key holding '\', a continuation outside a bare value, a NUL
 * byte; the vectors mark these "acceptable"); M2_E_LIMIT over a cap of
 * m2/limits.h.  Never M2_E_TRAILING: the whole text is the file.
 */
M2_MUST_USE m2_err m2_ceph_conf_parse(struct m2_cur *c, struct m2_conf *out,
		    struct m2_diag *d);

/*
 * m2_ceph_conf_build writes |cf| as conf text that parses back to the
 * same value: "[name]\n" then "\tkey = \"value\"\n" per key (or 'value'
 * when shorter), with '\' before the quote, '\', '#' and ';' in values
 * and before ']', '\', '#', ';' in names (the layout of Ceph's
 * operator<<(ConfFile), made readable).  A value that does not fit a line
 * of M2_CONF_LINE_MAX goes "key=\"...\"", or bare and split by '\' line
 * ends if still too long.
 */
void		 m2_ceph_conf_build(struct m2_buf *b, const struct m2_conf *cf);

/*
 * m2_ceph_conf_dump: per section "[name]" then ` key="value"` per key,
 * all separated by one space; '\', '"', ']' and '=' are written with a
 * '\' before them, bytes below 0x20 and 0x7f as \xHH.
 */
size_t		 m2_ceph_conf_dump(const struct m2_conf *cf, char *s, size_t n);

/*
 * m2_conf_get looks |name| up in |sections| (NULL-terminated, the first
 * wins), as md_config_t::_get_val_from_conf_file does; |name| is
 * normalized first, so "mon host" finds mon_host (but "mon-host" does
 * not: Ceph 16 compares dashes as written).  Sets |*value| (borrowing
 * |cf|) and returns 1, or returns 0.
 */
int		 m2_conf_get(const struct m2_conf *cf,
		    const char *const *sections, const char *name,
		    struct m2_span *value);

/*
 * m2_conf_sections fills |out| with the search order of entity |name|
 * ("client.admin"): name, type ("client"), "global", NULL, as
 * md_config_t::_get_my_sections.  The type is copied into |typebuf|.
 */
void		 m2_conf_sections(const char *name, char *typebuf, size_t n,
		    const char *out[4]);

/* What m2_conf_expand substitutes; NULL members expand to nothing. */
struct m2_conf_meta {
	const char	*cluster;	/* $cluster ("ceph") */
	const char	*type;		/* $type ("client") */
	const char	*id;		/* $id and $num ("admin") */
	const char	*name;		/* $name ("client.admin") */
	const char	*host;		/* $host (short host name) */
	const char	*pid;		/* $pid, as decimal text */
	const char	*home;		/* $home (see below) */
};

/*
 * m2_conf_expand writes |in| with metavariables expanded, as
 * md_config_t::_expand_meta: "$var" or "${var}", var of [a-z_]; a '$'
 * without a name stays '$' (and "${x" without '}' loses the text up to
 * the first character not in [a-z_]: Ceph's quirk, kept); $home REPLACES
 * everything written so far (Ceph's quirk, kept).  Unknown names stay as
 * written.  Ceph also expands $<option name> to that option's value and
 * $cctid to a pointer; m2 leaves both as written.  Writes a NUL; returns
 * M2_E_NOSPC if |n| is too small, M2_OK and the length in |*len|.
 */
M2_MUST_USE m2_err m2_conf_expand(const struct m2_conf_meta *meta,
		    struct m2_span in, char *out, size_t n, size_t *len);

/*
 * m2_conf_list splits |v| as get_str_list does (delimiters ';', ',', '=',
 * ' ', '\t'; empty items dropped) into at most |max| spans borrowing |v|.
 * Used for keyring paths.  M2_E_LIMIT past |max|.
 */
M2_MUST_USE m2_err m2_conf_list(struct m2_span v, struct m2_span *items,
		    size_t max, size_t *n);

/* Connection modes and auth methods, as msgr2 numbers them. */
#define M2_CONF_MODE_CRC	1
#define M2_CONF_MODE_SECURE	2
#define M2_CONF_AUTH_NONE	1
#define M2_CONF_AUTH_CEPHX	2
#define M2_CONF_AUTH_GSS	4

/*
 * m2_conf_modes reads ms_*_mode ("secure crc") as
 * AuthRegistry::_parse_mode_list: items split as m2_conf_list, "crc" 1,
 * "secure" 2, other items skipped (Ceph logs a warning).  Zero modes is
 * not an error here (Ceph warns and then cannot connect).  M2_E_LIMIT
 * past |max|.  m2_conf_auth_methods reads auth_*_required ("cephx, none")
 * as _parse_method_list: "cephx" 2, "none" 1, "gss" 4.
 */
M2_MUST_USE m2_err m2_conf_modes(struct m2_span v, uint32_t *modes,
		    size_t max, size_t *n);
M2_MUST_USE m2_err m2_conf_auth_methods(struct m2_span v, uint32_t *methods,
		    size_t max, size_t *n);

/*
 * m2_conf_bool reads a bool option (ms_bind_msgr1, ms_bind_ipv6, ...) as
 * Option::parse_value: "true"/"false" in any case, else a decimal int
 * (strict_strtol: optional sign, no other text, within int range),
 * nonzero true.  "yes", "on", "0x1" and "" are errors (M2_E_BADVAL);
 * Ceph then keeps the option's default.
 */
M2_MUST_USE m2_err m2_conf_bool(struct m2_span v, int *out);

/* CryptoKey (Crypto.h): le16 type | le32 sec | le32 nsec | le16 len | secret */
#define M2_CRYPTO_NONE		0
#define M2_CRYPTO_AES		1
#define M2_CRYPTOKEY_HEAD	12

struct m2_cryptokey {
	uint16_t	type;
	uint32_t	created_sec;
	uint32_t	created_nsec;
	uint16_t	len;			/* secret bytes */
	uint8_t		secret[M2_KEY_SECRET_MAX];
};

/*
 * m2_cryptokey_from_base64 reads a keyring's key= value as
 * CryptoKey::decode_base64: base64 as armor.c's ceph_unarmor reads it
 * ('-' and '_' also accepted, '\n' between groups skipped, decoding stops
 * at the first '=' in a group's third or fourth place and ignores what
 * follows), then the CryptoKey.  Bytes after the secret are ignored, as
 * in Ceph.  Accepted as by CryptoKey::_set_secret in Ceph 16: an empty
 * secret of any type, type 0 (none), type 1 (AES) with 16 or more bytes.
 * M2_E_BADVAL otherwise (bad base64, short, unknown type: Ceph 19's
 * type 2, AES-256-KRB5, included: Ceph 16 refuses it too); M2_E_LIMIT for
 * a secret over M2_KEY_SECRET_MAX or text decoding to over M2_KEY_B64_MAX
 * bytes (Ceph accepts up to 65535).  An AES secret over 16 bytes is kept
 * whole; Ceph keys AES-128 with its first 16.
 */
M2_MUST_USE m2_err m2_cryptokey_from_base64(struct m2_span text,
		    struct m2_cryptokey *k);

/*
 * m2_cryptokey_base64 writes |k| as ceph_armor does (padded, no line
 * breaks below 48 bytes) with a NUL; snprintf semantics.
 */
size_t		 m2_cryptokey_base64(const struct m2_cryptokey *k, char *s,
		    size_t n);

/* Entity types (msgr.h CEPH_ENTITY_TYPE_*), the order keyrings sort by. */
#define M2_ENTITY_MON		0x01
#define M2_ENTITY_MDS		0x02
#define M2_ENTITY_OSD		0x04
#define M2_ENTITY_CLIENT	0x08
#define M2_ENTITY_MGR		0x10
#define M2_ENTITY_AUTH		0x20

/* m2_entity_type_name: "mon", "client", ...; NULL if unknown. */
const char	*m2_entity_type_name(uint32_t type);

struct m2_keyring_cap {
	char			service[M2_KEYRING_SVC_MAX + 1];
	struct m2_conf_str	value;		/* in the keyring's conf */
};

struct m2_keyring_entry {
	uint32_t		type;		/* M2_ENTITY_* */
	struct m2_conf_str	id;		/* after the first '.' */
	struct m2_cryptokey	key;		/* all zero if none given */
	uint32_t		ncaps;
	struct m2_keyring_cap	caps[M2_MAX_KEYRING_CAPS];
};

/*
 * A parsed keyring, as KeyRing::decode_plaintext builds it: entries in
 * EntityName order (type number, then id bytewise), caps by service.
 */
struct m2_keyring {
	struct m2_conf		conf;		/* the text, parsed */
	uint32_t		n;
	struct m2_keyring_entry	e[M2_MAX_KEYRING_ENTRIES];
};

/*
 * m2_keyring_parse reads keyring text (the plaintext form only; Ceph
 * first tries a binary encoding, which text never matches): conf text
 * as m2_ceph_conf_parse; [global] is skipped; every other section must
 * be an entity name "type.id" (type one of auth, mon, osd, mds, mgr,
 * client; the id may be empty or hold dots); keys, after '_' became ' ':
 * "key" (m2_cryptokey_from_base64), "caps <service>", "auid" (ignored);
 * any other key is an error, as in Ceph.  A section with neither key nor
 * caps adds no entity.  M2_E_BADVAL, M2_E_LIMIT.  m2 also refuses (Ceph
 * reads them) what KeyRing::print would write in a form Ceph cannot read
 * back: an entity name holding ']', '\', '#' or ';', a cap value holding
 * '\', '#' or ';', a service name with blanks at its ends or two in a row.
 */
M2_MUST_USE m2_err m2_keyring_parse(struct m2_cur *c, struct m2_keyring *out,
		    struct m2_diag *d);

/*
 * m2_keyring_build writes |kr| exactly as KeyRing::print (ceph-authtool
 * -l, and the files ceph-authtool writes): "[type.id]\n", "\tkey = B64\n",
 * then "\tcaps SVC = \"VALUE\"\n" per cap with '"' written '\"'.  Ceph
 * cannot read back a cap holding '#', ';' or '\' (its own bug); such a
 * keyring cannot come from m2_keyring_parse.
 */
void		 m2_keyring_build(struct m2_buf *b, const struct m2_keyring *kr);

/* m2_keyring_dump writes the same text as m2_keyring_build. */
size_t		 m2_keyring_dump(const struct m2_keyring *kr, char *s,
		    size_t n);

/* m2_keyring_find returns the entry of entity |name| ("client.admin"). */
const struct m2_keyring_entry *m2_keyring_find(const struct m2_keyring *kr,
		    const char *name);

/*
 * m2_keyring_build_entry appends one entity as m2_keyring_build writes
 * it, for a keyring made from scratch: |caps| holds service, value pairs
 * then NULL, services in bytewise order (as Ceph sorts them).
 */
void		 m2_keyring_build_entry(struct m2_buf *b, const char *name,
		    const struct m2_cryptokey *k, const char *const *caps);

#endif

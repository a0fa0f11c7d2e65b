/* SPDX-License-Identifier: MIT */
/*
 * ceph.conf text (m2/conf.h): ConfUtils.cc's grammar, config.cc's
 * section search and metavariables, and the option values a client
 * reads.  NOTES-h-conf.md.
 *
 * Ceph's grammar is a Boost.Spirit parser whose skipper (a '\' before a
 * line end, or blanks then '#' or ';' to the line end) runs before every
 * token of the rules that have one.  The functions below follow it token
 * by token: skip() is that skipper, and each place where Ceph skips says
 * so.  qi::eol is "\r\n", "\r" or "\n"; a blank is ' ' or '\t'.
 */
#include "internal.h"

/* The parser's state: the text, where the error was, the output. */
struct cp {
	const uint8_t	*s;
	size_t		 n;
	size_t		 base;		/* offset of s[0] in the input */
	struct m2_conf	*cf;
	struct m2_diag	*d;
	m2_err		 err;		/* the first failure */
};

/* Outcomes of a rule: it matched, it did not, or the text is refused. */
#define R_OK	0
#define R_NO	1
#define R_ERR	2

static m2_err
fail(struct cp *p, m2_err e, size_t at, const char *field)
{
	if (p->err == M2_OK)
		p->err = e;
	return m2_diag_at(p->d, e, p->base + at, field);
}

static size_t
eol_len(const struct cp *p, size_t i)
{
	if (i >= p->n)
		return 0;
	if (p->s[i] == '\r')
		return i + 1 < p->n && p->s[i + 1] == '\n' ? 2 : 1;
	return p->s[i] == '\n' ? 1 : 0;
}

static int
is_blank(uint8_t ch)
{
	return ch == ' ' || ch == '\t';
}

/* isspace() in the C locale. */
static int
is_space(uint8_t ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/*
 * The skipper: continue_marker ('\' eol) | comment (*blank, '#' or ';',
 * anything to the line end, the end not included), as often as it
 * matches.  Spirit's standard::isblank asserts that its argument is a
 * char in 0..127, and Ceph's char is signed: where the skipper tests a
 * byte over 0x7f, Ceph 16.2.15 aborts (NOTES-h-conf.md).  m2 refuses the
 * text there.
 */
static size_t
skip(struct cp *p, size_t i)
{
	for (;;) {
		size_t	j, k;

		if (i < p->n && p->s[i] == '\\' && (k = eol_len(p, i + 1)) != 0) {
			i += 1 + k;
			continue;
		}
		for (j = i; j < p->n && is_blank(p->s[j]); j++)
			continue;
		if (j < p->n && p->s[j] > 0x7f)
			fail(p, M2_E_BADVAL, j, "conf.ceph_aborts");
		if (j < p->n && (p->s[j] == '#' || p->s[j] == ';')) {
			while (j < p->n && eol_len(p, j) == 0)
				j++;
			i = j;
			continue;
		}
		return i;
	}
}

/*
 * text_char without skipping: '\' and any character but a line end
 * stands for that character; else any character but '#', ';' and a line
 * end.  Returns the bytes used (0: no match) and the character.
 */
static size_t
text_char(const struct cp *p, size_t i, uint8_t *ch)
{
	if (i >= p->n)
		return 0;
	if (p->s[i] == '\\' && i + 1 < p->n && eol_len(p, i + 1) == 0) {
		*ch = p->s[i + 1];
		return 2;
	}
	if (p->s[i] == '#' || p->s[i] == ';' || eol_len(p, i) != 0)
		return 0;
	*ch = p->s[i];
	return 1;
}

/* blanks = *blank, after the skipper (a rule without one, called from a
 * rule with one, skips first). */
static size_t
blanks(struct cp *p, size_t i)
{
	i = skip(p, i);
	while (i < p->n && is_blank(p->s[i]))
		i++;
	return i;
}

/* empty_line = -(blanks | comment) >> eol, after the skipper.  Returns
 * the position after it, or 0 if it does not match at |i|. */
static size_t
empty_line(struct cp *p, size_t i)
{
	size_t	k;

	i = blanks(p, i);
	if ((k = eol_len(p, i)) == 0)
		return 0;
	return i + k;
}

/* +empty_line, expected: R_ERR if not even one. */
static int
empty_lines(struct cp *p, size_t *i)
{
	size_t	j;

	if ((j = empty_line(p, *i)) == 0)
		return R_ERR;
	do {
		*i = j;
	} while ((j = empty_line(p, *i)) != 0);
	return R_OK;
}

static int
arena_put(struct cp *p, uint8_t ch)
{
	if (p->cf->used >= sizeof(p->cf->arena)) {
		fail(p, M2_E_LIMIT, 0, "conf.arena");	/* see limits.h */
		return 0;
	}
	p->cf->arena[p->cf->used++] = ch;
	return 1;
}

/*
 * One word of a key: +(text_char - char_("=[ ")), each element after the
 * skipper.  A failed element keeps what the skipper passed over (Spirit's
 * char_ skips before it tests), so a word can end after a comment.
 */
static size_t
key_word(struct cp *p, size_t i, int *ok)
{
	uint8_t	ch;
	size_t	j, k;

	*ok = 0;
	for (;;) {
		j = skip(p, i);
		if (j < p->n && (p->s[j] == '=' || p->s[j] == '[' ||
		    p->s[j] == ' '))
			return i;		/* restored before the skip */
		if ((k = text_char(p, j, &ch)) == 0)
			return *ok ? j : i;
		i = j + k;
		*ok = 1;
	}
}

/* +blank between words, each after the skipper.  0 if none. */
static size_t
key_sep(struct cp *p, size_t i)
{
	size_t	j = skip(p, i);

	if (j >= p->n || !is_blank(p->s[j]))
		return 0;
	i = j + 1;
	for (;;) {
		j = skip(p, i);
		if (j >= p->n || !is_blank(p->s[j]))
			return j;
		i = j + 1;
	}
}

/*
 * key = raw[word % +blank], normalized (ConfFile::normalize_key_name:
 * leading and trailing isspace dropped, each inner run one '_').  The raw
 * text keeps escapes and continuations as written; |*escaped| tells that
 * it holds a '\' (m2 refuses such a key once the '=' is found).
 */
static int
key(struct cp *p, size_t *at, struct m2_conf_str *out, int *escaped)
{
	size_t	start = skip(p, *at), i, save, j;
	int	ok, space = 0;

	i = key_word(p, start, &ok);
	if (!ok)
		return R_NO;
	for (;;) {
		save = i;
		if ((j = key_sep(p, i)) == 0)
			break;
		i = key_word(p, j, &ok);
		if (!ok) {
			i = save;
			break;
		}
	}
	*escaped = 0;
	out->off = (uint16_t)p->cf->used;
	for (j = start; j < i; j++) {
		uint8_t	ch = p->s[j];

		if (ch == '\\')
			*escaped = 1;
		if (is_space(ch)) {
			space = 1;
			continue;
		}
		if (space && p->cf->used != out->off && !arena_put(p, '_'))
			return R_ERR;
		space = 0;
		if (!arena_put(p, ch))
			return R_ERR;
	}
	out->len = (uint16_t)(p->cf->used - out->off);
	*at = i;
	return R_OK;
}

/* The section index of name |s|, adding it if new (and releasing the
 * arena bytes of |s| if not). */
static int
section_index(struct cp *p, struct m2_conf_str s, size_t at, uint16_t *idx)
{
	struct m2_conf	*cf = p->cf;

	for (uint32_t k = 0; k < cf->nsections; k++) {
		if (cf->section[k].len == s.len && memcmp(cf->arena +
		    cf->section[k].off, cf->arena + s.off, s.len) == 0) {
			cf->used = s.off;
			*idx = (uint16_t)k;
			return R_OK;
		}
	}
	if (cf->nsections == M2_MAX_CONF_SECTIONS) {
		fail(p, M2_E_LIMIT, at, "conf.sections");
		return R_ERR;
	}
	*idx = (uint16_t)cf->nsections;
	cf->section[cf->nsections++] = s;
	return R_OK;
}

/* Add or replace (the last line wins: conf_section_t) one entry. */
static int
add_entry(struct cp *p, uint16_t sec, struct m2_conf_str k,
    struct m2_conf_str v, size_t at)
{
	struct m2_conf	*cf = p->cf;

	for (uint32_t j = 0; j < cf->n; j++) {
		struct m2_conf_entry	*e = &cf->e[j];

		if (e->section == sec && e->key.len == k.len &&
		    memcmp(cf->arena + e->key.off, cf->arena + k.off,
		    k.len) == 0) {
			e->value = v;
			return R_OK;
		}
	}
	if (cf->n == M2_MAX_CONF_ENTRIES) {
		fail(p, M2_E_LIMIT, at, "conf.entries");
		return R_ERR;
	}
	cf->e[cf->n].section = sec;
	cf->e[cf->n].key = k;
	cf->e[cf->n].value = v;
	cf->n++;
	return R_OK;
}

/*
 * value = quoted_value | unquoted_value, then trimmed of isspace
 * (conf_line_t).
 *   quoted_value = lexeme['"' >> *(text_char - '"') > '"'] (or with '):
 *     after the skipper once, then no skipping: '#', ';' or a line end
 *     before the closing quote is an error.
 *   unquoted_value = *text_char, each after the skipper: runs to the
 *     line end; a comment ends it, '\' eol joins the next line.
 */
static int
value(struct cp *p, size_t *at, struct m2_conf_str *out)
{
	size_t	i = skip(p, *at), k, a, b;
	uint8_t	ch, q;

	out->off = (uint16_t)p->cf->used;
	if (i < p->n && (p->s[i] == '"' || p->s[i] == '\'')) {
		q = p->s[i++];
		for (;;) {
			if (i < p->n && p->s[i] == q)
				break;
			if ((k = text_char(p, i, &ch)) == 0) {
				fail(p, M2_E_BADVAL, i, "conf.value.quote");
				return R_ERR;
			}
			if (!arena_put(p, ch))
				return R_ERR;
			i += k;
		}
		i++;
	} else {
		for (;;) {
			i = skip(p, i);
			if ((k = text_char(p, i, &ch)) == 0)
				break;
			if (!arena_put(p, ch))
				return R_ERR;
			i += k;
		}
	}
	a = out->off;
	b = p->cf->used;
	while (a < b && is_space(p->cf->arena[a]))
		a++;
	while (b > a && is_space(p->cf->arena[b - 1]))
		b--;
	if (b - a > M2_CONF_VALUE_MAX) {
		fail(p, M2_E_LIMIT, *at, "conf.value");
		return R_ERR;
	}
	memmove(p->cf->arena + out->off, p->cf->arena + a, b - a);
	p->cf->used = (uint32_t)(out->off + (b - a));
	out->len = (uint16_t)(b - a);
	*at = i;
	return R_OK;
}

/*
 * key_val = blanks >> key >> blanks >> '=' > blanks > value > +empty_line.
 * Before the '=' a mismatch is R_NO; after it, R_ERR.
 */
static int
key_val(struct cp *p, size_t *at, uint16_t sec, int top)
{
	struct m2_conf_str	k, v;
	size_t			i = blanks(p, *at), mark = p->cf->used;
	int			r, escaped;

	if ((r = key(p, &i, &k, &escaped)) != R_OK)
		return r;
	i = skip(p, blanks(p, i));
	if (i >= p->n || p->s[i] != '=') {
		p->cf->used = (uint32_t)mark;
		return R_NO;
	}
	if (escaped || k.len == 0) {
		fail(p, M2_E_BADVAL, *at, "conf.key");
		return R_ERR;
	}
	if (k.len > M2_CONF_KEY_MAX) {
		fail(p, M2_E_LIMIT, *at, "conf.key");
		return R_ERR;
	}
	i = blanks(p, i + 1);
	if ((r = value(p, &i, &v)) != R_OK)
		return r;
	if (empty_lines(p, &i) != R_OK) {
		fail(p, M2_E_BADVAL, i, "conf.line");
		return R_ERR;
	}
	if (top) {
		struct m2_conf_str	g;

		g.off = (uint16_t)p->cf->used;
		g.len = 6;
		for (size_t j = 0; j < 6; j++)
			if (!arena_put(p, (uint8_t)"global"[j]))
				return R_ERR;
		if ((r = section_index(p, g, *at, &sec)) != R_OK)
			return r;
	}
	if ((r = add_entry(p, sec, k, v, *at)) != R_OK)
		return r;
	*at = i;
	return R_OK;
}

/*
 * heading = '[' > +(text_char - ']') > ']' > +empty_line, after the
 * skipper, each character too (so a comment inside is an error: ']'
 * cannot follow it).  The name is unescaped and not trimmed.
 */
static int
heading(struct cp *p, size_t *at, uint16_t *sec)
{
	struct m2_conf_str	name;
	size_t			i = skip(p, *at), j, k;
	uint8_t			ch;

	if (i >= p->n || p->s[i] != '[')
		return R_NO;
	i++;
	name.off = (uint16_t)p->cf->used;
	for (;;) {
		j = skip(p, i);
		if (j < p->n && p->s[j] == ']')
			break;
		if ((k = text_char(p, j, &ch)) == 0) {
			i = j;
			break;
		}
		if (!arena_put(p, ch))
			return R_ERR;
		i = j + k;
	}
	name.len = (uint16_t)(p->cf->used - name.off);
	if (name.len == 0) {
		fail(p, M2_E_BADVAL, i, "conf.section");
		return R_ERR;
	}
	if (name.len > M2_CONF_SECTION_MAX) {
		fail(p, M2_E_LIMIT, *at, "conf.section");
		return R_ERR;
	}
	i = skip(p, i);
	if (i >= p->n || p->s[i] != ']') {
		fail(p, M2_E_BADVAL, i, "conf.section");
		return R_ERR;
	}
	i++;
	if (empty_lines(p, &i) != R_OK) {
		fail(p, M2_E_BADVAL, i, "conf.section");
		return R_ERR;
	}
	if (section_index(p, name, *at, sec) != R_OK)
		return R_ERR;
	*at = i;
	return R_OK;
}

/*
 * check_utf8, as Ceph 16.2.15 behaves (ceph-conf -L on each form; the
 * common/utf8.c we read would refuse U+FFFF and take 5-byte forms, and
 * Ceph does neither): RFC 3629 UTF-8, 1 to 4 bytes, no overlong form, no
 * surrogate, nothing over U+10FFFF; U+FFFE and U+FFFF are taken.
 * Returns the offset of the bad sequence, or SIZE_MAX.
 */
static size_t
bad_utf8(const uint8_t *s, size_t n)
{
	size_t	i = 0;

	while (i < n) {
		uint32_t	cp;
		size_t		len, k;
		unsigned	lead = s[i];

		if (lead < 0x80) {
			i++;
			continue;
		}
		if (lead >= 0xc2 && lead <= 0xdf)
			len = 2;
		else if (lead >= 0xe0 && lead <= 0xef)
			len = 3;
		else if (lead >= 0xf0 && lead <= 0xf4)
			len = 4;
		else
			return i;
		if (n - i < len)
			return i;
		cp = lead & (0x7fu >> len);
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3fu);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return SIZE_MAX;
}

static int
str_cmp(const struct m2_conf *cf, struct m2_conf_str a, struct m2_conf_str b)
{
	size_t	m = a.len < b.len ? a.len : b.len;
	int	r = m == 0 ? 0 : memcmp(cf->arena + a.off, cf->arena + b.off, m);

	if (r != 0)
		return r;
	return a.len < b.len ? -1 : a.len > b.len;
}

/* Sort sections by name, as std::map<std::string> does. */
static void
sort_sections(struct m2_conf *cf)
{
	for (uint32_t i = 1; i < cf->nsections; i++) {
		struct m2_conf_str	t = cf->section[i];
		uint32_t		j = i;

		for (; j > 0 && str_cmp(cf, cf->section[j - 1], t) > 0; j--)
			cf->section[j] = cf->section[j - 1];
		cf->section[j] = t;
	}
}

/* see m2/conf.h */
m2_err
m2_ceph_conf_parse(struct m2_cur *c, struct m2_conf *out, struct m2_diag *d)
{
	struct cp		p;
	struct m2_conf_str	old[M2_MAX_CONF_SECTIONS];
	size_t			i = 0, j, line = 0, k;
	uint16_t		sec;
	int			r;

	memset(out, 0, offsetof(struct m2_conf, arena));
	p.s = c->p;
	p.n = m2_cur_len(c);
	p.base = m2_cur_off(c);
	p.cf = out;
	p.d = d;
	p.err = M2_OK;
	if (p.n > M2_CONF_TEXT_MAX)
		return fail(&p, M2_E_LIMIT, 0, "conf");
	for (j = 0; j < p.n; j++) {
		if (p.s[j] == '\0')
			return fail(&p, M2_E_BADVAL, j, "conf.nul");
		if (p.s[j] == '\n' || p.s[j] == '\r')
			line = 0;
		else if (++line > M2_CONF_LINE_MAX)
			return fail(&p, M2_E_LIMIT, j, "conf.line");
	}
	if ((j = bad_utf8(p.s, p.n)) != SIZE_MAX)
		return fail(&p, M2_E_BADVAL, j, "conf.utf8");

	/* conf_file = (key_val | (*eol >> *section)) > eoi */
	r = key_val(&p, &i, 0, 1);
	if (r == R_ERR)
		return p.err != M2_OK ? p.err : M2_E_BADVAL;
	if (r == R_NO) {
		for (;;) {
			j = skip(&p, i);
			if ((k = eol_len(&p, j)) == 0)
				break;
			i = j + k;
		}
		/* section = heading >> *(key_val - heading) >> *eol */
		while ((r = heading(&p, &i, &sec)) == R_OK) {
			for (;;) {
				j = skip(&p, i);
				if (j < p.n && p.s[j] == '[')
					break;
				if ((r = key_val(&p, &i, sec, 0)) != R_OK)
					break;
			}
			if (r == R_ERR)
				break;
			for (;;) {
				j = skip(&p, i);
				if ((k = eol_len(&p, j)) == 0)
					break;
				i = j + k;
			}
		}
		if (r == R_ERR)
			return p.err != M2_OK ? p.err : M2_E_BADVAL;
	}
	i = skip(&p, i);
	if (i != p.n)
		return fail(&p, M2_E_BADVAL, i, "conf.line");
	if (p.err != M2_OK)
		return p.err;

	memcpy(old, out->section, sizeof(old));
	sort_sections(out);
	for (uint32_t e = 0; e < out->n; e++) {
		struct m2_conf_str	s = old[out->e[e].section];

		for (uint16_t t = 0; t < out->nsections; t++)
			if (out->section[t].off == s.off &&
			    out->section[t].len == s.len)
				out->e[e].section = t;
	}
	for (uint32_t a = 1; a < out->n; a++) {
		struct m2_conf_entry	t = out->e[a];
		uint32_t		b = a;

		for (; b > 0 && (out->e[b - 1].section > t.section ||
		    (out->e[b - 1].section == t.section &&
		    str_cmp(out, out->e[b - 1].key, t.key) > 0)); b--)
			out->e[b] = out->e[b - 1];
		out->e[b] = t;
	}
	return M2_OK;
}

/* see m2/conf.h */
struct m2_span
m2_conf_span(const struct m2_conf *cf, struct m2_conf_str s)
{
	struct m2_span	sp;

	sp.p = cf->arena + s.off;
	sp.len = s.len;
	return sp;
}

/* Write |s| with '\' before each byte of |special|. */
static void
put_escaped(struct m2_buf *b, struct m2_span s, const char *special)
{
	for (size_t i = 0; i < s.len; i++) {
		if (strchr(special, s.p[i]) != NULL)
			m2_buf_u8(b, '\\');
		m2_buf_u8(b, s.p[i]);
	}
}

static void
put_str(struct m2_buf *b, const char *s)
{
	m2_buf_bytes(b, s, strlen(s));
}

/* The length of |v| with '\' before |q|, '\', '#' and ';'. */
static size_t
quoted_len(struct m2_span v, uint8_t q)
{
	size_t	n = v.len;

	for (size_t i = 0; i < v.len; i++)
		n += v.p[i] == q || v.p[i] == '\\' || v.p[i] == '#' ||
		    v.p[i] == ';';
	return n;
}

/*
 * A value too long for a quoted line (M2_CONF_LINE_MAX) goes bare, every
 * special byte escaped, split by '\' line ends, which a bare value joins
 * with nothing between (quotes cannot hold them).  Only ASCII values get
 * here: Ceph reads bytes over 0x7f only inside quotes, and a quoted value
 * from a line that fitted fits again in the compact form.
 */
#define BUILD_CHUNK	2048

static void
put_long_value(struct m2_buf *b, struct m2_span v, size_t line)
{
	for (size_t i = 0; i < v.len; i++) {
		int	esc = strchr("\"'\\#;", v.p[i]) != NULL;

		if (line + 1 + (size_t)esc + 1 > BUILD_CHUNK) {
			m2_buf_bytes(b, "\\\n", 2);
			line = 0;
		}
		if (esc)
			m2_buf_u8(b, '\\');
		m2_buf_u8(b, v.p[i]);
		line += 1 + (size_t)esc;
	}
}

/* see m2/conf.h */
void
m2_ceph_conf_build(struct m2_buf *b, const struct m2_conf *cf)
{
	for (uint32_t k = 0; k < cf->nsections; k++) {
		put_str(b, "[");
		put_escaped(b, m2_conf_span(cf, cf->section[k]), "]\\#;");
		put_str(b, "]\n");
		for (uint32_t i = 0; i < cf->n; i++) {
			struct m2_span	v = m2_conf_span(cf, cf->e[i].value);
			size_t		kl = cf->e[i].key.len, ql;
			char		q[2] = "\"";

			if (cf->e[i].section != k)
				continue;
			if (quoted_len(v, '\'') < quoted_len(v, '"'))
				q[0] = '\'';
			ql = quoted_len(v, (uint8_t)q[0]);
			if (1 + kl + 3 + ql + 2 <= M2_CONF_LINE_MAX)
				put_str(b, "\t");
			m2_buf_bytes(b, cf->arena + cf->e[i].key.off, kl);
			if (1 + kl + 3 + ql + 2 <= M2_CONF_LINE_MAX)
				put_str(b, " = ");
			else if (kl + 1 + ql + 2 <= M2_CONF_LINE_MAX)
				put_str(b, "=");
			else {
				put_str(b, " = ");
				put_long_value(b, v, kl + 3);
				put_str(b, "\n");
				continue;
			}
			put_str(b, q);
			put_escaped(b, v, q[0] == '"' ? "\"\\#;" : "'\\#;");
			put_str(b, q);
			put_str(b, "\n");
		}
	}
}

static size_t
fmt_escaped(char *s, size_t n, size_t at, struct m2_span v)
{
	for (size_t i = 0; i < v.len; i++) {
		uint8_t	ch = v.p[i];

		if (ch < 0x20 || ch == 0x7f)
			at = m2_fmt(s, n, at, "\\x%02x", ch);
		else if (ch == '\\' || ch == '"' || ch == ']' || ch == '=')
			at = m2_fmt(s, n, at, "\\%c", ch);
		else
			at = m2_fmt(s, n, at, "%c", ch);
	}
	return at;
}

/* see m2/conf.h */
size_t
m2_ceph_conf_dump(const struct m2_conf *cf, char *s, size_t n)
{
	size_t	at = 0;

	if (n != 0)
		s[0] = '\0';
	for (uint32_t k = 0; k < cf->nsections; k++) {
		at = m2_fmt(s, n, at, "%s[", k == 0 ? "" : " ");
		at = fmt_escaped(s, n, at, m2_conf_span(cf, cf->section[k]));
		at = m2_fmt(s, n, at, "]");
		for (uint32_t i = 0; i < cf->n; i++) {
			if (cf->e[i].section != k)
				continue;
			at = m2_fmt(s, n, at, " ");
			at = fmt_escaped(s, n, at, m2_conf_span(cf,
			    cf->e[i].key));
			at = m2_fmt(s, n, at, "=\"");
			at = fmt_escaped(s, n, at, m2_conf_span(cf,
			    cf->e[i].value));
			at = m2_fmt(s, n, at, "\"");
		}
	}
	return at;
}

/* normalize_key_name into |out|; 0 if it does not fit. */
static size_t
normalize(const char *name, char *out, size_t cap)
{
	size_t	len = 0;
	int	space = 0;

	for (; *name != '\0'; name++) {
		if (is_space((uint8_t)*name)) {
			space = 1;
			continue;
		}
		if (len + 2 > cap)
			return 0;
		if (space && len != 0)
			out[len++] = '_';
		space = 0;
		out[len++] = *name;
	}
	return len;
}

/* see m2/conf.h */
int
m2_conf_get(const struct m2_conf *cf, const char *const *sections,
    const char *name, struct m2_span *value)
{
	char	k[M2_CONF_KEY_MAX + 2];
	size_t	klen = normalize(name, k, sizeof(k));

	if (klen == 0)
		return 0;
	for (; *sections != NULL; sections++) {
		size_t	slen = strlen(*sections);

		for (uint32_t i = 0; i < cf->n; i++) {
			const struct m2_conf_entry	*e = &cf->e[i];
			struct m2_conf_str		 s = cf->section[e->section];

			if (s.len != slen || memcmp(cf->arena + s.off,
			    *sections, slen) != 0)
				continue;
			if (e->key.len == klen && memcmp(cf->arena +
			    e->key.off, k, klen) == 0) {
				*value = m2_conf_span(cf, e->value);
				return 1;
			}
		}
	}
	return 0;
}

/* see m2/conf.h */
void
m2_conf_sections(const char *name, char *typebuf, size_t n,
    const char *out[4])
{
	const char	*dot = strchr(name, '.');
	size_t		 tl = dot != NULL ? (size_t)(dot - name) : strlen(name);

	if (n != 0) {
		if (tl >= n)
			tl = n - 1;
		memcpy(typebuf, name, tl);
		typebuf[tl] = '\0';
	}
	out[0] = name;
	out[1] = typebuf;
	out[2] = "global";
	out[3] = NULL;
}

/* Append |len| bytes to |out| at |*at|, counting past |n|. */
static void
emit(char *out, size_t n, size_t *at, const void *p, size_t len)
{
	if (*at < n)
		memcpy(out + *at, p, len < n - *at ? len : n - *at);
	*at += len;
}

static int
is_var_char(uint8_t ch)
{
	return (ch >= 'a' && ch <= 'z') || ch == '_';
}

/* see m2/conf.h */
m2_err
m2_conf_expand(const struct m2_conf_meta *meta, struct m2_span in,
    char *out, size_t n, size_t *len)
{
	const uint8_t	*s = in.p;
	size_t		 at = 0, pos, last = 0, end, vs, vl;
	int		 done = 0;

	for (pos = 0; pos < in.len && s[pos] != '$'; pos++)
		continue;
	while (pos < in.len) {
		emit(out, n, &at, s + last, pos - last);
		vs = vl = 0;
		if (pos + 1 < in.len && s[pos + 1] == '{') {
			for (end = pos + 2; end < in.len && is_var_char(s[end]);
			    end++)
				continue;
			if (end < in.len && s[end] == '}') {
				vs = pos + 2;
				vl = end - vs;
				end++;
			} else if (end == in.len) {
				done = 1;	/* endpos is npos */
			}
		} else {
			for (end = pos + 1; end < in.len && is_var_char(s[end]);
			    end++)
				continue;
			vs = pos + 1;
			vl = end - vs;
		}
		last = end;
		if (vl == 0) {
			emit(out, n, &at, "$", 1);
		} else {
			const char	*v = NULL;
			int		 known = 1;

#define VAR(x)	(vl == sizeof(x) - 1 && memcmp(s + vs, x, vl) == 0)
			if (VAR("type"))
				v = meta->type;
			else if (VAR("cluster"))
				v = meta->cluster;
			else if (VAR("name"))
				v = meta->name;
			else if (VAR("host"))
				v = meta->host;
			else if (VAR("num") || VAR("id"))
				v = meta->id;
			else if (VAR("pid"))
				v = meta->pid;
			else if (VAR("home"))
				at = 0;		/* Ceph: out = home */
			else
				known = 0;
			if (VAR("home"))
				v = meta->home;
#undef VAR
			if (!known)
				emit(out, n, &at, s + pos, end - pos);
			else if (v != NULL)
				emit(out, n, &at, v, strlen(v));
		}
		if (done)
			break;
		for (pos = last; pos < in.len && s[pos] != '$'; pos++)
			continue;
	}
	if (!done && last < in.len)
		emit(out, n, &at, s + last, in.len - last);
	if (len != NULL)
		*len = at;
	if (at >= n)
		return M2_E_NOSPC;
	out[at] = '\0';
	return M2_OK;
}

static int
is_delim(uint8_t ch)
{
	return ch == ';' || ch == ',' || ch == '=' || ch == ' ' || ch == '\t';
}

/* see m2/conf.h */
m2_err
m2_conf_list(struct m2_span v, struct m2_span *items, size_t max, size_t *n)
{
	size_t	i = 0, j;

	*n = 0;
	while (i < v.len) {
		if (is_delim(v.p[i])) {
			i++;
			continue;
		}
		for (j = i; j < v.len && !is_delim(v.p[j]); j++)
			continue;
		if (*n == max)
			return M2_E_LIMIT;
		items[*n].p = v.p + i;
		items[*n].len = j - i;
		(*n)++;
		i = j;
	}
	return M2_OK;
}

static int
span_is(struct m2_span s, const char *w)
{
	return s.len == strlen(w) && memcmp(s.p, w, s.len) == 0;
}

/* A list of known words, the others skipped. */
static m2_err
word_list(struct m2_span v, const char *const *words, const uint32_t *vals,
    uint32_t *out, size_t max, size_t *n)
{
	struct m2_span	item[M2_MAX_CONF_LIST];
	size_t		k;
	m2_err		e;

	*n = 0;
	if ((e = m2_conf_list(v, item, M2_MAX_CONF_LIST, &k)) != M2_OK)
		return e;
	for (size_t i = 0; i < k; i++) {
		for (size_t w = 0; words[w] != NULL; w++) {
			if (!span_is(item[i], words[w]))
				continue;
			if (*n == max)
				return M2_E_LIMIT;
			out[(*n)++] = vals[w];
		}
	}
	return M2_OK;
}

/* see m2/conf.h */
m2_err
m2_conf_modes(struct m2_span v, uint32_t *modes, size_t max, size_t *n)
{
	static const char *const	w[] = { "crc", "secure", NULL };
	static const uint32_t		x[] = { M2_CONF_MODE_CRC,
					    M2_CONF_MODE_SECURE };

	return word_list(v, w, x, modes, max, n);
}

/* see m2/conf.h */
m2_err
m2_conf_auth_methods(struct m2_span v, uint32_t *methods, size_t max,
    size_t *n)
{
	static const char *const	w[] = { "cephx", "none", "gss", NULL };
	static const uint32_t		x[] = { M2_CONF_AUTH_CEPHX,
					    M2_CONF_AUTH_NONE,
					    M2_CONF_AUTH_GSS };

	return word_list(v, w, x, methods, max, n);
}

static int
span_is_ci(struct m2_span s, const char *w)
{
	if (s.len != strlen(w))
		return 0;
	for (size_t i = 0; i < s.len; i++) {
		uint8_t	ch = s.p[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (uint8_t)(ch - 'A' + 'a');
		if (ch != (uint8_t)w[i])
			return 0;
	}
	return 1;
}

/* see m2/conf.h */
m2_err
m2_conf_bool(struct m2_span v, int *out)
{
	size_t		i = 0;
	uint64_t	mag = 0;
	int		neg = 0, digits = 0;

	if (span_is_ci(v, "true") || span_is_ci(v, "false")) {
		*out = span_is_ci(v, "true");
		return M2_OK;
	}
	/* strict_strtol: strtoll(base 10) must use all, and fit an int. */
	while (i < v.len && is_space(v.p[i]))
		i++;
	if (i < v.len && (v.p[i] == '+' || v.p[i] == '-'))
		neg = v.p[i++] == '-';
	for (; i < v.len && v.p[i] >= '0' && v.p[i] <= '9'; i++) {
		mag = mag * 10 + (uint64_t)(v.p[i] - '0');
		if (mag > 0x80000000u)
			return M2_E_BADVAL;
		digits = 1;
	}
	if (!digits || i != v.len || (!neg && mag > 0x7fffffffu))
		return M2_E_BADVAL;
	*out = mag != 0;
	return M2_OK;
}

M2_CODEC_ROW(ceph_conf, struct m2_conf, 0, 1);

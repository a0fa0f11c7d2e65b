/* SPDX-License-Identifier: MIT */
/*
 * Error names, prose, and the diagnostics helpers (m2/err.h), plus the
 * small text formatters every _dump uses.
 */
#include <stdarg.h>

#include "internal.h"

static const struct {
	m2_err		 e;
	const char	*name;
	const char	*text;
} m2_errs[] = {
	{ M2_OK,		"M2_OK",		"success" },
	{ M2_E_TRUNC,		"M2_E_TRUNC",		"input ends inside a field" },
	{ M2_E_TRAILING,	"M2_E_TRAILING",	"bytes left after the last field" },
	{ M2_E_LIMIT,		"M2_E_LIMIT",		"a length or count is over its limit" },
	{ M2_E_BADVAL,		"M2_E_BADVAL",		"a field holds a value that is not allowed" },
	{ M2_E_BADTAG,		"M2_E_BADTAG",		"unknown or unexpected frame tag" },
	{ M2_E_COMPAT,		"M2_E_COMPAT",		"encoding or features too new" },
	{ M2_E_MSGR1,		"M2_E_MSGR1",		"the peer speaks msgr1, not msgr2" },
	{ M2_E_BADCRC,		"M2_E_BADCRC",		"crc32c mismatch" },
	{ M2_E_BADTAG_AEAD,	"M2_E_BADTAG_AEAD",	"AES-GCM authentication tag mismatch" },
	{ M2_E_BADSIG,		"M2_E_BADSIG",		"signature mismatch" },
	{ M2_E_BADMAGIC,	"M2_E_BADMAGIC",	"cephx decryption failed: wrong key or altered ciphertext" },
	{ M2_E_STATE,		"M2_E_STATE",		"frame not allowed in this state" },
	{ M2_E_PEER,		"M2_E_PEER",		"the peer refused" },
	{ M2_E_NOKEY,		"M2_E_NOKEY",		"no key for that entity, service or secret_id" },
	{ M2_E_DENIED,		"M2_E_DENIED",		"cephx refused the proof, ticket or reply" },
	{ M2_E_EOF,		"M2_E_EOF",		"the peer closed the connection" },
	{ M2_E_IO,		"M2_E_IO",		"socket error" },
	{ M2_E_TIMEOUT,		"M2_E_TIMEOUT",		"a deadline passed" },
	{ M2_E_NOSPC,		"M2_E_NOSPC",		"output buffer too small" },
	{ M2_E_CRYPTO,		"M2_E_CRYPTO",		"the crypto library failed" },
	{ M2_E_USAGE,		"M2_E_USAGE",		"invalid use of the API" },
	{ M2_E_NONCES,		"M2_E_NONCES",		"sending would reuse an AES-GCM nonce" },
};

#define M2_NERRS	(sizeof(m2_errs) / sizeof(m2_errs[0]))

/* see m2/err.h */
const char *
m2_err_name(m2_err e)
{
	for (size_t i = 0; i < M2_NERRS; i++)
		if (m2_errs[i].e == e)
			return m2_errs[i].name;
	return "M2_E_UNKNOWN";
}

/* see m2/err.h */
const char *
m2_strerror(m2_err e)
{
	for (size_t i = 0; i < M2_NERRS; i++)
		if (m2_errs[i].e == e)
			return m2_errs[i].text;
	return "unknown error";
}

/* see m2/err.h */
m2_err
m2_err_from_name(const char *name)
{
	for (size_t i = 0; i < M2_NERRS; i++)
		if (strcmp(m2_errs[i].name, name) == 0)
			return m2_errs[i].e;
	return M2_E_USAGE;
}

/* see m2/err.h */
m2_err
m2_diag_at(struct m2_diag *d, m2_err e, size_t off, const char *field)
{
	if (d != NULL) {
		d->err = e;
		d->off = off;
		d->field = field;
		d->expected = 0;
		d->actual = 0;
	}
	return e;
}

/* see m2/err.h */
m2_err
m2_diag_crc(struct m2_diag *d, size_t off, const char *field,
    uint32_t expected, uint32_t actual)
{
	(void)m2_diag_at(d, M2_E_BADCRC, off, field);
	if (d != NULL) {
		d->expected = expected;
		d->actual = actual;
	}
	return M2_E_BADCRC;
}

/* see internal.h */
size_t
m2_fmt(char *s, size_t n, size_t at, const char *fmt, ...)
{
	va_list	ap;
	int	r;

	va_start(ap, fmt);
	r = vsnprintf(at < n ? s + at : NULL, at < n ? n - at : 0, fmt, ap);
	va_end(ap);
	return r < 0 ? at : at + (size_t)r;
}

/* see internal.h */
size_t
m2_fmt_hex(char *s, size_t n, size_t at, const uint8_t *p, size_t len)
{
	static const char	digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		if (at + 2 < n) {
			s[at] = digits[p[i] >> 4];
			s[at + 1] = digits[p[i] & 0xf];
			s[at + 2] = '\0';
		} else if (at < n) {
			s[at] = '\0';
		}
		at += 2;
	}
	if (len == 0 && at < n)
		s[at] = '\0';
	return at;
}

/* see internal.h */
size_t
m2_fmt_u32_list(char *s, size_t n, size_t at, const uint32_t *v,
    size_t count)
{
	at = m2_fmt(s, n, at, "[");
	for (size_t i = 0; i < count; i++)
		at = m2_fmt(s, n, at, i == 0 ? "%u" : ",%u", v[i]);
	return m2_fmt(s, n, at, "]");
}

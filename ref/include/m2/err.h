/* SPDX-License-Identifier: MIT */
/*
 * Error codes and diagnostics.  Codes are grouped by hundreds: 1xx decode,
 * 2xx integrity, 3xx protocol state, 4xx transport, 5xx local.  The token
 * from m2_err_name() is stable: vectors and tests use it verbatim.
 */
#ifndef M2_ERR_H
#define M2_ERR_H

#include "common.h"

typedef enum {
	M2_OK			= 0,

	M2_E_TRUNC		= 101,	/* input ends inside a field */
	M2_E_TRAILING		= 102,	/* bytes left after the last field */
	M2_E_LIMIT		= 103,	/* a length or count over a limit */
	M2_E_BADVAL		= 104,	/* a field holds a value not allowed */
	M2_E_BADTAG		= 105,	/* unknown or unexpected frame tag */
	M2_E_COMPAT		= 106,	/* versioned struct or features too new */
	M2_E_MSGR1		= 107,	/* the peer speaks msgr1 ("ceph v027") */

	M2_E_BADCRC		= 201,	/* crc32c mismatch */
	M2_E_BADTAG_AEAD	= 202,	/* AES-GCM authentication tag mismatch */
	M2_E_BADSIG		= 203,	/* AUTH_SIGNATURE or other MAC mismatch */
	M2_E_BADMAGIC		= 204,	/* cephx plaintext lacks AUTH_ENC_MAGIC */

	M2_E_STATE		= 301,	/* frame not allowed in this state */
	M2_E_PEER		= 302,	/* peer refused (BAD_METHOD, ...) */
	M2_E_NOKEY		= 303,	/* no key for that entity or service */
	M2_E_DENIED		= 304,	/* cephx proof, ticket or reply refused */

	M2_E_EOF		= 401,	/* peer closed the connection */
	M2_E_IO			= 402,	/* socket error */
	M2_E_TIMEOUT		= 403,	/* a deadline passed */

	M2_E_NOSPC		= 501,	/* output buffer too small */
	M2_E_CRYPTO		= 502,	/* the crypto library failed */
	M2_E_USAGE		= 503,	/* API misuse by the caller */
	M2_E_NONCES		= 504	/* sending would reuse a GCM nonce */
} m2_err;

/*
 * Where and why a decode failed.  |off| is the absolute offset from the
 * start of the input the parser was given; |field| a dotted path such as
 * "auth_request.modes.count"; for crc errors |expected| and |actual| hold
 * the crc carried on the wire and the one computed.
 */
struct m2_diag {
	m2_err		 err;
	size_t		 off;
	const char	*field;
	uint32_t	 expected;
	uint32_t	 actual;
};

/* m2_err_name returns the stable token of |e|, e.g. "M2_E_TRUNC". */
const char	*m2_err_name(m2_err e);

/* m2_strerror returns a one-line English description of |e|. */
const char	*m2_strerror(m2_err e);

/* m2_err_from_name maps a token back to its code; M2_E_USAGE if unknown. */
m2_err		 m2_err_from_name(const char *name);

/*
 * m2_diag_at records |e| at absolute offset |off| in |d| (which may be
 * NULL) and returns |e|, so a failure is a one-line return.
 */
m2_err		 m2_diag_at(struct m2_diag *d, m2_err e, size_t off,
		    const char *field);

/* m2_diag_crc is m2_diag_at for crc mismatches, keeping both values. */
m2_err		 m2_diag_crc(struct m2_diag *d, size_t off, const char *field,
		    uint32_t expected, uint32_t actual);

#endif

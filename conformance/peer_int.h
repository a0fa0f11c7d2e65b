/* SPDX-License-Identifier: MIT */
/*
 * What peer.c shares with peer_srv.c (the two sides of the scripted
 * peer); not for cases.
 */
#ifndef M2_CF_PEER_INT_H
#define M2_CF_PEER_INT_H

#include "peer.h"

/*
 * cf_fail records how the peer reacted (|r|, |tag|) and a one-line
 * reason in p->react and p->why, and returns |e|.
 */
m2_err		 cf_fail(struct cf_peer *p, m2_err e, enum cf_reaction r,
		    int tag, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));

/* cf_io_fail maps a socket error |e| to a reaction; |what| says when. */
m2_err		 cf_io_fail(struct cf_peer *p, m2_err e, const char *what);

/* cf_read_exact reads |n| bytes (recorded for AUTH_SIGNATURE). */
m2_err		 cf_read_exact(struct cf_peer *p, uint8_t *b, size_t n,
		    const char *what);

/* cf_unexpected fails on frame |f|, which does not belong in |state|. */
m2_err		 cf_unexpected(struct cf_peer *p, const struct cf_rframe *f,
		    const char *state);

/*
 * cf_recv_tag reads the next frame, which must be |tag| (else
 * cf_unexpected: "instead of TAG"), and points |c| at its payload.
 */
m2_err		 cf_recv_tag(struct cf_peer *p, uint8_t tag,
		    struct cf_rframe *f, struct m2_cur *c);

/*
 * cf_crypto_on switches to the post-auth framing: crc, or secure with
 * keys from the connection secret (our role decides the nonces).
 */
m2_err		 cf_crypto_on(struct cf_peer *p);

/* cf_sig_mac: AUTH_SIGNATURE's HMAC over |b| with the session key. */
void		 cf_sig_mac(const struct cf_peer *p, const uint8_t *b,
		    size_t n, uint8_t out[32]);

/* cf_peer_sign: our AUTH_SIGNATURE, then the peer's (both roles). */
m2_err		 cf_peer_sign(struct cf_peer *p);

#endif

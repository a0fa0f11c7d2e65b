/* SPDX-License-Identifier: MIT */
/* Private to conn.c, client.c and server.c: the shared steps. */
#ifndef M2_CONN_INT_H
#define M2_CONN_INT_H

#include "internal.h"

/* Set the sticky error (first one wins) and its one-line reason. */
m2_err		 conn_fail(struct m2_conn *c, m2_err e, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* Pass one line to the log hook. */
void		 conn_log(struct m2_conn *c, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* "permission denied" for -13, and so on. */
const char	*conn_errno_name(int32_t r);
/* A random non-zero u64 (cookies, nonces). */
uint64_t	 conn_random64(void);
/* Reset the per-connection wire state and start recording. */
void		 conn_begin(struct m2_conn *c);
/* Write bytes (recorded while pre-auth recording is on). */
m2_err		 conn_write(struct m2_conn *c, const uint8_t *p, size_t n);
/* Exchange banners; sets rev1 and fmt. */
m2_err		 conn_banner(struct m2_conn *c);
/* Send a one-segment control frame. */
m2_err		 conn_send1(struct m2_conn *c, uint8_t tag, const uint8_t *p,
		    size_t n);
/*
 * Send a one-segment control frame whose payload is |payload|, a struct
 * of the codec row "msg_<tag name>" (m2/msg.h), encoded by that row.
 */
#define M2_CTL_BUF	16384		/* the largest control payload we send */
m2_err		 conn_send_ctl(struct m2_conn *c, uint8_t tag,
		    const void *payload);
/* Receive a frame with a known tag; |p| views its payload segment. */
m2_err		 conn_recv_payload(struct m2_conn *c, struct m2_frame *f,
		    struct m2_cur *p);
/* 1 if |v| is one of the |n| values at |l|. */
int		 conn_in_list(uint32_t v, const uint32_t *l, size_t n);
/*
 * Send our HELLO (naming |peer_addr|: the address the client dialed, or
 * the client's socket address) and read the peer's: sets peer_type and
 * peer_addr_for_me, checks the peer type if one is expected.
 */
m2_err		 conn_hello(struct m2_conn *c, const struct m2_addr *peer_addr);
/* Map a payload parse result: trailing bytes are accepted, as Ceph. */
m2_err		 conn_payload_result(struct m2_conn *c, m2_err e,
		    const char *what);
/* Fail with "unexpected X frame <state>". */
m2_err		 conn_unexpected(struct m2_conn *c, const struct m2_frame *f,
		    const char *state);
/* HMAC-SHA256 with the session key; zeros when there is none. */
void		 conn_hmac(const struct m2_auth_result *a, const uint8_t *p,
		    size_t n, uint8_t out[M2_SIGNATURE_LEN]);
/* Switch to the negotiated mode's framing (keys in secure mode). */
m2_err		 conn_crypto_on(struct m2_conn *c);
/* Exchange and check AUTH_SIGNATURE frames. */
m2_err		 conn_signatures(struct m2_conn *c);
/* 1 if both banners carry the COMPRESSION bit. */
int		 conn_wants_compression(const struct m2_conn *c);
/* Drop sent messages with seq <= |upto|. */
void		 conn_discard_sent(struct m2_session *s, uint64_t upto);
/* Write every unacked message again with fresh sequence numbers. */
m2_err		 conn_resend(struct m2_conn *c);

#endif

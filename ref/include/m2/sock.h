/* SPDX-License-Identifier: MIT */
/*
 * The transport under a connection: a blocking TCP socket with a
 * deadline on every read and write.  It is the only unit that makes
 * system calls; everything above it works on bytes.
 */
#ifndef M2_SOCK_H
#define M2_SOCK_H

#include "addr.h"

struct m2_sock {
	int		 fd;		/* -1 when closed */
	int		 timeout_ms;	/* per call; <= 0: wait forever */
};

/*
 * m2_sock_connect connects |s| to the IPv4 or IPv6 address |a| (its
 * type and nonce are ignored) within |timeout_ms|, which also becomes
 * the deadline of every later read and write.  It returns M2_OK,
 * M2_E_TIMEOUT, M2_E_IO (refused, unreachable, ...; errno is kept) or
 * M2_E_USAGE for an address that is neither.
 */
M2_MUST_USE m2_err m2_sock_connect(struct m2_sock *s, const struct m2_addr *a,
		    int timeout_ms);

/*
 * m2_sock_listen binds a listening socket to |a| (SO_REUSEADDR; IPV6_V6ONLY
 * for IPv6, as Ceph binds v4 and v6 separately) and stores it in |*fd|.
 * Port 0 picks a free port; m2_sock_name tells which.
 */
M2_MUST_USE m2_err m2_sock_listen(int *fd, const struct m2_addr *a,
		    int backlog);

/*
 * m2_sock_accept waits up to |timeout_ms| for a connection on |lfd| and
 * sets up |s| with that deadline for its reads and writes.  M2_E_TIMEOUT
 * if none came.
 */
M2_MUST_USE m2_err m2_sock_accept(int lfd, struct m2_sock *s,
		    int timeout_ms);

/* m2_sock_read reads exactly |n| bytes: M2_OK, M2_E_EOF, M2_E_TIMEOUT, M2_E_IO. */
M2_MUST_USE m2_err m2_sock_read(struct m2_sock *s, void *p, size_t n);

/*
 * m2_sock_read_some reads at least 1 and at most |n| bytes into |p| and
 * stores the count in |*got|.
 */
M2_MUST_USE m2_err m2_sock_read_some(struct m2_sock *s, void *p, size_t n,
		    size_t *got);

/* m2_sock_write writes all |n| bytes (MSG_NOSIGNAL). */
M2_MUST_USE m2_err m2_sock_write(struct m2_sock *s, const void *p, size_t n);

/*
 * m2_sock_name and m2_sock_peer fill |*a| with the local or remote
 * address of |fd| as an entity_addr_t of type |type| and nonce 0.
 */
M2_MUST_USE m2_err m2_sock_name(int fd, uint32_t type, struct m2_addr *a);
M2_MUST_USE m2_err m2_sock_peer(int fd, uint32_t type, struct m2_addr *a);

/* m2_sock_shutdown stops both directions (a blocked reader returns EOF). */
void		 m2_sock_shutdown(struct m2_sock *s);

/* m2_sock_close closes |s| if open; safe to call twice. */
void		 m2_sock_close(struct m2_sock *s);

/*
 * m2_addr_from_sockaddr and m2_addr_to_sockaddr convert between an
 * entity_addr_t and a struct sockaddr_in/_in6 (passed as bytes, so this
 * header needs no system header).  to_sockaddr returns the length, 0 if
 * the family is neither AF_INET nor AF_INET6.
 */
void		 m2_addr_from_sockaddr(struct m2_addr *a, uint32_t type,
		    const void *sa, size_t salen);
size_t		 m2_addr_to_sockaddr(const struct m2_addr *a, void *sa,
		    size_t cap);

#endif

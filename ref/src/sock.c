/* SPDX-License-Identifier: MIT */
/*
 * Blocking TCP with deadlines (m2/sock.h).  Every wait goes through
 * poll() with the socket's timeout, so no call blocks forever unless the
 * caller asked for it.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "m2/sock.h"

/* see m2/sock.h */
void
m2_addr_from_sockaddr(struct m2_addr *a, uint32_t type, const void *sa,
    size_t salen)
{
	sa_family_t fam;

	memset(a, 0, sizeof(*a));
	a->type = type;
	if (salen < sizeof(fam))
		return;
	memcpy(&fam, sa, sizeof(fam));
	a->family = (uint16_t)fam;
	if (fam == AF_INET && salen >= sizeof(struct sockaddr_in)) {
		memcpy(a->sa, (const uint8_t *)sa + 2,
		    sizeof(struct sockaddr_in) - 2);
		a->elen = sizeof(struct sockaddr_in);
	} else if (fam == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
		memcpy(a->sa, (const uint8_t *)sa + 2,
		    sizeof(struct sockaddr_in6) - 2);
		a->elen = sizeof(struct sockaddr_in6);
	}
}

/* see m2/sock.h */
size_t
m2_addr_to_sockaddr(const struct m2_addr *a, void *sa, size_t cap)
{
	sa_family_t fam = (sa_family_t)a->family;
	size_t len;

	if (a->family == AF_INET)
		len = sizeof(struct sockaddr_in);
	else if (a->family == AF_INET6)
		len = sizeof(struct sockaddr_in6);
	else
		return 0;
	if (cap < len)
		return 0;
	memset(sa, 0, len);
	memcpy(sa, &fam, sizeof(fam));
	memcpy((uint8_t *)sa + 2, a->sa, len - 2);
	return len;
}

/* Wait for |events| on |fd| for up to |ms| (<= 0: forever). */
static m2_err
sock_wait(int fd, short events, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	int r;

	do {
		r = poll(&pfd, 1, ms > 0 ? ms : -1);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return M2_E_IO;
	if (r == 0)
		return M2_E_TIMEOUT;
	return M2_OK;
}

/* see m2/sock.h */
m2_err
m2_sock_connect(struct m2_sock *s, const struct m2_addr *a, int timeout_ms)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, flags, one = 1, soerr = 0;
	socklen_t el = sizeof(soerr);
	m2_err e;

	s->fd = -1;
	s->timeout_ms = timeout_ms;
	sl = (socklen_t)m2_addr_to_sockaddr(a, &ss, sizeof(ss));
	if (sl == 0)
		return M2_E_USAGE;
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return M2_E_IO;
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	flags = fcntl(fd, F_GETFL);
	(void)fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, (struct sockaddr *)&ss, sl) < 0) {
		if (errno != EINPROGRESS) {
			e = M2_E_IO;
			goto fail;
		}
		if ((e = sock_wait(fd, POLLOUT, timeout_ms)) != M2_OK)
			goto fail;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &el) < 0 ||
		    soerr != 0) {
			errno = soerr;
			e = M2_E_IO;
			goto fail;
		}
	}
	s->fd = fd;
	return M2_OK;
fail:
	soerr = errno;
	close(fd);
	errno = soerr;
	return e;
}

/* see m2/sock.h */
m2_err
m2_sock_listen(int *fd, const struct m2_addr *a, int backlog)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int one = 1, s;

	*fd = -1;
	sl = (socklen_t)m2_addr_to_sockaddr(a, &ss, sizeof(ss));
	if (sl == 0)
		return M2_E_USAGE;
	s = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return M2_E_IO;
	(void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ss.ss_family == AF_INET6)
		(void)setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one,
		    sizeof(one));
	if (bind(s, (struct sockaddr *)&ss, sl) < 0 ||
	    listen(s, backlog) < 0) {
		int saved = errno;

		close(s);
		errno = saved;
		return M2_E_IO;
	}
	*fd = s;
	return M2_OK;
}

/* see m2/sock.h */
m2_err
m2_sock_accept(int lfd, struct m2_sock *s, int timeout_ms)
{
	int fd, one = 1;
	m2_err e;

	s->fd = -1;
	s->timeout_ms = timeout_ms;
	if ((e = sock_wait(lfd, POLLIN, timeout_ms)) != M2_OK)
		return e;
	do {
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return M2_E_IO;
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	s->fd = fd;
	return M2_OK;
}

/* see m2/sock.h */
m2_err
m2_sock_read_some(struct m2_sock *s, void *p, size_t n, size_t *got)
{
	ssize_t r;
	m2_err e;

	*got = 0;
	if (s->fd < 0)
		return M2_E_USAGE;
	for (;;) {
		r = read(s->fd, p, n);
		if (r > 0) {
			*got = (size_t)r;
			return M2_OK;
		}
		if (r == 0)
			return M2_E_EOF;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return errno == ECONNRESET ? M2_E_EOF : M2_E_IO;
		if ((e = sock_wait(s->fd, POLLIN, s->timeout_ms)) != M2_OK)
			return e;
	}
}

/* see m2/sock.h */
m2_err
m2_sock_read(struct m2_sock *s, void *p, size_t n)
{
	uint8_t *q = p;
	size_t got;
	m2_err e;

	while (n > 0) {
		if ((e = m2_sock_read_some(s, q, n, &got)) != M2_OK)
			return e;
		q += got;
		n -= got;
	}
	return M2_OK;
}

/* see m2/sock.h */
m2_err
m2_sock_write(struct m2_sock *s, const void *p, size_t n)
{
	const uint8_t *q = p;
	ssize_t r;
	m2_err e;

	if (s->fd < 0)
		return M2_E_USAGE;
	while (n > 0) {
		r = send(s->fd, q, n, MSG_NOSIGNAL);
		if (r > 0) {
			q += r;
			n -= (size_t)r;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if ((e = sock_wait(s->fd, POLLOUT, s->timeout_ms)) !=
			    M2_OK)
				return e;
			continue;
		}
		return (r < 0 && (errno == EPIPE || errno == ECONNRESET)) ?
		    M2_E_EOF : M2_E_IO;
	}
	return M2_OK;
}

static m2_err
sock_addr(int fd, int peer, uint32_t type, struct m2_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int r;

	r = peer ? getpeername(fd, (struct sockaddr *)&ss, &sl) :
	    getsockname(fd, (struct sockaddr *)&ss, &sl);
	if (r < 0)
		return M2_E_IO;
	m2_addr_from_sockaddr(a, type, &ss, sl);
	return M2_OK;
}

/* see m2/sock.h */
m2_err
m2_sock_name(int fd, uint32_t type, struct m2_addr *a)
{
	return sock_addr(fd, 0, type, a);
}

/* see m2/sock.h */
m2_err
m2_sock_peer(int fd, uint32_t type, struct m2_addr *a)
{
	return sock_addr(fd, 1, type, a);
}

/* see m2/sock.h */
void
m2_sock_shutdown(struct m2_sock *s)
{
	if (s->fd >= 0)
		(void)shutdown(s->fd, SHUT_RDWR);
}

/* see m2/sock.h */
void
m2_sock_close(struct m2_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

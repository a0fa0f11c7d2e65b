/* SPDX-License-Identifier: MIT */
/*
 * The reference server's machinery (m2server): listening sockets, one
 * thread per connection, the session table for lossless peers, the
 * msgr1 refusal, and the minimal monitor behind it (tool_mon.c).
 */
#ifndef M2_TOOL_SERVER_H
#define M2_TOOL_SERVER_H

#include <pthread.h>
#include <stdatomic.h>

#include "tool_common.h"

#define TOOL_MAX_SESSIONS	64
#define TOOL_MAX_CONNS		256	/* connections served at once */

struct tool_session_slot {
	int		 used;
	int		 attached;		/* connections holding it */
	uint64_t	 gen;			/* creation order, for eviction */
	struct m2_session s;
};

struct tool_server {
	struct tool_opts *o;
	struct m2_addrvec addrs;		/* served vector */
	int		 lfd[M2_MAX_ADDRS];	/* one per address */
	int		 lv1[M2_MAX_ADDRS];	/* 1: a msgr1 port */
	size_t		 nl;
	uint8_t		 fsid[16];
	_Atomic uint64_t next_global_id;
	_Atomic int	 nconns;
	uint64_t	 next_gen;		/* under |lock| */
	pthread_mutex_t	 lock;			/* sessions and log */
	struct tool_session_slot slots[TOOL_MAX_SESSIONS];
	FILE		*log;
	void		*keys;			/* cephx key server */
	time_t		 created;
};

int		 tool_server_init(struct tool_server *srv, struct tool_opts *o);
int		 tool_server_run(struct tool_server *srv, int lifetime_s);
/* Free what init made (keys wiped); the listening sockets are closed. */
void		 tool_server_free(struct tool_server *srv);
void		 tool_server_log(struct tool_server *srv, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * tool_mon_serve answers one READY connection as a minimal monitor until
 * the peer leaves (tool_mon.c).
 */
void		 tool_mon_serve(struct tool_server *srv, struct m2_conn *c,
		    const char *prefix);

/* cephx on the server side (tool_cephx.c). */
int		 tool_cephx_server_init(struct tool_server *srv);
void		*tool_cephx_server_conn(struct tool_server *srv);
int		 tool_cephx_server_handle(void *state, uint32_t method,
		    uint32_t con_mode, int first, struct m2_span in,
		    struct m2_buf *out, struct m2_auth_result *res, char *why,
		    size_t why_len);
void		 tool_cephx_server_conn_free(void *state);
void		 tool_cephx_server_free(struct tool_server *srv);

#endif

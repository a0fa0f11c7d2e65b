/* SPDX-License-Identifier: MIT */
/*
 * A msgr2 connection over a blocking socket: the client and the server
 * handshakes as straight-line code, one function per protocol step, and
 * the READY phase (MESSAGE, ACK, KEEPALIVE2).  SPEC-NOTES §5.
 *
 *   client: m2_conn_init, m2_client_connect (banner, HELLO, auth,
 *           AUTH_SIGNATURE, compression, CLIENT_IDENT or
 *           SESSION_RECONNECT), then m2_conn_send_message / m2_conn_recv;
 *           m2_client_reconnect after a fault resumes a lossless session.
 *   server: m2_conn_init, m2_server_accept (the same steps from the
 *           other side), then the same READY calls.
 *
 * Everything on the wire goes through the codec (m2/frame.h, m2/msg.h);
 * this unit only orders the steps, keeps the session state and reads and
 * writes the socket.  Buffers grow as bytes arrive, never ahead of them,
 * so a length the peer claims costs nothing until the bytes are here.
 * Errors are sticky: after one, every call returns it; c->why says in
 * one line what happened ("server refused cephx: -13 (permission
 * denied); it allows [cephx] with modes [secure]").
 */
#ifndef M2_CONN_H
#define M2_CONN_H

#include "cephx.h"
#include "frame.h"
#include "msg.h"
#include "sock.h"

#define M2_SESSION_KEY_MAX	32
#define M2_MAX_PREAUTH_LEN	(1u << 20)	/* bytes signed by AUTH_SIGNATURE */
#define M2_MAX_UNACKED		4096		/* messages kept for resending */
#define M2_MAX_AUTH_ROUNDS	16		/* REPLY_MORE/BAD_METHOD rounds */
#define M2_MAX_ABORTED		1024		/* aborted frames in a row */

/*
 * Ceph feature bits (CLIENT_IDENT/SERVER_IDENT): what Pacific 16.2.15's
 * CLI advertised and required in our captures, and what its monitor
 * required of clients (vectors/captures/cephx_cli_mon_dump_c2.json).
 */
#define M2_CEPH_FEATURES_ALL	0x3f01cfbdfffdffffull
#define M2_CEPH_CLIENT_REQUIRED	0x0800000000001000ull
#define M2_CEPH_MON_REQUIRED	0x0c01020002040000ull

/* What an authentication method hands the connection when it is done. */
struct m2_auth_result {
	uint64_t	 global_id;
	uint32_t	 con_mode;		/* M2_CON_MODE_* */
	uint8_t		 session_key[M2_SESSION_KEY_MAX];
	size_t		 session_key_len;	/* 0: signatures are zeros */
	uint8_t		 con_secret[M2_CON_SECRET_LEN];
	size_t		 con_secret_len;	/* 0 in crc mode */
};

/*
 * One authentication method on the client side.  |request| writes the
 * AUTH_REQUEST payload; |more| turns an AUTH_REPLY_MORE payload into the
 * AUTH_REQUEST_MORE payload; |done| takes the AUTH_DONE payload and fills
 * the session key and connection secret of |res| (global_id and con_mode
 * are filled by the connection).  NULL |more| means the method has no
 * second round.
 */
struct m2_client_auth {
	uint32_t	 method;		/* M2_AUTH_* */
	void		*arg;
	m2_err		(*request)(void *arg, uint64_t global_id,
			    struct m2_buf *out);
	m2_err		(*more)(void *arg, struct m2_span in,
			    struct m2_buf *out, struct m2_diag *d);
	m2_err		(*done)(void *arg, struct m2_span in,
			    struct m2_auth_result *res, struct m2_diag *d);
};

/*
 * The server side of authentication: one call per AUTH_REQUEST (|first|
 * 1) or AUTH_REQUEST_MORE (|first| 0) payload, after the connection has
 * picked |con_mode|.  It returns 1 when done (|out| is the AUTH_DONE
 * payload and |res| is filled, global_id included), 0 for another round
 * (|out| is the AUTH_REPLY_MORE payload), or a negative errno to refuse
 * (sent in AUTH_BAD_METHOD, as Ceph does for a bad key: -EACCES); it
 * writes a one-line reason in |why|.
 */
struct m2_server_auth {
	void		*arg;
	int		(*handle)(void *arg, uint32_t method, uint32_t con_mode,
			    int first, struct m2_span in, struct m2_buf *out,
			    struct m2_auth_result *res, char *why,
			    size_t why_len);
	void		(*reset)(void *arg);	/* before a new AUTH_REQUEST */
};

/* A message queued for sending, kept until acked on a lossless session. */
struct m2_qmsg {
	struct m2_qmsg	*next;
	struct m2_header2 h;
	size_t		 len[3];		/* front, middle, data */
	uint8_t		*buf;			/* len[0]+len[1]+len[2] */
};

/*
 * The session: what survives a reconnect (ProtocolV2's cookies and
 * counters, the sent list).  A client keeps one inside its connection;
 * a server keeps them in its own table and lends one to each accepted
 * connection (m2_server_cfg.find_session).
 */
struct m2_session {
	uint64_t	 client_cookie;
	uint64_t	 server_cookie;
	uint64_t	 global_seq;		/* ours, on the latest attempt */
	uint64_t	 peer_global_seq;
	uint64_t	 connect_seq;
	uint64_t	 in_seq;		/* last message seq received */
	uint64_t	 out_seq;		/* last message seq sent */
	uint64_t	 features;		/* negotiated */
	int64_t		 peer_gid;
	uint64_t	 global_id;		/* from AUTH_DONE */
	int		 lossy;
	struct m2_addrvec peer_addrs;
	struct m2_qmsg	*sent;			/* oldest first */
	struct m2_qmsg	**sent_tail;
	size_t		 nsent;
};

/* A received message: its header and segments, borrowing the connection. */
struct m2_message {
	struct m2_header2 h;
	struct m2_span	 front;
	struct m2_span	 middle;
	struct m2_span	 data;
};

/* Hooks for tools and transcripts; any may be NULL. */
struct m2_conn_hooks {
	void		*arg;
	/* every byte read (dir 0) or written (dir 1), in order */
	void		(*bytes)(void *arg, int dir, const uint8_t *p,
			    size_t n);
	/* every frame after it was parsed (dir 0) or before it is sent */
	void		(*frame)(void *arg, int dir, enum m2_fmt fmt,
			    const struct m2_frame *f);
	/* one line of what the connection decided (negotiated mode, ...) */
	void		(*log)(void *arg, const char *line);
};

/* Configuration shared by both sides. */
struct m2_conn_cfg {
	uint8_t		 my_type;		/* M2_ENTITY_TYPE_* */
	uint8_t		 peer_type;		/* expected; 0: any */
	uint64_t	 msgr2_supported;	/* banner; default REVISION_1 */
	uint64_t	 msgr2_required;
	uint64_t	 features_supported;	/* Ceph feature bits */
	uint64_t	 features_required;
	/* client: modes in preference order; server: the modes it allows */
	uint32_t	 modes[M2_MAX_CON_MODES];
	size_t		 n_modes;
	int		 timeout_ms;		/* every socket wait */
	struct m2_conn_hooks hooks;
};

struct m2_client_cfg {
	struct m2_conn_cfg base;
	/* methods in preference order (Ceph's auth_client_required) */
	const struct m2_client_auth *auths;
	size_t		 n_auths;
	struct m2_addrvec my_addrs;		/* usually blank (learned) */
	uint32_t	 my_nonce;		/* random: our addr's nonce */
	int		 lossy;			/* ask for a lossy session */
};

/* A server's answer to SESSION_RECONNECT or CLIENT_IDENT lookups. */
struct m2_server_cfg {
	struct m2_conn_cfg base;
	uint32_t	 methods[M2_MAX_AUTH_METHODS];	/* allowed, in order */
	size_t		 n_methods;
	const struct m2_server_auth *auth;
	struct m2_addrvec my_addrs;		/* the vector it serves */
	int		 lossy;			/* policy for this peer */
	int64_t		 gid;			/* in SERVER_IDENT */
	/*
	 * Session table, for lossless peers: |find| returns the session
	 * with |client_cookie| for |addrs| (NULL if none); |create| makes
	 * one.  Both may be NULL: then every SESSION_RECONNECT is answered
	 * SESSION_RESET and every session is new.
	 */
	void		*tab;
	struct m2_session *(*find)(void *tab, const struct m2_addrvec *addrs,
			    uint64_t client_cookie);
	struct m2_session *(*create)(void *tab);
	uint64_t	 next_global_seq;	/* our SERVER_IDENT global_seq */
};

struct m2_conn {
	struct m2_sock	 sock;
	enum m2_role	 role;
	const struct m2_conn_cfg *cfg;
	const struct m2_client_cfg *ccfg;	/* client only */
	const struct m2_server_cfg *scfg;	/* server only */

	/* negotiated */
	struct m2_banner peer_banner;
	int		 rev1;
	enum m2_fmt	 fmt;
	uint32_t	 auth_method;
	uint32_t	 con_mode;
	int		 compression;		/* the handshake happened */
	struct m2_auth_result auth;
	struct m2_addr	 target;		/* client: the address dialed */
	struct m2_addr	 peer_addr_for_me;	/* from the peer's HELLO */
	struct m2_addr	 peer_socket_addr;	/* server: getpeername */
	uint8_t		 peer_type;

	/* crypto */
	struct m2_gcm	 rx;
	struct m2_gcm	 tx;
	int		 crypto_on;

	/* pre-auth bytes for AUTH_SIGNATURE */
	int		 pre_on;
	uint8_t		*pre[2];		/* [0] received, [1] sent */
	size_t		 pre_len[2];
	size_t		 pre_cap[2];

	/* receive and send buffers; frames borrow rbuf until the next recv */
	uint8_t		*rbuf;
	size_t		 rcap;
	uint8_t		*scratch;
	size_t		 scap;
	uint8_t		*wbuf;
	size_t		 wcap;

	/* session */
	struct m2_session own;			/* client: its session */
	struct m2_session *s;			/* the session in use */
	int		 ready;
	uint64_t	 acked_in_seq;		/* last ACK we sent */
	uint32_t	 ka_sec, ka_nsec;	/* last KEEPALIVE2_ACK stamp */
	int		 got_ka_ack;

	/* the sticky error */
	m2_err		 err;
	char		 why[256];
	struct m2_diag	 diag;
};

/*
 * m2_conn_init prepares |c| for a first connect or accept; it allocates
 * nothing.  m2_conn_free releases buffers, keys and the socket, and the
 * client session's sent list.
 */
void		 m2_conn_init(struct m2_conn *c);
void		 m2_conn_free(struct m2_conn *c);
/* m2_conn_close closes the socket only (the session stays). */
void		 m2_conn_close(struct m2_conn *c);

/*
 * m2_client_connect dials |target| (its type must be v2, or ANY: an
 * address from mon_host) and runs the whole client handshake to READY.
 * It returns M2_OK or the error, with c->why set.  AUTH_BAD_METHOD makes
 * it retry with the next method in cfg->auths that the server allows,
 * and with the server's mode list, as MonClient does; when nothing is
 * left it stops with M2_E_PEER and says why.
 */
M2_MUST_USE m2_err m2_client_connect(struct m2_conn *c,
		    const struct m2_client_cfg *cfg,
		    const struct m2_addr *target);

/*
 * m2_client_reconnect dials c->target again after a fault and resumes
 * the session: SESSION_RECONNECT if the server gave a cookie (lossless),
 * else CLIENT_IDENT; it then handles RESET, RETRY, RETRY_GLOBAL, WAIT
 * (M2_E_PEER: back off and call again) and RECONNECT_OK, after which
 * unacked messages are sent again.
 */
M2_MUST_USE m2_err m2_client_reconnect(struct m2_conn *c);

/*
 * m2_server_accept runs the server handshake on the accepted socket
 * |sock| (|c| takes it over) to READY.
 */
M2_MUST_USE m2_err m2_server_accept(struct m2_conn *c,
		    const struct m2_server_cfg *cfg, struct m2_sock *sock);

/*
 * m2_conn_send_message sends a MESSAGE: header fields type, version,
 * compat_version, priority and tid from |h| (the rest is filled in:
 * seq = ++out_seq, ack_seq = in_seq, flags COMPLETE|NOCRC as Ceph), and
 * the three payloads.  A lossless session keeps a copy until acked.
 */
M2_MUST_USE m2_err m2_conn_send_message(struct m2_conn *c,
		    const struct m2_header2 *h, struct m2_span front,
		    struct m2_span middle, struct m2_span data);

/* m2_conn_send_keepalive sends KEEPALIVE2 with the current time. */
M2_MUST_USE m2_err m2_conn_send_keepalive(struct m2_conn *c);

/* m2_conn_send_ack sends ACK(in_seq) if anything is unacked. */
M2_MUST_USE m2_err m2_conn_send_ack(struct m2_conn *c);

/*
 * m2_conn_recv waits for the next MESSAGE in READY and fills |*m|
 * (borrowing the connection's buffer until the next call).  On the way
 * it answers KEEPALIVE2 with KEEPALIVE2_ACK, trims the sent list on ACK
 * and on each message's ack_seq, drops old messages (seq <= in_seq) as
 * Ceph does, and records KEEPALIVE2_ACK.  With |ka_ack_only| set it
 * returns M2_OK with m->h.type 0 as soon as a KEEPALIVE2_ACK arrives.
 */
M2_MUST_USE m2_err m2_conn_recv(struct m2_conn *c, struct m2_message *m,
		    int ka_ack_only);

/*
 * Lower-level steps, public for tools and conformance tests: send one
 * control frame with payload |p| (tag |tag|), and receive the next frame
 * into |*f| (borrowing the connection's buffer).  Receiving drops frames
 * the sender marked aborted, as Ceph does (at most M2_MAX_ABORTED in a
 * row, then M2_E_LIMIT).
 */
M2_MUST_USE m2_err m2_conn_send_frame(struct m2_conn *c, uint8_t tag,
		    const struct m2_span *segs, size_t nseg);
M2_MUST_USE m2_err m2_conn_recv_frame(struct m2_conn *c, struct m2_frame *f);

/* m2_mode_name: "crc", "secure", or "unknown"; m2_auth_name likewise. */
const char	*m2_mode_name(uint32_t mode);
const char	*m2_auth_name(uint32_t method);

/* m2_session_clear frees the sent list and zeroes the counters. */
void		 m2_session_clear(struct m2_session *s);

/*
 * An entity name, "client.admin": m2_entity_name_parse splits it into
 * the entity type (M2_ENTITY_TYPE_*) and the id after the first dot.  It
 * returns 0 for an unknown type or a name without a dot.
 */
struct m2_entity_name {
	uint32_t	 type;
	char		 id[64];
};
int		 m2_entity_name_parse(const char *s, struct m2_entity_name *n);
/*
 * m2_entity_type_label is m2_entity_type_name (m2/conf.h) for printing:
 * "client", "mon", ..., and "unknown" instead of NULL.
 */
const char	*m2_entity_type_label(uint32_t type);

/*
 * Auth none (AuthNoneClientHandler, AuthNoneServiceHandler).  The client
 * sends u8 mode (10 to a monitor, 1 as an authorizer), the entity name
 * and its global_id, and gets an empty AUTH_DONE payload; the session
 * key is empty, so the signatures are 32 zero bytes.
 * m2_auth_none_client fills |a| to use |st|, which must outlive it.
 */
struct m2_auth_none {
	struct m2_entity_name name;
	uint8_t		 mode;			/* 10 (mon) or 1 */
};
void		 m2_auth_none_client(struct m2_client_auth *a,
		    struct m2_auth_none *st);
/*
 * The server side: |arg| points to an _Atomic uint64_t, the next
 * global_id to hand out (incremented here) when the client sent 0.  A
 * payload that does not decode is refused with -EINVAL.
 */
int		 m2_auth_none_server(void *arg, uint32_t method,
		    uint32_t con_mode, int first, struct m2_span in,
		    struct m2_buf *out, struct m2_auth_result *res, char *why,
		    size_t why_len);

/*
 * A cephx authorizer as the client's method (AUTH_MODE_AUTHORIZER): what
 * a monitor, OSD or MGR presents to a peer service.  AUTH_REQUEST carries
 * the authorizer (m2_cephx_authz_build) for |ticket|; the peer's
 * AUTH_REPLY_MORE (the encrypted CephXAuthorizeChallenge) is answered by
 * AUTH_REQUEST_MORE with the challenge + 1 (m2_cephx_authz_challenge);
 * AUTH_DONE's CephXAuthorizeReply must hold nonce + 1 and, in secure
 * mode, a 64-byte connection secret (m2_cephx_authz_reply; a reply
 * without one in secure mode is M2_E_DENIED).  The session key is the
 * ticket's.  |global_id| is the authorizer's (0 for a monitor's own
 * ticket; otherwise the global_id the ticket was issued for), not the
 * session's.  m2_cephx_authz_client fills |a| to use |st|, which must
 * outlive it; set st->ticket and st->global_id first.
 */
struct m2_cephx_authz_client {
	struct m2_cephx_ticket	 ticket;
	uint64_t		 global_id;
	const uint64_t		*fixed_nonce;	/* test hook */
	uint32_t		 con_mode;	/* private: AUTH_DONE's */
	struct m2_cephx_authz	 authz;		/* private */
};
void		 m2_cephx_authz_client(struct m2_client_auth *a,
		    struct m2_cephx_authz_client *st);

#endif

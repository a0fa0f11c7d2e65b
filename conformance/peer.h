/* SPDX-License-Identifier: MIT */
/*
 * The scripted peer of the conformance runner: a msgr2 client that can
 * run a correct handshake up to any stage and misbehave at exactly one
 * point (a named fault on one frame, raw bytes, a wrong field), and that
 * classifies how the implementation under test reacted: a clean close
 * (FIN), a reset (RST), a frame (which tag; AUTH_BAD_METHOD's result),
 * or silence until the step deadline.  It never waits without a deadline
 * and never allocates a length the peer claims before the bytes arrive
 * (and never more than CF_MAX_RFRAME).
 *
 * Frames are built with ref's codec (m2_frame_build, m2_gcm); faults are
 * applied to the built bytes or, for preambles the codec refuses to
 * build (nseg 0 or 5, huge lengths), to a hand-made preamble that is
 * encrypted here in secure mode.
 */
#ifndef M2_CF_PEER_H
#define M2_CF_PEER_H

#include "m2/m2.h"
#include "result.h"

/*
 * CF_IGNORE drops a result on purpose: a case that sends a wrong frame
 * judges the peer by what it reads next, not by whether the write went
 * through (the peer may have closed already).
 */
#define CF_IGNORE(e)	do { m2_err cf_ignored_ = (e); (void)cf_ignored_; } \
			while (0)

#define CF_MAX_RFRAME	(16u << 20)	/* the largest frame we read */

struct m2_cephx_keystore;

/* The runner's role: which side of the implementation it tests. */
enum cf_role {
	CF_TEST_SERVER,		/* --target: we connect and play a client */
	CF_TEST_CLIENT		/* --listen: we accept and play a server */
};

/* Everything the command line fixes for a run. */
struct cf_settings {
	enum cf_role	 role;
	struct m2_addrvec targets;	/* --target, as given */
	struct m2_addr	 addr;		/* the v2 address we dial */
	uint32_t	 auth;		/* M2_AUTH_NONE or M2_AUTH_CEPHX */
	char		 name[64];	/* client.admin */
	uint8_t		 key[16];
	int		 have_key;
	uint32_t	 modes[2];	/* --mode: the variants we run */
	size_t		 n_modes;
	int		 rev0, rev1;	/* --rev: the revisions we run */
	uint8_t		 peer_type;	/* --peer-type; 0: any */
	int		 step_ms;	/* per-step deadline */
	int		 verbose;
	const char	*wirelog_dir;	/* --wirelog: one file per case run */

	/* client role (--listen) */
	int		 lfd;		/* the listening socket */
	struct m2_addr	 listen;	/* its address, port resolved */
	char		 listen_text[80]; /* "v2:127.0.0.1:PORT/0" */
	char		 listen_host[64], listen_port[16];
	const char	*exec;		/* --exec: the client under test */
	const char	*client_log;	/* --client-log: its output */
	int		 accept_ms;	/* how long we wait for it */
	const struct m2_cephx_keystore *ks; /* the client's key (cephx) */
};

/*
 * A wirelog: every byte each way, in order, with the time of each chunk
 * (seconds since the connection's start).  Capped per direction; what
 * does not fit is counted in |dropped|.
 */
#define CF_WIRE_MAX	(1u << 20)
#define CF_WIRE_EVENTS	4096
struct cf_wire {
	uint8_t		*b[2];		/* [0] received, [1] sent */
	size_t		 len[2], cap[2];
	size_t		 dropped[2];
	size_t		 nev;
	struct {
		double	 t;
		uint8_t	 dir;
		size_t	 off, len;
	}		 ev[CF_WIRE_EVENTS];
	double		 t0;
};

/* Named frame faults (applied to the next frame with the fault's tag). */
enum cf_fault_kind {
	CF_F_NONE,
	CF_F_PRE_CRC,		/* preamble crc off by one bit */
	CF_F_SEG_CRC,		/* crc of segment |idx| (crc formats) */
	CF_F_LATE,		/* late_flags/late_status = |val| */
	CF_F_GCM_TAG,		/* GCM tag of block |idx| (0..2) flipped */
	CF_F_ALIGN,		/* segment |idx| alignment = |val| */
	CF_F_NSEG_EMPTY_LAST,	/* nseg = |val| with empty segments after */
	CF_F_RESERVED,		/* preamble byte 27 = |val| */
	CF_F_TRUNC_PAYLOAD,	/* drop the last |val| payload bytes */
	CF_F_TRAIL_PAYLOAD,	/* append |val| zero bytes to the payload */
	CF_F_TAG		/* send with tag |val| instead */
};

struct cf_fault {
	enum cf_fault_kind kind;
	int		 idx;
	uint32_t	 val;
};

/* The handshake stages a case can stop after. */
enum cf_stage {
	CF_ST_NONE,
	CF_ST_CONNECTED,	/* TCP is up */
	CF_ST_BANNER,		/* banners exchanged; fmt known */
	CF_ST_HELLO,		/* HELLO both ways */
	CF_ST_AUTH,		/* AUTH_DONE received; framing switched */
	CF_ST_SIGNED,		/* AUTH_SIGNATURE both ways */
	CF_ST_READY		/* SERVER_IDENT received */
};

/* How the peer reacted to the last thing we did. */
struct cf_react {
	enum cf_reaction r;	/* CLOSE, RESET, FRAME, SILENCE, ... */
	int		 tag;	/* for FRAME: the tag, or -1 if undecodable */
	int32_t		 code;	/* AUTH_BAD_METHOD result */
	char		 why[160];
};

/* What cf_observe saw until the peer closed, went silent, or stopped it. */
#define CF_OBS_MAX	32
struct cf_obs {
	struct cf_react	 end;		/* how it ended */
	size_t		 n;		/* frames received */
	uint8_t		 tags[CF_OBS_MAX];
	int		 stopped;	/* ended at a tag in the stop mask */
	int32_t		 bad_method;	/* AUTH_BAD_METHOD result, or 0 */
	struct m2_header2 msg;		/* the last MESSAGE header */
	int		 have_msg;
	struct m2_keepalive2_ack ka;	/* the last KEEPALIVE2_ACK */
	int		 have_ka;
	uint64_t	 done_gid;	/* AUTH_DONE global_id, if any */
	int		 have_done;
};

struct m2_cephx_client;

/*
 * The server side of the scripted peer (peer_srv.c): the knobs a
 * client-role case turns, and what the client sent.  Zero is "correct".
 */
struct cf_srv {
	uint8_t		 hello_type;	/* our HELLO's entity type; 0: MON */
	uint32_t	 done_mode;	/* AUTH_DONE con_mode; 0: variant's */
	int		 done_flip;	/* corrupt AUTH_DONE's client ticket */
	int		 done_gid_zero;	/* AUTH_DONE global_id 0 */
	uint16_t	 done_key_len;	/* its CryptoKey's claimed length */

	/* learnt */
	uint32_t	 method;	/* the client's AUTH_REQUEST method */
	uint32_t	 modes[8];	/* and its preferred modes */
	size_t		 n_modes;
	int		 no_mode;	/* it lacks the variant's mode */
	uint64_t	 next_gid;	/* global_id we hand out */
	struct m2_client_ident cident;	/* its CLIENT_IDENT */
	int		 have_cident;
	uint64_t	 server_cookie;	/* ours, when the session is lossless */
};

/* A received frame: its segments live in the peer's buffer. */
struct cf_rframe {
	uint8_t		 tag;
	uint8_t		 nseg;
	struct m2_span	 seg[M2_MAX_SEGMENTS];
	uint8_t		 late;
};

struct cf_peer {
	const struct cf_settings *s;
	struct m2_sock	 sock;
	int		 rev1_offer;	/* our banner offers REVISION_1 */
	uint32_t	 want_mode;	/* the one mode we request */
	int		 rev1;		/* negotiated */
	enum m2_fmt	 fmt;
	struct m2_gcm	 rx, tx;
	int		 crypto_on;
	enum cf_stage	 stage;

	/* pre-auth bytes for AUTH_SIGNATURE: [0] received, [1] sent */
	int		 rec;
	uint8_t		*pre[2];
	size_t		 pre_len[2], pre_cap[2];

	/* negotiated and learnt */
	struct m2_banner peer_banner;
	struct m2_hello	 peer_hello;
	uint64_t	 global_id;
	uint64_t	 claim_gid;	/* AUTH_REQUEST global_id */
	uint32_t	 con_mode;
	uint8_t		 session_key[16];
	size_t		 session_key_len;
	uint8_t		 con_secret[64];
	size_t		 con_secret_len;
	struct m2_server_ident sident;
	struct m2_cephx_client *cx;
	uint64_t	 client_cookie;
	uint64_t	 out_seq;
	int		 lossy;
	/* the cephx AUTH_REQUEST_MORE payload we sent (replay tests) */
	uint8_t		 more_sent[1024];
	size_t		 more_len;
	const uint8_t	*replay_more;	/* send this instead */
	size_t		 replay_more_len;
	int		 wrong_key;	/* cephx with a corrupted secret */
	int		 bad_sig;	/* our AUTH_SIGNATURE: 1 flipped, 2 zeros */

	/* one pending fault */
	int		 fault_tag;	/* -1: none */
	struct cf_fault	 fault;

	/* receive buffer */
	uint8_t		*rbuf;
	size_t		 rcap;
	uint8_t		*scratch;
	size_t		 scap;

	/* the wirelog, when the settings ask for one */
	struct cf_wire	*wire;

	/* client role: we are the server */
	struct cf_srv	 srv;
	struct m2_cephx_server *cxs;

	/* what happened when a step failed */
	struct cf_react	 react;
	char		 why[256];
};

/* In the client role (--listen) the scripted peer is the server. */
static inline int
cf_peer_is_server(const struct cf_peer *p)
{
	return p->s->role == CF_TEST_CLIENT;
}

/*
 * cf_peer_init prepares |p| for one connection with settings |s|: our
 * banner offers REVISION_1 when |rev1| is set, and AUTH_REQUEST asks for
 * |mode| only.  cf_peer_free closes and releases everything.
 */
void		 cf_peer_init(struct cf_peer *p, const struct cf_settings *s,
		    int rev1, uint32_t mode);
void		 cf_peer_free(struct cf_peer *p);

/*
 * cf_peer_set_fault arms |f| for the next frame we send with tag |tag|
 * (it fires once).
 */
void		 cf_peer_set_fault(struct cf_peer *p, uint8_t tag,
		    const struct cf_fault *f);

/*
 * cf_peer_run_to runs the correct handshake from the current stage up to
 * |stage|.  It returns M2_OK, or an error with p->react telling how the
 * peer reacted (CLOSE, RESET, FRAME with the unexpected tag, SILENCE)
 * and p->why one line.
 */
M2_MUST_USE m2_err cf_peer_run_to(struct cf_peer *p, enum cf_stage stage);

/* The individual steps (cf_peer_run_to calls them in order). */
M2_MUST_USE m2_err cf_peer_connect(struct cf_peer *p);
M2_MUST_USE m2_err cf_peer_banner(struct cf_peer *p,
		    const struct m2_banner *mine);
M2_MUST_USE m2_err cf_peer_recv_banner(struct cf_peer *p);
/* cf_peer_recv_hello reads the peer's HELLO into p->peer_hello. */
M2_MUST_USE m2_err cf_peer_recv_hello(struct cf_peer *p);
/*
 * cf_peer_send_sig sends our AUTH_SIGNATURE (the HMAC of what we
 * received; p->bad_sig spoils it); cf_peer_recv_sig reads the peer's and
 * checks it against what we sent.  Both roles.
 */
M2_MUST_USE m2_err cf_peer_send_sig(struct cf_peer *p);
M2_MUST_USE m2_err cf_peer_recv_sig(struct cf_peer *p);

/* cf_payload: a control frame's payload is its last segment (Ceph's
 * reading). */
void		 cf_payload(const struct cf_rframe *f, struct m2_cur *c);

/* cf_peer_write writes raw bytes (recorded before AUTH_SIGNATURE). */
M2_MUST_USE m2_err cf_peer_write(struct cf_peer *p, const void *b, size_t n);

/*
 * cf_peer_send_frame builds a frame in the current format, applies the
 * armed fault if its tag matches, and writes it.
 */
M2_MUST_USE m2_err cf_peer_send_frame(struct cf_peer *p, uint8_t tag,
		    const struct m2_span *segs, size_t nseg);
M2_MUST_USE m2_err cf_peer_send1(struct cf_peer *p, uint8_t tag,
		    const uint8_t *pay, size_t n);

/*
 * cf_peer_send_head sends a hand-made 32-byte preamble |pre| (with the
 * crc flipped if |bad_crc|) and nothing after it but, in msgr2.1 secure
 * mode, the 48 inline bytes |inl| (zeros if NULL) and the block's tag:
 * what a reader reads before it must decide on the lengths.  In msgr2.0
 * secure mode only the 32 encrypted bytes are sent.
 */
M2_MUST_USE m2_err cf_peer_send_head(struct cf_peer *p,
		    const struct m2_preamble *pre, int bad_crc);

/*
 * cf_peer_recv_frame reads one frame in the current format (lengths over
 * CF_MAX_RFRAME refused).  Errors set p->react.
 */
M2_MUST_USE m2_err cf_peer_recv_frame(struct cf_peer *p,
		    struct cf_rframe *f);

/*
 * cf_observe reads frames until the peer closes or resets, is silent for
 * the step deadline, sends something undecodable, or sends a frame whose
 * tag bit (1u << tag) is in |stop|.  KEEPALIVE2 frames are answered.
 */
void		 cf_observe(struct cf_peer *p, uint32_t stop, struct cf_obs *o);

/* cf_peer_shutdown_wr sends FIN (our half-close). */
void		 cf_peer_shutdown_wr(struct cf_peer *p);

/*
 * Payload builders for a correct client.  Our HELLO names the entity type
 * of --name (MON for "mon.b"; CLIENT for client.admin or a bad name).
 */
size_t		 cf_build_hello(struct cf_peer *p, uint8_t *out, size_t cap);
size_t		 cf_build_auth_request(struct cf_peer *p, uint32_t method,
		    const uint32_t *modes, size_t n_modes, uint64_t gid,
		    uint8_t *out, size_t cap);
size_t		 cf_build_client_ident(struct cf_peer *p,
		    struct m2_client_ident *id, uint8_t *out, size_t cap);
void		 cf_default_client_ident(struct cf_peer *p,
		    struct m2_client_ident *id);
size_t		 cf_build_message(struct cf_peer *p, uint64_t seq,
		    uint16_t type, uint8_t *hdr);

/*
 * cf_peer_send_message sends a MESSAGE (header2 with |seq|, |type|; empty
 * front, middle, data unless |front|) as Ceph lays it out: 4 segments,
 * the data segment aligned to 4096.
 */
M2_MUST_USE m2_err cf_peer_send_message(struct cf_peer *p, uint64_t seq,
		    uint16_t type, struct m2_span front);
/*
 * cf_peer_send_cut_message sends the same MESSAGE with its header2
 * segment cut to |hdr_len| bytes (< M2_HEADER2_LEN), for the cases that
 * check a peer does not read past it; p->out_seq stays.
 */
M2_MUST_USE m2_err cf_peer_send_cut_message(struct cf_peer *p,
		    uint64_t seq, uint16_t type, size_t hdr_len,
		    struct m2_span front);

/* cf_peer_echo_keepalive answers the KEEPALIVE2 |f| with its stamp. */
void		 cf_peer_echo_keepalive(struct cf_peer *p,
		    const struct cf_rframe *f);

/* cf_peer_send_keepalive sends KEEPALIVE2 with the stamp |sec|.|nsec|. */
M2_MUST_USE m2_err cf_peer_send_keepalive(struct cf_peer *p, uint32_t sec,
		    uint32_t nsec);

/*
 * cf_wirelog_write writes |p|'s wirelog to |path| as a transcript
 * (vectors/SCHEMA.md, "Transcripts": both streams, the secrets the
 * runner knew, and "events" with the time of each chunk), and next to it
 * |path| with ".txt" for ".json": the frames decoded, one per line, as
 * m2dump prints them.  Returns 0 or -1.
 */
int		 cf_wirelog_write(const struct cf_peer *p, const char *path,
		    const char *desc);

/* "rev1-crc" and so on. */
const char	*cf_variant_name(int rev1, uint32_t mode);

/* ------------------------------------------------------------------ */
/* Server side (client role; peer_srv.c)                               */
/* ------------------------------------------------------------------ */

/*
 * In the client role the stages mean: CONNECTED, a client was accepted;
 * BANNER, banners exchanged; HELLO, HELLO both ways; AUTH, AUTH_DONE
 * sent; SIGNED, AUTH_SIGNATURE both ways; READY, SERVER_IDENT sent.
 * cf_peer_run_to runs these when p->server is set.
 */
M2_MUST_USE m2_err cf_srv_run_to(struct cf_peer *p, enum cf_stage stage);

/* The steps, for cases that misbehave inside one. */
M2_MUST_USE m2_err cf_srv_accept(struct cf_peer *p);
M2_MUST_USE m2_err cf_srv_send_hello(struct cf_peer *p);
/*
 * cf_srv_send_bad_method sends AUTH_BAD_METHOD for |method| with
 * |result|, allowing method |allowed| (none if 0) in the variant's mode.
 */
M2_MUST_USE m2_err cf_srv_send_bad_method(struct cf_peer *p,
		    uint32_t method, int32_t result, uint32_t allowed);
/*
 * cf_srv_recv_auth_request reads AUTH_REQUEST and keeps its method and
 * modes; a method other than ours is answered AUTH_BAD_METHOD and the
 * next request read (up to 3 times).  Its payload is left in
 * |payload| (valid until the next read).  If the client does not offer
 * the variant's mode, p->srv.no_mode is set and M2_E_COMPAT returned.
 */
M2_MUST_USE m2_err cf_srv_recv_auth_request(struct cf_peer *p,
		    struct m2_span *payload);
/* cf_srv_offers: the client's AUTH_REQUEST offered |mode|. */
int		 cf_srv_offers(const struct cf_peer *p, uint32_t mode);
/*
 * cf_srv_auth_more runs cephx's challenge round for |payload| (an
 * AUTH_REQUEST payload) and leaves the AUTH_REQUEST_MORE payload in
 * |more|; with auth none it only copies |payload|.
 */
M2_MUST_USE m2_err cf_srv_auth_more(struct cf_peer *p,
		    struct m2_span payload, struct m2_span *more);
/*
 * cf_srv_auth_done writes AUTH_DONE for |more| (p->srv's knobs apply)
 * and switches to the post-auth framing.
 */
M2_MUST_USE m2_err cf_srv_auth_done(struct cf_peer *p, struct m2_span more);
/* cf_srv_recv_ident reads CLIENT_IDENT into p->srv.cident. */
M2_MUST_USE m2_err cf_srv_recv_ident(struct cf_peer *p);
/* cf_srv_default_ident fills the SERVER_IDENT a correct server sends. */
void		 cf_srv_default_ident(struct cf_peer *p,
		    struct m2_server_ident *id);
M2_MUST_USE m2_err cf_srv_send_ident(struct cf_peer *p,
		    const struct m2_server_ident *id);

#endif

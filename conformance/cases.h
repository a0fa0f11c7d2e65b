/* SPDX-License-Identifier: MIT */
/*
 * The case registry of the conformance runner and the helpers cases use
 * to reach a verdict.  A case is a row: id, area, reference, one-line
 * description, the behaviours that count as passing, tags, the roles
 * and variants it applies to, and a run function with an argument (so
 * one function serves a table of cases).
 */
#ifndef M2_CF_CASES_H
#define M2_CF_CASES_H

#include <stdint.h>

#include "peer.h"
#include "result.h"

/* Roles: which side of the implementation under test a case exercises. */
#define CF_ROLE_SERVER	0x1	/* we connect; the target is a server */
#define CF_ROLE_CLIENT	0x2	/* we listen; the target is a client */

/* Variants: revision x mode.  0 means the case runs once ("-"). */
#define CF_V_R0C	0x1
#define CF_V_R1C	0x2
#define CF_V_R0S	0x4
#define CF_V_R1S	0x8
#define CF_V_CRC	(CF_V_R0C | CF_V_R1C)
#define CF_V_SECURE	(CF_V_R0S | CF_V_R1S)
#define CF_V_REV1	(CF_V_R1C | CF_V_R1S)
#define CF_V_ALL	(CF_V_CRC | CF_V_SECURE)

/* Requirements on the run's settings. */
#define CF_NEED_CEPHX	0x1		/* --auth cephx */
#define CF_NEED_NONE	0x2		/* --auth none */

struct cf_case;
struct cf_proc;

/* One run of one case in one variant. */
struct cf_ctx {
	const struct cf_settings *s;
	const struct cf_case	*c;
	int			 rev1;
	uint32_t		 mode;		/* M2_CON_MODE_* */
	struct cf_result	*r;
	struct cf_peer		 p;		/* fresh for each run */
	struct cf_proc		*proc;		/* client role: --exec's */
	int			 nconn;		/* other connections ended */
};

struct cf_case {
	const char	*id;
	const char	*area;
	const char	*ref;		/* SPEC-NOTES §; Ceph function */
	const char	*desc;
	const char	*expect;	/* what counts as passing */
	const char	*tags;
	unsigned	 roles;
	unsigned	 variants;
	unsigned	 needs;
	void		(*run)(struct cf_ctx *x, intptr_t arg);
	intptr_t	 arg;
};

/* cf_register adds |c| (copied) to the registry. */
void		 cf_register(const struct cf_case *c);
/* cf_register_table adds |n| cases. */
void		 cf_register_table(const struct cf_case *c, size_t n);

/* The areas, each registering its cases. */
void		 cf_cases_banner(void);
void		 cf_cases_frame(void);
void		 cf_cases_control(void);
void		 cf_cases_auth(void);
void		 cf_cases_session(void);
void		 cf_cases_cve(void);
void		 cf_cases_reconnect(void);
void		 cf_cases_compress(void);
void		 cf_cases_client(void);		/* the client role */

/*
 * cf_peer_done ends |q|, a connection of the case other than x->p (which
 * may come before or after it): with --wirelog it first writes q's
 * wirelog beside the case's, as <id>@<variant>.conn<N>.json, N counting
 * from 1 in the order the case ends them (x->p's is <id>@<variant>.json);
 * then cf_peer_free.
 */
void		 cf_peer_done(struct cf_ctx *x, struct cf_peer *q);

/* cf_tagname: |tag|'s name, or "an unknown tag" (also for -1). */
const char	*cf_tagname(int tag);

/* cf_tag_slug writes |tag|'s name as an id part: "session-retry". */
void		 cf_tag_slug(unsigned tag, char *out, size_t cap);

/*
 * cf_tag_payload writes a well-formed payload for |tag| (so that only
 * the state it arrives in is wrong); a MESSAGE is two segments, in
 * |segs|.  Returns its length; *nseg is 1 or 2.
 */
size_t		 cf_tag_payload(struct cf_peer *p, uint8_t tag, uint8_t *out,
		    size_t cap, struct m2_span *segs, size_t *nseg);

/*
 * Verdict helpers.  cf_verdict sets the verdict, reaction and a one-line
 * detail.  cf_react_verdict records |r| as the reaction.
 */
void		 cf_verdict(struct cf_ctx *x, enum cf_verdict v,
		    enum cf_reaction r, int tag, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));

/*
 * cf_setup runs the correct handshake to |stage|; on failure it records
 * the verdict (fail, with how the peer reacted; error if it refused the
 * connection) and returns -1.
 */
int		 cf_setup(struct cf_ctx *x, enum cf_stage stage);

/*
 * cf_expect_close judges |o| for a case whose right reaction is to
 * close (FIN or RST): frames whose tags are in |allowed| (bits 1 << tag;
 * frames the peer had sent before our fault could matter) are ignored,
 * any other frame fails, silence is a timeout.
 */
void		 cf_expect_close(struct cf_ctx *x, const struct cf_obs *o,
		    uint32_t allowed);

/*
 * cf_expect_frame: passes if |o| stopped at a frame whose tag is in
 * |want| (bits); a close or another frame fails; silence times out.
 */
void		 cf_expect_frame(struct cf_ctx *x, const struct cf_obs *o,
		    uint32_t want);

/*
 * cf_expect_run_fails runs the handshake to |stage| after a fault was
 * armed (or a step was altered): it passes if the peer closes or resets
 * (or, when |frames| has its bit, sends such a frame), fails if the
 * handshake completes.
 */
void		 cf_expect_run_fails(struct cf_ctx *x, enum cf_stage stage,
		    uint32_t frames);

/* cf_expect_run_completes: passes if the handshake reaches |stage|. */
void		 cf_expect_run_completes(struct cf_ctx *x, enum cf_stage stage);

/*
 * cf_expect_alive checks, in READY, that the connection still works: a
 * KEEPALIVE2 is answered by KEEPALIVE2_ACK with its stamp, and no frame
 * whose bit is in |forbid| arrives first.
 */
void		 cf_expect_alive(struct cf_ctx *x, uint32_t forbid);

#define BIT(t)		(1u << (t))

#endif

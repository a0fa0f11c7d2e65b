/* SPDX-License-Identifier: MIT */
/*
 * Verdict helpers for cases (cases.h): they turn what the scripted peer
 * observed into a verdict, a reaction and a one-line detail.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cases.h"

/* see cases.h */
const char *
cf_tagname(int tag)
{
	const char *n = tag >= 0 ? m2_tag_name((unsigned)tag) : NULL;

	return n != NULL ? n : "an unknown tag";
}

/* see cases.h */
void
cf_verdict(struct cf_ctx *x, enum cf_verdict v, enum cf_reaction r, int tag,
    const char *fmt, ...)
{
	va_list ap;

	x->r->verdict = v;
	x->r->reaction = r;
	x->r->tag = r == CF_R_FRAME ? tag : -1;
	va_start(ap, fmt);
	vsnprintf(x->r->detail, sizeof(x->r->detail), fmt, ap);
	va_end(ap);
}

static void
from_react(struct cf_ctx *x, enum cf_verdict v, const struct cf_react *re,
    const char *prefix)
{
	cf_verdict(x, v, re->r, re->tag, "%s%s", prefix, re->why);
	x->r->code = re->code;
}

/*
 * In the client role a variant whose mode the client does not offer
 * does not apply to it.
 */
static int
no_mode(struct cf_ctx *x)
{
	if (!cf_peer_is_server(&x->p) || !x->p.srv.no_mode)
		return 0;
	cf_verdict(x, CF_UNSUPPORTED, CF_R_FRAME, M2_TAG_AUTH_REQUEST, "%s",
	    x->p.why);
	return 1;
}

/* see cases.h */
int
cf_setup(struct cf_ctx *x, enum cf_stage stage)
{
	if (cf_peer_run_to(&x->p, stage) == M2_OK)
		return 0;
	if (no_mode(x))
		return -1;
	from_react(x, x->p.react.r == CF_R_REFUSED ? CF_ERROR : CF_FAIL,
	    &x->p.react, "a correct handshake failed before the test step: ");
	return -1;
}

/* see cases.h */
void
cf_expect_close(struct cf_ctx *x, const struct cf_obs *o, uint32_t allowed)
{
	for (size_t i = 0; i < o->n; i++) {
		if (o->tags[i] < 32 && (allowed & BIT(o->tags[i])))
			continue;
		cf_verdict(x, CF_FAIL, CF_R_FRAME, o->tags[i], "the peer sent "
		    "%s instead of closing", cf_tagname(o->tags[i]));
		if (o->tags[i] == M2_TAG_AUTH_BAD_METHOD)
			x->r->code = o->bad_method;
		return;
	}
	switch (o->end.r) {
	case CF_R_CLOSE:
	case CF_R_RESET:
		from_react(x, CF_PASS, &o->end, "");
		return;
	case CF_R_SILENCE:
		from_react(x, CF_TIMEOUT, &o->end, "");
		return;
	default:
		from_react(x, CF_FAIL, &o->end, "");
		return;
	}
}

/* see cases.h */
void
cf_expect_frame(struct cf_ctx *x, const struct cf_obs *o, uint32_t want)
{
	if (o->stopped && o->end.tag >= 0 && (want & BIT(o->end.tag))) {
		from_react(x, CF_PASS, &o->end, "");
		x->r->code = o->end.code;
		return;
	}
	if (o->end.r == CF_R_SILENCE) {
		from_react(x, CF_TIMEOUT, &o->end, "");
		return;
	}
	from_react(x, CF_FAIL, &o->end, "");
}

/* see cases.h */
void
cf_expect_run_fails(struct cf_ctx *x, enum cf_stage stage, uint32_t frames)
{
	const struct cf_react *re = &x->p.react;

	if (cf_peer_run_to(&x->p, stage) == M2_OK) {
		cf_verdict(x, CF_FAIL, CF_R_COMPLETED, -1, "the peer went on "
		    "with the handshake (reached stage %d)", (int)stage);
		return;
	}
	if (no_mode(x))
		return;
	switch (re->r) {
	case CF_R_CLOSE:
	case CF_R_RESET:
		from_react(x, CF_PASS, re, "");
		return;
	case CF_R_FRAME:
		if (re->tag >= 0 && (frames & BIT(re->tag))) {
			from_react(x, CF_PASS, re, "");
			return;
		}
		from_react(x, CF_FAIL, re, "");
		return;
	case CF_R_SILENCE:
		from_react(x, CF_TIMEOUT, re, "");
		return;
	case CF_R_REFUSED:
		from_react(x, CF_ERROR, re, "");
		return;
	default:
		from_react(x, CF_ERROR, re, "runner: ");
		return;
	}
}

/* see cases.h */
void
cf_expect_run_completes(struct cf_ctx *x, enum cf_stage stage)
{
	const struct cf_react *re = &x->p.react;

	if (cf_peer_run_to(&x->p, stage) == M2_OK) {
		cf_verdict(x, CF_PASS, CF_R_COMPLETED, -1, "the handshake "
		    "went on to stage %d", (int)stage);
		return;
	}
	if (no_mode(x))
		return;
	from_react(x, re->r == CF_R_SILENCE ? CF_TIMEOUT : re->r ==
	    CF_R_REFUSED ? CF_ERROR : CF_FAIL, re, "");
}

/* see cases.h */
void
cf_expect_alive(struct cf_ctx *x, uint32_t forbid)
{
	struct cf_obs o;
	uint32_t sec = 0x5eed0001, nsec = 0x00c0ffee;

	if (cf_peer_send_keepalive(&x->p, sec, nsec) != M2_OK) {
		cf_observe(&x->p, 0, &o);
		from_react(x, CF_FAIL, &o.end, "the connection is gone: ");
		return;
	}
	cf_observe(&x->p, BIT(M2_TAG_KEEPALIVE2_ACK), &o);
	for (size_t i = 0; i < o.n; i++)
		if (o.tags[i] < 32 && (forbid & BIT(o.tags[i]))) {
			cf_verdict(x, CF_FAIL, CF_R_FRAME, o.tags[i], "the "
			    "peer sent %s", cf_tagname(o.tags[i]));
			return;
		}
	if (!o.stopped) {
		from_react(x, o.end.r == CF_R_SILENCE ? CF_TIMEOUT : CF_FAIL,
		    &o.end, "no KEEPALIVE2_ACK: ");
		return;
	}
	if (o.ka.sec != sec || o.ka.nsec != nsec) {
		cf_verdict(x, CF_FAIL, CF_R_FRAME, M2_TAG_KEEPALIVE2_ACK,
		    "KEEPALIVE2_ACK carries %u.%u, not the stamp %u.%u",
		    o.ka.sec, o.ka.nsec, sec, nsec);
		return;
	}
	cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_KEEPALIVE2_ACK, "the "
	    "connection went on: KEEPALIVE2_ACK echoed the stamp");
}

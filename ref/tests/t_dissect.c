/* SPDX-License-Identifier: MIT */
/*
 * The session dissector (m2/dissect.h) on synthetic sessions built with
 * the codec: every framing (msgr2.0/2.1 x crc/secure), an auth exchange
 * with AUTH_BAD_METHOD and AUTH_REPLY_MORE rounds (so the client's
 * switch comes after 1 + 3 frames), real HMAC signatures, multi-segment
 * MESSAGE frames; then wrong keys, wrong secrets, flipped bytes, every
 * truncation of the client's stream, and a short scratch.
 */
#include "t.h"

#define STREAM_MAX	65536

struct stream {
	uint8_t		 mem[STREAM_MAX];
	struct m2_buf	 b;
	struct m2_gcm	 tx;
	int		 secure;
};

struct session {
	struct stream	 s[2];		/* M2_DIR_C2S, M2_DIR_S2C */
	size_t		 c2s_len, s2c_len;
	size_t		 off_msg_c2s;	/* the client's MESSAGE frame */
	int		 rev1;
};

static const uint8_t	session_key[16] = "session-key-0123";
static uint8_t		con_secret[64];
static uint8_t		scratch[STREAM_MAX];
static uint8_t		front[300], data[5000];

static void
banner(struct stream *st, int rev1)
{
	struct m2_banner	b = { 16, rev1 ? M2_FEATURE_REVISION_1 : 0, 0 };

	m2_banner_build(&st->b, &b);
}

/* Append a frame of |tag| with |count| segments to |st|. */
static void
frame(struct stream *st, int rev1, uint8_t tag, const struct m2_span *segs,
    size_t count)
{
	struct m2_frame	f;
	enum m2_fmt	fmt;

	if (rev1)
		fmt = st->secure ? M2_FMT_REV1_SECURE : M2_FMT_REV1_CRC;
	else
		fmt = st->secure ? M2_FMT_REV0_SECURE : M2_FMT_REV0_CRC;

	m2_frame_init(&f, fmt, tag, segs, NULL, count);
	T_OK(m2_frame_build(&st->b, fmt, st->secure ? &st->tx : NULL, &f));
}

/* A control frame whose payload |build| writes. */
#define CONTROL(st, rev1, tag, fn, val) do {				\
	uint8_t		 pl_[512];					\
	struct m2_buf	 pb_;						\
	struct m2_span	 sp_;						\
	size_t		 pn_ = 0;					\
									\
	m2_buf_init(&pb_, pl_, sizeof(pl_));				\
	fn(&pb_, (val));						\
	T_OK(m2_buf_finish(&pb_, &pn_));				\
	sp_.p = pl_;							\
	sp_.len = pn_;							\
	frame((st), (rev1), (tag), &sp_, 1);				\
} while (0)

static void
message(struct stream *st, int rev1, uint16_t type, uint64_t seq)
{
	struct m2_header2	h;
	uint8_t			hb[M2_HEADER2_LEN];
	struct m2_buf		b;
	struct m2_span		segs[4];
	size_t			n;

	memset(&h, 0, sizeof(h));
	h.seq = seq;
	h.type = type;
	h.version = 1;
	h.flags = M2_FOOTER_COMPLETE | M2_FOOTER_NOCRC;
	m2_buf_init(&b, hb, sizeof(hb));
	m2_msg_header2_build(&b, &h);
	T_OK(m2_buf_finish(&b, &n));
	segs[0].p = hb;
	segs[0].len = n;
	segs[1].p = front;
	segs[1].len = sizeof(front);
	segs[2].p = NULL;
	segs[2].len = 0;
	segs[3].p = data;
	segs[3].len = sizeof(data);
	frame(st, rev1, M2_TAG_MESSAGE, segs, 4);
}

static void
go_secure(struct stream *st, enum m2_role role, int rev1)
{
	uint8_t	key[16], rxn[12], txn[12];

	T_OK(m2_secure_keys(con_secret, sizeof(con_secret), role, key, rxn,
	    txn));
	T_OK(m2_gcm_init(&st->tx, key, txn, rev1));
	st->secure = 1;
}

/*
 * client: banner HELLO AUTH_REQUEST(none) AUTH_REQUEST(cephx)
 *         AUTH_REQUEST_MORE | AUTH_SIGNATURE KEEPALIVE2 MESSAGE
 * server: banner HELLO AUTH_BAD_METHOD AUTH_REPLY_MORE AUTH_DONE |
 *         AUTH_SIGNATURE KEEPALIVE2_ACK ACK MESSAGE
 * ('|' marks the switch when |mode| is secure).
 */
static void
build_session(struct session *ss, int rev1, uint32_t mode, int auth_none)
{
	struct stream		*c = &ss->s[M2_DIR_C2S];
	struct stream		*s = &ss->s[M2_DIR_S2C];
	struct m2_hello		 hello;
	struct m2_auth_request	 req;
	struct m2_auth_bad_method bad;
	struct m2_auth_reply_more more;
	struct m2_auth_request_more rmore;
	struct m2_auth_done	 done;
	struct m2_auth_signature sig;
	struct m2_keepalive2	 ka = { 7, 8 };
	struct m2_keepalive2_ack kack = { 7, 8 };
	struct m2_ack		 ack = { 1 };
	const uint8_t		*key = auth_none ? NULL : session_key;
	size_t			 klen = auth_none ? 0 : sizeof(session_key);
	size_t			 c_signed;

	memset(ss, 0, sizeof(*ss));
	ss->rev1 = rev1;
	m2_buf_init(&c->b, c->mem, sizeof(c->mem));
	m2_buf_init(&s->b, s->mem, sizeof(s->mem));
	banner(c, rev1);
	banner(s, rev1);
	memset(&hello, 0, sizeof(hello));
	hello.entity_type = M2_ENTITY_TYPE_CLIENT;
	CONTROL(c, rev1, M2_TAG_HELLO, m2_msg_hello_build, &hello);
	hello.entity_type = M2_ENTITY_TYPE_MON;
	CONTROL(s, rev1, M2_TAG_HELLO, m2_msg_hello_build, &hello);

	memset(&req, 0, sizeof(req));
	req.n_modes = 1;
	req.modes[0] = mode;
	if (!auth_none) {
		req.method = M2_AUTH_GSS;	/* refused first */
		CONTROL(c, rev1, M2_TAG_AUTH_REQUEST,
		    m2_msg_auth_request_build, &req);
		memset(&bad, 0, sizeof(bad));
		bad.method = M2_AUTH_GSS;
		bad.result = -95;
		bad.n_methods = 1;
		bad.methods[0] = M2_AUTH_CEPHX;
		bad.n_modes = 1;
		bad.modes[0] = mode;
		CONTROL(s, rev1, M2_TAG_AUTH_BAD_METHOD,
		    m2_msg_auth_bad_method_build, &bad);
	}
	req.method = auth_none ? M2_AUTH_NONE : M2_AUTH_CEPHX;
	req.payload.p = (const uint8_t *)"abc";
	req.payload.len = 3;
	CONTROL(c, rev1, M2_TAG_AUTH_REQUEST, m2_msg_auth_request_build, &req);
	if (!auth_none) {
		more.payload.p = (const uint8_t *)"challenge";
		more.payload.len = 9;
		CONTROL(s, rev1, M2_TAG_AUTH_REPLY_MORE,
		    m2_msg_auth_reply_more_build, &more);
		rmore.payload.p = (const uint8_t *)"answer";
		rmore.payload.len = 6;
		CONTROL(c, rev1, M2_TAG_AUTH_REQUEST_MORE,
		    m2_msg_auth_request_more_build, &rmore);
	}
	memset(&done, 0, sizeof(done));
	done.global_id = 4242;
	done.con_mode = mode;
	CONTROL(s, rev1, M2_TAG_AUTH_DONE, m2_msg_auth_done_build, &done);

	/*
	 * Each side signs what it received, then switches: the server
	 * signs the client's stream as it stands now (through its last
	 * auth frame), the client the server's (through AUTH_DONE).
	 */
	c_signed = c->b.len;
	if (mode == M2_CON_MODE_SECURE) {
		go_secure(c, M2_ROLE_CLIENT, rev1);
		go_secure(s, M2_ROLE_SERVER, rev1);
	}
	T_OK(m2_auth_signature_mac(key, klen, s->mem, s->b.len, sig.sig));
	CONTROL(c, rev1, M2_TAG_AUTH_SIGNATURE, m2_msg_auth_signature_build,
	    &sig);
	T_OK(m2_auth_signature_mac(key, klen, c->mem, c_signed, sig.sig));
	CONTROL(s, rev1, M2_TAG_AUTH_SIGNATURE, m2_msg_auth_signature_build,
	    &sig);
	CONTROL(c, rev1, M2_TAG_KEEPALIVE2, m2_msg_keepalive2_build, &ka);
	ss->off_msg_c2s = c->b.len;
	message(c, rev1, 15, 1);
	CONTROL(s, rev1, M2_TAG_KEEPALIVE2_ACK, m2_msg_keepalive2_ack_build,
	    &kack);
	CONTROL(s, rev1, M2_TAG_ACK, m2_msg_ack_build, &ack);
	message(s, rev1, 4, 1);
	T_OK(m2_buf_finish(&c->b, &ss->c2s_len));
	T_OK(m2_buf_finish(&s->b, &ss->s2c_len));
	m2_gcm_wipe(&c->tx);
	m2_gcm_wipe(&s->tx);
}

/* What a walk found, event by event. */
struct walk {
	m2_err		 err;		/* the first error */
	int		 err_dir;
	size_t		 err_off;
	size_t		 frames[2];
	size_t		 secure_frames[2];
	size_t		 opaque[2];
	size_t		 errors;
	enum m2_sig	 sig[2];
	uint16_t	 msg_type[2];
	size_t		 msg_front[2], msg_data[2];
	uint32_t	 con_mode, auth_method;
	uint64_t	 global_id;
};

static void
walk(const uint8_t *c2s, size_t c2s_len, const uint8_t *s2c, size_t s2c_len,
    const uint8_t *key, size_t key_len, int have_key, const uint8_t *secret,
    size_t secret_len, size_t scratch_len, struct walk *w)
{
	static struct m2_dissect	ds;
	struct m2_dissect_event		ev;
	size_t				guard = 0;

	memset(w, 0, sizeof(*w));
	m2_dissect_init(&ds, c2s, c2s_len, s2c, s2c_len);
	ds.session_key = key;
	ds.session_key_len = key_len;
	ds.have_session_key = have_key;
	ds.con_secret = secret;
	ds.con_secret_len = secret_len;
	ds.scratch = scratch;
	ds.scratch_len = scratch_len;
	for (;;) {
		m2_err	e = m2_dissect_next(&ds, &ev);

		T_EQ(e, ev.err);
		if (ev.kind == M2_DISSECT_END)
			break;
		if (++guard > 1000) {
			T_CHECK(0, "the walk does not end");
			break;
		}
		if (e != M2_OK)
			w->errors++;
		if (ev.kind == M2_DISSECT_OPAQUE)
			w->opaque[ev.dir] = ev.len;
		if (ev.kind != M2_DISSECT_FRAME)
			continue;
		w->frames[ev.dir]++;
		if (m2_fmt_secure(ev.fmt))
			w->secure_frames[ev.dir]++;
		if (ev.frame.tag == M2_TAG_MESSAGE && ev.payload != NULL) {
			const struct m2_header2 *h = ev.payload;

			w->msg_type[ev.dir] = h->type;
			w->msg_front[ev.dir] = ev.frame.seg[1].len;
			w->msg_data[ev.dir] = ev.frame.seg[3].len;
			T_MEM(ev.frame.seg[3].p, data, sizeof(data));
		}
	}
	/* END again, and again. */
	T_OK(m2_dissect_next(&ds, &ev));
	T_EQ(ev.kind, M2_DISSECT_END);
	w->err = ds.err;
	w->err_dir = ds.err_dir;
	w->err_off = ds.diag.off;
	w->sig[0] = ds.sig[0];
	w->sig[1] = ds.sig[1];
	w->con_mode = ds.con_mode;
	w->auth_method = ds.auth_method;
	w->global_id = ds.global_id;
	m2_dissect_wipe(&ds);
}

static struct session	ss;

static void
t_good(int rev1, uint32_t mode)
{
	struct walk	w;
	int		sec = mode == M2_CON_MODE_SECURE;

	build_session(&ss, rev1, mode, 0);
	walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len, session_key,
	    sizeof(session_key), 1, con_secret, sizeof(con_secret),
	    sizeof(scratch), &w);
	T_CHECK(w.err == M2_OK, "rev%d mode %u: %s at %s+%zu", rev1, mode,
	    m2_err_name(w.err), m2_dir_name(w.err_dir), w.err_off);
	T_EQ(w.errors, 0);
	T_EQ(w.frames[0], 7);
	T_EQ(w.frames[1], 8);
	T_EQ(w.secure_frames[0], sec ? 3 : 0);	/* after 1 + 3 frames */
	T_EQ(w.secure_frames[1], sec ? 4 : 0);	/* after AUTH_DONE */
	T_EQ(w.sig[0], M2_SIG_OK);
	T_EQ(w.sig[1], M2_SIG_OK);
	T_EQ(w.con_mode, mode);
	T_EQ(w.auth_method, M2_AUTH_CEPHX);
	T_EQ(w.global_id, 4242);
	T_EQ(w.msg_type[0], 15);
	T_EQ(w.msg_type[1], 4);
	T_EQ(w.msg_front[1], sizeof(front));
	T_EQ(w.msg_data[0], sizeof(data));

	/* A wrong session key: both signatures bad, the first reported. */
	walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len,
	    (const uint8_t *)"wrong-key", 9, 1, con_secret, sizeof(con_secret),
	    sizeof(scratch), &w);
	T_ERR(w.err, M2_E_BADSIG);
	T_EQ(w.err_dir, M2_DIR_C2S);
	T_EQ(w.sig[0], M2_SIG_BAD);
	T_EQ(w.sig[1], M2_SIG_BAD);
	T_EQ(w.frames[0], 7);		/* the streams go on */
	T_EQ(w.frames[1], 8);

	/* No key: unchecked, not an error. */
	walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len, NULL, 0, 0,
	    con_secret, sizeof(con_secret), sizeof(scratch), &w);
	T_OK(w.err);
	T_EQ(w.sig[0], M2_SIG_UNCHECKED);
	T_EQ(w.sig[1], M2_SIG_UNCHECKED);

	if (!sec)
		return;
	/* No secret: the secure tails are opaque, and no error. */
	walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len, session_key,
	    sizeof(session_key), 1, NULL, 0, sizeof(scratch), &w);
	T_OK(w.err);
	T_EQ(w.frames[0], 4);
	T_EQ(w.frames[1], 4);
	T_CHECK(w.opaque[0] > 0 && w.opaque[1] > 0, "opaque tails");
	T_EQ(w.sig[0], M2_SIG_NONE);

	/* A wrong secret: the first secure frame of each stream fails. */
	{
		uint8_t	wrong[64];

		memcpy(wrong, con_secret, sizeof(wrong));
		wrong[0] ^= 1;
		walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len,
		    session_key, sizeof(session_key), 1, wrong, sizeof(wrong),
		    sizeof(scratch), &w);
		T_CHECK(w.err != M2_OK, "wrong secret accepted");
		if (rev1)
			T_ERR(w.err, M2_E_BADTAG_AEAD);
		T_EQ(w.errors, 2);
		T_EQ(w.frames[0], 4);
		T_EQ(w.frames[1], 4);
	}

	/* A short scratch: M2_E_NOSPC, no overrun. */
	walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len, session_key,
	    sizeof(session_key), 1, con_secret, sizeof(con_secret), 64, &w);
	T_ERR(w.err, M2_E_NOSPC);
}

/* Flip each byte of the client's MESSAGE frame: it must fail there. */
static void
t_flips(int rev1, uint32_t mode)
{
	static uint8_t	copy[STREAM_MAX];
	struct walk	w;

	build_session(&ss, rev1, mode, 0);
	for (size_t i = ss.off_msg_c2s; i < ss.c2s_len; i += 97) {
		memcpy(copy, ss.s[0].mem, ss.c2s_len);
		copy[i] ^= 0x20;
		walk(copy, ss.c2s_len, ss.s[1].mem, ss.s2c_len, session_key,
		    sizeof(session_key), 1, con_secret, sizeof(con_secret),
		    sizeof(scratch), &w);
		T_CHECK(w.err != M2_OK, "rev%d mode %u: flip at %zu accepted",
		    rev1, mode, i);
		T_EQ(w.err_dir, M2_DIR_C2S);
		T_EQ(w.frames[1], 8);	/* the server's stream is fine */
		if (mode == M2_CON_MODE_SECURE && rev1)
			T_ERR(w.err, M2_E_BADTAG_AEAD);
		if (mode == M2_CON_MODE_CRC && i >= ss.off_msg_c2s + 32)
			T_ERR(w.err, M2_E_BADCRC);
	}
}

/* Every truncation of the client's stream is M2_E_TRUNC or clean. */
static void
t_truncations(int rev1, uint32_t mode)
{
	struct walk	w;
	size_t		clean = 0;

	build_session(&ss, rev1, mode, 0);
	for (size_t n = 0; n < ss.c2s_len; n++) {
		walk(ss.s[0].mem, n, ss.s[1].mem, ss.s2c_len, session_key,
		    sizeof(session_key), 1, con_secret, sizeof(con_secret),
		    sizeof(scratch), &w);
		if (w.err == M2_OK)
			clean++;
		else
			T_CHECK(w.err == M2_E_TRUNC, "rev%d mode %u: %zu "
			    "bytes gave %s", rev1, mode, n,
			    m2_err_name(w.err));
	}
	T_EQ(clean, 7 + 1);	/* empty, then each frame boundary */
}

static void
t_auth_none(int rev1)
{
	struct walk	w;

	/* Auth none, no key given: the empty key, zero signatures. */
	build_session(&ss, rev1, M2_CON_MODE_CRC, 1);
	walk(ss.s[0].mem, ss.c2s_len, ss.s[1].mem, ss.s2c_len, NULL, 0, 0,
	    NULL, 0, sizeof(scratch), &w);
	T_OK(w.err);
	T_EQ(w.auth_method, M2_AUTH_NONE);
	T_EQ(w.sig[0], M2_SIG_OK);
	T_EQ(w.sig[1], M2_SIG_OK);
	T_EQ(w.frames[0], 5);
	T_EQ(w.frames[1], 6);
}

static void
t_oddities(void)
{
	static const uint8_t	msgr1[] = "ceph v027 and more";
	static uint8_t		odd[4096];
	struct stream		*st = &ss.s[0];
	struct walk		w;
	struct m2_span		sp = { (const uint8_t *)"xy", 2 };
	struct m2_banner	b = { 16, 0, M2_FEATURE_COMPRESSION };
	size_t			n;

	/* msgr1's banner */
	walk(NULL, 0, msgr1, sizeof(msgr1) - 1, NULL, 0, 0, NULL, 0,
	    sizeof(scratch), &w);
	T_ERR(w.err, M2_E_MSGR1);
	T_EQ(w.err_dir, M2_DIR_S2C);

	/* a frame with a tag no codec knows: the stream goes on */
	memset(st, 0, sizeof(*st));
	m2_buf_init(&st->b, st->mem, sizeof(st->mem));
	banner(st, 1);
	frame(st, 1, 30, &sp, 1);
	sp.len = 0;
	frame(st, 1, M2_TAG_WAIT, &sp, 1);
	T_OK(m2_buf_finish(&st->b, &n));
	walk(st->mem, n, NULL, 0, NULL, 0, 0, NULL, 0, sizeof(scratch), &w);
	T_ERR(w.err, M2_E_BADTAG);
	T_EQ(w.frames[0], 2);
	T_EQ(w.errors, 1);

	/* a peer that requires what the other lacks */
	memcpy(odd, st->mem, n);
	m2_buf_init(&st->b, st->mem, sizeof(st->mem));
	m2_banner_build(&st->b, &b);
	T_OK(m2_buf_finish(&st->b, &n));
	walk(odd, 26, st->mem, n, NULL, 0, 0, NULL, 0, sizeof(scratch), &w);
	T_ERR(w.err, M2_E_COMPAT);
}

int
main(void)
{
	for (size_t i = 0; i < sizeof(con_secret); i++)
		con_secret[i] = (uint8_t)(0xa0 ^ i);
	for (size_t i = 0; i < sizeof(front); i++)
		front[i] = (uint8_t)i;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	for (int rev1 = 0; rev1 < 2; rev1++) {
		t_good(rev1, M2_CON_MODE_CRC);
		t_good(rev1, M2_CON_MODE_SECURE);
		t_flips(rev1, M2_CON_MODE_CRC);
		t_flips(rev1, M2_CON_MODE_SECURE);
		t_truncations(rev1, M2_CON_MODE_CRC);
		t_truncations(rev1, M2_CON_MODE_SECURE);
		t_auth_none(rev1);
	}
	t_oddities();
	return T_DONE();
}

/* SPDX-License-Identifier: MIT */
/*
 * The client and server handshakes against each other over loopback TCP,
 * in every framing (msgr2.0/2.1 x crc/secure), with auth none and with a
 * fixed-key test method (so secure mode and real HMAC signatures are
 * exercised without cephx); auth refusals and mode mismatches; READY
 * traffic; and a lossless session broken and resumed with
 * SESSION_RECONNECT, unacked messages resent exactly once.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "t.h"

/* ---- a test auth method with fixed keys (method 2 on the wire) ---- */

static const uint8_t fixed_key[16] = "0123456789abcdef";

static void
fixed_fill(struct m2_auth_result *res, uint32_t mode)
{
	res->session_key_len = sizeof(fixed_key);
	memcpy(res->session_key, fixed_key, sizeof(fixed_key));
	res->con_secret_len = 0;
	if (mode == M2_CON_MODE_SECURE) {
		res->con_secret_len = 64;
		for (int i = 0; i < 64; i++)
			res->con_secret[i] = (uint8_t)(0x40 + i);
	}
}

static m2_err
fixed_request(void *arg, uint64_t gid, struct m2_buf *out)
{
	(void)arg;
	(void)gid;
	m2_buf_bytes(out, "hello", 5);
	return M2_OK;
}

static m2_err
fixed_more(void *arg, struct m2_span in, struct m2_buf *out,
    struct m2_diag *d)
{
	(void)arg;
	(void)d;
	if (in.len != 9 || memcmp(in.p, "challenge", 9) != 0)
		return M2_E_BADVAL;
	m2_buf_bytes(out, "answer", 6);
	return M2_OK;
}

static m2_err
fixed_done(void *arg, struct m2_span in, struct m2_auth_result *res,
    struct m2_diag *d)
{
	int *wrong_key = arg;

	(void)d;
	(void)in;
	fixed_fill(res, res->con_mode);
	if (wrong_key != NULL && *wrong_key)
		res->session_key[0] ^= 1;
	return M2_OK;
}

static int
fixed_server(void *arg, uint32_t method, uint32_t mode, int first,
    struct m2_span in, struct m2_buf *out, struct m2_auth_result *res,
    char *why, size_t why_len)
{
	int *refuse = arg;

	(void)method;
	if (refuse != NULL && *refuse) {
		snprintf(why, why_len, "refused by the test");
		return -13;
	}
	if (first) {
		if (in.len != 5)
			return -22;
		m2_buf_bytes(out, "challenge", 9);
		return 0;
	}
	if (in.len != 6 || memcmp(in.p, "answer", 6) != 0)
		return -13;
	res->global_id = 4242;
	fixed_fill(res, mode);
	return 1;
}

/* ---- a server thread ---- */

struct srv {
	int		 lfd;
	struct m2_addr	 addr;
	struct m2_server_cfg cfg;
	struct m2_server_auth auth;
	int		 refuse;
	_Atomic uint64_t next_gid;
	/* results */
	m2_err		 err;
	char		 why[256];
	uint64_t	 got_seqs[64];
	char		 got_text[64][16];
	size_t		 ngot;
	size_t		 stop_after;	/* close after this many messages */
	uint32_t	 mode, method;
	int		 rev1;
	/* one lossless session */
	struct m2_session sess;
	int		 have_sess;
};

static struct m2_session *
t_find(void *tab, const struct m2_addrvec *a, uint64_t cookie)
{
	struct srv *s = tab;

	(void)a;
	return s->have_sess && s->sess.client_cookie == cookie ? &s->sess :
	    NULL;
}

static struct m2_session *
t_create(void *tab)
{
	struct srv *s = tab;

	m2_session_clear(&s->sess);
	s->have_sess = 1;
	return &s->sess;
}

static int
none_or_fixed(void *arg, uint32_t method, uint32_t mode, int first,
    struct m2_span in, struct m2_buf *out, struct m2_auth_result *res,
    char *why, size_t why_len)
{
	struct srv *s = arg;

	if (method == M2_AUTH_NONE)
		return m2_auth_none_server(&s->next_gid, method, mode, first,
		    in, out, res, why, why_len);
	return fixed_server(&s->refuse, method, mode, first, in, out, res,
	    why, why_len);
}

static void *
srv_thread(void *arg)
{
	struct srv *s = arg;
	struct m2_sock sock;
	struct m2_conn c;
	struct m2_message m;
	m2_err e;

	m2_conn_init(&c);
	s->err = m2_sock_accept(s->lfd, &sock, 5000);
	if (s->err != M2_OK)
		return NULL;
	e = m2_server_accept(&c, &s->cfg, &sock);
	s->mode = c.con_mode;
	s->method = c.auth_method;
	s->rev1 = c.rev1;
	while (e == M2_OK && (s->stop_after == 0 ||
	    s->ngot < s->stop_after)) {
		if ((e = m2_conn_recv(&c, &m, 0)) != M2_OK)
			break;
		if (s->ngot < 64) {
			s->got_seqs[s->ngot] = m.h.seq;
			snprintf(s->got_text[s->ngot], 16, "%.*s",
			    (int)m.front.len, (const char *)m.front.p);
			s->ngot++;
		}
	}
	s->err = e;
	snprintf(s->why, sizeof(s->why), "%s", c.why);
	if (c.s != &c.own)
		c.s = &c.own;
	m2_conn_free(&c);
	return NULL;
}

static void
srv_setup(struct srv *s, const uint32_t *modes, size_t nmodes,
    uint64_t msgr2, int lossy)
{
	struct m2_addr any;
	struct m2_cur cur;

	memset(s, 0, sizeof(*s));
	atomic_store(&s->next_gid, 100);
	m2_cur_init(&cur, (const uint8_t *)"v2:127.0.0.1:0", 14);
	if (m2_addr_text_parse(&cur, &any, NULL) != M2_OK ||
	    m2_sock_listen(&s->lfd, &any, 4) != M2_OK ||
	    m2_sock_name(s->lfd, M2_ADDR_MSGR2, &s->addr) != M2_OK)
		abort();
	s->cfg.base.my_type = M2_ENTITY_TYPE_MON;
	s->cfg.base.msgr2_supported = msgr2;
	s->cfg.base.features_supported = M2_CEPH_FEATURES_ALL;
	s->cfg.base.features_required = M2_CEPH_CLIENT_REQUIRED;
	memcpy(s->cfg.base.modes, modes, nmodes * sizeof(*modes));
	s->cfg.base.n_modes = nmodes;
	s->cfg.base.timeout_ms = 5000;
	s->cfg.methods[0] = M2_AUTH_CEPHX;
	s->cfg.methods[1] = M2_AUTH_NONE;
	s->cfg.n_methods = 2;
	s->auth.arg = s;
	s->auth.handle = none_or_fixed;
	s->cfg.auth = &s->auth;
	s->cfg.my_addrs.n = 1;
	s->cfg.my_addrs.marker = 2;
	s->cfg.my_addrs.a[0] = s->addr;
	s->cfg.lossy = lossy;
	s->cfg.tab = s;
	s->cfg.find = t_find;
	s->cfg.create = t_create;
}

struct cli {
	struct m2_client_cfg cfg;
	struct m2_client_auth auths[2];
	struct m2_auth_none none;
	int		 wrong_key;
};

static void
cli_setup(struct cli *c, uint32_t first_method, const uint32_t *modes,
    size_t nmodes, uint64_t msgr2, int lossy)
{
	size_t n = 0;
	struct m2_client_auth fixed = { M2_AUTH_CEPHX, NULL, fixed_request,
	    fixed_more, fixed_done };

	memset(c, 0, sizeof(*c));
	fixed.arg = &c->wrong_key;
	m2_entity_name_parse("client.admin", &c->none.name);
	c->none.mode = 10;
	if (first_method == M2_AUTH_CEPHX)
		c->auths[n++] = fixed;
	m2_auth_none_client(&c->auths[n++], &c->none);
	if (first_method == M2_AUTH_NONE)
		c->auths[n++] = fixed;
	c->cfg.base.my_type = M2_ENTITY_TYPE_CLIENT;
	c->cfg.base.peer_type = M2_ENTITY_TYPE_MON;
	c->cfg.base.msgr2_supported = msgr2;
	c->cfg.base.features_supported = M2_CEPH_FEATURES_ALL;
	c->cfg.base.features_required = M2_CEPH_CLIENT_REQUIRED;
	memcpy(c->cfg.base.modes, modes, nmodes * sizeof(*modes));
	c->cfg.base.n_modes = nmodes;
	c->cfg.base.timeout_ms = 5000;
	c->cfg.auths = c->auths;
	c->cfg.n_auths = n;
	c->cfg.my_nonce = 77;
	c->cfg.lossy = lossy;
}

static m2_err
send_text(struct m2_conn *c, const char *s)
{
	struct m2_header2 h;
	struct m2_span none = { NULL, 0 };

	memset(&h, 0, sizeof(h));
	h.type = 0x7777;
	h.version = 1;
	h.priority = 127;
	return m2_conn_send_message(c, &h,
	    (struct m2_span){ (const uint8_t *)s, strlen(s) }, none, none);
}

/* A whole session in one framing and mode, both sides ours. */
static void
t_matrix(void)
{
	static const uint32_t crc[] = { M2_CON_MODE_CRC };
	static const uint32_t sec[] = { M2_CON_MODE_SECURE };
	static const uint32_t both[] = { M2_CON_MODE_SECURE, M2_CON_MODE_CRC };

	for (int rev = 0; rev < 2; rev++)
		for (int mode = 0; mode < 3; mode++)
			for (int comp = 0; comp < 2; comp++) {
				uint64_t f = (rev ? M2_FEATURE_REVISION_1 :
				    0) | (comp ? M2_FEATURE_COMPRESSION : 0);
				const uint32_t *m = mode == 0 ? crc : mode ==
				    1 ? sec : both;
				size_t nm = mode == 2 ? 2 : 1;
				struct srv s;
				struct cli cl;
				struct m2_conn c;
				pthread_t th;
				m2_err e;

				srv_setup(&s, m, nm, f, 1);
				s.stop_after = 3;
				cli_setup(&cl, M2_AUTH_CEPHX, m, nm, f, 1);
				pthread_create(&th, NULL, srv_thread, &s);
				m2_conn_init(&c);
				e = m2_client_connect(&c, &cl.cfg, &s.addr);
				T_CHECK(e == M2_OK, "rev%d mode %d: %s", rev,
				    mode, c.why);
				T_EQ(c.rev1, rev);
				T_EQ(c.con_mode, m[0]);
				T_EQ(c.compression, comp);
				T_EQ(c.auth.global_id, 4242);
				T_OK(send_text(&c, "one"));
				T_OK(m2_conn_send_keepalive(&c));
				{
					struct m2_message msg;

					T_OK(m2_conn_recv(&c, &msg, 1));
					T_EQ(c.got_ka_ack, 1);
				}
				T_OK(send_text(&c, "two"));
				T_OK(send_text(&c, "three"));
				pthread_join(th, NULL);
				T_EQ(s.ngot, 3);
				T_STR(s.got_text[2], "three");
				T_EQ(s.got_seqs[2], 3);
				T_EQ(s.mode, m[0]);
				m2_conn_free(&c);
				close(s.lfd);
			}
}

/* Refusals: a bad key, no mode in common, auth none wanting secure. */
static void
t_refusals(void)
{
	static const uint32_t crc[] = { M2_CON_MODE_CRC };
	static const uint32_t sec[] = { M2_CON_MODE_SECURE };
	struct srv s;
	struct cli cl;
	struct m2_conn c;
	pthread_t th;
	m2_err e;

	/* The server refuses with -13: the client says so and stops. */
	srv_setup(&s, crc, 1, M2_FEATURE_REVISION_1, 1);
	s.cfg.n_methods = 1;		/* cephx-like only */
	s.refuse = 1;
	cli_setup(&cl, M2_AUTH_CEPHX, crc, 1, M2_FEATURE_REVISION_1, 1);
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_ERR(e, M2_E_PEER);
	T_CHECK(strstr(c.why, "permission denied") != NULL, "%s", c.why);
	m2_conn_free(&c);
	pthread_join(th, NULL);
	close(s.lfd);

	/* Server secure only, client crc only: a clear message. */
	srv_setup(&s, sec, 1, M2_FEATURE_REVISION_1, 1);
	s.cfg.n_methods = 1;
	cli_setup(&cl, M2_AUTH_CEPHX, crc, 1, M2_FEATURE_REVISION_1, 1);
	cl.cfg.n_auths = 1;
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_ERR(e, M2_E_PEER);
	T_CHECK(strstr(c.why, "no connection mode in common") != NULL, "%s",
	    c.why);
	m2_conn_free(&c);
	pthread_join(th, NULL);
	close(s.lfd);

	/* A wrong session key: the signatures do not match. */
	srv_setup(&s, crc, 1, M2_FEATURE_REVISION_1, 1);
	cli_setup(&cl, M2_AUTH_CEPHX, crc, 1, M2_FEATURE_REVISION_1, 1);
	cl.wrong_key = 1;
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_ERR(e, M2_E_BADSIG);
	m2_conn_free(&c);
	pthread_join(th, NULL);
	T_ERR(s.err, M2_E_BADSIG);
	close(s.lfd);

	/* The server requires a feature the client lacks. */
	srv_setup(&s, crc, 1, M2_FEATURE_REVISION_1, 1);
	s.cfg.base.features_required = 1ull << 62;
	cli_setup(&cl, M2_AUTH_CEPHX, crc, 1, M2_FEATURE_REVISION_1, 1);
	cl.cfg.base.features_supported &= ~(1ull << 62);
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_ERR(e, M2_E_COMPAT);
	T_CHECK(strstr(c.why, "requires features we lack: "
	    "0x4000000000000000") != NULL, "%s", c.why);
	m2_conn_free(&c);
	pthread_join(th, NULL);
	close(s.lfd);

	/* A client that dialed an address the server does not have. */
	srv_setup(&s, crc, 1, M2_FEATURE_REVISION_1, 1);
	s.cfg.my_addrs.a[0].nonce = 99;	/* the vector differs by nonce */
	cli_setup(&cl, M2_AUTH_CEPHX, crc, 1, M2_FEATURE_REVISION_1, 1);
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_CHECK(e == M2_E_EOF, "the server closes: %s", m2_err_name(e));
	m2_conn_free(&c);
	pthread_join(th, NULL);
	T_ERR(s.err, M2_E_PEER);
	T_CHECK(strstr(s.why, "not one of our addresses") != NULL, "%s",
	    s.why);
	close(s.lfd);

	/* Falling back from a refused method to auth none. */
	srv_setup(&s, crc, 1, M2_FEATURE_REVISION_1, 1);
	s.cfg.methods[0] = M2_AUTH_NONE;
	s.cfg.n_methods = 1;
	s.stop_after = 1;
	cli_setup(&cl, M2_AUTH_CEPHX, crc, 1, M2_FEATURE_REVISION_1, 1);
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_OK(e);
	T_EQ(c.auth_method, M2_AUTH_NONE);
	T_OK(send_text(&c, "x"));
	pthread_join(th, NULL);
	m2_conn_free(&c);
	close(s.lfd);
}

/* A lossless session broken after two messages and resumed. */
static void
t_reconnect(void)
{
	static const uint32_t sec[] = { M2_CON_MODE_SECURE };
	struct srv s;
	struct cli cl;
	struct m2_conn c;
	pthread_t th;
	m2_err e;

	srv_setup(&s, sec, 1, M2_FEATURE_REVISION_1, 0);
	s.stop_after = 2;
	cli_setup(&cl, M2_AUTH_CEPHX, sec, 1, M2_FEATURE_REVISION_1, 0);
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	e = m2_client_connect(&c, &cl.cfg, &s.addr);
	T_CHECK(e == M2_OK, "%s", c.why);
	T_CHECK(c.s->server_cookie != 0, "lossless: a server cookie");
	T_OK(send_text(&c, "m1"));
	T_OK(send_text(&c, "m2"));
	T_OK(send_text(&c, "m3"));
	pthread_join(th, NULL);		/* the server read 2 and closed */
	T_EQ(s.ngot, 2);
	T_EQ(c.s->nsent, 3);		/* nothing acked */

	/* Resume: the server must see m3 once, then m4. */
	s.ngot = 0;
	s.stop_after = 2;
	pthread_create(&th, NULL, srv_thread, &s);
	e = m2_client_reconnect(&c);
	T_CHECK(e == M2_OK, "reconnect: %s", c.why);
	T_EQ(c.s->nsent, 1);		/* m1, m2 dropped by RECONNECT_OK */
	T_EQ(c.s->connect_seq, 1);
	T_OK(send_text(&c, "m4"));
	pthread_join(th, NULL);
	T_EQ(s.ngot, 2);
	T_STR(s.got_text[0], "m3");
	T_EQ(s.got_seqs[0], 3);
	T_STR(s.got_text[1], "m4");
	T_EQ(s.got_seqs[1], 4);
	T_EQ(s.sess.in_seq, 4);

	/* A stale connect_seq: RETRY(10), then connect_seq 11 is taken. */
	s.sess.connect_seq = 10;
	s.ngot = 0;
	s.stop_after = 1;
	pthread_create(&th, NULL, srv_thread, &s);
	e = m2_client_reconnect(&c);
	T_CHECK(e == M2_OK, "reconnect after RETRY: %s", c.why);
	T_EQ(c.s->connect_seq, 11);
	T_EQ(s.sess.connect_seq, 11);
	T_OK(send_text(&c, "m5"));
	pthread_join(th, NULL);
	T_EQ(s.ngot, 1);
	T_STR(s.got_text[0], "m5");

	/* A stale global_seq: RETRY_GLOBAL(100), then 101 is taken. */
	s.sess.peer_global_seq = 100;
	s.ngot = 0;
	s.stop_after = 1;
	pthread_create(&th, NULL, srv_thread, &s);
	e = m2_client_reconnect(&c);
	T_CHECK(e == M2_OK, "reconnect after RETRY_GLOBAL: %s", c.why);
	T_EQ(c.s->global_seq, 101);
	T_OK(send_text(&c, "m6"));
	pthread_join(th, NULL);
	T_EQ(s.ngot, 1);
	T_STR(s.got_text[0], "m6");

	/* A server cookie that does not match: RESET(0), the client keeps
	 * its cookie and identifies again; the server finds its session. */
	s.sess.server_cookie ^= 1;
	s.ngot = 0;
	s.stop_after = 1;
	pthread_create(&th, NULL, srv_thread, &s);
	e = m2_client_reconnect(&c);
	T_CHECK(e == M2_OK, "reconnect after RESET(0): %s", c.why);
	T_EQ(c.s->connect_seq, 0);
	T_OK(send_text(&c, "m7"));
	pthread_join(th, NULL);
	T_EQ(s.ngot, 1);
	T_STR(s.got_text[0], "m7");

	/* The server forgot the session: RESET, then a new session. */
	m2_session_clear(&s.sess);
	s.have_sess = 0;
	s.ngot = 0;
	s.stop_after = 1;
	pthread_create(&th, NULL, srv_thread, &s);
	e = m2_client_reconnect(&c);
	T_CHECK(e == M2_OK, "reconnect after reset: %s", c.why);
	T_OK(send_text(&c, "fresh"));
	pthread_join(th, NULL);
	T_EQ(s.ngot, 1);
	T_STR(s.got_text[0], "fresh");
	T_EQ(s.got_seqs[0], 1);
	m2_conn_free(&c);
	m2_session_clear(&s.sess);
	close(s.lfd);
}

/*
 * An aborted MESSAGE (late status ABORTED, as the kernel sends for a
 * revoked message) is dropped by the receiver, which goes on: the server
 * gets "one" and "two", never "lost" (AMB-04, conformance case
 * framing.late-aborted).
 */
static void
t_aborted(void)
{
	static const uint32_t crc[] = { M2_CON_MODE_CRC };
	static const uint32_t sec[] = { M2_CON_MODE_SECURE };

	for (int rev = 0; rev < 2; rev++)
		for (int mode = 0; mode < 2; mode++) {
			uint64_t feat = rev ? M2_FEATURE_REVISION_1 : 0;
			const uint32_t *m = mode ? sec : crc;
			uint8_t hb[M2_HEADER2_LEN], wire[512];
			struct m2_header2 h;
			struct m2_span segs[2];
			struct m2_frame f;
			struct m2_buf b;
			struct srv s;
			struct cli cl;
			struct m2_conn c;
			pthread_t th;
			size_t len;

			srv_setup(&s, m, 1, feat, 1);
			s.stop_after = 2;
			cli_setup(&cl, M2_AUTH_CEPHX, m, 1, feat, 1);
			pthread_create(&th, NULL, srv_thread, &s);
			m2_conn_init(&c);
			T_OK(m2_client_connect(&c, &cl.cfg, &s.addr));
			T_OK(send_text(&c, "one"));
			memset(&h, 0, sizeof(h));
			h.seq = 2;
			h.type = 0x7777;
			m2_buf_init(&b, hb, sizeof(hb));
			m2_msg_header2_build(&b, &h);
			T_OK(m2_buf_finish(&b, NULL));
			segs[0] = (struct m2_span){ hb, sizeof(hb) };
			segs[1] = (struct m2_span){ (const uint8_t *)"lost", 4 };
			m2_frame_init(&f, c.fmt, M2_TAG_MESSAGE, segs, NULL, 2);
			f.late = rev ? M2_LATE_STATUS_ABORTED :
			    M2_LATE_FLAG_ABORTED;
			m2_buf_init(&b, wire, sizeof(wire));
			T_OK(m2_frame_build(&b, c.fmt, c.crypto_on ? &c.tx :
			    NULL, &f));
			T_OK(m2_buf_finish(&b, &len));
			T_OK(m2_sock_write(&c.sock, wire, len));
			T_OK(send_text(&c, "two"));
			pthread_join(th, NULL);
			T_CHECK(s.ngot == 2, "rev%d mode %d: got %zu (%s)", rev,
			    mode, s.ngot, s.why);
			T_STR(s.got_text[0], "one");
			T_STR(s.got_text[1], "two");
			m2_conn_free(&c);
			close(s.lfd);
		}
}

/*
 * A CLIENT_IDENT whose first address is a blank entity_addr_t is refused
 * (ProtocolV2::handle_client_ident faults; conformance case
 * session.ident-addr-blank).
 */
static void
t_blank_addr(void)
{
	static const uint32_t crc[] = { M2_CON_MODE_CRC };
	struct srv s;
	struct cli cl;
	struct m2_conn c;
	pthread_t th;

	srv_setup(&s, crc, 1, M2_FEATURE_REVISION_1, 1);
	cli_setup(&cl, M2_AUTH_NONE, crc, 1, M2_FEATURE_REVISION_1, 1);
	cl.cfg.my_addrs.n = 1;
	cl.cfg.my_addrs.marker = 2;
	pthread_create(&th, NULL, srv_thread, &s);
	m2_conn_init(&c);
	T_CHECK(m2_client_connect(&c, &cl.cfg, &s.addr) != M2_OK,
	    "a blank address was accepted");
	pthread_join(th, NULL);
	T_EQ(s.err, M2_E_BADVAL);
	m2_conn_free(&c);
	close(s.lfd);
}

int
main(void)
{
	t_matrix();
	t_refusals();
	t_reconnect();
	t_aborted();
	t_blank_addr();
	return T_DONE();
}

/* SPDX-License-Identifier: MIT */
/*
 * The control payloads and ceph_msg_header2 (m2/msg.h).  Every encoding
 * below is written out field by field from Ceph's layouts (frames_v2.h
 * ControlFrame structs, msgr.h, encoding.h), never produced by our
 * builders.  Each is parsed, dumped, rebuilt byte-exact and sized; every
 * strict prefix is rejected, one appended byte is trailing; counts hold
 * at their cap and fail above it.
 */
#include <stddef.h>

#include "t.h"

#define BUFMAX		8192
#define DUMPMAX		4096

/* Scratch for any decoded struct, via the codec rows. */
static union {
	max_align_t	 align;
	uint8_t		 b[M2_CODEC_MAX_STRUCT];
} obj;

/*
 * Addresses, as entity_addr_t::encode writes them with MSG_ADDR2 (marker
 * 1, ENCODE_START(1, 1), type, nonce, sockaddr length, then the sockaddr
 * with its family little-endian and port and address in network order).
 */
#define ADDR_V2_41234							\
	"01 01 01 1c000000"	/* marker 1, v 1, compat 1, len 28 */	\
	"02000000 00000000"	/* type 2 (v2), nonce 0 */		\
	"10000000 0200 a112"	/* elen 16, family 2, port 41234 */	\
	"7f000001 0000000000000000"	/* 127.0.0.1, sin_zero */
#define ADDR_V2_13300							\
	"01 01 01 1c000000 02000000 00000000"				\
	"10000000 0200 33f4 7f000001 0000000000000000"
#define ADDR_V1_16789							\
	"01 01 01 1c000000 01000000 00000000"				\
	"10000000 0200 4195 7f000001 0000000000000000"
#define ADDR_ANY_NONCE							\
	"01 01 01 1c000000"	/* marker 1, v 1, compat 1, len 28 */	\
	"03000000 87d61200"	/* type 3 (any), nonce 1234567 */	\
	"10000000 0200 0000"	/* elen 16, family 2, port 0 */		\
	"7f000001 0000000000000000"

/* The monitor's addresses, as monmaptool wrote them (REAL-CEPH.md). */
#define ADDRVEC_MON							\
	"02 02000000"		/* marker 2, 2 addresses */		\
	ADDR_V2_13300 ADDR_V1_16789
#define DUMP_ADDRVEC_MON	"[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]"

/* A kernel client's own address: type any, port 0, its nonce. */
#define ADDRVEC_CLIENT	"02 01000000" ADDR_ANY_NONCE
#define DUMP_ADDRVEC_CLIENT	"[127.0.0.1:0/1234567]"

struct vec {
	const char	*codec;
	const char	*hex;
	const char	*dump;
};

static const struct vec	vecs[] = {
	/* HELLO the monitor sent (REAL-CEPH.md), client port 41234. */
	{ "msg_hello",
	  "01"			/* entity_type = MON */
	  ADDR_V2_41234,	/* peer_addr */
	  "entity_type=1 peer_addr=v2:127.0.0.1:41234/0" },

	{ "msg_auth_request",
	  "02000000"		/* method = CEPHX */
	  "02000000"		/* modes.count = 2 */
	  "02000000 01000000"	/* modes = SECURE, CRC */
	  "03000000 aabbcc",	/* payload: le32 3, 3 bytes */
	  "method=2 modes=[2,1] payload=aabbcc" },
	{ "msg_auth_request",
	  "01000000"		/* method = NONE */
	  "00000000"		/* no modes */
	  "00000000",		/* empty payload */
	  "method=1 modes=[] payload=" },

	/* AUTH_BAD_METHOD the monitor sent to method 0 (REAL-CEPH.md). */
	{ "msg_auth_bad_method",
	  "00000000"		/* method = 0 */
	  "f3ffffff"		/* result = -13 (EACCES) */
	  "01000000 02000000"	/* allowed_methods = [CEPHX] */
	  "02000000 02000000 01000000",	/* allowed_modes = [SECURE, CRC] */
	  "method=0 result=-13 allowed_methods=[2] allowed_modes=[2,1]" },

	{ "msg_auth_reply_more",
	  "04000000 01020304",	/* payload: 4 bytes */
	  "payload=01020304" },
	{ "msg_auth_reply_more",
	  "00000000",		/* empty payload */
	  "payload=" },
	{ "msg_auth_request_more",
	  "02000000 beef",	/* payload: 2 bytes */
	  "payload=beef" },

	{ "msg_auth_done",
	  "2a00000000000000"	/* global_id = 42 */
	  "02000000"		/* con_mode = SECURE */
	  "03000000 010203",	/* payload: 3 bytes */
	  "global_id=42 con_mode=2 payload=010203" },

	{ "msg_auth_signature",
	  "000102030405060708090a0b0c0d0e0f"	/* 32 raw bytes, */
	  "101112131415161718191a1b1c1d1e1f",	/* no length */
	  "sig=000102030405060708090a0b0c0d0e0f"
	  "101112131415161718191a1b1c1d1e1f" },
	{ "msg_auth_signature",			/* auth none: zeros */
	  "0000000000000000000000000000000000000000000000000000000000000000",
	  "sig=00000000000000000000000000000000"
	  "00000000000000000000000000000000" },

	/* CLIENT_IDENT as the kernel writes it (prepare_client_ident). */
	{ "msg_client_ident",
	  ADDRVEC_CLIENT	/* addrs */
	  ADDR_V2_13300		/* target_addr */
	  "4110000000000000"	/* gid = 4161 */
	  "0700000000000000"	/* global_seq = 7 */
	  "ffffffffffffff3f"	/* features_supported */
	  "0000000000000000"	/* features_required */
	  "0000000000000000"	/* flags */
	  "8877665544332211",	/* cookie */
	  "addrs=" DUMP_ADDRVEC_CLIENT " target_addr=v2:127.0.0.1:13300/0"
	  " gid=4161 global_seq=7 features_supported=0x3fffffffffffffff"
	  " features_required=0x0 flags=0x0 cookie=0x1122334455667788" },
	{ "msg_client_ident",
	  ADDRVEC_CLIENT ADDR_V2_13300
	  "ffffffffffffffff"	/* gid = -1 */
	  "0100000000000000 0000000000000000 0000000000000000"
	  "0100000000000000"	/* flags = LOSSY */
	  "0000000000000000",
	  "addrs=" DUMP_ADDRVEC_CLIENT " target_addr=v2:127.0.0.1:13300/0"
	  " gid=-1 global_seq=1 features_supported=0x0"
	  " features_required=0x0 flags=0x1 cookie=0x0" },

	/* SERVER_IDENT of a monitor to a lossy client. */
	{ "msg_server_ident",
	  ADDRVEC_MON		/* addrs */
	  "0000000000000000"	/* gid = 0 */
	  "0300000000000000"	/* global_seq = 3 */
	  "ffffffffffffff3f"	/* features_supported */
	  "0000000000080000"	/* features_required */
	  "0100000000000000"	/* flags = LOSSY */
	  "0000000000000000",	/* cookie = 0 (lossy) */
	  "addrs=" DUMP_ADDRVEC_MON " gid=0 global_seq=3"
	  " features_supported=0x3fffffffffffffff"
	  " features_required=0x80000000000 flags=0x1 cookie=0x0" },
	{ "msg_server_ident",
	  "02 00000000"		/* no addresses */
	  "feffffffffffffff"	/* gid = -2 */
	  "0000000000000000 0000000000000000 0000000000000000"
	  "0000000000000000 efcdab8967452301",
	  "addrs=[] gid=-2 global_seq=0 features_supported=0x0"
	  " features_required=0x0 flags=0x0 cookie=0x123456789abcdef" },

	{ "msg_ident_missing_features",
	  "0000200000000000",	/* features = 0x200000 */
	  "features=0x200000" },

	{ "msg_session_reconnect",
	  ADDRVEC_CLIENT	/* addrs */
	  "0807060504030201"	/* client_cookie */
	  "1817161514131211"	/* server_cookie */
	  "0900000000000000"	/* global_seq = 9 */
	  "0200000000000000"	/* connect_seq = 2 */
	  "1100000000000000",	/* msg_seq = 17 */
	  "addrs=" DUMP_ADDRVEC_CLIENT " client_cookie=0x102030405060708"
	  " server_cookie=0x1112131415161718 global_seq=9 connect_seq=2"
	  " msg_seq=17" },

	{ "msg_session_reset", "01", "full=1" },
	{ "msg_session_reset", "00", "full=0" },
	{ "msg_session_reset", "02", "full=2" },	/* raw byte kept */

	{ "msg_session_retry", "0500000000000000", "connect_seq=5" },
	{ "msg_session_retry_global", "0001000000000000", "global_seq=256" },
	{ "msg_session_reconnect_ok", "ffffffffffffffff",
	  "msg_seq=18446744073709551615" },

	{ "msg_wait", "", "" },

	/* The stamp of SPEC-NOTES §4.3's worked example. */
	{ "msg_keepalive2",
	  "01000000"		/* sec = 1 */
	  "02000000",		/* nsec = 2 */
	  "sec=1 nsec=2" },
	{ "msg_keepalive2_ack",
	  "ffffffff 00ca9a3b",	/* sec = 2^32-1, nsec = 10^9 */
	  "sec=4294967295 nsec=1000000000" },

	{ "msg_ack", "2a00000000000000", "seq=42" },

	{ "msg_compression_request",
	  "01"			/* is_compress = true */
	  "02000000"		/* methods.count = 2 */
	  "03000000 01000000",	/* zstd, snappy */
	  "is_compress=1 methods=[3,1]" },
	{ "msg_compression_request",
	  "ff 00000000",	/* is_compress = 0xff, kept raw; no methods */
	  "is_compress=255 methods=[]" },

	{ "msg_compression_done",
	  "01"			/* is_compress = true */
	  "03000000",		/* method = zstd */
	  "is_compress=1 method=3" },

	/* ceph_msg_header2 as userspace writes it (flags 3). */
	{ "msg_header2",
	  "0100000000000000"	/* seq = 1 */
	  "0200000000000000"	/* tid = 2 */
	  "0f00 7f00 0300"	/* type 15, priority 127, version 3 */
	  "00000000"		/* data_pre_padding_len */
	  "0000"		/* data_off */
	  "0000000000000000"	/* ack_seq */
	  "03"			/* flags = COMPLETE|NOCRC */
	  "0100"		/* compat_version = 1 */
	  "0000",		/* reserved */
	  "seq=1 tid=2 type=15 priority=127 version=3 data_pre_padding_len=0"
	  " data_off=0 ack_seq=0 flags=0x3 compat_version=1 reserved=0" },
	/* ... and as the kernel writes it (fill_header2: flags 0). */
	{ "msg_header2",
	  "ffffffffffffffff 0000000000000080 ffff 0000 0100"
	  "00000000 0010 0500000000000000 00 0000 0000",
	  "seq=18446744073709551615 tid=9223372036854775808 type=65535"
	  " priority=0 version=1 data_pre_padding_len=0 data_off=4096"
	  " ack_seq=5 flags=0x0 compat_version=0 reserved=0" },
};

#define NVECS	(sizeof(vecs) / sizeof(vecs[0]))

/* _size is not in the codec row: call the typed function. */
static size_t
size_of(const char *codec, const void *p)
{
#define SIZE(name, type)						\
	if (strcmp(codec, #name) == 0)					\
		return m2_##name##_size((const type *)p)
	SIZE(msg_hello, struct m2_hello);
	SIZE(msg_auth_request, struct m2_auth_request);
	SIZE(msg_auth_bad_method, struct m2_auth_bad_method);
	SIZE(msg_auth_reply_more, struct m2_auth_reply_more);
	SIZE(msg_auth_request_more, struct m2_auth_request_more);
	SIZE(msg_auth_done, struct m2_auth_done);
	SIZE(msg_auth_signature, struct m2_auth_signature);
	SIZE(msg_client_ident, struct m2_client_ident);
	SIZE(msg_server_ident, struct m2_server_ident);
	SIZE(msg_ident_missing_features, struct m2_ident_missing_features);
	SIZE(msg_session_reconnect, struct m2_session_reconnect);
	SIZE(msg_session_reset, struct m2_session_reset);
	SIZE(msg_session_retry, struct m2_session_retry);
	SIZE(msg_session_retry_global, struct m2_session_retry_global);
	SIZE(msg_session_reconnect_ok, struct m2_session_reconnect_ok);
	SIZE(msg_wait, struct m2_wait);
	SIZE(msg_keepalive2, struct m2_keepalive2);
	SIZE(msg_keepalive2_ack, struct m2_keepalive2_ack);
	SIZE(msg_ack, struct m2_ack);
	SIZE(msg_compression_request, struct m2_compression_request);
	SIZE(msg_compression_done, struct m2_compression_done);
	SIZE(msg_header2, struct m2_header2);
#undef SIZE
	return (size_t)-1;
}

/* Parse |n| bytes from an exact-size heap copy, so ASan sees overreads. */
static m2_err
parse_exact(const struct m2_codec *k, const uint8_t *in, size_t n,
    struct m2_diag *d)
{
	uint8_t		*copy = malloc(n > 0 ? n : 1);
	struct m2_cur	 c;
	m2_err		 e;

	if (copy == NULL) {
		T_CHECK(0, "out of memory");
		return M2_E_USAGE;
	}
	if (n > 0)
		memcpy(copy, in, n);
	m2_cur_init(&c, copy, n);
	e = k->parse(&c, obj.b, d);
	free(copy);
	return e;
}

/* snprintf semantics at every buffer size around the dump's length. */
static void
check_dump_sizes(const struct m2_codec *k, const char *full)
{
	size_t	len = strlen(full);

	for (size_t n = 0; n <= len + 1; n++) {
		char	s[DUMPMAX + 1];
		size_t	r;

		memset(s, 'X', sizeof(s));
		r = k->dump(obj.b, n == 0 ? NULL : s, n);
		T_CHECK(r == len, "%s: dump into %zu returned %zu, want %zu",
		    k->name, n, r, len);
		if (n == 0)
			continue;
		T_CHECK(memchr(s, '\0', n) != NULL, "%s: dump into %zu "
		    "not terminated", k->name, n);
		T_CHECK(strncmp(s, full, strlen(s)) == 0 && strlen(s) < n,
		    "%s: dump into %zu is not a prefix", k->name, n);
		T_CHECK(s[n] == 'X', "%s: dump into %zu wrote past it",
		    k->name, n);
	}
}

static void
check_vec(const struct vec *v)
{
	const struct m2_codec	*k = m2_codec_find(v->codec);
	uint8_t			 in[BUFMAX], out[BUFMAX];
	char			 dump[DUMPMAX];
	uint8_t			*keep;
	struct m2_diag		 d;
	struct m2_cur		 c;
	struct m2_buf		 b;
	size_t			 n, len;
	m2_err			 e;

	T_CHECK(k != NULL, "no codec row %s", v->codec);
	if (k == NULL)
		return;
	n = t_hex(v->hex, in, sizeof(in));

	/* An exact-size copy that outlives the parse: spans borrow it. */
	if ((keep = malloc(n > 0 ? n : 1)) == NULL) {
		T_CHECK(0, "out of memory");
		return;
	}
	if (n > 0)
		memcpy(keep, in, n);
	memset(&d, 0, sizeof(d));
	m2_cur_init(&c, keep, n);
	e = k->parse(&c, obj.b, &d);
	T_CHECK(e == M2_OK, "%s \"%s\": %s at %zu (%s)", v->codec, v->dump,
	    m2_err_name(e), d.off, d.field ? d.field : "");
	if (e != M2_OK) {
		free(keep);
		return;
	}
	k->dump(obj.b, dump, sizeof(dump));
	T_CHECK(strcmp(dump, v->dump) == 0, "%s dump\n  got  %s\n  want %s",
	    v->codec, dump, v->dump);
	check_dump_sizes(k, dump);

	/* Rebuild byte-exact, and _size agrees. */
	m2_buf_init(&b, out, sizeof(out));
	k->build(&b, obj.b);
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == n && memcmp(out, in, n) == 0, "%s \"%s\": rebuild "
	    "differs (%zu bytes, want %zu)", v->codec, v->dump, len, n);
	T_CHECK(size_of(v->codec, obj.b) == n, "%s: _size %zu, want %zu",
	    v->codec, size_of(v->codec, obj.b), n);

	/* One byte short of room: reported once, by m2_buf_finish. */
	if (n > 0) {
		m2_buf_init(&b, out, n - 1);
		k->build(&b, obj.b);
		T_ERR(m2_buf_finish(&b, &len), M2_E_NOSPC);
	}

	free(keep);

	/* Every strict prefix ends inside a field. */
	for (size_t i = 0; i < n; i++) {
		e = parse_exact(k, in, i, &d);
		T_CHECK(e == M2_E_TRUNC, "%s: %zu-byte prefix gave %s",
		    v->codec, i, m2_err_name(e));
	}

	/* One appended byte is trailing, reported where it starts. */
	in[n] = 0;
	memset(&d, 0, sizeof(d));
	e = parse_exact(k, in, n + 1, &d);
	T_ERR(e, M2_E_TRAILING);
	T_EQ(d.off, n);
}

/* Every row exists, with the right struct size and fixed_layout flag. */
static void
t_rows(void)
{
	static const struct {
		const char	*name;
		size_t		 size;
		int		 fixed;
	} rows[] = {
		{ "msg_hello", sizeof(struct m2_hello), 0 },
		{ "msg_auth_request", sizeof(struct m2_auth_request), 0 },
		{ "msg_auth_bad_method", sizeof(struct m2_auth_bad_method), 0 },
		{ "msg_auth_reply_more", sizeof(struct m2_auth_reply_more), 0 },
		{ "msg_auth_request_more",
		  sizeof(struct m2_auth_request_more), 0 },
		{ "msg_auth_done", sizeof(struct m2_auth_done), 0 },
		{ "msg_auth_signature", sizeof(struct m2_auth_signature), 1 },
		{ "msg_client_ident", sizeof(struct m2_client_ident), 0 },
		{ "msg_server_ident", sizeof(struct m2_server_ident), 0 },
		{ "msg_ident_missing_features",
		  sizeof(struct m2_ident_missing_features), 1 },
		{ "msg_session_reconnect",
		  sizeof(struct m2_session_reconnect), 0 },
		{ "msg_session_reset", sizeof(struct m2_session_reset), 1 },
		{ "msg_session_retry", sizeof(struct m2_session_retry), 1 },
		{ "msg_session_retry_global",
		  sizeof(struct m2_session_retry_global), 1 },
		{ "msg_session_reconnect_ok",
		  sizeof(struct m2_session_reconnect_ok), 1 },
		{ "msg_wait", sizeof(struct m2_wait), 1 },
		{ "msg_keepalive2", sizeof(struct m2_keepalive2), 1 },
		{ "msg_keepalive2_ack", sizeof(struct m2_keepalive2_ack), 1 },
		{ "msg_ack", sizeof(struct m2_ack), 1 },
		{ "msg_compression_request",
		  sizeof(struct m2_compression_request), 0 },
		{ "msg_compression_done",
		  sizeof(struct m2_compression_done), 1 },
		{ "msg_header2", sizeof(struct m2_header2), 1 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct m2_codec	*k = m2_codec_find(rows[i].name);

		T_CHECK(k != NULL, "no row %s", rows[i].name);
		if (k == NULL)
			continue;
		T_EQ(k->size, rows[i].size);
		T_EQ(k->fixed_layout, rows[i].fixed);
		T_EQ(k->text, 0);
		T_CHECK(k->size <= M2_CODEC_MAX_STRUCT, "%s too big", k->name);
	}
}

static void
t_vectors(void)
{
	for (size_t i = 0; i < NVECS; i++)
		check_vec(&vecs[i]);
}

/* The monitor's AUTH_BAD_METHOD, through the typed API. */
static void
t_real_bad_method(void)
{
	static const char	hex[] = "00000000 f3ffffff 01000000 02000000"
	    " 02000000 02000000 01000000";
	struct m2_auth_bad_method	m;
	uint8_t			in[64];
	struct m2_cur		c;
	size_t			n = t_hex(hex, in, sizeof(in));

	m2_cur_init(&c, in, n);
	T_OK(m2_msg_auth_bad_method_parse(&c, &m, NULL));
	T_EQ(m.method, 0);
	T_CHECK(m.result == -13, "result %d", (int)m.result);
	T_EQ(m.n_methods, 1);
	T_EQ(m.methods[0], M2_AUTH_CEPHX);
	T_EQ(m.n_modes, 2);
	T_EQ(m.modes[0], M2_CON_MODE_SECURE);
	T_EQ(m.modes[1], M2_CON_MODE_CRC);
}

/* Parse |hex|; expect |want| at |off| naming |field|. */
static void
expect_err(const char *codec, const char *hex, m2_err want, size_t off,
    const char *field)
{
	const struct m2_codec	*k = m2_codec_find(codec);
	uint8_t			 in[BUFMAX];
	struct m2_diag		 d;
	size_t			 n = t_hex(hex, in, sizeof(in));
	m2_err			 e;

	if (k == NULL) {
		T_CHECK(0, "no row %s", codec);
		return;
	}
	memset(&d, 0, sizeof(d));
	e = parse_exact(k, in, n, &d);
	T_CHECK(e == want && d.err == want && d.off == off &&
	    d.field != NULL && strcmp(d.field, field) == 0,
	    "%s: got %s at %zu (%s), want %s at %zu (%s)", codec,
	    m2_err_name(e), d.off, d.field ? d.field : "", m2_err_name(want),
	    off, field);
}

/* Parse |hex|; expect M2_OK. */
static void
expect_ok(const char *codec, const char *hex)
{
	const struct m2_codec	*k = m2_codec_find(codec);
	uint8_t			 in[BUFMAX];
	struct m2_diag		 d;
	size_t			 n = t_hex(hex, in, sizeof(in));
	m2_err			 e;

	if (k == NULL) {
		T_CHECK(0, "no row %s", codec);
		return;
	}
	memset(&d, 0, sizeof(d));
	e = parse_exact(k, in, n, &d);
	T_CHECK(e == M2_OK, "%s: %s at %zu (%s)", codec, m2_err_name(e),
	    d.off, d.field ? d.field : "");
}

/* |count| le32 values of 1, as hex. */
static const char *
ones(unsigned count)
{
	static char	s[32 * 9 + 1];

	s[0] = '\0';
	for (unsigned i = 0; i < count && i < 32; i++)
		strcat(s, "01000000 ");
	return s;
}

/* Counts: at the cap accepted, over it M2_E_LIMIT, short M2_E_TRUNC. */
static void
t_counts(void)
{
	char	hex[BUFMAX];

	/* AUTH_REQUEST modes: 16 fit, 17 is over M2_MAX_CON_MODES. */
	snprintf(hex, sizeof(hex), "02000000 10000000 %s 00000000",
	    ones(M2_MAX_CON_MODES));
	expect_ok("msg_auth_request", hex);
	snprintf(hex, sizeof(hex), "02000000 11000000 %s 00000000",
	    ones(M2_MAX_CON_MODES + 1));
	expect_err("msg_auth_request", hex, M2_E_LIMIT, 4,
	    "auth_request.modes.count");
	expect_err("msg_auth_request", "02000000 ffffffff", M2_E_LIMIT, 4,
	    "auth_request.modes.count");
	/* Under the cap, but 3 modes cannot fit in 8 bytes. */
	expect_err("msg_auth_request", "02000000 03000000 02000000 01000000",
	    M2_E_TRUNC, 4, "auth_request.modes.count");
	/* The payload length runs past the end. */
	expect_err("msg_auth_request", "02000000 00000000 05000000 aabb",
	    M2_E_TRUNC, 8, "auth_request.payload.len");
	expect_err("msg_auth_request", "02000000 00000000 01000001",
	    M2_E_LIMIT, 8, "auth_request.payload.len");

	/* AUTH_BAD_METHOD: both lists. */
	snprintf(hex, sizeof(hex), "00000000 f3ffffff 10000000 %s 00000000",
	    ones(M2_MAX_AUTH_METHODS));
	expect_ok("msg_auth_bad_method", hex);
	snprintf(hex, sizeof(hex), "00000000 f3ffffff 11000000 %s 00000000",
	    ones(M2_MAX_AUTH_METHODS + 1));
	expect_err("msg_auth_bad_method", hex, M2_E_LIMIT, 8,
	    "auth_bad_method.allowed_methods.count");
	snprintf(hex, sizeof(hex), "00000000 f3ffffff 00000000 10000000 %s",
	    ones(M2_MAX_CON_MODES));
	expect_ok("msg_auth_bad_method", hex);
	snprintf(hex, sizeof(hex), "00000000 f3ffffff 00000000 11000000 %s",
	    ones(M2_MAX_CON_MODES + 1));
	expect_err("msg_auth_bad_method", hex, M2_E_LIMIT, 12,
	    "auth_bad_method.allowed_modes.count");
	expect_err("msg_auth_bad_method",
	    "00000000 f3ffffff 01000000 02000000 02000000 02000000",
	    M2_E_TRUNC, 16, "auth_bad_method.allowed_modes.count");

	/* COMPRESSION_REQUEST methods. */
	snprintf(hex, sizeof(hex), "01 10000000 %s", ones(M2_MAX_COMP_METHODS));
	expect_ok("msg_compression_request", hex);
	snprintf(hex, sizeof(hex), "01 11000000 %s",
	    ones(M2_MAX_COMP_METHODS + 1));
	expect_err("msg_compression_request", hex, M2_E_LIMIT, 1,
	    "compression_request.methods.count");
	expect_err("msg_compression_request", "01 02000000 03000000",
	    M2_E_TRUNC, 1, "compression_request.methods.count");

	/* Byte strings: a length past the end, and over the cap. */
	expect_err("msg_auth_reply_more", "05000000 01020304", M2_E_TRUNC, 0,
	    "auth_reply_more.payload.len");
	expect_err("msg_auth_request_more", "ffffffff", M2_E_LIMIT, 0,
	    "auth_request_more.payload.len");
	expect_err("msg_auth_done", "2a00000000000000 02000000 02000000 aa",
	    M2_E_TRUNC, 12, "auth_done.payload.len");
}

/* A payload of exactly M2_MAX_AUTH_PAYLOAD bytes is accepted. */
static void
t_payload_cap(void)
{
	size_t		 n = 8 + 4 + 4 + M2_MAX_AUTH_PAYLOAD;
	uint8_t		*in = calloc(1, n);
	struct m2_auth_done	m;
	struct m2_diag	 d;
	struct m2_cur	 c;

	if (in == NULL) {
		T_CHECK(0, "out of memory");
		return;
	}
	m2_store_le32(in + 12, M2_MAX_AUTH_PAYLOAD);
	m2_cur_init(&c, in, n);
	T_OK(m2_msg_auth_done_parse(&c, &m, NULL));
	T_EQ(m.payload.len, M2_MAX_AUTH_PAYLOAD);
	T_EQ(m2_msg_auth_done_size(&m), n);

	m2_store_le32(in + 12, M2_MAX_AUTH_PAYLOAD + 1);
	m2_cur_init(&c, in, n);
	T_ERR(m2_msg_auth_done_parse(&c, &m, &d), M2_E_LIMIT);
	T_EQ(d.off, 12);

	m2_store_le32(in + 12, M2_MAX_AUTH_PAYLOAD);
	m2_cur_init(&c, in, n - 1);
	T_ERR(m2_msg_auth_done_parse(&c, &m, &d), M2_E_TRUNC);
	T_EQ(d.off, 12);
	free(in);
}

/* Diagnostics name the field and its absolute offset. */
static void
t_diag(void)
{
	expect_err("msg_hello", "", M2_E_TRUNC, 0, "hello.entity_type");
	expect_err("msg_auth_request", "020000", M2_E_TRUNC, 0,
	    "auth_request.method");
	expect_err("msg_auth_bad_method", "00000000 f3ff", M2_E_TRUNC, 4,
	    "auth_bad_method.result");
	expect_err("msg_auth_signature", "00", M2_E_TRUNC, 0,
	    "auth_signature.sig");
	expect_err("msg_client_ident", ADDRVEC_CLIENT ADDR_V2_13300
	    "4110000000000000 0700000000000000", M2_E_TRUNC, 5 + 35 + 35 + 16,
	    "client_ident.features_supported");
	expect_err("msg_server_ident", "02 00000000 0000000000000000 0100",
	    M2_E_TRUNC, 13, "server_ident.global_seq");
	expect_err("msg_session_reconnect", "02 00000000 0102030405060708",
	    M2_E_TRUNC, 13, "session_reconnect.server_cookie");
	expect_err("msg_session_retry", "01", M2_E_TRUNC, 0,
	    "session_retry.connect_seq");
	expect_err("msg_keepalive2_ack", "01000000 0200", M2_E_TRUNC, 4,
	    "keepalive2_ack.nsec");
	expect_err("msg_compression_done", "01 0300", M2_E_TRUNC, 1,
	    "compression_done.method");
	expect_err("msg_wait", "00", M2_E_TRAILING, 0, "wait");
	expect_err("msg_ack", "2a00000000000000 00", M2_E_TRAILING, 8, "ack");
	/* ceph_msg_header2: 40 bytes end inside reserved; 42 trail. */
	expect_err("msg_header2", "0100000000000000 0200000000000000 0f00"
	    " 7f00 0300 00000000 0000 0000000000000000 03 0100 00",
	    M2_E_TRUNC, 39, "header2.reserved");
	expect_err("msg_header2", "0100000000000000 0200000000000000 0f00"
	    " 7f00 0300 00000000 0000 0000000000000000 03 0100 0000 00",
	    M2_E_TRAILING, 41, "header2");
}

/* An address error is whatever the address reader said, unchanged. */
static void
t_addr_errors(void)
{
	static const char *const	bad[] = {
		"09",				/* no such marker */
		"01 01 09 1c000000",		/* compat too new */
		"01 01 01 ff000000 02000000",	/* struct_len past the end */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t		addr[64], msg[65];
		size_t		n = t_hex(bad[i], addr, sizeof(addr));
		struct m2_addr	a;
		struct m2_hello	h;
		struct m2_diag	d1, d2;
		struct m2_cur	c;
		m2_err		want, got;

		m2_cur_init(&c, addr, n);
		want = m2_addr_read(&c, &a, &d1);
		T_CHECK(want != M2_OK, "bad address %zu accepted", i);
		msg[0] = M2_ENTITY_TYPE_MON;
		memcpy(msg + 1, addr, n);
		m2_cur_init(&c, msg, n + 1);
		got = m2_msg_hello_parse(&c, &h, &d2);
		T_CHECK(got == want && d2.off == d1.off + 1,
		    "hello: %s at %zu, address reader: %s at %zu",
		    m2_err_name(got), d2.off, m2_err_name(want), d1.off);
	}
}

/* Tag names, as Ceph spells them. */
static void
t_tags(void)
{
	T_CHECK(m2_tag_name(0) == NULL, "tag 0 has a name");
	T_STR(m2_tag_name(M2_TAG_HELLO), "HELLO");
	T_STR(m2_tag_name(M2_TAG_AUTH_BAD_METHOD), "AUTH_BAD_METHOD");
	T_STR(m2_tag_name(M2_TAG_IDENT_MISSING_FEATURES),
	    "IDENT_MISSING_FEATURES");
	T_STR(m2_tag_name(M2_TAG_MESSAGE), "MESSAGE");
	T_STR(m2_tag_name(M2_TAG_ACK), "ACK");
	T_STR(m2_tag_name(M2_TAG_COMPRESSION_DONE), "COMPRESSION_DONE");
	T_CHECK(m2_tag_name(23) == NULL, "tag 23 has a name");
	T_CHECK(m2_tag_name(99) == NULL, "tag 99 has a name");
	for (unsigned t = 1; t <= M2_TAG_MAX; t++)
		T_CHECK(m2_tag_name(t) != NULL, "tag %u has no name", t);
	T_EQ(M2_TAG_COMPRESSION_DONE, 22);
	T_EQ(M2_TAG_MESSAGE, 17);
}

/* Builders from structs: signed fields and raw bools round-trip. */
static void
t_build(void)
{
	struct m2_auth_bad_method	m = { 0 };
	struct m2_session_reset		r = { 0 };
	uint8_t				out[64], want[64];
	struct m2_buf			b;
	size_t				n, wn;

	m.method = M2_AUTH_NONE;
	m.result = -95;			/* -EOPNOTSUPP */
	m.n_methods = 2;
	m.methods[0] = M2_AUTH_CEPHX;
	m.methods[1] = M2_AUTH_NONE;
	m2_buf_init(&b, out, sizeof(out));
	m2_msg_auth_bad_method_build(&b, &m);
	T_OK(m2_buf_finish(&b, &n));
	wn = t_hex("01000000 a1ffffff 02000000 02000000 01000000 00000000",
	    want, sizeof(want));
	T_CHECK(n == wn && memcmp(out, want, n) == 0, "auth_bad_method");
	T_EQ(m2_msg_auth_bad_method_size(&m), wn);

	r.full = 0x80;
	m2_buf_init(&b, out, sizeof(out));
	m2_msg_session_reset_build(&b, &r);
	T_OK(m2_buf_finish(&b, &n));
	T_CHECK(n == 1 && out[0] == 0x80, "session_reset raw byte");
}

int
main(void)
{
	t_rows();
	t_vectors();
	t_real_bad_method();
	t_counts();
	t_payload_cap();
	t_diag();
	t_addr_errors();
	t_tags();
	t_build();
	return T_DONE();
}

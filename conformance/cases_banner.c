/* SPDX-License-Identifier: MIT */
/*
 * Banner cases: what a server does with our banner (SPEC-NOTES §1;
 * ProtocolV2::_handle_peer_banner, _handle_peer_banner_payload).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cases.h"

#define REF_BANNER	"SPEC-NOTES §1; ProtocolV2::_handle_peer_banner_payload"
#define EXP_CLOSE	"closes the connection (FIN or RST) without HELLO"
#define EXP_HELLO	"goes on: sends HELLO"

enum bkind {
	B_CORRECT, B_LEN24, B_LEN8, B_LEN0, B_LEN15, B_TRUNC_EOF,
	B_PREFIX_EOF, B_MSGR1, B_GARBAGE, B_V3, B_HTTP, B_REQ_UNKNOWN,
	B_REQ_COMPRESSION, B_REQ_REV1, B_NO_REV1, B_ALL_SUPPORTED, B_SLOW,
	B_TRAILING, B_LEN64K_EOF, B_HELLO_FIRST, B_EMPTY_EOF, B_LEN_MAX_SLOW
};

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static size_t
banner_bytes(uint8_t *out, size_t cap, uint16_t len, uint64_t sup,
    uint64_t req)
{
	struct m2_banner b = { len, sup, req };
	struct m2_buf mb;
	size_t n = 0;

	m2_buf_init(&mb, out, cap);
	m2_banner_build(&mb, &b);
	CF_IGNORE(m2_buf_finish(&mb, &n));
	return n;
}

static void
run_banner(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;
	uint8_t buf[512];
	uint64_t sup = x->rev1 ? M2_FEATURE_REVISION_1 : 0, req = 0;
	size_t n = 0;
	int want_hello = 0, eof = 0, rev1 = x->rev1;
	struct cf_obs o;

	if (cf_setup(x, CF_ST_CONNECTED) != 0)
		return;
	/* The server speaks first (both sides send their banner at once). */
	if (cf_peer_recv_banner(p) != M2_OK) {
		cf_verdict(x, CF_FAIL, p->react.r, p->react.tag,
		    "no valid banner from the server: %s", p->why);
		return;
	}
	switch ((enum bkind)arg) {
	case B_CORRECT:
		n = banner_bytes(buf, sizeof(buf), 16, sup, req);
		want_hello = 1;
		break;
	case B_LEN24:
		n = banner_bytes(buf, sizeof(buf), 24, sup, req);
		want_hello = 1;
		break;
	case B_LEN8:
		n = banner_bytes(buf, sizeof(buf), 8, sup, req);
		break;
	case B_LEN0:
		n = banner_bytes(buf, sizeof(buf), 0, sup, req);
		break;
	case B_LEN15:
		n = banner_bytes(buf, sizeof(buf), 15, sup, req);
		eof = 1;
		break;
	case B_TRUNC_EOF:
		n = banner_bytes(buf, sizeof(buf), 16, sup, req) - 6;
		eof = 1;
		break;
	case B_PREFIX_EOF:
		memcpy(buf, M2_BANNER_PREFIX, 8);
		n = 8;
		eof = 1;
		break;
	case B_EMPTY_EOF:
		n = 0;
		eof = 1;
		break;
	case B_MSGR1:
		memset(buf, 0, sizeof(buf));
		memcpy(buf, M2_BANNER_MSGR1, M2_BANNER_MSGR1_LEN);
		n = M2_BANNER_MSGR1_LEN + 136;
		break;
	case B_GARBAGE:
		memset(buf, 0xa5, 26);
		n = 26;
		break;
	case B_V3:
		n = banner_bytes(buf, sizeof(buf), 16, sup, req);
		buf[6] = '3';
		break;
	case B_HTTP:
		n = (size_t)snprintf((char *)buf, sizeof(buf),
		    "GET / HTTP/1.1\r\nHost: ceph\r\n\r\n");
		break;
	case B_REQ_UNKNOWN:
		n = banner_bytes(buf, sizeof(buf), 16, sup | 0x4, req | 0x4);
		break;
	case B_REQ_COMPRESSION:
		n = banner_bytes(buf, sizeof(buf), 16, sup |
		    M2_FEATURE_COMPRESSION, M2_FEATURE_COMPRESSION);
		want_hello = (p->peer_banner.supported &
		    M2_FEATURE_COMPRESSION) != 0;
		break;
	case B_REQ_REV1:
		n = banner_bytes(buf, sizeof(buf), 16, M2_FEATURE_REVISION_1,
		    M2_FEATURE_REVISION_1);
		want_hello = (p->peer_banner.supported &
		    M2_FEATURE_REVISION_1) != 0;
		rev1 = 1;
		break;
	case B_NO_REV1:
		n = banner_bytes(buf, sizeof(buf), 16, 0, 0);
		want_hello = 1;
		rev1 = 0;
		break;
	case B_ALL_SUPPORTED:
		n = banner_bytes(buf, sizeof(buf), 16, ~0ull &
		    ~M2_FEATURE_COMPRESSION, 0);
		want_hello = 1;
		rev1 = 1;
		break;
	case B_SLOW:
		n = banner_bytes(buf, sizeof(buf), 16, sup, req);
		for (size_t i = 0; i < n; i++) {
			if (cf_peer_write(p, buf + i, 1) != M2_OK)
				break;
			sleep_ms(10);
		}
		n = 0;
		want_hello = 1;
		break;
	case B_TRAILING:
		n = banner_bytes(buf, sizeof(buf), 16, sup, req);
		memset(buf + n, 0x5a, 32);
		n += 32;
		break;
	case B_LEN64K_EOF:
		n = banner_bytes(buf, sizeof(buf), 16, sup, req);
		m2_store_le16(buf + 8, 0xffff);
		eof = 1;
		break;
	case B_LEN_MAX_SLOW:
		/* 65535 claimed, then the rest in full: Ceph reads it all. */
		memset(buf, 0, sizeof(buf));
		n = banner_bytes(buf, sizeof(buf), 16, sup, req);
		m2_store_le16(buf + 8, 0xffff);
		if (cf_peer_write(p, buf, n) != M2_OK)
			break;
		{
			static const uint8_t zero[4096];
			size_t left = 0xffff - 16;

			while (left > 0) {
				size_t k = left > sizeof(zero) ? sizeof(zero) :
				    left;

				if (cf_peer_write(p, zero, k) != M2_OK)
					break;
				left -= k;
			}
		}
		n = 0;
		want_hello = 1;
		break;
	case B_HELLO_FIRST: {
		uint8_t pay[128];
		size_t pl = cf_build_hello(p, pay, sizeof(pay));

		p->fmt = M2_FMT_REV1_CRC;
		CF_IGNORE(cf_peer_send1(p, M2_TAG_HELLO, pay, pl));
		n = 0;
		break;
	}
	}
	if (n > 0)
		CF_IGNORE(cf_peer_write(p, buf, n));
	if (eof)
		cf_peer_shutdown_wr(p);
	p->rev1 = rev1 && (p->peer_banner.supported & M2_FEATURE_REVISION_1);
	p->fmt = p->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;
	if (want_hello) {
		cf_observe(p, BIT(M2_TAG_HELLO), &o);
		cf_expect_frame(x, &o, BIT(M2_TAG_HELLO));
		if (x->r->verdict == CF_PASS)
			cf_verdict(x, CF_PASS, CF_R_FRAME, M2_TAG_HELLO,
			    "HELLO in msgr2.%d framing", p->rev1);
		return;
	}
	cf_observe(p, 0, &o);
	/* After trailing garbage, the HELLO the server sent is allowed. */
	cf_expect_close(x, &o, arg == B_TRAILING ? BIT(M2_TAG_HELLO) : 0);
}

static void
run_server_first(struct cf_ctx *x, intptr_t arg)
{
	struct cf_peer *p = &x->p;

	(void)arg;
	if (cf_setup(x, CF_ST_CONNECTED) != 0)
		return;
	if (cf_peer_recv_banner(p) != M2_OK) {
		cf_verdict(x, p->react.r == CF_R_SILENCE ? CF_TIMEOUT :
		    CF_FAIL, p->react.r, p->react.tag, "%s", p->why);
		return;
	}
	if (p->peer_banner.required & ~(uint64_t)(M2_FEATURE_REVISION_1 |
	    M2_FEATURE_COMPRESSION)) {
		cf_verdict(x, CF_FAIL, CF_R_COMPLETED, -1, "the banner "
		    "requires unknown bits 0x%llx", (unsigned long long)
		    p->peer_banner.required);
		return;
	}
	cf_verdict(x, CF_PASS, CF_R_COMPLETED, -1, "banner len %u supported "
	    "0x%llx required 0x%llx", p->peer_banner.len,
	    (unsigned long long)p->peer_banner.supported,
	    (unsigned long long)p->peer_banner.required);
}

#define B(id, d, e, k)	{ "banner." id, "banner", REF_BANNER, d, e, "", \
	CF_ROLE_SERVER, 0, 0, run_banner, k }

static const struct cf_case cases[] = {
	{ "banner.server-speaks-first", "banner", "SPEC-NOTES §1, §5.1 "
	    "(who writes first); ProtocolV2::_banner_exchange",
	    "the server sends its banner without waiting for ours",
	    "a well-formed banner arrives within the step deadline; its "
	    "required bits are ones a client can know", "",
	    CF_ROLE_SERVER, 0, 0, run_server_first, 0 },
	B("correct", "a correct 16-byte banner payload", EXP_HELLO,
	    B_CORRECT),
	B("payload-24", "a 24-byte payload (8 extra bytes)",
	    "goes on: the extra payload bytes are read and ignored "
	    "(HELLO)", B_LEN24),
	B("payload-8", "an 8-byte payload (half the feature words)",
	    EXP_CLOSE, B_LEN8),
	B("payload-0", "a zero-length payload", EXP_CLOSE, B_LEN0),
	B("payload-15-eof", "a 15-byte payload, then FIN", EXP_CLOSE,
	    B_LEN15),
	B("truncated-eof", "a banner cut 6 bytes short, then FIN", EXP_CLOSE,
	    B_TRUNC_EOF),
	B("prefix-only-eof", "only \"ceph v2\\n\", then FIN", EXP_CLOSE,
	    B_PREFIX_EOF),
	B("empty-eof", "no bytes at all, then FIN", EXP_CLOSE, B_EMPTY_EOF),
	B("msgr1", "msgr1's \"ceph v027\" banner and a legacy address",
	    EXP_CLOSE, B_MSGR1),
	B("garbage", "26 bytes of 0xa5", EXP_CLOSE, B_GARBAGE),
	B("prefix-v3", "\"ceph v3\\n\" instead of \"ceph v2\\n\"", EXP_CLOSE,
	    B_V3),
	B("http", "an HTTP request on the msgr2 port", EXP_CLOSE, B_HTTP),
	B("required-unknown", "we require feature bit 2, which no peer has",
	    EXP_CLOSE " (its feature check fails)", B_REQ_UNKNOWN),
	B("required-compression", "we require COMPRESSION",
	    "goes on (HELLO) if the server's banner offers COMPRESSION, "
	    "else closes", B_REQ_COMPRESSION),
	B("required-rev1", "we require REVISION_1",
	    "goes on in msgr2.1 (HELLO) if the server offers REVISION_1, "
	    "else closes", B_REQ_REV1),
	B("no-rev1", "we offer no REVISION_1 (a msgr2.0 peer)",
	    "goes on in msgr2.0 framing (HELLO with the 17-byte epilogue)",
	    B_NO_REV1),
	B("all-supported", "we offer every feature bit but COMPRESSION",
	    "goes on (unknown supported bits are fine)", B_ALL_SUPPORTED),
	B("slow", "a correct banner, one byte every 10 ms",
	    "goes on (HELLO): the reader reassembles the banner",
	    B_SLOW),
	B("trailing-garbage", "a correct banner followed by 32 bytes that "
	    "are no frame", "closes (the bytes fail as a preamble); the "
	    "server's own HELLO may come first", B_TRAILING),
	B("len-65535-eof", "the payload length says 65535, 16 bytes "
	    "follow, then FIN", EXP_CLOSE, B_LEN64K_EOF),
	B("len-65535-full", "a 65535-byte payload, sent in full",
	    "goes on (HELLO): the whole le16 range is a valid length",
	    B_LEN_MAX_SLOW),
	B("hello-first", "a HELLO frame instead of a banner", EXP_CLOSE,
	    B_HELLO_FIRST),
};

/* see cases.h */
void
cf_cases_banner(void)
{
	cf_register_table(cases, sizeof(cases) / sizeof(cases[0]));
}

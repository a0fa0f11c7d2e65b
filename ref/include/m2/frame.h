/* SPDX-License-Identifier: MIT */
/*
 * The byte stream below the control payloads: crc32c, the banner, the
 * 32-byte preamble, frames in the four on-wire formats (msgr2.0/2.1 x
 * crc/secure), and the AES-128-GCM secure mode.  SPEC-NOTES §1-3, §10.
 *
 * Everything here is sans-I/O: each entry point takes a pointer and a
 * length and never allocates.  The one heap object is the OpenSSL cipher
 * context inside struct m2_gcm (m2_gcm_init / m2_gcm_wipe).
 */
#ifndef M2_FRAME_H
#define M2_FRAME_H

#include "buf.h"
#include "cur.h"
#include "limits.h"

/* ------------------------------------------------------------------ */
/* crc32c                                                              */
/* ------------------------------------------------------------------ */

/*
 * m2_crc32c continues the CRC-32C register |seed| over |n| bytes at |p|
 * with Ceph's convention (ceph_crc32c, Linux crc32c): reflected
 * polynomial 0x82F63B78, no inversion on the way in or out.  So
 * m2_crc32c(0, "foo bar baz", 11) == 4119623852, an empty run returns
 * |seed|, and the "standard" CRC-32C of x is ~m2_crc32c(~0u, x).  The
 * preamble crc uses seed 0, segment crcs seed 0xffffffff.  |p| may be
 * NULL when |n| is 0.
 */
uint32_t	 m2_crc32c(uint32_t seed, const uint8_t *p, size_t n);

/* ------------------------------------------------------------------ */
/* Banner                                                              */
/* ------------------------------------------------------------------ */

/* msgr2 feature bits carried in the banner (ceph msgr.h). */
#define M2_FEATURE_REVISION_1	0x1ull	/* msgr2.1 framing */
#define M2_FEATURE_COMPRESSION	0x2ull	/* on-wire compression (Quincy+) */

#define M2_BANNER_PREFIX	"ceph v2\n"	/* 8 bytes, without the NUL */
#define M2_BANNER_MSGR1		"ceph v027"	/* 9 bytes: msgr1's banner */
#define M2_BANNER_MSGR1_LEN	9

/*
 * A banner: "ceph v2\n", le16 |len|, then |len| payload bytes of which
 * the first 16 are le64 |supported| and le64 |required|.  Current peers
 * send |len| = 16.
 */
struct m2_banner {
	uint16_t	 len;		/* payload length on the wire */
	uint64_t	 supported;
	uint64_t	 required;
};

/*
 * m2_banner_parse decodes one banner from |c| into |*out| and requires
 * |c| to hold exactly the banner.  It returns M2_OK; M2_E_TRUNC if |c|
 * ends inside the 10-byte head or inside the payload; M2_E_MSGR1 if the
 * first 9 bytes are msgr1's "ceph v027"; M2_E_BADVAL for any other
 * prefix and for a payload length under 16; M2_E_TRAILING if bytes
 * follow the payload.  Payload bytes past 16 are read and ignored, as
 * Ceph and the kernel do.
 */
M2_MUST_USE m2_err m2_banner_parse(struct m2_cur *c, struct m2_banner *out,
		    struct m2_diag *d);

/*
 * m2_banner_build writes |in|: the prefix, le16 in->len, then in->len
 * payload bytes, which are the first in->len bytes of le64 supported ||
 * le64 required, followed by zeros past 16.  (A |len| under 16 thus
 * writes a truncated payload, for tests of peers.)
 */
void		 m2_banner_build(struct m2_buf *b, const struct m2_banner *in);

/* m2_banner_size returns the bytes m2_banner_build writes: 10 + len. */
size_t		 m2_banner_size(const struct m2_banner *in);

/* m2_banner_dump writes "len=16 supported=0x1 required=0x0" (SCHEMA.md). */
size_t		 m2_banner_dump(const struct m2_banner *in, char *s, size_t n);

/*
 * m2_banner_check applies Ceph's feature test to our banner |mine| and
 * the |peer|'s, both ways: every bit one side requires must be supported
 * by the other.  It returns M2_OK or M2_E_COMPAT (Ceph then closes the
 * connection without sending a frame).
 */
M2_MUST_USE m2_err m2_banner_check(const struct m2_banner *mine,
		    const struct m2_banner *peer);

/*
 * m2_banner_rev returns the framing revision both sides use after a
 * successful check: 1 (msgr2.1) if both support REVISION_1, else 0.
 */
int		 m2_banner_rev(uint64_t my_supported, uint64_t peer_supported);

/* ------------------------------------------------------------------ */
/* Preamble                                                            */
/* ------------------------------------------------------------------ */

#define M2_ALIGN_DEFAULT	8	/* sizeof(void *) on 64-bit peers */
#define M2_ALIGN_PAGE		4096	/* MESSAGE data segment */
#define M2_PRE_COMPRESSED	0x01	/* flags: FRAME_EARLY_DATA_COMPRESSED */

struct m2_seg_desc {
	uint32_t	 len;
	uint16_t	 align;
};

/*
 * The 32-byte preamble.  All four descriptors are kept as they were on
 * the wire, used or not, so a parsed preamble rebuilds byte for byte; the
 * crc is not kept (m2_preamble_build computes it).
 */
struct m2_preamble {
	uint8_t			 tag;
	uint8_t			 nseg;		/* 1..4 */
	struct m2_seg_desc	 seg[M2_MAX_SEGMENTS];
	uint8_t			 flags;		/* byte 26 */
	uint8_t			 reserved;	/* byte 27 */
};

/*
 * m2_preamble_parse decodes the preamble in |c|, which must hold exactly
 * 32 bytes, into |*out|.  Checks, in order: the crc over bytes 0..27
 * (seed 0; M2_E_BADCRC, with both values in |d|); nseg 1..4
 * (M2_E_BADVAL); for each used descriptor its cap from limits.h
 * (M2_E_LIMIT; unused descriptors are not checked, as in the kernel's
 * decode_preamble); an empty last segment when nseg > 1 (M2_E_BADVAL; a
 * lone empty segment, as WAIT sends, is valid); for each used non-empty
 * segment an alignment that is over 8 and not a power of two
 * (M2_E_BADVAL: Ceph's allocator fails on it).  The tag, flags and
 * reserved byte are not judged.  Fewer than 32 bytes: M2_E_TRUNC; more:
 * M2_E_TRAILING.
 */
M2_MUST_USE m2_err m2_preamble_parse(struct m2_cur *c,
		    struct m2_preamble *out, struct m2_diag *d);

/* m2_preamble_build writes the 32 bytes of |in| with a fresh crc. */
void		 m2_preamble_build(struct m2_buf *b,
		    const struct m2_preamble *in);

/*
 * m2_preamble_dump writes "tag=18 nseg=1 segs=[8:8,0:0,0:0,0:0]
 * flags=0x0 reserved=0x0" (SCHEMA.md).
 */
size_t		 m2_preamble_dump(const struct m2_preamble *in, char *s,
		    size_t n);

/* ------------------------------------------------------------------ */
/* AES-128-GCM secure mode                                             */
/* ------------------------------------------------------------------ */

enum m2_role {
	M2_ROLE_CLIENT,			/* the connector */
	M2_ROLE_SERVER			/* the acceptor */
};

/*
 * m2_secure_keys splits a connection secret as Ceph's
 * create_handler_pair and the kernel's setup_crypto do: key = [0,16),
 * nonce A = [16,28), nonce B = [28,40); a client receives with A and
 * sends with B, a server the reverse.  Bytes past 40 are unused.  It
 * returns M2_OK, or M2_E_BADVAL if |secret_len| < 40.
 */
M2_MUST_USE m2_err m2_secure_keys(const uint8_t *secret, size_t secret_len,
		    enum m2_role role, uint8_t key[M2_GCM_KEY_LEN],
		    uint8_t rx_nonce[M2_GCM_NONCE_LEN],
		    uint8_t tx_nonce[M2_GCM_NONCE_LEN]);

/*
 * m2_secure_keys_dump writes "key=.. client_rx=.. client_tx=..
 * server_rx=.. server_tx=.." for |secret| (SCHEMA.md), or the empty
 * string if the secret is too short.
 */
size_t		 m2_secure_keys_dump(const uint8_t *secret, size_t secret_len,
		    char *s, size_t n);

struct evp_cipher_ctx_st;		/* OpenSSL's EVP_CIPHER_CTX */

#define M2_GCM_SEALING		1	/* m2_gcm.busy: an operation is open */
#define M2_GCM_OPENING		2

/*
 * One direction's AES-128-GCM state: a cipher context keyed once, and
 * the 12-byte nonce used as the IV.  Each GCM operation uses the current
 * nonce and then increments it: msgr2.0 adds 1 to the le32 at bytes 0..3
 * (mod 2^32), msgr2.1 to the le64 at bytes 4..11 (mod 2^64); the other
 * bytes never change.  Sealing refuses (M2_E_NONCES) once the next nonce
 * would equal the initial one again (CVE-2020-1759; Ceph's
 * reset_tx_handler); opening has no such check, as in Ceph.  The fields
 * are readable; change them only through the functions below.
 */
struct m2_gcm {
	struct evp_cipher_ctx_st *ctx;
	uint8_t		 key[M2_GCM_KEY_LEN];
	uint8_t		 nonce[M2_GCM_NONCE_LEN];	/* the next to use */
	uint8_t		 initial[M2_GCM_NONCE_LEN];
	int		 rev1;		/* 64-bit counter at bytes 4..11 */
	int		 used_initial;	/* the initial nonce has been used */
	int		 busy;		/* 0, M2_GCM_SEALING, M2_GCM_OPENING */
};

/*
 * m2_gcm_init keys |g| with |key| and sets both its current and its
 * initial nonce to |nonce|.  |rev1| selects the msgr2.1 counter.  It
 * returns M2_OK or M2_E_CRYPTO; on failure |g| needs no wipe.
 */
M2_MUST_USE m2_err m2_gcm_init(struct m2_gcm *g,
		    const uint8_t key[M2_GCM_KEY_LEN],
		    const uint8_t nonce[M2_GCM_NONCE_LEN], int rev1);

/*
 * m2_gcm_wipe frees the cipher context and cleanses the key and nonces.
 * It is safe on a zeroed or already wiped |g|.
 */
void		 m2_gcm_wipe(struct m2_gcm *g);

/*
 * m2_gcm_can_seal returns 1 if |nops| more operations may be sealed
 * before the nonce would repeat, else 0.
 */
int		 m2_gcm_can_seal(const struct m2_gcm *g, uint64_t nops);

/*
 * m2_gcm_advance moves |g| on by |nops| operations without running
 * them: a receiver that skips a frame's encrypted tail (the kernel's
 * finish_skip), a vector's frameIndex, or a test that sets the counter
 * next to its wrap point.  It returns M2_E_NONCES, and changes nothing,
 * if sealing that many would repeat a nonce.
 */
M2_MUST_USE m2_err m2_gcm_advance(struct m2_gcm *g, uint64_t nops);

/*
 * One GCM operation, streamed: m2_gcm_begin starts it with the current
 * nonce and increments the nonce (|seal| 1 to encrypt, 0 to decrypt;
 * sealing may return M2_E_NONCES and then changes nothing); then any
 * number of m2_gcm_update calls, each turning |n| bytes at |in| into |n|
 * bytes at |out| (which may equal |in|); then m2_gcm_seal_final, which
 * writes the 16-byte tag, or m2_gcm_open_final, which checks it and
 * returns M2_E_BADTAG_AEAD on a mismatch.  No AAD is used.  Failures of
 * the library give M2_E_CRYPTO, misuse M2_E_USAGE.
 */
M2_MUST_USE m2_err m2_gcm_begin(struct m2_gcm *g, int seal);
M2_MUST_USE m2_err m2_gcm_update(struct m2_gcm *g, uint8_t *out,
		    const uint8_t *in, size_t n);
M2_MUST_USE m2_err m2_gcm_seal_final(struct m2_gcm *g,
		    uint8_t tag[M2_GCM_TAG_LEN]);
M2_MUST_USE m2_err m2_gcm_open_final(struct m2_gcm *g,
		    const uint8_t tag[M2_GCM_TAG_LEN]);

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

/* The four on-wire formats (ceph frames_v2.cc FrameAssembler). */
enum m2_fmt {
	M2_FMT_REV0_CRC,		/* msgr2.0-crc */
	M2_FMT_REV1_CRC,		/* msgr2.1-crc */
	M2_FMT_REV0_SECURE,		/* msgr2.0-secure */
	M2_FMT_REV1_SECURE		/* msgr2.1-secure */
};
#define M2_FMT_COUNT		4

static inline int
m2_fmt_secure(enum m2_fmt fmt)
{
	return fmt == M2_FMT_REV0_SECURE || fmt == M2_FMT_REV1_SECURE;
}

static inline int
m2_fmt_rev1(enum m2_fmt fmt)
{
	return fmt == M2_FMT_REV1_CRC || fmt == M2_FMT_REV1_SECURE;
}

/* m2_fmt_name returns the vector codec name, e.g. "frame_rev1_crc". */
const char	*m2_fmt_name(enum m2_fmt fmt);

/* m2_fmt_from_name maps such a name back; it returns 0 if unknown. */
int		 m2_fmt_from_name(const char *name, enum m2_fmt *fmt);

/* Epilogue late byte: msgr2.0 late_flags, msgr2.1 late_status. */
#define M2_LATE_FLAG_ABORTED	0x01	/* rev0: only bit 0 counts */
#define M2_LATE_STATUS_ABORTED	0x01	/* rev1: low nibble */
#define M2_LATE_STATUS_COMPLETE	0x0e
#define M2_LATE_STATUS_MASK	0x0f	/* the high nibble is ignored */

/* Sizes on the wire. */
#define M2_FRAME_CRC_LEN	4	/* rev1 crc after segment 0 */
#define M2_EPILOGUE_REV0_CRC	17	/* late_flags, 4 x le32 crc */
#define M2_EPILOGUE_REV1_CRC	13	/* late_status, 3 x le32 crc */
#define M2_EPILOGUE_SECURE	16	/* late byte, 15 zero bytes */
#define M2_FRAME_HEAD_MAX	96	/* rev1 secure: preamble, inline, tag */
#define M2_FRAME_HEAD_SCRATCH	80	/* plaintext of that head */

/*
 * A frame: the tag, the preamble flags byte, and |nseg| segments.  After
 * a parse, seg[i] for i < nseg borrow from the input (crc formats) or
 * from the caller's scratch (secure formats), with their logical
 * lengths (never a NULL pointer); the rest are empty with align 0.
 * |has_epilogue| tells whether the frame had an epilogue (always in
 * msgr2.0; in msgr2.1 only when nseg > 1) and |late| is its late byte,
 * 0 when there was none.  An aborted frame parses: see m2_frame_aborted.
 */
struct m2_frame {
	uint8_t		 tag;
	uint8_t		 flags;
	uint8_t		 nseg;
	struct m2_span	 seg[M2_MAX_SEGMENTS];
	uint16_t	 align[M2_MAX_SEGMENTS];
	uint8_t		 late;
	int		 has_epilogue;
};

/*
 * m2_frame_init sets |*f| to a complete frame of |fmt| with tag |tag|
 * and the first |count| (1..4) of |segs| and |aligns| (NULL: all
 * M2_ALIGN_DEFAULT).  nseg drops trailing empty segments but keeps at
 * least one, as Ceph's calc_num_segments does; |late| is 0 for msgr2.0
 * and M2_LATE_STATUS_COMPLETE for msgr2.1.
 */
void		 m2_frame_init(struct m2_frame *f, enum m2_fmt fmt, uint8_t tag,
		    const struct m2_span *segs, const uint16_t *aligns,
		    size_t count);

/* m2_frame_aborted returns 1 if the sender marked |f| aborted. */
int		 m2_frame_aborted(enum m2_fmt fmt, const struct m2_frame *f);

/*
 * m2_frame_preamble fills |*out| with the preamble m2_frame_build would
 * send for |f|: descriptors past nseg and the reserved byte are zero.
 */
void		 m2_frame_preamble(const struct m2_frame *f,
		    struct m2_preamble *out);

/*
 * Lengths, in 64-bit arithmetic (no wrap for lengths near 2^32).  A
 * preamble whose nseg is not 1..4 describes no frame: they return 0.
 *   m2_frame_head_len: what a reader reads first (32; 96 in rev1 secure);
 *   m2_frame_rest_len: what follows the head for this preamble;
 *   m2_frame_onwire_len: the whole frame, head + rest;
 *   m2_frame_scratch_len: the scratch a secure parse needs (0 for crc).
 */
size_t		 m2_frame_head_len(enum m2_fmt fmt);
uint64_t	 m2_frame_rest_len(enum m2_fmt fmt,
		    const struct m2_preamble *pre);
uint64_t	 m2_frame_onwire_len(enum m2_fmt fmt,
		    const struct m2_preamble *pre);
uint64_t	 m2_frame_scratch_len(enum m2_fmt fmt,
		    const struct m2_preamble *pre);

/*
 * m2_frame_build writes |f| in format |fmt| as Ceph's FrameAssembler
 * does: the preamble from m2_frame_preamble, segment crcs (seed ~0; a
 * used empty segment 0xffffffff, an unused epilogue slot 0) or, in
 * secure formats, zero padding and AES-GCM with |tx| (NULL for crc
 * formats).  f->nseg, f->flags and f->late are written as given.  It
 * returns M2_OK; M2_E_USAGE for a bad nseg or |tx|; M2_E_NONCES if |tx|
 * cannot seal the 1 to 3 operations the frame needs; M2_E_NOSPC (and
 * the buffer's overflow flag) if the frame does not fit; M2_E_CRYPTO.
 * On any failure no nonce is consumed unless the library failed, and
 * b->len is as it was.
 */
M2_MUST_USE m2_err m2_frame_build(struct m2_buf *b, enum m2_fmt fmt,
		    struct m2_gcm *tx, const struct m2_frame *f);

/*
 * A crc-format frame as a gather list, for writev: nothing is copied,
 * as Ceph's asm_crc_rev0/rev1 claim_append their segments.  iov[0, niov)
 * are the pieces in wire order, |len| bytes in all: f's non-empty
 * segments, borrowed, and parts of |own| (the preamble, msgr2.1's crc
 * after segment 0, the epilogue).  The struct points into itself: use
 * it where it was filled in.
 */
#define M2_FRAME_IOV_MAX	7	/* preamble, 4 segs, crc, epilogue */

struct m2_frame_iov {
	struct m2_span	 iov[M2_FRAME_IOV_MAX];
	size_t		 niov;
	size_t		 len;
	uint8_t		 own[M2_PREAMBLE_LEN + M2_FRAME_CRC_LEN +
			    M2_EPILOGUE_REV0_CRC];
};

/*
 * m2_frame_build_iov lays |f| out in crc format |fmt| as m2_frame_build
 * would write it, without copying a segment.  It returns M2_OK, or
 * M2_E_USAGE for a secure format (whose bytes must be encrypted into a
 * buffer) or a bad nseg.
 */
M2_MUST_USE m2_err m2_frame_build_iov(enum m2_fmt fmt,
		    const struct m2_frame *f, struct m2_frame_iov *out);

/*
 * Receiving in two steps, for a reader that must know how much to read.
 *
 * m2_frame_open_head takes the first m2_frame_head_len(fmt) bytes of a
 * frame and decodes its preamble into |*pre| (m2_preamble_parse's
 * checks).  In rev1 secure it first decrypts the 96-byte block and
 * checks its tag, so no byte is used unauthenticated; the plaintext (the
 * preamble and the 48-byte inline buffer) goes to scratch[0, 80).  In
 * rev0 secure it decrypts the 32 preamble bytes into scratch[0, 32) and
 * leaves the GCM operation open: the preamble is used before any tag is
 * checked (Ceph's msgr2.0 does the same; the format allows no better)
 * and the next call on |rx| must be m2_frame_open_rest.  Crc formats
 * take |rx| NULL and need no scratch.  It returns M2_OK, M2_E_TRUNC or
 * M2_E_TRAILING if |n| is not the head length, M2_E_NOSPC if the scratch
 * is too small, M2_E_BADTAG_AEAD, the preamble's errors, M2_E_USAGE.
 *
 * m2_frame_open_rest takes the next m2_frame_rest_len(fmt, pre) bytes,
 * checks every crc or tag (each msgr2.1 GCM operation with the next
 * nonce of |rx|), the late byte (msgr2.1: low nibble 0xe or 0x1, else
 * M2_E_BADVAL) and fills |*out|.  Secure formats decrypt into |scratch|,
 * which must be the one given to m2_frame_open_head, still holding what
 * it wrote there, and at least m2_frame_scratch_len(fmt, pre) bytes;
 * padding is not checked (Ceph's unpad_zero does not).  After a
 * failure |*out| is zeroed and the scratch holds nothing usable (a
 * block is decrypted there before its tag is checked; none of it is
 * handed out unless the tag is good).  It returns
 * M2_OK, M2_E_TRUNC, M2_E_TRAILING, M2_E_BADCRC, M2_E_BADTAG_AEAD,
 * M2_E_BADVAL, M2_E_NOSPC, M2_E_USAGE, M2_E_CRYPTO.  Diagnostics count
 * offsets from the start of the frame.
 */
M2_MUST_USE m2_err m2_frame_open_head(enum m2_fmt fmt, struct m2_gcm *rx,
		    const uint8_t *head, size_t n, struct m2_preamble *pre,
		    uint8_t *scratch, size_t scratch_len, struct m2_diag *d);
M2_MUST_USE m2_err m2_frame_open_rest(enum m2_fmt fmt, struct m2_gcm *rx,
		    const struct m2_preamble *pre, const uint8_t *rest,
		    size_t n, uint8_t *scratch, size_t scratch_len,
		    struct m2_frame *out, struct m2_diag *d);

/*
 * m2_frame_parse decodes the one frame that fills the |n| bytes at |p|
 * by exactly the two steps above, so it returns their errors; input
 * ending early gives M2_E_TRUNC and bytes after the frame M2_E_TRAILING
 * (reported once the frame itself has been checked).  A scratch of |n|
 * bytes always suffices (a secure frame's plaintext is shorter than the
 * frame).  Unlike the two steps, on failure it leaves |rx|'s nonce as it
 * was, so one context can test many inputs.
 */
M2_MUST_USE m2_err m2_frame_parse(enum m2_fmt fmt, struct m2_gcm *rx,
		    const uint8_t *p, size_t n, uint8_t *scratch,
		    size_t scratch_len, struct m2_frame *out,
		    struct m2_diag *d);

/*
 * m2_frame_dump writes "tag=18 flags=0x0 aligns=[8] segs=[0100000002000000]
 * late=0x0" (SCHEMA.md): one align and one seg per used segment; late is
 * "-" for a msgr2.1 frame without an epilogue.
 */
size_t		 m2_frame_dump(enum m2_fmt fmt, const struct m2_frame *f,
		    char *s, size_t n);

#endif

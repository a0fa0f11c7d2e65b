/* SPDX-License-Identifier: MIT */
/*
 * The session dissector: both byte streams of one msgr2 connection (every
 * byte each way, timing removed, as a transcript or a capture holds them)
 * walked frame by frame, with the framing switch of secure mode and the
 * two AUTH_SIGNATUREs checked.  SPEC-NOTES §1-5; vectors/SCHEMA.md
 * "Transcripts".
 *
 * It is sans-I/O and a pull iterator, like the rest of the codec: the
 * caller owns the streams, the scratch and the struct m2_dissect, and
 * asks for one event at a time with m2_dissect_next.  Nothing is
 * allocated but the OpenSSL cipher context of secure mode (freed by
 * m2_dissect_wipe); no length read from the wire is used before it has
 * been checked against the bytes that are actually there.
 */
#ifndef M2_DISSECT_H
#define M2_DISSECT_H

#include "codec.h"
#include "frame.h"
#include "msg.h"

/* Directions: the index into the two streams. */
#define M2_DIR_C2S		0	/* client to server */
#define M2_DIR_S2C		1	/* server to client */

/* m2_dir_name returns "c2s" or "s2c". */
const char	*m2_dir_name(int dir);

/* What an AUTH_SIGNATURE came to. */
enum m2_sig {
	M2_SIG_NONE,			/* none was sent */
	M2_SIG_UNCHECKED,		/* sent; no session key to check it */
	M2_SIG_OK,
	M2_SIG_BAD
};

/* m2_sig_name returns "none", "unchecked", "ok" or "bad". */
const char	*m2_sig_name(enum m2_sig s);

enum m2_dissect_kind {
	M2_DISSECT_END,			/* both streams are done */
	M2_DISSECT_BANNER,
	M2_DISSECT_FRAME,
	M2_DISSECT_OPAQUE,		/* secure frames, and no secret */
	M2_DISSECT_ERROR		/* this stream cannot go on */
};

/*
 * One event.  |off| and |len| place it in its direction's stream; diag
 * offsets are absolute in that stream too (for a payload inside a secure
 * frame, which has no stream offset, |off| of the frame).  Spans in
 * |frame| borrow from the stream (crc formats) or from the scratch (secure
 * formats), and |payload| from the struct m2_dissect: all of it is valid
 * until the next call.
 */
struct m2_dissect_event {
	enum m2_dissect_kind kind;
	int		 dir;
	size_t		 off;
	size_t		 len;
	size_t		 index;		/* frames: 0 is the first after the
					 * banner */
	struct m2_banner banner;	/* BANNER */
	enum m2_fmt	 fmt;		/* FRAME */
	struct m2_frame	 frame;
	/*
	 * The codec row that decoded segment 0 (msg_<tag>, or msg_header2
	 * for MESSAGE), NULL for an unknown tag; |payload| its struct, NULL
	 * unless |payload_err| is M2_OK or M2_E_TRAILING.
	 */
	const struct m2_codec *codec;
	const void	*payload;
	m2_err		 payload_err;
	enum m2_sig	 sig;		/* an AUTH_SIGNATURE's verdict */
	m2_err		 err;		/* what the call returned */
	struct m2_diag	 diag;
};

/*
 * The dissector.  m2_dissect_init fills in the streams and clears the
 * rest; the caller may then set the options, and reads the findings as
 * the walk goes (complete once M2_DISSECT_END has been returned).  The
 * fields under "private" are not to be touched.
 */
struct m2_dissect {
	/* the streams, as given to m2_dissect_init */
	const uint8_t	*in[2];
	size_t		 in_len[2];

	/* options */
	const uint8_t	*session_key;	/* the AUTH_SIGNATURE HMAC key */
	size_t		 session_key_len;
	int		 have_session_key; /* even if empty; without it,
					 * auth none implies the empty key */
	const uint8_t	*con_secret;	/* 40+ bytes: m2_secure_keys */
	size_t		 con_secret_len;
	int		 strict;	/* trailing payload bytes are errors */
	uint8_t		*scratch;	/* for secure frames' plaintext */
	size_t		 scratch_len;

	/* findings */
	struct m2_banner banner[2];
	int		 have_banner[2];
	int		 rev1;		/* both banners have REVISION_1 */
	uint32_t	 auth_method;	/* of the last AUTH_REQUEST; 0 */
	int		 auth_done;	/* the server sent AUTH_DONE */
	uint32_t	 con_mode;	/* AUTH_DONE's; 0 without one */
	uint64_t	 global_id;	/* AUTH_DONE's */
	size_t		 signed_len[2];	/* bytes of stream d that the HMAC of
					 * the peer's signature covers */
	size_t		 plain_frames[2]; /* frames before the secure switch;
					 * SIZE_MAX if none */
	size_t		 nframes[2];
	enum m2_sig	 sig[2];	/* of the AUTH_SIGNATURE sent in d */
	m2_err		 err;		/* the first error returned */
	int		 err_dir;
	struct m2_diag	 diag;

	/* private */
	int		 started;
	int		 dir;
	int		 phase[2];
	size_t		 pos[2];
	int		 gcm_dir;	/* which direction |gcm| is keyed for */
	struct m2_gcm	 gcm;
	_Alignas(16) uint8_t obj[M2_CODEC_MAX_STRUCT];
};

/*
 * m2_dissect_init sets |ds| to walk the |c2s_len| bytes at |c2s| (what
 * the client sent, from its banner on) and the |s2c_len| bytes at |s2c|
 * (what the server sent).  Either may be empty (NULL with length 0).
 * The streams must outlive |ds|.
 */
void		 m2_dissect_init(struct m2_dissect *ds, const uint8_t *c2s,
		    size_t c2s_len, const uint8_t *s2c, size_t s2c_len);

/*
 * m2_dissect_next fills |*ev| with the next event.  The client's stream
 * comes first, then the server's; each starts with its banner, then one
 * FRAME event per frame, in stream order; then M2_DISSECT_END, which
 * every later call returns again.  An empty stream yields no event.
 *
 * The first call reads ahead (without events) to learn what framing each
 * stream uses: the revision from both banners (msgr2.1 iff both have
 * REVISION_1; from the one banner if the other stream is empty); and,
 * when AUTH_DONE says con_mode secure, where each stream switches to the
 * secure format: the server's right after AUTH_DONE, the client's after
 * its 1 + K first frames, K being the number of AUTH_BAD_METHOD,
 * AUTH_REPLY_MORE and AUTH_DONE frames the server sent (HELLO, then one
 * AUTH_REQUEST or AUTH_REQUEST_MORE answered by each).  Secure frames of
 * the client's stream are opened with the server's receive nonce, the
 * server's with the client's (m2_secure_keys).  Without a connection
 * secret the secure part of a stream is one M2_DISSECT_OPAQUE event.
 *
 * The first AUTH_SIGNATURE of each stream is checked: the client's must
 * be HMAC-SHA256(session key, the server's stream from its first byte
 * through AUTH_DONE), the server's the same over the client's stream
 * through its last auth frame; with an empty key, 32 zero bytes.  The
 * key is |session_key| if |have_session_key|, the empty key if not and
 * the last AUTH_REQUEST asked for auth none; else the signature is
 * M2_SIG_UNCHECKED.
 *
 * Returns M2_OK for BANNER, FRAME, OPAQUE and END events.  A banner,
 * crc, tag or length that breaks a stream's framing gives an ERROR event
 * and returns its error (M2_E_TRUNC, M2_E_BADVAL, M2_E_MSGR1,
 * M2_E_BADCRC, M2_E_BADTAG_AEAD, M2_E_LIMIT, M2_E_NOSPC if the scratch is
 * too small, M2_E_CRYPTO); that stream ends there and the walk goes on
 * with the other.  Errors that leave the framing intact come with their
 * event, and the stream goes on: a payload that does not decode (its
 * error; M2_E_BADTAG for a tag with no payload codec; M2_E_TRAILING after
 * a control payload only if |strict|, after header2 always), an
 * AUTH_SIGNATURE that does not match (M2_E_BADSIG), banners whose
 * required features the other side lacks (M2_E_COMPAT, on the server's
 * banner).  The first error is kept in ds->err, err_dir and diag.
 *
 * A scratch of as many bytes as the longer stream always suffices.
 */
M2_MUST_USE m2_err m2_dissect_next(struct m2_dissect *ds,
		    struct m2_dissect_event *ev);

/* m2_dissect_wipe frees the cipher context and forgets the secrets. */
void		 m2_dissect_wipe(struct m2_dissect *ds);

/*
 * m2_auth_signature_mac computes an AUTH_SIGNATURE as Ceph's
 * ProtocolV2 does: HMAC-SHA256 with |key| over the |n| bytes at |p|, or
 * 32 zero bytes if |key_len| is 0.  It returns M2_OK or M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_auth_signature_mac(const uint8_t *key, size_t key_len,
		    const uint8_t *p, size_t n,
		    uint8_t out[M2_SIGNATURE_LEN]);

#endif

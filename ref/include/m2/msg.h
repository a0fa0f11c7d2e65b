/* SPDX-License-Identifier: MIT */
/*
 * Control payloads (one per frame tag) and ceph_msg_header2, the first
 * segment of a MESSAGE frame.  SPEC-NOTES §4 (tags and payloads), §8
 * (MESSAGE).  Each payload is what ControlFrame<> in Ceph's frames_v2.h
 * encodes into segment 0, field after field, with no header of its own.
 *
 * Every payload X below has four functions, rows of the codec table
 * (m2/codec.h) under the name "msg_X":
 *
 *   m2_msg_X_parse decodes the payload held in |c| into |*out|; opaque
 *   fields of |*out| borrow from |c|, so |c|'s bytes must outlive |*out|.
 *   It never allocates.  It returns M2_OK; M2_E_TRUNC if the input ends
 *   inside a field, or a count is within its cap but its elements cannot
 *   fit in what is left; M2_E_LIMIT if a count or length is over its cap
 *   in m2/limits.h; M2_E_TRAILING if bytes follow the last field (Ceph
 *   ignores them: the codec reports, the connection decides); and, for
 *   payloads holding addresses, whatever m2_addr_read or m2_addrvec_read
 *   returned.  On failure |d| (which may be NULL) receives the absolute
 *   offset and a field path such as "auth_request.modes.count", and
 *   |*out| holds no meaningful value.
 *
 *   m2_msg_X_build appends the canonical encoding of |*in| to |b|; an
 *   overflow is reported once by m2_buf_finish.  List counts in |*in|
 *   must be within their caps (builders assert it: a caller's bug, never
 *   wire data).
 *
 *   m2_msg_X_size returns the exact number of bytes m2_msg_X_build
 *   writes.
 *
 *   m2_msg_X_dump writes the canonical text of vectors/SCHEMA.md with
 *   snprintf semantics: at most |n| bytes including the NUL, and returns
 *   the length the full text has.
 *
 * Lists are fixed arrays bounded by the caps in m2/limits.h; byte strings
 * are spans into the parsed input; bools keep the raw byte (Ceph reads
 * any nonzero byte as true), so every accepted input re-encodes to the
 * same bytes.
 */
#ifndef M2_MSG_H
#define M2_MSG_H

#include "addr.h"
#include "buf.h"
#include "cur.h"
#include "limits.h"

/* Frame tags: enum class Tag in ceph frames_v2.h (21, 22: Quincy+). */
enum m2_tag {
	M2_TAG_HELLO			= 1,
	M2_TAG_AUTH_REQUEST		= 2,
	M2_TAG_AUTH_BAD_METHOD		= 3,
	M2_TAG_AUTH_REPLY_MORE		= 4,
	M2_TAG_AUTH_REQUEST_MORE	= 5,
	M2_TAG_AUTH_DONE		= 6,
	M2_TAG_AUTH_SIGNATURE		= 7,
	M2_TAG_CLIENT_IDENT		= 8,
	M2_TAG_SERVER_IDENT		= 9,
	M2_TAG_IDENT_MISSING_FEATURES	= 10,
	M2_TAG_SESSION_RECONNECT	= 11,
	M2_TAG_SESSION_RESET		= 12,
	M2_TAG_SESSION_RETRY		= 13,
	M2_TAG_SESSION_RETRY_GLOBAL	= 14,
	M2_TAG_SESSION_RECONNECT_OK	= 15,
	M2_TAG_WAIT			= 16,
	M2_TAG_MESSAGE			= 17,
	M2_TAG_KEEPALIVE2		= 18,
	M2_TAG_KEEPALIVE2_ACK		= 19,
	M2_TAG_ACK			= 20,
	M2_TAG_COMPRESSION_REQUEST	= 21,
	M2_TAG_COMPRESSION_DONE		= 22
};

#define M2_TAG_MAX		22

/*
 * m2_tag_name returns the tag's name as Ceph spells it ("HELLO",
 * "AUTH_REQUEST", ...), or NULL for a value that is no tag.
 */
const char	*m2_tag_name(unsigned tag);

/* Auth methods (ceph_fs.h CEPH_AUTH_*); 0 is "unknown". */
#define M2_AUTH_UNKNOWN		0
#define M2_AUTH_NONE		1
#define M2_AUTH_CEPHX		2
#define M2_AUTH_GSS		4

/* Connection modes (ceph_fs.h CEPH_CON_MODE_*); 0 is "unknown". */
#define M2_CON_MODE_UNKNOWN	0
#define M2_CON_MODE_CRC		1
#define M2_CON_MODE_SECURE	2

/* Entity types (msgr.h CEPH_ENTITY_TYPE_*), as HELLO carries them. */
#define M2_ENTITY_TYPE_MON	0x01
#define M2_ENTITY_TYPE_MDS	0x02
#define M2_ENTITY_TYPE_OSD	0x04
#define M2_ENTITY_TYPE_CLIENT	0x08
#define M2_ENTITY_TYPE_MGR	0x10
#define M2_ENTITY_TYPE_AUTH	0x20

/* CLIENT_IDENT and SERVER_IDENT flags: msgr.h CEPH_MSG_CONNECT_LOSSY. */
#define M2_IDENT_LOSSY		0x1

/* ceph_msg_header2.flags carries the footer flags (msgr.h). */
#define M2_FOOTER_COMPLETE	0x1	/* CEPH_MSG_FOOTER_COMPLETE */
#define M2_FOOTER_NOCRC		0x2	/* CEPH_MSG_FOOTER_NOCRC */

/*
 * HELLO (1), both directions: u8 entity_type, entity_addr_t peer_addr.
 * |peer_addr| is the receiver's address as the sender sees it.
 */
struct m2_hello {
	uint8_t		 entity_type;	/* M2_ENTITY_TYPE_* of the sender */
	struct m2_addr	 peer_addr;
};

M2_MUST_USE m2_err m2_msg_hello_parse(struct m2_cur *c, struct m2_hello *out,
		    struct m2_diag *d);
void		 m2_msg_hello_build(struct m2_buf *b,
		    const struct m2_hello *in);
size_t		 m2_msg_hello_size(const struct m2_hello *in);
size_t		 m2_msg_hello_dump(const struct m2_hello *in, char *s,
		    size_t n);

/*
 * AUTH_REQUEST (2), client to server: le32 method, le32 count and that
 * many le32 preferred modes (at most M2_MAX_CON_MODES), le32 length and
 * that many bytes of auth payload (at most M2_MAX_AUTH_PAYLOAD).
 */
struct m2_auth_request {
	uint32_t	 method;		/* M2_AUTH_* */
	uint32_t	 n_modes;
	uint32_t	 modes[M2_MAX_CON_MODES];	/* M2_CON_MODE_* */
	struct m2_span	 payload;
};

M2_MUST_USE m2_err m2_msg_auth_request_parse(struct m2_cur *c,
		    struct m2_auth_request *out, struct m2_diag *d);
void		 m2_msg_auth_request_build(struct m2_buf *b,
		    const struct m2_auth_request *in);
size_t		 m2_msg_auth_request_size(const struct m2_auth_request *in);
size_t		 m2_msg_auth_request_dump(const struct m2_auth_request *in,
		    char *s, size_t n);

/*
 * AUTH_BAD_METHOD (3), server to client: le32 method, le32 result (a
 * negative errno, e.g. -13), then two lists of le32, allowed methods (at
 * most M2_MAX_AUTH_METHODS) and allowed modes (at most M2_MAX_CON_MODES).
 */
struct m2_auth_bad_method {
	uint32_t	 method;
	int32_t		 result;
	uint32_t	 n_methods;
	uint32_t	 methods[M2_MAX_AUTH_METHODS];
	uint32_t	 n_modes;
	uint32_t	 modes[M2_MAX_CON_MODES];
};

M2_MUST_USE m2_err m2_msg_auth_bad_method_parse(struct m2_cur *c,
		    struct m2_auth_bad_method *out, struct m2_diag *d);
void		 m2_msg_auth_bad_method_build(struct m2_buf *b,
		    const struct m2_auth_bad_method *in);
size_t		 m2_msg_auth_bad_method_size(
		    const struct m2_auth_bad_method *in);
size_t		 m2_msg_auth_bad_method_dump(
		    const struct m2_auth_bad_method *in, char *s, size_t n);

/*
 * AUTH_REPLY_MORE (4), server to client, and AUTH_REQUEST_MORE (5),
 * client to server: le32 length and that many bytes of auth payload (at
 * most M2_MAX_AUTH_PAYLOAD).
 */
struct m2_auth_reply_more {
	struct m2_span	 payload;
};

struct m2_auth_request_more {
	struct m2_span	 payload;
};

M2_MUST_USE m2_err m2_msg_auth_reply_more_parse(struct m2_cur *c,
		    struct m2_auth_reply_more *out, struct m2_diag *d);
void		 m2_msg_auth_reply_more_build(struct m2_buf *b,
		    const struct m2_auth_reply_more *in);
size_t		 m2_msg_auth_reply_more_size(
		    const struct m2_auth_reply_more *in);
size_t		 m2_msg_auth_reply_more_dump(
		    const struct m2_auth_reply_more *in, char *s, size_t n);

M2_MUST_USE m2_err m2_msg_auth_request_more_parse(struct m2_cur *c,
		    struct m2_auth_request_more *out, struct m2_diag *d);
void		 m2_msg_auth_request_more_build(struct m2_buf *b,
		    const struct m2_auth_request_more *in);
size_t		 m2_msg_auth_request_more_size(
		    const struct m2_auth_request_more *in);
size_t		 m2_msg_auth_request_more_dump(
		    const struct m2_auth_request_more *in, char *s, size_t n);

/*
 * AUTH_DONE (6), server to client: le64 global_id, le32 con_mode, le32
 * length and that many bytes of auth payload (at most
 * M2_MAX_AUTH_PAYLOAD).
 */
struct m2_auth_done {
	uint64_t	 global_id;
	uint32_t	 con_mode;		/* M2_CON_MODE_* */
	struct m2_span	 payload;
};

M2_MUST_USE m2_err m2_msg_auth_done_parse(struct m2_cur *c,
		    struct m2_auth_done *out, struct m2_diag *d);
void		 m2_msg_auth_done_build(struct m2_buf *b,
		    const struct m2_auth_done *in);
size_t		 m2_msg_auth_done_size(const struct m2_auth_done *in);
size_t		 m2_msg_auth_done_dump(const struct m2_auth_done *in, char *s,
		    size_t n);

/*
 * AUTH_SIGNATURE (7), both directions: 32 raw bytes of HMAC-SHA256, no
 * length prefix (sha256_digest_t).
 */
struct m2_auth_signature {
	uint8_t		 sig[M2_SIGNATURE_LEN];
};

M2_MUST_USE m2_err m2_msg_auth_signature_parse(struct m2_cur *c,
		    struct m2_auth_signature *out, struct m2_diag *d);
void		 m2_msg_auth_signature_build(struct m2_buf *b,
		    const struct m2_auth_signature *in);
size_t		 m2_msg_auth_signature_size(
		    const struct m2_auth_signature *in);
size_t		 m2_msg_auth_signature_dump(
		    const struct m2_auth_signature *in, char *s, size_t n);

/*
 * CLIENT_IDENT (8), client to server: entity_addrvec_t addrs,
 * entity_addr_t target_addr, le64 gid (signed), le64 global_seq, le64
 * features_supported, le64 features_required, le64 flags, le64 cookie.
 */
struct m2_client_ident {
	struct m2_addrvec addrs;
	struct m2_addr	 target_addr;
	int64_t		 gid;
	uint64_t	 global_seq;
	uint64_t	 features_supported;
	uint64_t	 features_required;
	uint64_t	 flags;			/* M2_IDENT_LOSSY */
	uint64_t	 cookie;
};

M2_MUST_USE m2_err m2_msg_client_ident_parse(struct m2_cur *c,
		    struct m2_client_ident *out, struct m2_diag *d);
void		 m2_msg_client_ident_build(struct m2_buf *b,
		    const struct m2_client_ident *in);
size_t		 m2_msg_client_ident_size(const struct m2_client_ident *in);
size_t		 m2_msg_client_ident_dump(const struct m2_client_ident *in,
		    char *s, size_t n);

/*
 * SERVER_IDENT (9), server to client: CLIENT_IDENT without target_addr:
 * entity_addrvec_t addrs, le64 gid (signed), le64 global_seq, le64
 * features_supported, le64 features_required, le64 flags, le64 cookie.
 */
struct m2_server_ident {
	struct m2_addrvec addrs;
	int64_t		 gid;
	uint64_t	 global_seq;
	uint64_t	 features_supported;
	uint64_t	 features_required;
	uint64_t	 flags;			/* M2_IDENT_LOSSY */
	uint64_t	 cookie;
};

M2_MUST_USE m2_err m2_msg_server_ident_parse(struct m2_cur *c,
		    struct m2_server_ident *out, struct m2_diag *d);
void		 m2_msg_server_ident_build(struct m2_buf *b,
		    const struct m2_server_ident *in);
size_t		 m2_msg_server_ident_size(const struct m2_server_ident *in);
size_t		 m2_msg_server_ident_dump(const struct m2_server_ident *in,
		    char *s, size_t n);

/* IDENT_MISSING_FEATURES (10), server to client: le64 features. */
struct m2_ident_missing_features {
	uint64_t	 features;
};

M2_MUST_USE m2_err m2_msg_ident_missing_features_parse(struct m2_cur *c,
		    struct m2_ident_missing_features *out, struct m2_diag *d);
void		 m2_msg_ident_missing_features_build(struct m2_buf *b,
		    const struct m2_ident_missing_features *in);
size_t		 m2_msg_ident_missing_features_size(
		    const struct m2_ident_missing_features *in);
size_t		 m2_msg_ident_missing_features_dump(
		    const struct m2_ident_missing_features *in, char *s,
		    size_t n);

/*
 * SESSION_RECONNECT (11), client to server: entity_addrvec_t addrs, le64
 * client_cookie, le64 server_cookie, le64 global_seq, le64 connect_seq,
 * le64 msg_seq (the client's in_seq).
 */
struct m2_session_reconnect {
	struct m2_addrvec addrs;
	uint64_t	 client_cookie;
	uint64_t	 server_cookie;
	uint64_t	 global_seq;
	uint64_t	 connect_seq;
	uint64_t	 msg_seq;
};

M2_MUST_USE m2_err m2_msg_session_reconnect_parse(struct m2_cur *c,
		    struct m2_session_reconnect *out, struct m2_diag *d);
void		 m2_msg_session_reconnect_build(struct m2_buf *b,
		    const struct m2_session_reconnect *in);
size_t		 m2_msg_session_reconnect_size(
		    const struct m2_session_reconnect *in);
size_t		 m2_msg_session_reconnect_dump(
		    const struct m2_session_reconnect *in, char *s, size_t n);

/* SESSION_RESET (12), server to client: u8 full, a bool kept raw. */
struct m2_session_reset {
	uint8_t		 full;
};

M2_MUST_USE m2_err m2_msg_session_reset_parse(struct m2_cur *c,
		    struct m2_session_reset *out, struct m2_diag *d);
void		 m2_msg_session_reset_build(struct m2_buf *b,
		    const struct m2_session_reset *in);
size_t		 m2_msg_session_reset_size(const struct m2_session_reset *in);
size_t		 m2_msg_session_reset_dump(const struct m2_session_reset *in,
		    char *s, size_t n);

/*
 * SESSION_RETRY (13), SESSION_RETRY_GLOBAL (14) and SESSION_RECONNECT_OK
 * (15), server to client: one le64 each, the server's connect_seq, the
 * peer global_seq it recorded, and its in_seq.
 */
struct m2_session_retry {
	uint64_t	 connect_seq;
};

struct m2_session_retry_global {
	uint64_t	 global_seq;
};

struct m2_session_reconnect_ok {
	uint64_t	 msg_seq;
};

M2_MUST_USE m2_err m2_msg_session_retry_parse(struct m2_cur *c,
		    struct m2_session_retry *out, struct m2_diag *d);
void		 m2_msg_session_retry_build(struct m2_buf *b,
		    const struct m2_session_retry *in);
size_t		 m2_msg_session_retry_size(const struct m2_session_retry *in);
size_t		 m2_msg_session_retry_dump(const struct m2_session_retry *in,
		    char *s, size_t n);

M2_MUST_USE m2_err m2_msg_session_retry_global_parse(struct m2_cur *c,
		    struct m2_session_retry_global *out, struct m2_diag *d);
void		 m2_msg_session_retry_global_build(struct m2_buf *b,
		    const struct m2_session_retry_global *in);
size_t		 m2_msg_session_retry_global_size(
		    const struct m2_session_retry_global *in);
size_t		 m2_msg_session_retry_global_dump(
		    const struct m2_session_retry_global *in, char *s,
		    size_t n);

M2_MUST_USE m2_err m2_msg_session_reconnect_ok_parse(struct m2_cur *c,
		    struct m2_session_reconnect_ok *out, struct m2_diag *d);
void		 m2_msg_session_reconnect_ok_build(struct m2_buf *b,
		    const struct m2_session_reconnect_ok *in);
size_t		 m2_msg_session_reconnect_ok_size(
		    const struct m2_session_reconnect_ok *in);
size_t		 m2_msg_session_reconnect_ok_dump(
		    const struct m2_session_reconnect_ok *in, char *s,
		    size_t n);

/*
 * WAIT (16), server to client: no fields; the frame carries one empty
 * segment.  Any byte is M2_E_TRAILING; the dump is the empty string.
 */
struct m2_wait {
	uint8_t		 unused;	/* C has no empty structs */
};

M2_MUST_USE m2_err m2_msg_wait_parse(struct m2_cur *c, struct m2_wait *out,
		    struct m2_diag *d);
void		 m2_msg_wait_build(struct m2_buf *b, const struct m2_wait *in);
size_t		 m2_msg_wait_size(const struct m2_wait *in);
size_t		 m2_msg_wait_dump(const struct m2_wait *in, char *s, size_t n);

/*
 * KEEPALIVE2 (18) and KEEPALIVE2_ACK (19), both directions: a utime_t,
 * le32 seconds and le32 nanoseconds.  The ACK echoes the KEEPALIVE2
 * stamp.
 */
struct m2_keepalive2 {
	uint32_t	 sec;
	uint32_t	 nsec;
};

struct m2_keepalive2_ack {
	uint32_t	 sec;
	uint32_t	 nsec;
};

M2_MUST_USE m2_err m2_msg_keepalive2_parse(struct m2_cur *c,
		    struct m2_keepalive2 *out, struct m2_diag *d);
void		 m2_msg_keepalive2_build(struct m2_buf *b,
		    const struct m2_keepalive2 *in);
size_t		 m2_msg_keepalive2_size(const struct m2_keepalive2 *in);
size_t		 m2_msg_keepalive2_dump(const struct m2_keepalive2 *in,
		    char *s, size_t n);

M2_MUST_USE m2_err m2_msg_keepalive2_ack_parse(struct m2_cur *c,
		    struct m2_keepalive2_ack *out, struct m2_diag *d);
void		 m2_msg_keepalive2_ack_build(struct m2_buf *b,
		    const struct m2_keepalive2_ack *in);
size_t		 m2_msg_keepalive2_ack_size(
		    const struct m2_keepalive2_ack *in);
size_t		 m2_msg_keepalive2_ack_dump(
		    const struct m2_keepalive2_ack *in, char *s, size_t n);

/* ACK (20), both directions: le64 seq, the last message seq received. */
struct m2_ack {
	uint64_t	 seq;
};

M2_MUST_USE m2_err m2_msg_ack_parse(struct m2_cur *c, struct m2_ack *out,
		    struct m2_diag *d);
void		 m2_msg_ack_build(struct m2_buf *b, const struct m2_ack *in);
size_t		 m2_msg_ack_size(const struct m2_ack *in);
size_t		 m2_msg_ack_dump(const struct m2_ack *in, char *s, size_t n);

/*
 * COMPRESSION_REQUEST (21), client to server: u8 is_compress (a bool
 * kept raw), le32 count and that many le32 preferred methods (at most
 * M2_MAX_COMP_METHODS).
 */
struct m2_compression_request {
	uint8_t		 is_compress;
	uint32_t	 n_methods;
	uint32_t	 methods[M2_MAX_COMP_METHODS];
};

M2_MUST_USE m2_err m2_msg_compression_request_parse(struct m2_cur *c,
		    struct m2_compression_request *out, struct m2_diag *d);
void		 m2_msg_compression_request_build(struct m2_buf *b,
		    const struct m2_compression_request *in);
size_t		 m2_msg_compression_request_size(
		    const struct m2_compression_request *in);
size_t		 m2_msg_compression_request_dump(
		    const struct m2_compression_request *in, char *s, size_t n);

/*
 * COMPRESSION_DONE (22), server to client: u8 is_compress (a bool kept
 * raw), le32 method.
 */
struct m2_compression_done {
	uint8_t		 is_compress;
	uint32_t	 method;
};

M2_MUST_USE m2_err m2_msg_compression_done_parse(struct m2_cur *c,
		    struct m2_compression_done *out, struct m2_diag *d);
void		 m2_msg_compression_done_build(struct m2_buf *b,
		    const struct m2_compression_done *in);
size_t		 m2_msg_compression_done_size(
		    const struct m2_compression_done *in);
size_t		 m2_msg_compression_done_dump(
		    const struct m2_compression_done *in, char *s, size_t n);

/*
 * ceph_msg_header2 (msgr.h), segment 0 of a MESSAGE (17) frame: exactly
 * M2_HEADER2_LEN (41) packed little-endian bytes.  Fewer bytes give
 * M2_E_TRUNC, more M2_E_TRAILING.  Ceph writes |flags| = COMPLETE|NOCRC
 * (3), the kernel 0; |data_pre_padding_len| and |reserved| are written
 * as 0 and kept as received.
 */
struct m2_header2 {
	uint64_t	 seq;
	uint64_t	 tid;
	uint16_t	 type;
	uint16_t	 priority;
	uint16_t	 version;
	uint32_t	 data_pre_padding_len;
	uint16_t	 data_off;
	uint64_t	 ack_seq;
	uint8_t		 flags;			/* M2_FOOTER_* */
	uint16_t	 compat_version;
	uint16_t	 reserved;
};

M2_MUST_USE m2_err m2_msg_header2_parse(struct m2_cur *c,
		    struct m2_header2 *out, struct m2_diag *d);
void		 m2_msg_header2_build(struct m2_buf *b,
		    const struct m2_header2 *in);
size_t		 m2_msg_header2_size(const struct m2_header2 *in);
size_t		 m2_msg_header2_dump(const struct m2_header2 *in, char *s,
		    size_t n);

#endif

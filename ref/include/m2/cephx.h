/* SPDX-License-Identifier: MIT */
/*
 * cephx (Ceph 16.2.15 semantics): the AES-128-CBC envelope and HMAC, the
 * payload codecs, a client (mon exchange and authorizers) and a
 * monitor-style server.  SPEC-NOTES §7 (protocol map §7, §5.3-5.4);
 * NOTES-h-cephx.md lists what was learnt while writing it.
 *
 * Every cephx struct starts with a u8 struct_v that Ceph reads and, unless
 * a field depends on it, ignores; the codecs keep it as parsed and write
 * it back, so the round trip is exact.  Encrypted pieces stay spans of
 * ciphertext in the codecs; the client and server open them with
 * m2_cephx_decrypt_env into caller scratch and parse the plaintext with the
 * codecs below.
 */
#ifndef M2_CEPHX_H
#define M2_CEPHX_H

#include "buf.h"
#include "cur.h"
#include "limits.h"

/* ------------------------------------------------------------------ */
/* Constants                                                           */
/* ------------------------------------------------------------------ */

#define M2_CEPHX_KEY_LEN	16		/* CEPH_CRYPTO_AES secret */
#define M2_CEPHX_BLOCK		16		/* AES block */
#define M2_CEPHX_IV		"cephsageyudagreg"	/* CEPH_AES_IV */
#define M2_CEPHX_ENC_MAGIC	0xff009cad8826aa55ull	/* AUTH_ENC_MAGIC */
#define M2_CEPHX_ENV_HEAD	9		/* u8 1, le64 magic */
#define M2_HMAC_SHA256_LEN	32

/* CryptoKey types (ceph_fs.h CEPH_CRYPTO_*). */
#define M2_CRYPTO_NONE		0
#define M2_CRYPTO_AES		1

/* CephXRequestHeader request types (CephxProtocol.h). */
#define M2_CEPHX_GET_AUTH_SESSION_KEY		0x0100
#define M2_CEPHX_GET_PRINCIPAL_SESSION_KEY	0x0200
#define M2_CEPHX_GET_ROTATING_KEY		0x0400

/* The first byte of an AUTH_REQUEST payload (Auth.h AUTH_MODE_*). */
#define M2_AUTH_MODE_AUTHORIZER		1
#define M2_AUTH_MODE_AUTHORIZER_MAX	9
#define M2_AUTH_MODE_MON		10
#define M2_AUTH_MODE_MON_MAX		19

/*
 * A ticket blob's secret_id (uint64_t)-1: sealed with the service's own
 * "general" secret (a monitor's "mon." key), not a rotating one
 * (cephx_verify_authorizer, Monitor::get_authorizer).
 */
#define M2_CEPHX_SECRET_ID_GENERAL	0xffffffffffffffffull

/* AuthTicket's legacy auid (CEPH_AUTH_UID_DEFAULT). */
#define M2_CEPHX_AUID_DEFAULT	0xffffffffffffffffull

/* ------------------------------------------------------------------ */
/* Crypto (cephx_crypto.c)                                             */
/* ------------------------------------------------------------------ */

/*
 * m2_cephx_enc_len returns the ciphertext length of |n| plaintext bytes:
 * PKCS#7 always pads, so 16 * (n / 16 + 1).
 */
size_t		 m2_cephx_enc_len(size_t n);

/*
 * m2_cephx_encrypt encrypts |n| bytes at |in| with AES-128-CBC, IV
 * M2_CEPHX_IV and PKCS#7 padding (CryptoAESKeyHandler::encrypt), writing
 * m2_cephx_enc_len(n) bytes to |out|.  Returns M2_OK, M2_E_NOSPC if |cap|
 * is short, or M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_encrypt(const uint8_t key[M2_CEPHX_KEY_LEN],
		    const uint8_t *in, size_t n, uint8_t *out, size_t cap,
		    size_t *outlen);

/*
 * m2_cephx_decrypt reverses m2_cephx_encrypt into |out| (at least |n|
 * bytes of caller scratch).  Like Ceph it strips min(last byte, 16) bytes
 * without checking the padding bytes (a last byte of 0 strips nothing):
 * integrity comes from the envelope's magic only.  Returns M2_OK,
 * M2_E_BADVAL if |n| is not a non-zero multiple of 16 (Ceph: -1), NOSPC or
 * CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_decrypt(const uint8_t key[M2_CEPHX_KEY_LEN],
		    const uint8_t *in, size_t n, uint8_t *out, size_t cap,
		    size_t *outlen);

/*
 * m2_cephx_encrypt_env writes encode_encrypt_enc_bl: the ciphertext of
 * (u8 1, le64 M2_CEPHX_ENC_MAGIC, the |n| bytes of |body|), with no
 * length prefix.  m2_cephx_encrypt_env_lp writes encode_encrypt: the same
 * preceded by its le32 length.  Both write through |b| (overflow sticks).
 * They return M2_OK or M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_encrypt_env(struct m2_buf *b,
		    const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *body,
		    size_t n);
M2_MUST_USE m2_err m2_cephx_encrypt_env_lp(struct m2_buf *b,
		    const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *body,
		    size_t n);

/* m2_cephx_env_len: the bytes m2_cephx_encrypt_env writes for |n|. */
size_t		 m2_cephx_env_len(size_t n);

/*
 * m2_cephx_decrypt_env opens decode_decrypt_enc_bl's ciphertext |in|/|n|
 * into |scratch| (at least |n| bytes) and sets |*body| to the encoded
 * struct after the struct_v byte and the magic.  Returns M2_OK,
 * M2_E_BADVAL (length not a non-zero multiple of 16), M2_E_BADMAGIC
 * (plaintext under 9 bytes or magic mismatch: the wrong key or altered
 * bytes), NOSPC or CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_decrypt_env(const uint8_t key[M2_CEPHX_KEY_LEN],
		    const uint8_t *in, size_t n, uint8_t *scratch, size_t cap,
		    struct m2_span *body);

/*
 * m2_hmac_sha256 computes HMAC-SHA256(key, msg) into |out|, as Ceph's
 * CryptoKey::hmac_sha256 for AUTH_SIGNATURE.  Returns M2_OK or
 * M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_hmac_sha256(const uint8_t *key, size_t keylen,
		    const uint8_t *msg, size_t n,
		    uint8_t out[M2_HMAC_SHA256_LEN]);

/*
 * m2_cephx_challenge_key computes cephx_calc_client_server_challenge: the
 * XOR of the four le64 words at offsets 0, 8, 16, 24 of encode_encrypt
 * ({le64 server_challenge, le64 client_challenge}, secret), a 36-byte
 * string whose le32 length prefix is included and whose last 4 bytes are
 * not.  Returns M2_OK or M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_challenge_key(const uint8_t key[M2_CEPHX_KEY_LEN],
		    uint64_t server_challenge, uint64_t client_challenge,
		    uint64_t *out);

/* m2_cephx_random fills |p| with |n| bytes from RAND_bytes. */
M2_MUST_USE m2_err m2_cephx_random(void *p, size_t n);

/* m2_cephx_wipe clears |n| bytes at |p| in a way the compiler keeps. */
void		 m2_cephx_wipe(void *p, size_t n);

/* ------------------------------------------------------------------ */
/* Codecs (cephx_msgs.c); rows of the codec table                      */
/* ------------------------------------------------------------------ */

/*
 * auth_mon_request: the AUTH_REQUEST payload a client sends to a monitor
 * (MonConnection::get_auth_request), and with mode 1 auth none's
 * authorizer (AuthNoneAuthorizer::build_authorizer): u8 mode, EntityName
 * {le32 type, le32 n, n bytes id}, le64 global_id.  Modes other than 1 and
 * 10..19 are M2_E_BADVAL (the mon refuses them with -EACCES); a cephx
 * authorizer (also mode 1) is the codec cephx_authorizer instead.
 */
struct m2_auth_mon_request {
	uint8_t		 mode;
	uint32_t	 entity_type;	/* M2_ENTITY_TYPE_* */
	struct m2_span	 entity_id;	/* e.g. "admin" */
	uint64_t	 global_id;	/* 0: a new client */
};

/*
 * crypto_key: CryptoKey {le16 type, utime_t created (le32 sec, le32
 * nsec), le16 len, len bytes secret}.  As CryptoKey::_set_secret accepts:
 * an empty secret with any type, any secret with type 0, type 1 with at
 * least 16 bytes; anything else is M2_E_BADVAL.
 */
struct m2_crypto_key {
	uint16_t	 type;		/* M2_CRYPTO_* */
	uint32_t	 created_sec;
	uint32_t	 created_nsec;
	struct m2_span	 secret;
};

/*
 * cephx_server_challenge (CephXServerChallenge, the AUTH_REPLY_MORE
 * payload) and cephx_authorize_challenge (CephXAuthorizeChallenge,
 * decrypted): u8 struct_v, le64 challenge.
 */
struct m2_cephx_challenge {
	uint8_t		 v;
	uint64_t	 challenge;
};

/*
 * cephx_ticket_blob: CephXTicketBlob {u8 struct_v, le64 secret_id, le32
 * n, n bytes blob (a CephXServiceTicketInfo encrypted with the service's
 * rotating secret |secret_id|, or empty)}; n is at most
 * M2_CEPHX_MAX_TICKET_BLOB.
 */
struct m2_cephx_ticket_blob {
	uint8_t		 v;
	uint64_t	 secret_id;
	struct m2_span	 blob;
};

/*
 * cephx_authorizer: what CephXTicketHandler::build_authorizer writes, the
 * AUTH_REQUEST(_MORE) payload to a non-mon peer: u8 authorizer_v (1, also
 * AUTH_MODE_AUTHORIZER), le64 global_id, le32 service_id,
 * CephXTicketBlob, le32 n + n bytes of encrypted CephXAuthorize (a
 * non-zero multiple of 16, else M2_E_BADVAL).
 */
struct m2_cephx_authorizer {
	uint8_t				 v;
	uint64_t			 global_id;
	uint32_t			 service_id;
	struct m2_cephx_ticket_blob	 ticket;
	struct m2_span			 enc_authorize;
};

/*
 * cephx_request: CephXRequestHeader {le16 request_type} and then
 *   0x0100 CephXAuthenticate {u8 v, le64 client_challenge, le64 key,
 *          CephXTicketBlob old_ticket, [v >= 2] le32 other_keys}
 *   0x0200 an authorizer (as cephx_authorizer) and CephXServiceTicketRequest
 *          {u8 v, le32 keys}
 *   0x0400 nothing (CEPHX_GET_ROTATING_KEY)
 * Other types are M2_E_BADVAL (CephxServiceHandler: -EINVAL).
 */
struct m2_cephx_request {
	uint16_t			 type;
	/* 0x0100 */
	uint8_t				 v;
	uint64_t			 client_challenge;
	uint64_t			 key;
	struct m2_cephx_ticket_blob	 old_ticket;
	uint32_t			 other_keys;	/* v >= 2 */
	/* 0x0200 */
	struct m2_cephx_authorizer	 authorizer;
	uint8_t				 keys_v;
	uint32_t			 keys;
};

/* One entry of a service_ticket_reply (cephx_build_service_ticket_reply). */
struct m2_cephx_ticket_entry {
	uint32_t	 service_id;	/* M2_ENTITY_TYPE_* */
	uint8_t		 v;		/* service_ticket_v */
	struct m2_span	 enc_ticket;	/* CephXServiceTicket ciphertext */
	uint8_t		 ticket_enc;	/* 1: |ticket| is encrypted */
	struct m2_span	 ticket;	/* ciphertext, or TicketBlob bytes */
};

/* service_ticket_reply: u8 v, le32 n (<= M2_CEPHX_MAX_TICKETS), entries. */
struct m2_cephx_ticket_list {
	uint8_t				 v;
	uint32_t			 n;
	struct m2_cephx_ticket_entry	 e[M2_CEPHX_MAX_TICKETS];
};

/*
 * cephx_reply: the AUTH_DONE payload from a monitor (and the body of a
 * MAuthReply), CephXResponseHeader {le16 request_type, le32 status} and
 *   0x0100 service_ticket_reply, then le32 n + n bytes cbl (empty, or
 *          exactly le32 m + m bytes of connection-secret ciphertext) and
 *          le32 n + n bytes extra (empty, or exactly a
 *          service_ticket_reply)
 *   0x0200 service_ticket_reply
 *   0x0400 le32 n + n bytes of encrypted RotatingSecrets
 * Each entry: le32 service_id, u8 v, le32 n + n bytes enc_ticket, u8
 * ticket_enc, le32 n + n bytes ticket.  Every ciphertext must be a
 * non-zero multiple of 16 bytes (M2_E_BADVAL).  Ceph's client reads cbl
 * and extra only if bytes remain (the server sends them when other_keys
 * is not 0, which every msgr2 client sets); m2 requires them, so no strict
 * prefix of a reply is valid.  Ceph's client only logs a bad cbl or extra
 * list; m2 rejects them (NOTES-h-cephx.md).
 */
struct m2_cephx_reply {
	uint16_t			 type;
	int32_t				 status;
	struct m2_cephx_ticket_list	 tickets;
	struct m2_span			 con_secret;	/* ciphertext */
	int				 has_extra;	/* extra non-empty */
	struct m2_cephx_ticket_list	 extra;
	struct m2_span			 rotating;	/* 0x0400 */
};

/*
 * cephx_service_ticket (CephXServiceTicket, decrypted): u8 v, CryptoKey
 * session_key, utime_t validity (le32 sec, le32 nsec).
 */
struct m2_cephx_service_ticket {
	uint8_t			 v;
	struct m2_crypto_key	 session_key;
	uint32_t		 validity_sec;
	uint32_t		 validity_nsec;
};

/*
 * cephx_ticket_info (CephXServiceTicketInfo, decrypted): u8 v, AuthTicket
 * {u8 v, EntityName name, le64 global_id, [v >= 2] le64 auid, utime
 * created, utime expires, AuthCapsInfo {u8 v, u8 allow_all, le32 n + n
 * bytes caps}, le32 flags}, CryptoKey session_key.  The caps bytes are
 * kept opaque (for a service they hold an encoded string).
 */
struct m2_cephx_ticket_info {
	uint8_t			 v;
	uint8_t			 ticket_v;
	uint32_t		 entity_type;
	struct m2_span		 entity_id;
	uint64_t		 global_id;
	uint64_t		 auid;		/* ticket_v >= 2 */
	uint32_t		 created_sec, created_nsec;
	uint32_t		 expires_sec, expires_nsec;
	uint8_t			 caps_v;
	uint8_t			 allow_all;
	struct m2_span		 caps;
	uint32_t		 flags;
	struct m2_crypto_key	 session_key;
};

/*
 * cephx_authorize (CephXAuthorize, decrypted): u8 v, le64 nonce, and if
 * v >= 2 u8 have_challenge, le64 server_challenge_plus_one.
 */
struct m2_cephx_authorize {
	uint8_t		 v;
	uint64_t	 nonce;
	uint8_t		 have_challenge;	/* raw byte, as decode(bool) */
	uint64_t	 server_challenge_plus_one;
};

/*
 * cephx_authorize_reply (CephXAuthorizeReply, decrypted): u8 v, le64
 * nonce_plus_one, and if v >= 2 le32 n + n bytes connection_secret
 * (n <= M2_CEPHX_MAX_CON_SECRET).
 */
struct m2_cephx_authorize_reply {
	uint8_t		 v;
	uint64_t	 nonce_plus_one;
	struct m2_span	 connection_secret;
};

#define M2_CEPHX_CODEC_PROTOS(name, T)					\
M2_MUST_USE m2_err m2_##name##_parse(struct m2_cur *c, T *out,		\
		    struct m2_diag *d);					\
void		 m2_##name##_build(struct m2_buf *b, const T *in);	\
size_t		 m2_##name##_size(const T *in);				\
size_t		 m2_##name##_dump(const T *in, char *s, size_t n);

/*
 * For each codec: _parse decodes |c| into |*out| (borrowing from |c|) and
 * checks the end (M2_E_TRAILING); it returns M2_OK, M2_E_TRUNC,
 * M2_E_TRAILING, M2_E_LIMIT or M2_E_BADVAL.  _build writes the canonical
 * encoding, _size its length, _dump the text of vectors/SCHEMA.md.
 */
M2_CEPHX_CODEC_PROTOS(auth_mon_request, struct m2_auth_mon_request)
M2_CEPHX_CODEC_PROTOS(crypto_key, struct m2_crypto_key)
M2_CEPHX_CODEC_PROTOS(cephx_server_challenge, struct m2_cephx_challenge)
M2_CEPHX_CODEC_PROTOS(cephx_authorize_challenge, struct m2_cephx_challenge)
M2_CEPHX_CODEC_PROTOS(cephx_ticket_blob, struct m2_cephx_ticket_blob)
M2_CEPHX_CODEC_PROTOS(cephx_authorizer, struct m2_cephx_authorizer)
M2_CEPHX_CODEC_PROTOS(cephx_request, struct m2_cephx_request)
M2_CEPHX_CODEC_PROTOS(cephx_reply, struct m2_cephx_reply)
M2_CEPHX_CODEC_PROTOS(cephx_service_ticket, struct m2_cephx_service_ticket)
M2_CEPHX_CODEC_PROTOS(cephx_ticket_info, struct m2_cephx_ticket_info)
M2_CEPHX_CODEC_PROTOS(cephx_authorize, struct m2_cephx_authorize)
M2_CEPHX_CODEC_PROTOS(cephx_authorize_reply, struct m2_cephx_authorize_reply)

/* ------------------------------------------------------------------ */
/* Client (cephx_client.c)                                             */
/* ------------------------------------------------------------------ */

/* A ticket for one service: what CephXTicketHandler keeps. */
struct m2_cephx_ticket {
	uint32_t	 service_id;		/* 0: slot unused */
	uint8_t		 session_key[M2_CEPHX_KEY_LEN];
	uint32_t	 validity_sec, validity_nsec;
	uint64_t	 secret_id;
	uint8_t		 ticket_v;		/* the TicketBlob's struct_v */
	uint8_t		 blob[M2_CEPHX_MAX_TICKET_BLOB];
	size_t		 blob_len;
};

/* The services a ticket slot can hold: MON MDS OSD MGR AUTH (bit index). */
#define M2_CEPHX_NSERVICES	6

/*
 * The client.  Inputs are set by m2_cephx_client_init; results are read
 * after m2_cephx_client_done returns M2_OK.  Private fields are marked.
 * The struct holds keys: call m2_cephx_client_wipe when done.
 */
struct m2_cephx_client {
	/* inputs */
	uint32_t		 entity_type;
	char			 entity_id[M2_CEPHX_MAX_ENTITY_ID + 1];
	uint8_t			 secret[M2_CEPHX_KEY_LEN];
	uint32_t		 want_keys;	/* other_keys sent */
	/* results */
	uint64_t		 global_id;
	struct m2_cephx_ticket	 tickets[M2_CEPHX_NSERVICES];
	uint8_t			 session_key[M2_CEPHX_KEY_LEN]; /* AUTH's */
	uint8_t			 con_secret[M2_CEPHX_MAX_CON_SECRET];
	size_t			 con_secret_len;	/* 0 or 64 */
	/* private */
	uint64_t		 server_challenge;
	uint64_t		 client_challenge;
	int			 fixed_challenge;	/* test hook */
	int			 state;
};

/*
 * m2_cephx_client_init parses |entity| ("client.admin": a type name from
 * mon, mds, osd, client, mgr, auth, then '.', then the id) and sets up |c|
 * with the 16-byte |secret| and |want_keys| (M2_ENTITY_TYPE_* bits; AUTH
 * is added, as AuthClientHandler::set_want_keys does; a librados client
 * wants MON|OSD|MGR).  Returns M2_OK or M2_E_USAGE.
 */
M2_MUST_USE m2_err m2_cephx_client_init(struct m2_cephx_client *c,
		    const char *entity, const uint8_t secret[M2_CEPHX_KEY_LEN],
		    uint32_t want_keys);

/* m2_cephx_client_wipe clears every key and ticket in |c|. */
void		 m2_cephx_client_wipe(struct m2_cephx_client *c);

/*
 * m2_cephx_client_set_challenge (a test hook) makes the next
 * m2_cephx_client_reply_more use |client_challenge| instead of
 * RAND_bytes, so a captured exchange can be replayed byte for byte.
 */
void		 m2_cephx_client_set_challenge(struct m2_cephx_client *c,
		    uint64_t client_challenge);

/*
 * m2_cephx_client_request writes the AUTH_REQUEST auth_payload for a
 * monitor: u8 10, EntityName, le64 |global_id| (0 for a new client).
 */
M2_MUST_USE m2_err m2_cephx_client_request(struct m2_cephx_client *c,
		    uint64_t global_id, struct m2_buf *out);

/*
 * m2_cephx_client_reply_more takes the AUTH_REPLY_MORE auth_payload
 * (CephXServerChallenge) and writes the AUTH_REQUEST_MORE auth_payload:
 * request type 0x0100 and CephXAuthenticate v3 with a fresh client
 * challenge, the proof, the old AUTH ticket (empty the first time) and
 * other_keys = want_keys.  Returns M2_OK, a decode error, M2_E_STATE or
 * M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_client_reply_more(struct m2_cephx_client *c,
		    const uint8_t *in, size_t n, struct m2_buf *out,
		    struct m2_diag *d);

/*
 * m2_cephx_client_done takes the AUTH_DONE auth_payload and the global_id
 * AUTH_DONE carried: it decrypts each CephXServiceTicket with the client
 * secret (the AUTH ticket's blob, when ticket_enc is 1, with the previous
 * session key), keeps the tickets, sets session_key to the AUTH ticket's
 * session key, decrypts the connection secret (the doubly length-prefixed
 * cbl) and the extra tickets with it.  Returns M2_OK, a decode error,
 * M2_E_BADMAGIC (wrong secret or altered bytes), M2_E_BADVAL (status not 0,
 * no AUTH ticket, a key that is not AES-128), M2_E_STATE or M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_client_done(struct m2_cephx_client *c,
		    uint64_t global_id, const uint8_t *in, size_t n,
		    struct m2_diag *d);

/* m2_cephx_client_ticket returns the ticket for |service_id|, or NULL. */
const struct m2_cephx_ticket *m2_cephx_client_ticket(
		    const struct m2_cephx_client *c, uint32_t service_id);

/*
 * An authorizer for one connection to a non-mon peer (OSD, MDS, MGR, or
 * mon to mon): CephXTicketHandler::build_authorizer, add_challenge and
 * CephXAuthorizer::verify_reply.
 */
struct m2_cephx_authz {
	uint64_t	 global_id;
	uint32_t	 service_id;
	uint8_t		 session_key[M2_CEPHX_KEY_LEN];
	uint64_t	 nonce;
	/* result of m2_cephx_authz_reply */
	uint8_t		 con_secret[M2_CEPHX_MAX_CON_SECRET];
	size_t		 con_secret_len;
};

/*
 * m2_cephx_authz_build writes the AUTH_REQUEST auth_payload for
 * |t|'s service: u8 1, |global_id|, service_id, the ticket blob and
 * CephXAuthorize v2 {nonce, have_challenge 0, 0} encrypted with the
 * ticket's session key.  |nonce| comes from RAND_bytes unless |nonce_in|
 * is not NULL (tests).  |a| keeps what the later steps need.
 */
M2_MUST_USE m2_err m2_cephx_authz_build(
		    struct m2_cephx_authz *a,
		    const struct m2_cephx_ticket *t, uint64_t global_id,
		    const uint64_t *nonce_in, struct m2_buf *out);

/*
 * m2_cephx_authz_challenge takes the AUTH_REPLY_MORE auth_payload
 * (an encrypted CephXAuthorizeChallenge with no length prefix) and writes
 * the AUTH_REQUEST_MORE auth_payload: the same authorizer with
 * CephXAuthorize {nonce, have_challenge 1, server_challenge + 1}.
 */
M2_MUST_USE m2_err m2_cephx_authz_challenge(
		    struct m2_cephx_authz *a,
		    const struct m2_cephx_ticket *t, const uint8_t *in,
		    size_t n, struct m2_buf *out, struct m2_diag *d);

/*
 * m2_cephx_authz_reply checks the AUTH_DONE auth_payload
 * (encode_encrypt of CephXAuthorizeReply): nonce + 1 (else M2_E_DENIED)
 * and keeps its connection secret.
 */
M2_MUST_USE m2_err m2_cephx_authz_reply(
		    struct m2_cephx_authz *a, const uint8_t *in,
		    size_t n, struct m2_diag *d);

/* ------------------------------------------------------------------ */
/* Server (cephx_server.c)                                             */
/* ------------------------------------------------------------------ */

struct m2_cephx_entity {
	uint32_t	 type;				/* 0: unused */
	char		 id[M2_CEPHX_MAX_ENTITY_ID + 1];
	uint8_t		 secret[M2_CEPHX_KEY_LEN];
	/* mon caps; a session for an entity without them is refused as
	 * Ceph does ("mon caps null"); other services' caps go in the
	 * service tickets' AuthCapsInfo as an encoded string */
	char		 caps[M2_CEPHX_NSERVICES][M2_CEPHX_MAX_CAPS + 1];
};

/* One service's current rotating secret (KeyServer's "current"). */
struct m2_cephx_rotating {
	uint64_t	 secret_id;
	uint8_t		 key[M2_CEPHX_KEY_LEN];
};

/* The key store a server consults; the caller fills it. */
struct m2_cephx_keystore {
	struct m2_cephx_entity	 entities[M2_CEPHX_MAX_ENTITIES];
	size_t			 n_entities;
	/* indexed by the bit number of M2_ENTITY_TYPE_* (MON 0 .. AUTH 5) */
	struct m2_cephx_rotating rotating[M2_CEPHX_NSERVICES];
	/* ticket lifetimes, seconds (auth_mon_ticket_ttl 72 h,
	 * auth_service_ticket_ttl 1 h) */
	uint32_t		 auth_ttl, service_ttl;
};

/*
 * m2_cephx_keystore_init clears |ks| and makes every rotating secret from
 * RAND_bytes (secret_id 2, as a new monitor's "current" key).  Tests may
 * overwrite them.
 */
M2_MUST_USE m2_err m2_cephx_keystore_init(struct m2_cephx_keystore *ks);

/*
 * m2_cephx_keystore_add adds |entity| ("client.admin") with |secret| and
 * a caps string per service, indexed by the bit number of its
 * M2_ENTITY_TYPE_* (MON 0, MDS 1, OSD 2, MGR 4; NULL entries: none; |caps|
 * itself may be NULL).  Returns M2_OK, M2_E_LIMIT (full, or a string over
 * M2_CEPHX_MAX_CAPS) or M2_E_USAGE.
 */
M2_MUST_USE m2_err m2_cephx_keystore_add(struct m2_cephx_keystore *ks,
		    const char *entity, const uint8_t secret[M2_CEPHX_KEY_LEN],
		    const char *const caps[M2_CEPHX_NSERVICES]);

void		 m2_cephx_keystore_wipe(struct m2_cephx_keystore *ks);

/* One server-side cephx session (a MonSession's CephxServiceHandler). */
struct m2_cephx_server {
	const struct m2_cephx_keystore	*ks;
	uint32_t			 entity_type;
	char				 entity_id[M2_CEPHX_MAX_ENTITY_ID + 1];
	uint64_t			 global_id;
	uint64_t			 server_challenge;
	int				 reclaim;	/* global_id given */
	int				 state;
	/* results of m2_cephx_server_finish */
	uint8_t				 session_key[M2_CEPHX_KEY_LEN];
	uint8_t				 con_secret[M2_CEPHX_MAX_CON_SECRET];
	size_t				 con_secret_len;
	/* test hooks: when set, used instead of RAND_bytes */
	const uint64_t			*fixed_challenge;
	const uint8_t			*fixed_session_key;
	const uint8_t			*fixed_con_secret;
	/* time source for tickets (seconds); 0: time(NULL) */
	uint32_t			 now;
	/*
	 * Test hook for the conformance runner (CVE-2026-43304): when
	 * above M2_CEPHX_KEY_LEN (at most M2_CEPHX_MAX_WIRE_KEY), the AUTH
	 * ticket's CryptoKey for the client claims this many secret bytes,
	 * the session key followed by zeros, as a hostile monitor would.
	 */
	uint16_t			 wire_key_len;
};

#define M2_CEPHX_MAX_WIRE_KEY	128

/*
 * m2_cephx_server_start takes an AUTH_REQUEST auth_payload for a monitor
 * (auth_mon_request) and the global_id the caller assigned, used when
 * the payload's is 0 (Ceph assigns one then); a non-zero one is a
 * reclaim, which m2_cephx_server_finish allows only with a valid old AUTH
 * ticket for it (auth_allow_insecure_global_id_reclaim false).  The
 * fields fixed_* and now are kept across the call.  It writes the
 * AUTH_REPLY_MORE auth_payload, a CephXServerChallenge.  Like Ceph it
 * does not look the entity up yet, so an unknown name fails only in
 * m2_cephx_server_finish.  Errors: decode
 * errors, M2_E_BADVAL (a mode outside 10..19); the caller
 * answers each with AUTH_BAD_METHOD carrying -EACCES (-13), as
 * Monitor::handle_auth_request does.
 */
M2_MUST_USE m2_err m2_cephx_server_start(struct m2_cephx_server *s,
		    const struct m2_cephx_keystore *ks, const uint8_t *in,
		    size_t n, uint64_t global_id, struct m2_buf *out,
		    struct m2_diag *d);

/*
 * m2_cephx_server_finish takes the AUTH_REQUEST_MORE auth_payload
 * (cephx_request type 0x0100) and the negotiated |con_mode|, checks the
 * proof, and writes the AUTH_DONE auth_payload: the AUTH ticket (a
 * CephXServiceTicketInfo encrypted with the AUTH rotating secret; the
 * CephXServiceTicket encrypted with the entity's secret), and, when the
 * request's other_keys is not 0, the connection secret (64 random bytes in
 * secure mode, none in crc, encrypted with the new session key) and the
 * tickets for every other_keys service but AUTH.  session_key and
 * con_secret are set.  Errors (all answered with -EACCES, Ceph's
 * CephxServiceHandler::handle_request): M2_E_NOKEY (unknown entity, or no
 * mon caps), M2_E_DENIED (wrong proof: the wrong secret; or a superfluous
 * old ticket), decode errors (Ceph: -EPERM), M2_E_BADVAL (another request
 * type: Ceph -EINVAL), M2_E_STATE, M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_server_finish(struct m2_cephx_server *s,
		    const uint8_t *in, size_t n, uint32_t con_mode,
		    struct m2_buf *out, struct m2_diag *d);

/* m2_cephx_server_wipe clears the keys in |s|. */
void		 m2_cephx_server_wipe(struct m2_cephx_server *s);

/*
 * Authorizer verification for a service (cephx_verify_authorizer with a
 * challenge, as MonClient::handle_auth_request runs it on an OSD, MGR or
 * monitor).  |service_id| is this server's service (M2_ENTITY_TYPE_*).
 */
struct m2_cephx_verifier {
	const struct m2_cephx_keystore	*ks;
	uint32_t			 service_id;
	uint64_t			 server_challenge;
	int				 have_challenge;
	/* results */
	uint32_t			 entity_type;
	char				 entity_id[M2_CEPHX_MAX_ENTITY_ID + 1];
	uint64_t			 global_id;
	uint8_t				 session_key[M2_CEPHX_KEY_LEN];
	uint8_t				 con_secret[M2_CEPHX_MAX_CON_SECRET];
	size_t				 con_secret_len;
	/* test hooks */
	const uint64_t			*fixed_challenge;
	const uint8_t			*fixed_con_secret;
};

void		 m2_cephx_verifier_init(struct m2_cephx_verifier *v,
		    const struct m2_cephx_keystore *ks, uint32_t service_id);

/*
 * m2_cephx_verify_authorizer takes an AUTH_REQUEST (|more| 0) or
 * AUTH_REQUEST_MORE (|more| 1) auth_payload holding a cephx_authorizer.
 * It opens the ticket with this service's rotating secret (or, for
 * secret_id M2_CEPHX_SECRET_ID_GENERAL, with the secret of the key-store
 * entity "<service>.", e.g. "mon."), checks the
 * service and global_id, and opens the CephXAuthorize with the ticket's
 * session key.  On the first pass it writes the AUTH_REPLY_MORE payload
 * (an encrypted CephXAuthorizeChallenge, no length prefix) and sets
 * |*done| to 0; on the second it checks server_challenge + 1 and writes
 * the AUTH_DONE payload (encode_encrypt of CephXAuthorizeReply v1, or v2
 * with 64 random bytes of connection secret in secure mode) and sets
 * |*done| to 1.  Errors, each answered with -EACCES: M2_E_NOKEY (no
 * secret for that secret_id), M2_E_DENIED (a ticket for another service,
 * a global_id that is not the ticket's, a challenge answer that is wrong:
 * a replayed authorizer), M2_E_BADMAGIC (the wrong key or altered bytes),
 * decode errors.
 */
M2_MUST_USE m2_err m2_cephx_verify_authorizer(struct m2_cephx_verifier *v,
		    const uint8_t *in, size_t n, int more, uint32_t con_mode,
		    struct m2_buf *out, int *done, struct m2_diag *d);

void		 m2_cephx_verifier_wipe(struct m2_cephx_verifier *v);

/*
 * m2_cephx_issue_ticket (for tests and for a monitor handing tickets to
 * its own clients) builds a ticket for |service_id| from |ks| as
 * KeyServer::build_session_auth_info would for |entity| and |global_id|,
 * with |session_key|: it fills |t| (blob included).
 */
M2_MUST_USE m2_err m2_cephx_issue_ticket(const struct m2_cephx_keystore *ks,
		    uint32_t service_id, uint32_t entity_type,
		    const char *entity_id, uint64_t global_id,
		    const uint8_t session_key[M2_CEPHX_KEY_LEN], uint32_t now,
		    struct m2_cephx_ticket *t);

/*
 * m2_cephx_mon_peer_ticket builds the ticket a monitor makes for itself to
 * dial another monitor (Monitor::get_authorizer): service MON, AuthTicket
 * name "mon." with global_id 0 and no caps, valid 3600 s
 * (auth_service_ticket_ttl) from |now| (0: time(NULL)), sealed with the
 * "mon." secret |mon_secret| under secret_id M2_CEPHX_SECRET_ID_GENERAL,
 * with |session_key|.  An authorizer made from it carries global_id 0.
 * Returns M2_OK, M2_E_NOSPC or M2_E_CRYPTO.
 */
M2_MUST_USE m2_err m2_cephx_mon_peer_ticket(
		    const uint8_t mon_secret[M2_CEPHX_KEY_LEN],
		    const uint8_t session_key[M2_CEPHX_KEY_LEN], uint32_t now,
		    struct m2_cephx_ticket *t);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The codec table (m2/codec.h): one row per plain decoder.  Each row is
 * defined next to its parser with M2_CODEC_ROW.
 */
#include "internal.h"

#define M2_ROWS(X)							\
	X(banner)							\
	X(preamble)							\
	X(msg_hello)							\
	X(msg_auth_request)						\
	X(msg_auth_bad_method)						\
	X(msg_auth_reply_more)						\
	X(msg_auth_request_more)					\
	X(msg_auth_done)						\
	X(msg_auth_signature)						\
	X(msg_client_ident)						\
	X(msg_server_ident)						\
	X(msg_ident_missing_features)					\
	X(msg_session_reconnect)					\
	X(msg_session_reset)						\
	X(msg_session_retry)						\
	X(msg_session_retry_global)					\
	X(msg_session_reconnect_ok)					\
	X(msg_wait)							\
	X(msg_keepalive2)						\
	X(msg_keepalive2_ack)						\
	X(msg_ack)							\
	X(msg_compression_request)					\
	X(msg_compression_done)						\
	X(msg_header2)							\
	X(addr)							\
	X(addrvec)							\
	X(addr_text)							\
	X(addrvec_text)							\
	X(mon_host)							\
	X(auth_mon_request)						\
	X(crypto_key)							\
	X(cephx_server_challenge)					\
	X(cephx_request)						\
	X(cephx_reply)							\
	X(cephx_ticket_blob)						\
	X(cephx_service_ticket)						\
	X(cephx_ticket_info)						\
	X(cephx_authorizer)						\
	X(cephx_authorize)						\
	X(cephx_authorize_challenge)					\
	X(cephx_authorize_reply)					\
	X(mon_command)							\
	X(mon_command_ack)						\
	X(mon_subscribe)						\
	X(mon_get_map)							\
	X(mon_map)							\
	X(mon_config)							\
	X(monmap)							\
	X(ceph_conf)							\
	X(keyring)

#define M2_ROW_DECL(n)	extern const struct m2_codec m2_codec_row_##n;
#define M2_ROW_REF(n)	&m2_codec_row_##n,

M2_ROWS(M2_ROW_DECL)

const struct m2_codec *const m2_codecs[] = { M2_ROWS(M2_ROW_REF) };
const size_t m2_ncodecs = sizeof(m2_codecs) / sizeof(m2_codecs[0]);

/* see m2/codec.h */
const struct m2_codec *
m2_codec_find(const char *name)
{
	for (size_t i = 0; i < m2_ncodecs; i++)
		if (strcmp(m2_codecs[i]->name, name) == 0)
			return m2_codecs[i];
	return NULL;
}

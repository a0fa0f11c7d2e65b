/* SPDX-License-Identifier: MIT */
/*
 * Every protocol cap in one place.  Going over one gives M2_E_LIMIT.  Each
 * cap names where it comes from; SPEC-NOTES.md §L explains the choices.
 */
#ifndef M2_LIMITS_H
#define M2_LIMITS_H

/* Banner: the le16 payload length bounds itself; 16 bytes are read. */
#define M2_BANNER_PREFIX_LEN	8
#define M2_BANNER_HEAD_LEN	10		/* prefix + le16 length */
#define M2_BANNER_PAYLOAD_MIN	16		/* two le64 feature words */
#define M2_BANNER_PAYLOAD_MAX	65535		/* the whole le16 range */

/* Frames.  Segment caps follow the kernel's decode_preamble(). */
#define M2_PREAMBLE_LEN		32
#define M2_MAX_SEGMENTS		4
#define M2_MAX_SEG0_LEN		(16u << 20)	/* CEPH_MSG_MAX_CONTROL_LEN */
#define M2_MAX_FRONT_LEN	(16u << 20)	/* CEPH_MSG_MAX_FRONT_LEN */
#define M2_MAX_MIDDLE_LEN	(16u << 20)	/* CEPH_MSG_MAX_MIDDLE_LEN */
#define M2_MAX_DATA_LEN		(64u << 20)	/* CEPH_MSG_MAX_DATA_LEN */
#define M2_MAX_CONTROL_LEN	M2_MAX_SEG0_LEN

/* Secure mode. */
#define M2_GCM_KEY_LEN		16
#define M2_GCM_NONCE_LEN	12
#define M2_GCM_TAG_LEN		16
#define M2_CON_SECRET_LEN	64		/* what Ceph generates */
#define M2_CON_SECRET_MIN	40		/* what Ceph uses */
#define M2_INLINE_LEN		48		/* rev1 secure inline buffer */

/* Control payloads.  Ceph trusts these counts; we bound them. */
#define M2_MAX_AUTH_METHODS	16
#define M2_MAX_CON_MODES	16
#define M2_MAX_COMP_METHODS	16
#define M2_MAX_ADDRS		16		/* entries in an entity_addrvec_t */
#define M2_MAX_AUTH_PAYLOAD	M2_MAX_CONTROL_LEN
#define M2_SIGNATURE_LEN	32		/* HMAC-SHA256 */
#define M2_HEADER2_LEN		41		/* ceph_msg_header2 */

/* Addresses. */
#define M2_SOCKADDR_MAX		28		/* sizeof(sockaddr_in6) */
#define M2_LEGACY_ADDR_LEN	136		/* marker 0 form, marker included */
#define M2_ADDR_TEXT_MAX	96		/* longest text address we print */
#define M2_MAX_MONS		16		/* monitors in a mon_host string */
#define M2_MON_HOST_MAX		4096		/* bytes of mon_host text */

#endif

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

/* cephx (m2/cephx.h).  Ceph bounds none of these; the choices are ours. */
#define M2_CEPHX_MAX_TICKET_BLOB 8192		/* a ticket's ciphertext */
#define M2_CEPHX_MAX_TICKETS	16		/* entries in a ticket reply */
#define M2_CEPHX_MAX_ENTITY_ID	256		/* bytes of an EntityName id */
#define M2_CEPHX_MAX_CON_SECRET	64		/* what Ceph makes (secure) */
#define M2_CEPHX_MAX_ENTITIES	32		/* a server's key store */
#define M2_CEPHX_MAX_CAPS	1024		/* one service's caps text */

/*
 * Monitor messages (m2/mon.h).  Ceph trusts every count here; a real
 * client sends one command string and four or five subscriptions, a real
 * cluster has at most a handful of monitors.
 */
#define M2_MAX_MON_CMD		16		/* MMonCommand(Ack) cmd strings */
#define M2_MAX_MON_SUBS		32		/* MMonSubscribe entries */
#define M2_MAX_CONFIG		256		/* MConfig options */
#define M2_MAX_MONMAP_MONS	16		/* monitors, ranks, each set */
#define M2_MAX_CRUSH_LOC	8		/* a mon_info_t's crush_loc */
#define M2_MAX_STRING		M2_MAX_FRONT_LEN	/* any string */

/*
 * Configuration text (m2/conf.h).  Ceph reads up to 1 GiB of ceph.conf
 * (ConfUtils.cc MAX_CONFIG_FILE_SZ) with no other cap; a client's file is
 * a few hundred bytes, so ours are small.  Every string the parser keeps
 * comes from distinct input bytes, so an arena of the text's size (plus
 * "global" for a file that is one bare line) can never overflow.
 */
#define M2_CONF_TEXT_MAX	16384		/* bytes of conf or keyring text */
#define M2_CONF_LINE_MAX	4096		/* bytes of one physical line */
#define M2_CONF_KEY_MAX		256		/* bytes of a key, normalized */
#define M2_CONF_VALUE_MAX	4096		/* bytes of a value, unescaped */
#define M2_CONF_SECTION_MAX	256		/* bytes of a section name */
#define M2_MAX_CONF_SECTIONS	64		/* distinct sections */
#define M2_MAX_CONF_ENTRIES	256		/* distinct (section, key) */
#define M2_CONF_ARENA		(M2_CONF_TEXT_MAX + 8)

/* Keyrings (KeyRing.cc, Crypto.cc CryptoKey). */
#define M2_MAX_KEYRING_ENTRIES	16		/* entities in one keyring */
#define M2_MAX_KEYRING_CAPS	8		/* "caps <service>" per entity */
#define M2_KEYRING_SVC_MAX	32		/* bytes of a caps service name */
#define M2_KEY_SECRET_MAX	32		/* CryptoKey secret bytes kept */
#define M2_KEY_B64_MAX		96		/* decoded bytes of a key= value */
#define M2_MAX_CONF_LIST	16		/* items from m2_conf_list & co. */

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The messages a client and a minimal monitor exchange after the msgr2
 * handshake: the front segment (segment 1) of their MESSAGE frames, and
 * the MonMap encoding an MMonMap carries.  NOTES-h-mon.md.
 *
 * The MESSAGE frame's ceph_msg_header2 (m2/msg.h) names the message; these
 * are the values Ceph 16.2.15 put there in the captures
 * (the *_cli_* files of vectors/captures):
 *
 *   message         sent by   type  version compat priority  segments
 *   MMonGetMap      client       5     1      1     127      front empty
 *   MMonSubscribe   client      15     3      1     127      front
 *   MMonCommand     client      50     1      1     127      front
 *   MMonMap         monitor      4     1      1     196      front
 *   MConfig         monitor     62     1      1     196      front
 *   MMonCommandAck  monitor     51     1      1     196      front, data
 *   MMgrMap         monitor   1796     1      1     196      (no codec)
 *   MOSDMap         monitor     41     4      3     196      (no codec)
 *
 * Every header had flags 0x3 (COMPLETE | NOCRC), data_off 0 and
 * data_pre_padding_len 0; tid is 0 but for MMonCommand, whose tid counts
 * commands from 1, and its ack, which echoes it.  The ack's output (the
 * text `ceph` prints) is the data segment, which the monitor aligned to
 * 4096 in the preamble; the middle segment is empty.  compat_version
 * equals version where a message sets no compat version of its own:
 * Message::encode then writes its version there.
 *
 * Every codec X below has the four functions of the codec table
 * (m2/codec.h), rows "X": m2_X_parse, m2_X_build, m2_X_size, m2_X_dump,
 * with the contract m2/msg.h states for control payloads: parsers never
 * allocate and strings are spans into the input; M2_E_TRUNC when the
 * input ends inside a field or a count's elements cannot fit in what is
 * left; M2_E_LIMIT over a cap of m2/limits.h; M2_E_TRAILING for bytes
 * after the last field (Ceph's decode_payload ignores them: the caller
 * decides); M2_E_BADVAL for a map or set naming a key twice (Ceph keeps
 * the last one).  Map and set entries are kept in wire order and written
 * back in that order (Ceph writes them sorted; the kernel client's
 * MMonSubscribe is not).  Builders assert counts within their caps.
 * Dumps follow vectors/SCHEMA.md; strings are written in double quotes
 * with \" \\ and \xNN escapes for bytes outside 0x20..0x7e.
 */
#ifndef M2_MON_H
#define M2_MON_H

#include "addr.h"
#include "buf.h"
#include "cur.h"
#include "limits.h"

/* ceph_msg_header2.type: msg/Message.h, include/ceph_fs.h. */
#define M2_MSG_MON_MAP		4	/* CEPH_MSG_MON_MAP */
#define M2_MSG_MON_GET_MAP	5	/* CEPH_MSG_MON_GET_MAP */
#define M2_MSG_MON_SUBSCRIBE	15	/* CEPH_MSG_MON_SUBSCRIBE */
#define M2_MSG_MON_SUBSCRIBE_ACK 16	/* CEPH_MSG_MON_SUBSCRIBE_ACK */
#define M2_MSG_OSD_MAP		41	/* CEPH_MSG_OSD_MAP */
#define M2_MSG_MON_COMMAND	50	/* MSG_MON_COMMAND */
#define M2_MSG_MON_COMMAND_ACK	51	/* MSG_MON_COMMAND_ACK */
#define M2_MSG_CONFIG		62	/* MSG_CONFIG */
#define M2_MSG_MGR_MAP		1796	/* MSG_MGR_MAP */

/* ceph_msg_header2.priority (msgr.h CEPH_MSG_PRIO_*). */
#define M2_MSG_PRIO_DEFAULT	127
#define M2_MSG_PRIO_HIGH	196

/* ceph_mon_subscribe_item.flags (ceph_fs.h). */
#define M2_SUBSCRIBE_ONETIME	0x1

/* An std::map<std::string, std::string> entry. */
struct m2_kv {
	struct m2_span	 key;
	struct m2_span	 val;
};

/* utime_t: le32 sec, le32 nsec (not normalised). */
struct m2_utime {
	uint32_t	 sec;
	uint32_t	 nsec;
};

/*
 * PaxosServiceMessage's fields, first in MMonCommand(Ack): le64 version,
 * le16 deprecated_session_mon (-1 when unset), le64
 * deprecated_session_mon_tid.
 */
struct m2_paxos {
	uint64_t	 version;
	int16_t		 session_mon;
	uint64_t	 session_mon_tid;
};

/*
 * MMonCommand (50): paxos fields, uuid_d fsid (16 raw bytes),
 * vector<string> cmd (at most M2_MAX_MON_CMD).  The ceph CLI sends one
 * JSON string such as {"prefix": "mon dump"}.
 * Dump: version=N session_mon=N session_mon_tid=N fsid=UUID cmd=["..",..]
 */
struct m2_mon_command {
	struct m2_paxos	 paxos;
	uint8_t		 fsid[16];
	uint32_t	 n_cmd;
	struct m2_span	 cmd[M2_MAX_MON_CMD];
};

M2_MUST_USE m2_err m2_mon_command_parse(struct m2_cur *c,
		    struct m2_mon_command *out, struct m2_diag *d);
void		 m2_mon_command_build(struct m2_buf *b,
		    const struct m2_mon_command *in);
size_t		 m2_mon_command_size(const struct m2_mon_command *in);
size_t		 m2_mon_command_dump(const struct m2_mon_command *in, char *s,
		    size_t n);

/*
 * m2_mon_command_init fills |m| as MonClient::start_mon_command does: paxos
 * version 0, session_mon -1, session_mon_tid 0, |fsid|, one string |json|
 * (borrowed: it must outlive |m|).
 */
void		 m2_mon_command_init(struct m2_mon_command *m,
		    const uint8_t fsid[16], const char *json);

/*
 * MMonCommandAck (51): paxos fields, errorcode32_t r (le32, a negative
 * errno on failure), string rs (the status line `ceph` prints on stderr),
 * vector<string> cmd (the request's, echoed).  The output is the data
 * segment.
 * Dump: version=N session_mon=N session_mon_tid=N r=N rs=".." cmd=[..]
 */
struct m2_mon_command_ack {
	struct m2_paxos	 paxos;
	int32_t		 r;
	struct m2_span	 rs;
	uint32_t	 n_cmd;
	struct m2_span	 cmd[M2_MAX_MON_CMD];
};

M2_MUST_USE m2_err m2_mon_command_ack_parse(struct m2_cur *c,
		    struct m2_mon_command_ack *out, struct m2_diag *d);
void		 m2_mon_command_ack_build(struct m2_buf *b,
		    const struct m2_mon_command_ack *in);
size_t		 m2_mon_command_ack_size(const struct m2_mon_command_ack *in);
size_t		 m2_mon_command_ack_dump(const struct m2_mon_command_ack *in,
		    char *s, size_t n);

/*
 * m2_mon_command_ack_init fills |a| as Monitor::reply_command does for
 * |req|: paxos version 0, session_mon -1, |r|, |rs| (borrowed), and
 * |req|'s cmd (borrowed from |req|'s input).  The monitor puts the
 * service's last committed version in paxos.version: 1 for `mon dump` on
 * a fresh monitor, 0 for get_command_descriptions; set it after.
 */
void		 m2_mon_command_ack_init(struct m2_mon_command_ack *a,
		    int32_t r, const char *rs, const struct m2_mon_command *req);

/*
 * MMonSubscribe (15), header version 3: le32 n, n x {string what, le64
 * start, u8 flags} (at most M2_MAX_MON_SUBS), then string hostname.
 * Header version 2 has no hostname (|no_hostname| set); versions below 2
 * used another item layout and are not read (M2_E_BADVAL).
 * Dump: what=["name"={start=N flags=0xH},..] hostname=".."
 */
struct m2_mon_sub_item {
	struct m2_span	 what;		/* "monmap", "config", "osdmap", ... */
	uint64_t	 start;		/* first epoch wanted */
	uint8_t		 flags;		/* M2_SUBSCRIBE_ONETIME */
};

struct m2_mon_subscribe {
	uint32_t		 n;
	struct m2_mon_sub_item	 item[M2_MAX_MON_SUBS];
	struct m2_span		 hostname;
	uint8_t			 no_hostname;	/* version 2 layout */
};

M2_MUST_USE m2_err m2_mon_subscribe_parse(struct m2_cur *c,
		    struct m2_mon_subscribe *out, struct m2_diag *d);
void		 m2_mon_subscribe_build(struct m2_buf *b,
		    const struct m2_mon_subscribe *in);
size_t		 m2_mon_subscribe_size(const struct m2_mon_subscribe *in);
size_t		 m2_mon_subscribe_dump(const struct m2_mon_subscribe *in,
		    char *s, size_t n);

/*
 * m2_mon_subscribe_parse_version reads the front of a message whose
 * header version is |version|: 3 and above as m2_mon_subscribe_parse, 2
 * without hostname, below 2 M2_E_BADVAL.
 */
M2_MUST_USE m2_err m2_mon_subscribe_parse_version(struct m2_cur *c,
		    uint16_t version, struct m2_mon_subscribe *out,
		    struct m2_diag *d);

/* MMonGetMap (5): no fields.  Dump: empty. */
struct m2_mon_get_map {
	uint8_t		 unused;
};

M2_MUST_USE m2_err m2_mon_get_map_parse(struct m2_cur *c,
		    struct m2_mon_get_map *out, struct m2_diag *d);
void		 m2_mon_get_map_build(struct m2_buf *b,
		    const struct m2_mon_get_map *in);
size_t		 m2_mon_get_map_size(const struct m2_mon_get_map *in);
size_t		 m2_mon_get_map_dump(const struct m2_mon_get_map *in, char *s,
		    size_t n);

/*
 * MMonMap (4): bufferlist monmapbl, the MonMap encoding; read it with
 * m2_monmap_parse.  Dump: monmap=<hex>
 */
struct m2_mon_map {
	struct m2_span	 monmap;
};

M2_MUST_USE m2_err m2_mon_map_parse(struct m2_cur *c, struct m2_mon_map *out,
		    struct m2_diag *d);
void		 m2_mon_map_build(struct m2_buf *b, const struct m2_mon_map *in);
size_t		 m2_mon_map_size(const struct m2_mon_map *in);
size_t		 m2_mon_map_dump(const struct m2_mon_map *in, char *s,
		    size_t n);

/*
 * MConfig (62): map<string,string> config (at most M2_MAX_CONFIG).
 * Dump: config=["key"="value",..]
 */
struct m2_mon_config {
	uint32_t	 n;
	struct m2_kv	 kv[M2_MAX_CONFIG];
};

M2_MUST_USE m2_err m2_mon_config_parse(struct m2_cur *c,
		    struct m2_mon_config *out, struct m2_diag *d);
void		 m2_mon_config_build(struct m2_buf *b,
		    const struct m2_mon_config *in);
size_t		 m2_mon_config_size(const struct m2_mon_config *in);
size_t		 m2_mon_config_dump(const struct m2_mon_config *in, char *s,
		    size_t n);

/*
 * m2_mon_config_add appends |key| = |val| (both borrowed); M2_E_LIMIT
 * when the map is full.
 */
M2_MUST_USE m2_err m2_mon_config_add(struct m2_mon_config *m, const char *key,
		    const char *val);

/*
 * mon_feature_t: ENCODE_START(1, 1), le64 features (bit 0 kraken, 1
 * luminous, 2 mimic, 3 osdmap-prune, 4 nautilus, 5 octopus, 6 pacific, 7
 * elector-pinging).  |tail|: bytes a newer version added, kept.
 */
struct m2_mon_feature {
	uint8_t		 v;
	uint8_t		 compat;
	uint64_t	 features;
	struct m2_span	 tail;
};

/*
 * A mon_info map entry: the map |key| (the monitor's name, which ranks
 * refer to) and the mon_info_t, ENCODE_START(5, 1) { string name,
 * entity_addrvec_t public_addrs, le16 priority (v2), le16 weight (v4),
 * map<string,string> crush_loc (v5, at most M2_MAX_CRUSH_LOC) }.  A
 * vector decoded from a lone address (marker 0 or 1, as mon_info_t v2
 * carries one) is written back as that lone address.
 */
struct m2_mon_info {
	struct m2_span	 key;
	uint8_t		 v;
	uint8_t		 compat;
	struct m2_span	 name;
	struct m2_addrvec addrs;
	uint16_t	 priority;
	uint16_t	 weight;
	uint32_t	 n_crush_loc;
	struct m2_kv	 crush_loc[M2_MAX_CRUSH_LOC];
	struct m2_span	 tail;
};

/*
 * MonMap, as Pacific encodes it (MonMap::encode with SERVER_NAUTILUS):
 * ENCODE_START(9, 6) { uuid fsid, le32 epoch, utime_t last_changed,
 * utime_t created, mon_feature_t persistent_features, mon_feature_t
 * optional_features, map<string, mon_info_t> mon_info, vector<string>
 * ranks, u8 min_mon_release (v7), set<int32> removed_ranks, u8 strategy,
 * set<string> disallowed_leaders (v8), bool stretch_mode_enabled, string
 * tiebreaker_mon, set<string> stretch_marked_down_mons (v9) }.  Each list
 * holds at most M2_MAX_MONMAP_MONS.  Fields past |v| are absent and not
 * written.  |tail| holds bytes past the fields of version |v| (Ceph skips
 * them); they are written back.
 *
 * m2_monmap_parse refuses compat above 9 (M2_E_COMPAT, as Ceph's
 * DECODE_START), struct_v below 6 (M2_E_BADVAL: the pre-Nautilus layouts,
 * which no Nautilus+ monitor sends to a Nautilus+ client), mon_info_t
 * compat above 5 and mon_feature_t compat above 1 (M2_E_COMPAT), and a
 * rank that names no mon_info key (M2_E_BADVAL: Ceph asserts on it when
 * it prints or looks the rank up).
 * Dump: v=N compat=N fsid=UUID epoch=N last_changed=S.NNNNNNNNN created=..
 * persistent_features={v=N compat=N features=0xH} optional_features={..}
 * mon_info=["key"={v=N compat=N name=".." public_addrs=[..] priority=N
 * weight=N crush_loc=[..]},..] ranks=[".."] min_mon_release=N
 * removed_ranks=[N,..] strategy=N disallowed_leaders=[..]
 * stretch_mode_enabled=N tiebreaker_mon=".." stretch_marked_down_mons=[..]
 * (fields of later versions left out; " tail=<hex>" closes any struct
 * with a non-empty tail).
 */
struct m2_monmap {
	uint8_t			 v;
	uint8_t			 compat;
	uint8_t			 fsid[16];
	uint32_t		 epoch;
	struct m2_utime		 last_changed;
	struct m2_utime		 created;
	struct m2_mon_feature	 persistent;
	struct m2_mon_feature	 optional;
	uint32_t		 n_mons;
	struct m2_mon_info	 mon[M2_MAX_MONMAP_MONS];
	uint32_t		 n_ranks;
	struct m2_span		 rank[M2_MAX_MONMAP_MONS];
	uint8_t			 min_mon_release;	/* v7 */
	uint32_t		 n_removed_ranks;	/* v8 */
	int32_t			 removed_ranks[M2_MAX_MONMAP_MONS];
	uint8_t			 strategy;		/* v8 */
	uint32_t		 n_disallowed;		/* v8 */
	struct m2_span		 disallowed_leaders[M2_MAX_MONMAP_MONS];
	uint8_t			 stretch_mode_enabled;	/* v9, raw byte */
	struct m2_span		 tiebreaker_mon;	/* v9 */
	uint32_t		 n_marked_down;		/* v9 */
	struct m2_span		 stretch_marked_down_mons[M2_MAX_MONMAP_MONS];
	struct m2_span		 tail;
};

M2_MUST_USE m2_err m2_monmap_parse(struct m2_cur *c, struct m2_monmap *out,
		    struct m2_diag *d);
void		 m2_monmap_build(struct m2_buf *b, const struct m2_monmap *in);
size_t		 m2_monmap_size(const struct m2_monmap *in);
size_t		 m2_monmap_dump(const struct m2_monmap *in, char *s, size_t n);

/*
 * m2_monmap_init fills |m| with the map `ceph-mon --mkfs` (16.2.15) makes
 * for one monitor |name| at |addrs|: struct v9 compat 6, |fsid|, |epoch|,
 * last_changed and created |t|, persistent features 0xff (kraken ..
 * elector-pinging), no optional features, mon_info_t v5 compat 1 with
 * priority 0, weight 0 and no crush location, rank 0 = |name|,
 * min_mon_release 16 (pacific), strategy 1 (classic), no stretch mode.
 * |name| and |addrs| are borrowed and copied respectively.
 */
void		 m2_monmap_init(struct m2_monmap *m, const uint8_t fsid[16],
		    uint32_t epoch, struct m2_utime t, const char *name,
		    const struct m2_addrvec *addrs);

/*
 * m2_monmap_print writes what `ceph mon dump` (plain format) and
 * `monmaptool --print` (after its first line) print for |m| in 16.2.15,
 * MonMap::print, snprintf semantics (it returns the full length):
 *
 *   epoch 1
 *   fsid f014ea65-b885-4211-afa1-9ba2f9a5a26e
 *   last_changed 2026-11-25T06:27:47.166847+0000
 *   created 2026-11-25T06:27:47.166847+0000
 *   min_mon_release 16 (pacific)
 *   election_strategy: 1
 *   0: [v2:127.0.0.1:13330/0,v1:127.0.0.1:16793/0] mon.a
 *
 * Times are printed in UTC (Ceph uses the local time zone; the captures'
 * monitor ran in UTC); a time below ten years of seconds prints as
 * "sec.usec".  min_mon_release is inferred from the persistent features
 * before v7; strategy is 1 before v8.  "stretch_mode_enabled 1" and
 * "tiebreaker_mon X" follow in stretch mode, "disallowed_leaders a,b"
 * (sorted) in stretch mode or when there are any; a monitor's line ends
 * with "; crush_location {k=v,..}" (sorted) when it has one.  An address
 * vector prints bare for one address and as nothing for none.  Strings
 * are written as their raw bytes.
 */
size_t		 m2_monmap_print(const struct m2_monmap *m, char *s, size_t n);

#endif

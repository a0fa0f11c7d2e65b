/* SPDX-License-Identifier: MIT */
/*
 * Deliberate faults: the reference with one plausible bug switched on,
 * so the conformance suite can prove that it catches each kind of bug
 * (conformance/faults.md maps faults to the cases that catch them).
 *
 * A normal build has no faults: M2_FAULT(x) is the constant 0, every
 * hook folds away, and m2_fault_set refuses every name.  The faults
 * build (make BUILD=faults, which adds -DM2_FAULTS) compiles the hooks
 * in; m2_fault_set then switches on at most one fault, by name, for the
 * whole process (m2server --fault NAME), before any connection starts.
 *
 * Each fault is one hook at one place and breaks one rule of Ceph
 * 16.2.15's ProtocolV2/FrameAssembler; all of them show on the wire as
 * seen from a client.  "Send" faults corrupt what the server writes;
 * "receive" faults make it accept (or refuse) what Ceph would refuse (or
 * accept).
 */
#ifndef M2_FAULT_H
#define M2_FAULT_H

enum m2_fault {
	M2_FAULT_NONE,
	/*
	 * preamble-crc-seed (send): the preamble crc is crc32c seeded
	 * with -1 instead of 0.  Rule: FrameAssembler::fill_preamble,
	 * ceph_crc32c(0, preamble, 28).  Every frame the server sends is
	 * rejected by a correct client (the first is HELLO).
	 */
	M2_FAULT_PREAMBLE_CRC_SEED,
	/*
	 * segment-crc-seed (send and receive): segment crcs are seeded
	 * with 0 instead of -1.  Rule: FrameAssembler asm_crc_* and
	 * disasm_*_crc_*, ceph_crc32c(-1, segment).  The server's HELLO
	 * fails a correct client's segment 0 crc check.
	 */
	M2_FAULT_SEGMENT_CRC_SEED,
	/*
	 * preamble-crc-unchecked (receive): a preamble with a wrong crc is
	 * used.  Rule: FrameAssembler::disassemble_preamble throws
	 * FrameError on a crc mismatch (the connection faults).
	 */
	M2_FAULT_PREAMBLE_CRC_UNCHECKED,
	/*
	 * segment-crc-unchecked (receive): segment and epilogue crcs are
	 * not compared (crc modes, rev0 and rev1).  Rule:
	 * disasm_first_crc_rev1, disasm_remaining_crc_rev1,
	 * disasm_all_crc_rev0 fault the connection on a mismatch.
	 */
	M2_FAULT_SEGMENT_CRC_UNCHECKED,
	/*
	 * aborted-processed (receive): a frame whose epilogue says
	 * ABORTED (rev1 late_status 0x1, rev0 late_flags bit 0) is handled
	 * as if complete.  Rule: ProtocolV2::handle_read_frame_epilogue_main
	 * drops an aborted frame (the reference closes; the kernel errors);
	 * nobody acts on it.
	 */
	M2_FAULT_ABORTED_PROCESSED,
	/*
	 * length-uncapped (receive): the per-segment length caps of
	 * m2/limits.h (16 MiB for segment 0) are not enforced; a claimed
	 * length is then read (buffers grow only as bytes arrive, so
	 * nothing is allocated up front) instead of refused at the
	 * preamble.  Rule: the kernel's decode_preamble caps (the
	 * reference follows them, SPEC-NOTES §L).  Before READY the 1 MiB
	 * pre-auth limit still refuses, so it shows after READY: a
	 * preamble claiming 2^31 bytes meets silence, not a close.
	 */
	M2_FAULT_LENGTH_UNCAPPED,
	/*
	 * inline-boundary (send and receive, msgr2.1 secure): segment 0
	 * "spills" past the 48-byte inline buffer when pad16(len) >= 48
	 * instead of > 48, so a 33..48-byte segment 0 (every MESSAGE's
	 * 41-byte header2) gets an extra, empty GCM block (16 bytes of
	 * tag).  Rule: FrameAssembler::asm_secure_rev1 and
	 * disasm_first_secure_rev1 (a second block only when the padded
	 * segment 0 exceeds FRAME_ONWIRE_INLINE_LEN).  The handshake
	 * completes; the first MESSAGE either way breaks.
	 */
	M2_FAULT_INLINE_BOUNDARY,
	/*
	 * gcm-nonce-reuse (send): the server seals with its receive nonce
	 * (the connection secret's split not crossed), so both directions
	 * walk the same nonce sequence under the same key: every nonce is
	 * used twice, which leaks the XOR of plaintexts and the GHASH key.
	 * Rule: crypto_onwire.cc rxtx_t::create_handler_pair(crossed): the
	 * server's tx nonce is the client's rx nonce (bytes 16..28), not
	 * its tx nonce (28..40).  A correct client fails the tag of the
	 * server's first sealed frame (AUTH_SIGNATURE).  (Not advancing
	 * the counter instead would be stopped in-process by the "out of
	 * nonces" guard, m2_gcm_can_seal, before reaching the wire.)
	 */
	M2_FAULT_GCM_NONCE_REUSE,
	/*
	 * banner-required-ignored (receive): the peer's required msgr2
	 * features are not checked against ours.  Rule:
	 * ProtocolV2::_handle_peer_banner_payload faults when
	 * (peer_required & my_supported) != peer_required.  A banner that
	 * requires an unknown bit gets HELLO instead of a close.
	 */
	M2_FAULT_BANNER_REQUIRED_IGNORED,
	/*
	 * trailing-rejected (receive, over-strict): bytes after a control
	 * payload's last field end the connection.  Rule: ControlFrame
	 * decoding ignores them (SPEC-NOTES AMB-05); a later release may
	 * append fields.  A HELLO with 4 extra bytes is refused.
	 */
	M2_FAULT_TRAILING_REJECTED,
	/*
	 * state-unchecked (receive): while waiting for AUTH_REQUEST, a
	 * frame of any other tag (MESSAGE, KEEPALIVE2, ...) is skipped
	 * instead of ending the connection.  Rule: ProtocolV2's
	 * handle_frame_payload handlers fault on a tag the state does not
	 * expect.  A MESSAGE before auth, then AUTH_REQUEST, gets
	 * AUTH_DONE.
	 */
	M2_FAULT_STATE_UNCHECKED,
	/*
	 * method-unoffered (receive): an AUTH_REQUEST for a method the
	 * server does not allow is served anyway (auth none on a
	 * cephx-only server: an authentication bypass).  Rule:
	 * ProtocolV2::handle_auth_request / AuthServer answer
	 * AUTH_BAD_METHOD (-EOPNOTSUPP) for a method not in
	 * auth_supported.
	 */
	M2_FAULT_METHOD_UNOFFERED,
	/*
	 * mode-downgrade (receive): the server takes the client's first
	 * connection mode even when it does not allow it (crc on a
	 * secure-only server).  Rule: AuthRegistry::pick_mode picks from
	 * the intersection, else AUTH_BAD_METHOD.
	 */
	M2_FAULT_MODE_DOWNGRADE,
	/*
	 * signature-unchecked (receive): the client's AUTH_SIGNATURE is
	 * not compared with the HMAC of what the server sent.  Rule:
	 * ProtocolV2::handle_auth_signature faults on a mismatch.  A wrong
	 * signature, then CLIENT_IDENT, gets SERVER_IDENT.
	 */
	M2_FAULT_SIGNATURE_UNCHECKED,
	/*
	 * ident-wrong-addr (send): SERVER_IDENT names the served addresses
	 * with each port plus one, so it does not contain the address the
	 * client dialed.  Rule: ProtocolV2::send_server_ident sends
	 * messenger->get_myaddrs(); the client
	 * (handle_server_ident) must find the target among them.
	 */
	M2_FAULT_IDENT_WRONG_ADDR,
	/*
	 * global-seq-stuck (send): SERVER_IDENT's global_seq is not
	 * incremented: every connection gets the same value.  Rule:
	 * send_server_ident takes messenger->get_global_seq(), which goes
	 * up by one per connection (SPEC-NOTES §5, observed on ceph-mon).
	 */
	M2_FAULT_GLOBAL_SEQ_STUCK,
	/*
	 * cookie-zero (send): a lossless session gets server_cookie 0, so
	 * the client cannot reconnect (it must send CLIENT_IDENT again).
	 * Rule: handle_client_ident makes a random non-zero server_cookie
	 * when the policy is lossless.  Seen with m2server --lossless.
	 */
	M2_FAULT_COOKIE_ZERO,
	/*
	 * keepalive-stamp (send): KEEPALIVE2_ACK carries the server's own
	 * clock instead of the stamp of the KEEPALIVE2 it answers.  Rule:
	 * ProtocolV2::handle_keepalive2 echoes the peer's timestamp.
	 */
	M2_FAULT_KEEPALIVE_STAMP,
	/*
	 * ack-seq-stuck (send): every MESSAGE the server sends carries
	 * ack_seq 0 instead of the last seq it received.  Rule:
	 * ProtocolV2::write_message sets header2.ack_seq = in_seq.
	 */
	M2_FAULT_ACK_SEQ_STUCK,
	/*
	 * reconnect-stale-accepted (receive): SESSION_RECONNECT is resumed
	 * whatever its global_seq and connect_seq, instead of being sent
	 * back with SESSION_RETRY_GLOBAL or SESSION_RETRY when they are
	 * below the session's.  Rule: ProtocolV2::handle_reconnect answers
	 * RETRY_GLOBAL(existing peer_global_seq) when that is above the
	 * request's, then RETRY(existing connect_seq) likewise: an old
	 * reconnect (a replayed or delayed one) must not take the session
	 * over.  Seen with m2server --lossless.
	 */
	M2_FAULT_RECONNECT_STALE_ACCEPTED,
	M2_FAULT_COUNT
};

#ifdef M2_FAULTS
extern enum m2_fault m2_fault_on;
#define M2_FAULT(name)	(m2_fault_on == M2_FAULT_##name)
#else
#define M2_FAULT(name)	0
#endif

/*
 * m2_fault_set switches on the fault called |name| ("gcm-nonce-reuse"),
 * or none for "none".  It returns 0, or -1 for an unknown name or a
 * build without faults (m2_faults_built() says which).  Not thread-safe:
 * call it before starting connections.
 */
int		 m2_fault_set(const char *name);
/* m2_faults_built: 1 in the faults build (-DM2_FAULTS), else 0. */
int		 m2_faults_built(void);
/* m2_fault_name: "gcm-nonce-reuse", ...; NULL out of range. */
const char	*m2_fault_name(enum m2_fault f);
/* m2_fault_current: the fault switched on (M2_FAULT_NONE if none). */
enum m2_fault	 m2_fault_current(void);

#endif

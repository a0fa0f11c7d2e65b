/* SPDX-License-Identifier: MIT */
/*
 * Deliberate faults (m2/fault.h): the names, and the switch the hooks
 * read in the faults build.
 */
#include <string.h>

#include "m2/fault.h"

static const char *const names[M2_FAULT_COUNT] = {
	[M2_FAULT_NONE] = "none",
	[M2_FAULT_PREAMBLE_CRC_SEED] = "preamble-crc-seed",
	[M2_FAULT_SEGMENT_CRC_SEED] = "segment-crc-seed",
	[M2_FAULT_PREAMBLE_CRC_UNCHECKED] = "preamble-crc-unchecked",
	[M2_FAULT_SEGMENT_CRC_UNCHECKED] = "segment-crc-unchecked",
	[M2_FAULT_ABORTED_PROCESSED] = "aborted-processed",
	[M2_FAULT_LENGTH_UNCAPPED] = "length-uncapped",
	[M2_FAULT_INLINE_BOUNDARY] = "inline-boundary",
	[M2_FAULT_GCM_NONCE_REUSE] = "gcm-nonce-reuse",
	[M2_FAULT_BANNER_REQUIRED_IGNORED] = "banner-required-ignored",
	[M2_FAULT_TRAILING_REJECTED] = "trailing-rejected",
	[M2_FAULT_STATE_UNCHECKED] = "state-unchecked",
	[M2_FAULT_METHOD_UNOFFERED] = "method-unoffered",
	[M2_FAULT_MODE_DOWNGRADE] = "mode-downgrade",
	[M2_FAULT_SIGNATURE_UNCHECKED] = "signature-unchecked",
	[M2_FAULT_IDENT_WRONG_ADDR] = "ident-wrong-addr",
	[M2_FAULT_GLOBAL_SEQ_STUCK] = "global-seq-stuck",
	[M2_FAULT_COOKIE_ZERO] = "cookie-zero",
	[M2_FAULT_KEEPALIVE_STAMP] = "keepalive-stamp",
	[M2_FAULT_ACK_SEQ_STUCK] = "ack-seq-stuck",
	[M2_FAULT_RECONNECT_STALE_ACCEPTED] = "reconnect-stale-accepted",
};

#ifdef M2_FAULTS
enum m2_fault m2_fault_on = M2_FAULT_NONE;
#endif

/* see m2/fault.h */
int
m2_faults_built(void)
{
#ifdef M2_FAULTS
	return 1;
#else
	return 0;
#endif
}

/* see m2/fault.h */
const char *
m2_fault_name(enum m2_fault f)
{
	return (unsigned)f < M2_FAULT_COUNT ? names[f] : NULL;
}

/* see m2/fault.h */
enum m2_fault
m2_fault_current(void)
{
#ifdef M2_FAULTS
	return m2_fault_on;
#else
	return M2_FAULT_NONE;
#endif
}

/* see m2/fault.h */
int
m2_fault_set(const char *name)
{
	for (unsigned i = 0; i < M2_FAULT_COUNT; i++) {
		if (strcmp(name, names[i]) != 0)
			continue;
#ifdef M2_FAULTS
		m2_fault_on = (enum m2_fault)i;
		return 0;
#else
		return i == M2_FAULT_NONE ? 0 : -1;
#endif
	}
	return -1;
}

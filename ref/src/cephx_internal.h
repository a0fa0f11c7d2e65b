/* SPDX-License-Identifier: MIT */
/* Private to the cephx units (cephx_client.c, cephx_server.c). */
#ifndef M2_CEPHX_INTERNAL_H
#define M2_CEPHX_INTERNAL_H

#include "m2/cephx.h"

/*
 * m2_cephx_slot returns the ticket slot of |service_id| (the bit number
 * of a single M2_ENTITY_TYPE_* bit, MON 0 .. AUTH 5), or -1.
 */
int	m2_cephx_slot(uint32_t service_id);

/*
 * m2_cephx_parse_entity splits "client.admin" into |*type| and |id| (at
 * least M2_CEPHX_MAX_ENTITY_ID + 1 bytes).  Returns M2_OK or M2_E_USAGE.
 */
m2_err	m2_cephx_parse_entity(const char *entity, uint32_t *type, char *id);

#endif

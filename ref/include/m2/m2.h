/* SPDX-License-Identifier: MIT */
/*
 * m2: a reference codec for Ceph's msgr2 wire protocol.  The umbrella
 * header; SPEC-NOTES.md maps each header to the protocol.
 */
#ifndef M2_M2_H
#define M2_M2_H

#include "common.h"
#include "err.h"
#include "limits.h"
#include "cur.h"
#include "buf.h"
#include "codec.h"
#include "addr.h"
#include "frame.h"
#include "msg.h"
#include "conf.h"
#include "mon.h"
#include "cephx.h"
#include "sock.h"
#include "conn.h"
#include "dissect.h"
#include "fault.h"

#endif

# SPDX-License-Identifier: MIT
"""Cases for the cephx codecs.  The valid cases come first from the keyed
captures in vectors/captures/cephx/ (the Debian ceph CLI against ceph-mon
16.2.15, crc and secure), after verify_capture() has checked each whole
exchange: the server challenge and the proof against the monitor's log,
every decrypted session key against the CLI's log, every ticket blob
against the monitor's rotating secrets, and both AUTH_SIGNATUREs against
HMAC-SHA256 over the bytes each side received (in secure mode after
opening the AES-GCM frame with the decrypted connection secret).  The
authorizer codecs come from vectors/captures/authz/ (two ceph-mon 16.2.15
authenticating each other, crc and secure) after verify_authz_capture()
has checked each exchange: the ticket opens with the "mon." key, the
challenge, its answer and the nonce are the ones the accepting monitor
logged, AUTH_DONE holds nonce + 1, and both AUTH_SIGNATUREs verify with
the ticket's session key.  Hand cases built from a captured MON ticket, as
CephXTicketHandler::build_authorizer and cephx_verify_authorizer would,
cover the rest."""

import base64
import glob
import json
import os
import re
import struct

from . import cephx as X
from . import crypto
from .errors import BADVAL, LIMIT, TRAILING, TRUNC
from .vec import VecFile
from .wire import le16, le32, le64, lp32, u8

HERE = os.path.dirname(os.path.abspath(__file__))
CAPDIR = os.path.join(HERE, "..", "..", "captures", "cephx")
CEPH = "ceph-mon 16.2.15"

TAG_NAMES = {1: "HELLO", 2: "AUTH_REQUEST", 4: "AUTH_REPLY_MORE",
             5: "AUTH_REQUEST_MORE", 6: "AUTH_DONE", 7: "AUTH_SIGNATURE"}
SERVICES = {1: "mon", 2: "mds", 4: "osd", 16: "mgr", 32: "auth"}


class CaptureMismatch(Exception):
    pass


def _check(cond, what):
    if not cond:
        raise CaptureMismatch(what)


def _frames(data, secure, stop_tag):
    """Banner, then plain msgr2.1 crc-style frames up to |stop_tag|; then
    AUTH_SIGNATURE (plain, or the raw 96 secure bytes).  Returns a list
    of (tag, payload, end offset)."""
    _check(data[:8] == b"ceph v2\n", "banner")
    (n,) = struct.unpack("<H", data[8:10])
    sup = struct.unpack("<Q", data[10:18])[0]
    _check(sup & 1, "msgr2.1 (rev1) expected")
    off = 10 + n
    out = []
    while True:
        tag, nseg = data[off], data[off + 1]
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        _check(nseg == 1, "one segment")
        seg = data[off + 32:off + 32 + l0]
        off += 32 + l0 + (4 if l0 else 0)
        out.append((tag, seg, off))
        if tag == stop_tag:
            break
    if secure:
        out.append((7, data[off:off + 96], off + 96))
    else:
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        _check(data[off] == 7, "AUTH_SIGNATURE follows")
        out.append((7, data[off + 32:off + 32 + l0], off + 32 + l0 + 4))
    return out


def _lp_only(b):
    (n,) = struct.unpack("<I", b[:4])
    _check(len(b) == 4 + n, "bufferlist length")
    return b[4:]


def _log(lines, pattern):
    for ln in lines:
        m = re.search(pattern, ln)
        if m:
            return m
    raise CaptureMismatch("no log line " + pattern)


class Exchange:
    """One verified capture: the payloads and decrypted pieces."""


def verify_capture(path):
    doc = json.load(open(path))
    ex = Exchange()
    ex.name = os.path.splitext(os.path.basename(path))[0]
    ex.mode = doc["mode"]
    secure = ex.mode == "secure"
    c2s = bytes.fromhex(doc["client_to_server"])
    s2c = bytes.fromhex(doc["server_to_client"])
    secret = X.cryptokey_b64(doc["keyring"]["client.admin"])[3]
    ex.keyring = doc["keyring"]
    cf = _frames(c2s, secure, 5)
    sf = _frames(s2c, secure, 6)
    _check([t for t, _, _ in cf] == [1, 2, 5, 7], "client frames")
    _check([t for t, _, _ in sf] == [1, 4, 6, 7], "server frames")
    # AUTH_REQUEST: method, modes, auth_payload
    areq = cf[1][1]
    method, nm = struct.unpack("<II", areq[:8])
    _check(method == 2, "cephx")
    ex.auth_request = _lp_only(areq[8 + 4 * nm:])
    ex.server_challenge_payload = _lp_only(sf[1][1])
    sc = struct.unpack("<Q", ex.server_challenge_payload[1:9])[0]
    _log(doc["mon_log"], "server_challenge %x$" % sc)
    ex.request = _lp_only(cf[2][1])
    r = X.Reader(ex.request)
    _check(r.le16() == 0x100 and r.u8() == 3, "CephXAuthenticate v3")
    cc, key = r.le64(), r.le64()
    _log(doc["client_log"], "client_challenge %x$" % cc)
    _check(X.challenge_key(secret, sc, cc) == key, "proof")
    _log(doc["mon_log"], "req.key=%x expected_key=%x" % (key, key))
    ex.sc, ex.cc, ex.key = sc, cc, key
    # AUTH_DONE
    gid, con_mode = struct.unpack("<QI", sf[2][1][:12])
    ex.global_id = gid
    _check(con_mode == (2 if secure else 1), "con_mode")
    ex.reply = _lp_only(sf[2][1][12:])
    parts = {}
    X.d_reply(X.Reader(ex.reply), parts)
    rot = {}
    for e in doc["rotating"]:
        rot.setdefault((e["service"], e["id"]), []).append(
            X.cryptokey_b64(e["key"])[3])
    ex.service_tickets, ex.blobs, ex.infos, ex.keys = [], [], [], []
    ex.session = {}

    def open_entries(entries, k):
        for sid, et, te, t in entries:
            body = X.dec_bl(k, et)
            ex.service_tickets.append((sid, body))
            kr = X.Reader(body)
            kr.u8()
            kraw = kr.take(12 + struct.unpack("<H", body[11:13])[0])
            ex.keys.append((sid, kraw))
            skey = kraw[12:]
            m = _log(doc["client_log"], "service %s secret_id \\d+ "
                     "session_key (\\S+) " % SERVICES[sid])
            _check(base64.b64decode(m.group(1)) == kraw, "session key of %s"
                   % SERVICES[sid])
            _check(te == 0, "first exchange: tickets are not re-encrypted")
            ex.blobs.append((sid, t))
            br = X.Reader(t)
            br.u8()
            secret_id = br.le64()
            blob = br.take(br.le32())
            ok = None
            for cand in rot.get((SERVICES[sid], secret_id), []):
                try:
                    ok = X.dec_bl(cand, blob)
                except X.BadMagic:
                    continue
            _check(ok is not None, "ticket blob of %s opens with a "
                   "rotating secret" % SERVICES[sid])
            ex.infos.append((sid, ok))
            ir = X.Reader(ok)
            ir.u8()
            ir.u8()
            ir.le32()
            ir.take(ir.le32())
            _check(ir.le64() == gid, "ticket global_id")
            _check(ok.endswith(kraw), "ticket info holds the session key")
            ex.session[sid] = skey

    open_entries(parts["tickets"], secret)
    sk = ex.session[X.AUTH]
    ex.con_secret = b""
    if parts.get("con_secret"):
        ex.con_secret = _lp_only(X.dec_bl(sk, parts["con_secret"]))
    m = _log(doc["client_log"], "got connection_secret (\\d+) bytes")
    _check(len(ex.con_secret) == int(m.group(1)) ==
           (64 if secure else 0), "connection secret length")
    open_entries(parts.get("extra", []), sk)
    # AUTH_SIGNATURE both ways: HMAC(session key, what that side received)
    want_c = X.hmac_sha256(sk, s2c[:sf[2][2]])
    want_s = X.hmac_sha256(sk, c2s[:cf[2][2]])
    got_c, got_s = cf[3][1], sf[3][1]
    if secure:
        k, na, nb = crypto.split_secret(ex.con_secret)
        got_c = crypto.gcm_open(k, nb, got_c)[32:64]
        got_s = crypto.gcm_open(k, na, got_s)[32:64]
    _check(got_c == want_c, "client AUTH_SIGNATURE")
    _check(got_s == want_s, "server AUTH_SIGNATURE")
    ex.sig_client, ex.sig_server = got_c, got_s
    return ex


def exchanges():
    return [verify_capture(p) for p in
            sorted(glob.glob(os.path.join(CAPDIR, "*.json")))]


# -- mon-to-mon authorizers (vectors/captures/authz) ----------------------

AUTHZ_DIR = os.path.join(HERE, "..", "..", "captures", "authz")
SECRET_ID_GENERAL = 2**64 - 1


def _parse_authorizer(p):
    """u8 1, le64 global_id, le32 service_id, CephXTicketBlob, le32 n +
    n bytes of encrypted CephXAuthorize; returns the pieces."""
    r = X.Reader(p)
    v, gid, sid = r.u8(), r.le64(), r.le32()
    tstart = r.off
    tv, secret_id = r.u8(), r.le64()
    blob = r.take(r.le32())
    tb = p[tstart:r.off]
    enc = r.take(r.le32())
    _check(r.off == len(p), "authorizer ends after CephXAuthorize")
    return v, gid, sid, tb, tv, secret_id, blob, enc


def verify_authz_capture(path):
    """One capture_authz.sh stream: mon.X presenting an authorizer to mon.Y.
    Checks that the ticket blob opens with the keyring's "mon." key under
    secret_id -1 and names "mon." with global_id 0 (Monitor::
    get_authorizer); that the challenge, its answer (+1) and the nonce are
    the ones the accepting monitor logged, with "verify_authorizer ok";
    that AUTH_DONE's CephXAuthorizeReply holds nonce + 1 (v1 in crc, v2
    with a 64-byte secret in secure mode); and that both AUTH_SIGNATUREs
    are HMAC-SHA256 with the ticket's session key over the bytes each side
    received (in secure mode after opening AES-GCM with that secret)."""
    doc = json.load(open(path))
    ex = Exchange()
    ex.name = os.path.splitext(os.path.basename(path))[0]
    ex.mode = doc["mode"]
    ex.dialer, ex.acceptor = doc["dialer"], doc["acceptor"]
    secure = ex.mode == "secure"
    c2s = bytes.fromhex(doc["client_to_server"])
    s2c = bytes.fromhex(doc["server_to_client"])
    mon_key = X.cryptokey_b64(doc["keyring"]["mon."])[3]
    alog = doc["acceptor_log"]
    cf = _frames(c2s, secure, 5)
    sf = _frames(s2c, secure, 6)
    _check([t for t, _, _ in cf] == [1, 2, 5, 7], "client frames")
    _check([t for t, _, _ in sf] == [1, 4, 6, 7], "server frames")
    _check(cf[0][1][0] == X.MON and sf[0][1][0] == X.MON,
           "HELLO entity type mon both ways")
    areq = cf[1][1]
    method, nm = struct.unpack("<II", areq[:8])
    _check(method == 2, "cephx")
    ex.modes = list(struct.unpack("<%dI" % nm, areq[8:8 + 4 * nm]))
    ex.authz1 = _lp_only(areq[8 + 4 * nm:])
    ex.authz2 = _lp_only(cf[2][1])
    ex.challenge_enc = _lp_only(sf[1][1])
    v, gid, sid, tb, tv, secret_id, blob, enc1 = _parse_authorizer(ex.authz1)
    _check(v == 1 and gid == 0 and sid == X.MON, "authorizer header")
    _check(secret_id == SECRET_ID_GENERAL, "secret_id -1")
    _log(alog, "secret_id=%d$" % SECRET_ID_GENERAL)
    v2, gid2, sid2, tb2, _, _, _, enc2 = _parse_authorizer(ex.authz2)
    _check((v2, gid2, sid2, tb2) == (v, gid, sid, tb),
           "second pass repeats the ticket (CephXAuthorizer::base_bl)")
    ex.ticket_blob = tb
    ex.info = X.dec_bl(mon_key, blob)
    ir = X.Reader(ex.info)
    ir.u8()
    _check(ir.u8() == 2, "AuthTicket v2")
    _check(ir.le32() == X.MON and ir.take(ir.le32()) == b"",
           "ticket names \"mon.\"")
    _check(ir.le64() == 0, "ticket global_id 0")
    ir.le64()
    cs, _, xs, _ = ir.le32(), ir.le32(), ir.le32(), ir.le32()
    ex.ttl = xs - cs
    _check(ex.ttl == 3600, "auth_service_ticket_ttl")
    ir.u8()
    _check(ir.u8() == 0 and ir.take(ir.le32()) == b"", "no caps for MON")
    ir.le32()
    kt, _, _, kn = struct.unpack("<HIIH", ir.take(12))
    _check(kt == 1 and kn == 16, "AES session key")
    ex.session_key = ir.take(16)
    _check(ir.off == len(ex.info), "ticket info ends")
    sk = ex.session_key
    ex.authorize1 = X.dec_bl(sk, enc1)
    ex.authorize2 = X.dec_bl(sk, enc2)
    ex.challenge = X.dec_bl(sk, ex.challenge_enc)
    _check(len(ex.challenge) == 9 and ex.challenge[0] == 1, "challenge v1")
    ch = struct.unpack("<Q", ex.challenge[1:])[0]
    _log(alog, "adding server_challenge %d$" % ch)
    av, nonce, hc, scp1 = struct.unpack("<BQBQ", ex.authorize1)
    _check(av == 2 and hc == 0 and scp1 == 0, "first pass: no challenge")
    av, nonce2, hc, scp1 = struct.unpack("<BQBQ", ex.authorize2)
    _check(av == 2 and hc == 1 and nonce2 == nonce and scp1 == ch + 1,
           "second pass answers challenge + 1 with the same nonce")
    _log(alog, "got server_challenge\\+1 %d expecting %d$" % (ch + 1, ch + 1))
    _log(alog, "verify_authorizer ok nonce %x " % nonce)
    ex.nonce, ex.server_challenge = nonce, ch
    gid_done, con_mode = struct.unpack("<QI", sf[2][1][:12])
    _check(gid_done == 0, "AUTH_DONE global_id 0")
    _check(con_mode == (2 if secure else 1), "con_mode")
    ex.done_payload = _lp_only(sf[2][1][12:])
    _log(alog, "reply_bl.length\\(\\)=%d$" % len(ex.done_payload))
    ex.reply = X.dec_bl(sk, _lp_only(ex.done_payload))
    rr = X.Reader(ex.reply)
    rv, np1 = rr.u8(), rr.le64()
    _check(np1 == nonce + 1, "nonce + 1")
    ex.con_secret = b""
    if rv >= 2:
        ex.con_secret = rr.take(rr.le32())
    _check(rr.off == len(ex.reply), "reply ends")
    _check((rv, len(ex.con_secret)) == ((2, 64) if secure else (1, 0)),
           "CephXAuthorizeReply v1 in crc, v2 with 64 bytes in secure")
    want_c = X.hmac_sha256(sk, s2c[:sf[2][2]])
    want_s = X.hmac_sha256(sk, c2s[:cf[2][2]])
    got_c, got_s = cf[3][1], sf[3][1]
    if secure:
        k, na, nb = crypto.split_secret(ex.con_secret)
        got_c = crypto.gcm_open(k, nb, got_c)[32:64]
        got_s = crypto.gcm_open(k, na, got_s)[32:64]
    _check(got_c == want_c, "dialer's AUTH_SIGNATURE")
    _check(got_s == want_s, "acceptor's AUTH_SIGNATURE")
    _check(any(".ready entity=mon." in "." + x or x.startswith("ready ")
               for x in doc["dialer_log"]), "the dialer reached READY")
    return ex


def authz_exchanges():
    return [verify_authz_capture(p) for p in
            sorted(glob.glob(os.path.join(AUTHZ_DIR, "*.json")))]


def _asrc(ex, what):
    return (f"capture: {CEPH} mon-to-mon, {ex.dialer} to {ex.acceptor}, "
            f"{ex.mode}, vectors/captures/authz/{ex.name}.json, {what}")


def _src(ex, what):
    return (f"capture: {CEPH}, {ex.mode}, vectors/captures/cephx/"
            f"{ex.name}.json, {what}")


DESCRIPTIONS = {
    "auth_mon_request": "AUTH_REQUEST auth_payload to a monitor "
                        "(MonConnection::get_auth_request): u8 mode (10..19;"
                        " 1 for auth none's authorizer), EntityName {le32 "
                        "type, le32 n + id}, le64 global_id.",
    "crypto_key": "CryptoKey: le16 type, utime_t created, le16 len, secret "
                  "(CryptoKey::encode; _set_secret's checks).",
    "cephx_server_challenge": "CephXServerChallenge, the AUTH_REPLY_MORE "
                              "auth_payload: u8 struct_v, le64 challenge.",
    "cephx_authorize_challenge": "CephXAuthorizeChallenge (decrypted): u8 "
                                 "struct_v, le64 server_challenge.",
    "cephx_ticket_blob": "CephXTicketBlob: u8 struct_v, le64 secret_id, "
                         "bufferlist blob.",
    "cephx_authorizer": "The cephx authorizer (CephXTicketHandler::"
                        "build_authorizer): u8 1, le64 global_id, le32 "
                        "service_id, CephXTicketBlob, encode_encrypt("
                        "CephXAuthorize).",
    "cephx_request": "cephx request: le16 request_type, then "
                     "CephXAuthenticate (0x100), an authorizer and "
                     "CephXServiceTicketRequest (0x200) or nothing (0x400).",
    "cephx_reply": "cephx reply (AUTH_DONE auth_payload from a monitor): "
                   "CephXResponseHeader, service_ticket_reply, and for 0x100"
                   " optionally the connection-secret bufferlist and the "
                   "extra tickets.",
    "cephx_service_ticket": "CephXServiceTicket (decrypted): u8 struct_v, "
                            "CryptoKey session_key, utime_t validity.",
    "cephx_ticket_info": "CephXServiceTicketInfo (decrypted): u8 struct_v, "
                         "AuthTicket (v2: name, global_id, auid, created, "
                         "expires, AuthCapsInfo, flags), CryptoKey.",
    "cephx_authorize": "CephXAuthorize (decrypted): u8 struct_v, le64 nonce,"
                       " and for v >= 2 u8 have_challenge, le64 "
                       "server_challenge_plus_one.",
    "cephx_authorize_reply": "CephXAuthorizeReply (decrypted): u8 struct_v, "
                             "le64 nonce_plus_one, and for v >= 2 string "
                             "connection_secret.",
}

COMMON = (" Every struct_v is kept as read (Ceph reads it and, unless a "
          "field depends on it, ignores it).  Encrypted pieces are opaque "
          "ciphertext that must be a non-zero multiple of 16 bytes "
          "(M2_E_BADVAL otherwise).  Ceph ignores bytes after the last "
          "field; m2 reports M2_E_TRAILING.  Caps of limits.h: "
          "M2_CEPHX_MAX_TICKET_BLOB 8192, M2_CEPHX_MAX_TICKETS 16, "
          "M2_CEPHX_MAX_ENTITY_ID 256, M2_CEPHX_MAX_CON_SECRET 64.")


def _file(codec):
    return VecFile(codec, DESCRIPTIONS[codec] + COMMON)


def _tail(g, good, src, fixed=False):
    g.add(f"cut to {len(good) - 1} of {len(good)} bytes", good[:-1], src,
          "invalid", TRUNC, flags=["Truncated"])
    g.add("one byte after the last field", good + b"\xee", src, "invalid",
          TRAILING, flags=["Trailing"])
    if not fixed:
        g.add("empty", b"", src, "invalid", TRUNC, flags=["Truncated"])


# Fixed inputs for hand cases.
KEY_A = bytes(range(16))
KEY_B = bytes(range(16, 32))


def cryptokey(secret, t=1, sec=1764058489, nsec=675589000):
    return le16(t) + le32(sec) + le32(nsec) + le16(len(secret)) + secret


def ticket_blob(secret_id, blob, v=1):
    return u8(v) + le64(secret_id) + lp32(blob)


def files():
    exs = exchanges()
    azs = authz_exchanges()
    out = []
    seen = set()

    def once(g, inp, src, flags=(), comment=""):
        if inp in seen:
            return
        seen.add(inp)
        g.add(comment, inp, src, flags=flags)

    # auth_mon_request
    f = _file("auth_mon_request")
    g = f.group()
    seen.clear()
    for ex in exs:
        once(g, ex.auth_request, _src(ex, "AUTH_REQUEST auth_payload"),
             flags=["Capture"], comment="client.admin, global_id 0 (a new "
             "client), mode 10: the CLI's first request")
    hs = "hand: MonConnection::get_auth_request"
    g.add("reconnect with global_id 4100", u8(10) + le32(8) + lp32(b"admin")
          + le64(4100), hs)
    g.add("auth none authorizer (mode 1) of osd.3",
          u8(1) + le32(4) + lp32(b"3") + le64(77),
          "hand: AuthNoneAuthorizer::build_authorizer")
    g.add("mode 19, the top of the mon range", u8(19) + le32(8) +
          lp32(b"") + le64(0), hs)
    g.add("mode 0 (AUTH_MODE_NONE): the mon answers -EACCES",
          u8(0) + le32(8) + lp32(b"admin") + le64(0), hs, "invalid", BADVAL)
    g.add("mode 20: past AUTH_MODE_MON_MAX", u8(20) + le32(8) +
          lp32(b"admin") + le64(0), hs, "invalid", BADVAL)
    g.add("mode 2: a cephx authorizer mode, not this layout",
          u8(2) + le32(8) + lp32(b"admin") + le64(0), hs, "invalid", BADVAL)
    g.add("id of 257 bytes: over M2_CEPHX_MAX_ENTITY_ID",
          u8(10) + le32(8) + lp32(b"a" * 257) + le64(0), hs, "invalid",
          LIMIT, flags=["Limit"])
    g.add("id of 256 bytes: the cap", u8(10) + le32(8) + lp32(b"a" * 256) +
          le64(0), hs, flags=["Limit"])
    g.add("id length 9, 5 bytes follow", u8(10) + le32(8) + le32(9) +
          b"admin", hs, "invalid", TRUNC)
    _tail(g, exs[0].auth_request, hs)
    out.append(f)

    # crypto_key
    f = _file("crypto_key")
    g = f.group()
    seen.clear()
    for ex in exs:
        for sid, kraw in ex.keys:
            once(g, kraw, _src(ex, "session key of the %s ticket, "
                               "decrypted; the CLI's log prints the same "
                               "key" % SERVICES[sid]),
                 flags=["Capture"], comment="%s session key (AES, 16 "
                 "bytes)" % SERVICES[sid])
    for name, text in sorted(exs[0].keyring.items()):
        g.add("the keyring's %s key (base64 decoded)" % name,
              base64.b64decode(text), "ceph-authtool 16.2.15 --gen-key, "
              "vectors/captures/cephx/%s.json keyring" % exs[0].name)
    hs = "hand: CryptoKey::decode, _set_secret"
    g.add("type NONE with no secret", cryptokey(b"", 0, 0, 0), hs)
    g.add("type NONE with a secret: CryptoNone validates anything",
          cryptokey(b"abc", 0), hs)
    g.add("unknown type 7 with no secret: no handler is made", cryptokey(
        b"", 7), hs)
    g.add("AES with a 32-byte secret: AES-128 uses the first 16",
          cryptokey(bytes(32)), hs, flags=["CephQuirk"])
    g.add("AES with 15 bytes: validate_secret refuses",
          cryptokey(bytes(15)), hs, "invalid", BADVAL)
    g.add("type 2 (AES256KRB5, not in 16.2.15) with 32 bytes",
          cryptokey(bytes(32), 2), hs, "invalid", BADVAL)
    g.add("secret length 16, 8 bytes follow",
          cryptokey(bytes(16))[:-8], hs, "invalid", TRUNC)
    _tail(g, cryptokey(KEY_A), hs)
    out.append(f)

    # challenges
    for codec, what in (("cephx_server_challenge",
                         "CephxServiceHandler::do_start_session"),
                        ("cephx_authorize_challenge",
                         "cephx_verify_authorizer")):
        f = _file(codec)
        g = f.group()
        seen.clear()
        if codec == "cephx_server_challenge":
            for ex in exs:
                once(g, ex.server_challenge_payload,
                     _src(ex, "AUTH_REPLY_MORE auth_payload; the monitor "
                          "logged server_challenge %x" % ex.sc),
                     flags=["Capture"], comment="server challenge %#x"
                     % ex.sc)
        else:
            for az in azs:
                g.add("%s: challenge %d" % (az.name, az.server_challenge),
                      az.challenge, _asrc(az, "AUTH_REPLY_MORE's "
                                          "CephXAuthorizeChallenge, "
                                          "decrypted; the acceptor logged "
                                          "adding server_challenge %d"
                                          % az.server_challenge),
                      flags=["Capture"])
        hs = "hand: " + what
        g.add("challenge 1", u8(1) + le64(1), hs,
              dump="v=1 challenge=0x1")
        g.add("struct_v 9: read and ignored", u8(9) + le64(2**64 - 1), hs,
              flags=["CephQuirk"])
        _tail(g, u8(1) + le64(0x1234), hs, fixed=True)
        g.add("empty", b"", hs, "invalid", TRUNC, flags=["Truncated"])
        out.append(f)

    # ticket blob
    f = _file("cephx_ticket_blob")
    g = f.group()
    seen.clear()
    for ex in exs:
        for sid, t in ex.blobs:
            once(g, t, _src(ex, "the %s ticket's CephXTicketBlob" %
                            SERVICES[sid]), flags=["Capture"],
                 comment="%s ticket, secret_id 2, its blob opens with the "
                 "monitor's rotating %s secret" % (SERVICES[sid],
                                                    SERVICES[sid]))
    for az in azs:
        once(g, az.ticket_blob, _asrc(az, "the authorizer's CephXTicketBlob"),
             flags=["Capture"], comment="a monitor's own MON ticket: "
             "secret_id -1, the blob opens with the \"mon.\" key")
    hs = "hand: CephXTicketBlob::encode"
    g.add("empty (the old_ticket of a first request)", ticket_blob(0, b""),
          hs, dump="v=1 secret_id=0 blob=")
    g.add("secret_id -1 (the entity's own key)", ticket_blob(2**64 - 1,
          bytes(16)), hs)
    g.add("blob of 8192 bytes: the cap", ticket_blob(1, bytes(8192)), hs,
          flags=["Limit"])
    g.add("blob of 8193 bytes: over M2_CEPHX_MAX_TICKET_BLOB",
          ticket_blob(1, bytes(8193)), hs, "invalid", LIMIT,
          flags=["Limit"])
    g.add("blob length 0xffffffff", u8(1) + le64(1) + le32(0xFFFFFFFF), hs,
          "invalid", LIMIT, flags=["Limit"])
    _tail(g, ticket_blob(2, bytes(32)), hs)
    out.append(f)

    # service ticket (decrypted)
    f = _file("cephx_service_ticket")
    g = f.group()
    seen.clear()
    for ex in exs:
        for sid, body in ex.service_tickets:
            once(g, body, _src(ex, "the %s CephXServiceTicket, decrypted "
                               "with the %s" % (SERVICES[sid],
                               "client.admin key" if sid == X.AUTH else
                               "AUTH session key")), flags=["Capture"],
                 comment="%s service ticket, validity %s" %
                 (SERVICES[sid], "259200 s" if sid == X.AUTH else "3600 s"))
    hs = "hand: CephXServiceTicket::encode"
    good = u8(1) + cryptokey(KEY_A) + le32(3600) + le32(0)
    g.add("a 1 h ticket", good, hs)
    g.add("session key AES with 8 bytes", u8(1) + cryptokey(bytes(8)) +
          le32(3600) + le32(0), hs, "invalid", BADVAL)
    _tail(g, good, hs)
    out.append(f)

    # ticket info (decrypted)
    f = _file("cephx_ticket_info")
    g = f.group()
    seen.clear()
    for ex in exs:
        for sid, body in ex.infos:
            once(g, body, _src(ex, "the %s CephXServiceTicketInfo, "
                               "decrypted with the monitor's rotating %s "
                               "secret (logged at debug_auth 30)"
                               % (SERVICES[sid], SERVICES[sid])),
                 flags=["Capture"], comment="%s ticket info of client.admin"
                 % SERVICES[sid])
    for az in azs:
        once(g, az.info, _asrc(az, "the authorizer's ticket, decrypted with "
                              "the keyring's \"mon.\" key"),
             flags=["Capture"], comment="Monitor::get_authorizer's ticket: "
             "\"mon.\", global_id 0, 3600 s, no caps")
    hs = "hand: CephXServiceTicketInfo::encode, AuthTicket::encode"

    def info(tv=2, caps=b"", aa=0, gid=4100):
        b = u8(1) + u8(tv) + le32(8) + lp32(b"admin") + le64(gid)
        if tv >= 2:
            b += le64(2**64 - 1)
        return b + le32(10) + le32(0) + le32(3610) + le32(0) + u8(1) + \
            u8(aa) + lp32(caps) + le32(0) + cryptokey(KEY_B)
    g.add("osd ticket with caps \"allow *\"", info(caps=lp32(b"allow *")),
          hs)
    g.add("AuthTicket v1: no auid", info(tv=1), hs)
    g.add("allow_all set", info(aa=1), hs)
    g.add("entity id over the cap", info().replace(lp32(b"admin"),
          lp32(b"x" * 257)), hs, "invalid", LIMIT, flags=["Limit"])
    _tail(g, info(), hs)
    out.append(f)

    # request
    f = _file("cephx_request")
    g = f.group()
    seen.clear()
    for ex in exs:
        once(g, ex.request, _src(ex, "AUTH_REQUEST_MORE auth_payload; "
                                 "client_challenge %x in the CLI's log, "
                                 "req.key=expected_key=%x in the monitor's"
                                 % (ex.cc, ex.key)), flags=["Capture"],
             comment="CephXAuthenticate v3, other_keys %s" %
             ("0x35 (mon, osd, mgr, auth)" if ex.name.endswith("2") else
              "0x20 (auth)"))
    hs = "hand: CephXAuthenticate::encode/decode"
    v2 = le16(0x100) + u8(2) + le64(5) + le64(6) + ticket_blob(0, b"") + \
        le32(0x35)
    g.add("CephXAuthenticate v2 (a kernel client before 5.13)", v2, hs)
    g.add("CephXAuthenticate v1: no other_keys", le16(0x100) + u8(1) +
          le64(5) + le64(6) + ticket_blob(0, b""), hs,
          dump="type=0x100 v=1 client_challenge=0x5 key=0x6 old_ticket={v=1"
               " secret_id=0 blob=} other_keys=-")
    az = u8(1) + le64(4100) + le32(32) + ticket_blob(2, bytes(48)) + \
        lp32(bytes(32))
    g.add("GET_PRINCIPAL_SESSION_KEY (sent in MAuth, not in AUTH frames)",
          le16(0x200) + az + u8(1) + le32(0x15),
          "hand: CephxClientHandler::build_request")
    g.add("GET_ROTATING_KEY", le16(0x400),
          "hand: CephxClientHandler::build_rotating_request")
    g.add("request type 0x300", le16(0x300), hs, "invalid", BADVAL)
    g.add("GET_PRINCIPAL_SESSION_KEY with a 20-byte authorize ciphertext",
          le16(0x200) + az[:-36] + lp32(bytes(20)) + u8(1) + le32(1), hs,
          "invalid", BADVAL)
    g.add("v2 without other_keys", v2[:-4], hs, "invalid", TRUNC)
    _tail(g, exs[0].request, hs)
    out.append(f)

    # reply
    f = _file("cephx_reply")
    g = f.group()
    seen.clear()
    for ex in exs:
        once(g, ex.reply, _src(ex, "AUTH_DONE auth_payload (global_id %d);"
                               " every piece decrypts, the session keys "
                               "match the CLI's log and the session key "
                               "reproduces both AUTH_SIGNATUREs"
                               % ex.global_id), flags=["Capture"],
             comment="%s mode: AUTH ticket, %d-byte connection secret, %s"
             % (ex.mode, len(ex.con_secret), "extra mon/osd/mgr tickets"
                if ex.name.endswith("2") else "no extra tickets"))
    hs = "hand: CephxServiceHandler::handle_request, "\
        "cephx_build_service_ticket_reply"
    ent = le32(32) + u8(1) + lp32(bytes(48)) + u8(0) + \
        lp32(ticket_blob(2, bytes(96)))
    lst = u8(1) + le32(1) + ent
    base = le16(0x100) + le32(0) + lst
    g.add("no connection secret or extra tickets (Ceph's answer to "
          "other_keys 0, which no msgr2 client sends): m2 requires them",
          base, hs, "invalid", TRUNC)
    g.add("an empty cbl and no extra tickets", base + le32(0) + le32(0),
          hs)
    g.add("AUTH ticket re-encrypted with the old session key "
          "(ticket_enc 1, a reclaim)", le16(0x100) + le32(0) + u8(1) +
          le32(1) + le32(32) + u8(1) + lp32(bytes(48)) + u8(1) +
          lp32(bytes(128)) + le32(0) + le32(0), hs)
    g.add("a 64-byte secret's ciphertext and an empty extra list (v 1, "
          "no entries)", base + lp32(lp32(bytes(80))) + lp32(u8(1) +
          le32(0)), hs)
    g.add("GET_PRINCIPAL_SESSION_KEY reply", le16(0x200) + le32(0) + lst,
          hs)
    g.add("GET_PRINCIPAL_SESSION_KEY reply, status -13, no tickets",
          le16(0x200) + struct.pack("<i", -13) + u8(1) + le32(0), hs)
    g.add("GET_ROTATING_KEY reply", le16(0x400) + le32(0) +
          lp32(bytes(64)), hs)
    g.add("unknown reply type 0x800 (the Ceph client aborts)",
          le16(0x800) + le32(0), hs, "invalid", BADVAL,
          flags=["CephAborts"])
    g.add("17 tickets: over M2_CEPHX_MAX_TICKETS", le16(0x100) + le32(0) +
          u8(1) + le32(17) + ent * 17, hs, "invalid", LIMIT,
          flags=["Limit"])
    g.add("ticket count 3, one ticket follows", le16(0x100) + le32(0) +
          u8(1) + le32(3) + ent, hs, "invalid", TRUNC)
    g.add("encrypted service ticket of 40 bytes", le16(0x100) + le32(0) +
          u8(1) + le32(1) + le32(32) + u8(1) + lp32(bytes(40)) + u8(0) +
          lp32(b""), hs, "invalid", BADVAL)
    g.add("ticket_enc 1 with a 13-byte ticket", le16(0x100) + le32(0) +
          u8(1) + le32(1) + le32(32) + u8(1) + lp32(bytes(48)) + u8(1) +
          lp32(bytes(13)), hs, "invalid", BADVAL)
    g.add("cbl present, extra missing: Ceph's decode throws", base +
          le32(0), hs, "invalid", TRUNC)
    g.add("cbl with 2 bytes after the secret", base +
          lp32(lp32(bytes(32)) + b"\x00\x00") + le32(0), hs, "invalid",
          TRAILING)
    g.add("extra holding half a ticket list", base + le32(0) + le32(5) +
          u8(1) + le32(1), hs, "invalid", TRUNC)
    _tail(g, exs[0].reply, hs)
    out.append(f)

    # authorizer codecs: from the captured MON ticket
    ex = exs[-1]
    mon_blob = [t for s, t in ex.blobs if s == X.MON][0]
    mon_key = ex.session[X.MON]
    gid = ex.global_id
    hsrc = ("hand: CephXTicketHandler::build_authorizer with the MON ticket "
            f"of vectors/captures/cephx/{ex.name}.json (no OSD, MGR or "
            "second monitor was captured)")

    def authorize(nonce, hc=None, scp1=0):
        if hc is None:
            return u8(1) + le64(nonce)
        return u8(2) + le64(nonce) + u8(hc) + le64(scp1)

    nonce = 0x1122334455667788
    a1 = authorize(nonce, 0, 0)
    a2 = authorize(nonce, 1, 0xA1B2C3D4E5F60718 + 1)
    f = _file("cephx_authorizer")
    g = f.group()
    for az in azs:
        g.add("%s: first pass (AUTH_REQUEST)" % az.name, az.authz1,
              _asrc(az, "AUTH_REQUEST auth_payload; the acceptor logged "
                    "verify_authorizer ok nonce %x" % az.nonce),
              flags=["Capture"])
        g.add("%s: second pass (AUTH_REQUEST_MORE)" % az.name, az.authz2,
              _asrc(az, "AUTH_REQUEST_MORE auth_payload: the same ticket, "
                    "CephXAuthorize answering challenge %d"
                    % az.server_challenge), flags=["Capture"])
    g.add("first pass: CephXAuthorize {nonce, have_challenge 0}",
          u8(1) + le64(gid) + le32(X.MON) + mon_blob +
          X.enc(mon_key, a1), hsrc)
    g.add("second pass: have_challenge 1, server_challenge + 1",
          u8(1) + le64(gid) + le32(X.MON) + mon_blob +
          X.enc(mon_key, a2), hsrc)
    bad = u8(1) + le64(gid) + le32(X.MON) + mon_blob + lp32(bytes(17))
    g.add("authorize ciphertext of 17 bytes", bad, hsrc, "invalid", BADVAL)
    _tail(g, u8(1) + le64(gid) + le32(X.MON) + mon_blob +
          X.enc(mon_key, a1), hsrc)
    out.append(f)

    f = _file("cephx_authorize")
    g = f.group()
    for az in azs:
        g.add("%s: first pass, nonce %#x" % (az.name, az.nonce),
              az.authorize1, _asrc(az, "the AUTH_REQUEST's CephXAuthorize, "
                                   "decrypted with the ticket's session "
                                   "key"), flags=["Capture"])
        g.add("%s: second pass, server_challenge + 1" % az.name,
              az.authorize2, _asrc(az, "the AUTH_REQUEST_MORE's "
                                   "CephXAuthorize, decrypted; the acceptor "
                                   "logged got server_challenge+1 %d"
                                   % (az.server_challenge + 1)),
              flags=["Capture"])
    hs = "hand: CephXAuthorize::encode/decode"
    g.add("first pass", a1, hs, dump="v=2 nonce=0x1122334455667788 "
          "have_challenge=0 server_challenge_plus_one=0x0")
    g.add("second pass", a2, hs)
    g.add("v1: nonce only (pre-Nautilus)", authorize(nonce), hs)
    g.add("have_challenge byte 2: decode(bool) takes any non-zero",
          authorize(nonce, 2, 5), hs, flags=["CephQuirk"])
    g.add("v2 cut after the nonce", a2[:9], hs, "invalid", TRUNC)
    _tail(g, a2, hs)
    out.append(f)

    f = _file("cephx_authorize_reply")
    g = f.group()
    for az in azs:
        g.add("%s: %s" % (az.name, "v2 with the 64-byte connection secret"
                          if az.con_secret else "v1, no secret (crc)"),
              az.reply, _asrc(az, "AUTH_DONE's CephXAuthorizeReply, "
                              "decrypted with the ticket's session key; "
                              "both AUTH_SIGNATUREs verify with that key"),
              flags=["Capture"])
    hs = "hand: CephXAuthorizeReply::encode (cephx_verify_authorizer)"
    g.add("crc mode: v1, no secret", u8(1) + le64(nonce + 1), hs,
          dump="v=1 nonce_plus_one=0x1122334455667789 connection_secret=-")
    g.add("secure mode: v2 with 64 bytes", u8(2) + le64(nonce + 1) +
          lp32(bytes(range(64))), hs)
    g.add("v2 with an empty secret", u8(2) + le64(1) + lp32(b""), hs)
    g.add("65-byte secret: over M2_CEPHX_MAX_CON_SECRET", u8(2) +
          le64(1) + lp32(bytes(65)), hs, "invalid", LIMIT, flags=["Limit"])
    _tail(g, u8(2) + le64(nonce + 1) + lp32(bytes(range(64))), hs)
    out.append(f)
    return out

# SPDX-License-Identifier: MIT
"""cephx, written from Ceph 16.2.15's source (src/auth/Crypto.cc
CryptoAESKeyHandler, src/auth/cephx/CephxProtocol.{h,cc},
CephxServiceHandler.cc, CephxClientHandler.cc, CephxKeyServer.cc,
src/auth/Auth.h, src/common/entity_name.h), independently of ref/.

- AES-128-CBC, IV "cephsageyudagreg" (CEPH_AES_IV), PKCS#7 padding that
  decrypt strips as min(last byte, 16) without looking at the pad bytes.
- encode_encrypt_enc_bl(T) = AES(u8 1 | le64 AUTH_ENC_MAGIC | encode(T));
  encode_encrypt(T) = le32 length | that.
- cephx_calc_client_server_challenge: XOR of the le64 words at 0, 8, 16,
  24 of encode_encrypt({le64 server, le64 client}) (36 bytes: the length
  prefix counts, the last 4 bytes do not).
- The payload decoders below (one per codec of vectors/SCHEMA.md) return
  (dump, canonical encoding) and raise Fail with the error a strict parser
  reports.
"""

import base64
import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from .errors import Fail, BADVAL, LIMIT, TRAILING, TRUNC
from .wire import Reader, le16, le32, le64, lp32, u8

IV = b"cephsageyudagreg"
MAGIC = 0xFF009CAD8826AA55
AUTH = 0x20
MON, MDS, OSD, CLIENT, MGR = 1, 2, 4, 8, 0x10
GET_AUTH_SESSION_KEY, GET_PRINCIPAL_SESSION_KEY, GET_ROTATING_KEY = \
    0x100, 0x200, 0x400

# The caps of ref/include/m2/limits.h (contract header).
MAX_TICKET_BLOB = 8192
MAX_TICKETS = 16
MAX_ENTITY_ID = 256
MAX_CON_SECRET = 64
MAX_PAYLOAD = 16 << 20


# -- crypto --------------------------------------------------------------

def aes_encrypt(key, data):
    pad = 16 - len(data) % 16
    e = Cipher(algorithms.AES(key), modes.CBC(IV)).encryptor()
    return e.update(data + bytes([pad]) * pad) + e.finalize()


def aes_decrypt(key, data):
    if len(data) < 16 or len(data) % 16:
        raise ValueError("ciphertext length %d" % len(data))
    d = Cipher(algorithms.AES(key), modes.CBC(IV)).decryptor()
    out = d.update(data) + d.finalize()
    return out[:len(out) - min(out[-1], 16)]


def enc_bl(key, body):
    """encode_encrypt_enc_bl: no length prefix."""
    return aes_encrypt(key, u8(1) + le64(MAGIC) + body)


def enc(key, body):
    """encode_encrypt: le32 length, ciphertext."""
    return lp32(enc_bl(key, body))


class BadMagic(Exception):
    pass


def dec_bl(key, data):
    """decode_decrypt_enc_bl: the body after u8 v and the magic."""
    p = aes_decrypt(key, data)
    if len(p) < 9 or struct.unpack("<Q", p[1:9])[0] != MAGIC:
        raise BadMagic("bad magic")
    return p[9:]


def challenge_key(key, server, client):
    e = enc(key, le64(server) + le64(client))
    assert len(e) == 36
    k = 0
    for pos in range(0, 32, 8):
        k ^= struct.unpack("<Q", e[pos:pos + 8])[0]
    return k


def hmac_sha256(key, msg):
    return hmac.new(key, msg, hashlib.sha256).digest()


def cryptokey_b64(text):
    """A keyring/log key: base64 of the whole CryptoKey encoding; returns
    (type, created sec, nsec, secret)."""
    raw = base64.b64decode(text)
    t, sec, nsec, n = struct.unpack("<HIIH", raw[:12])
    assert len(raw) == 12 + n
    return t, sec, nsec, raw[12:]


# -- decoding helpers ----------------------------------------------------

def _lp(r, cap, field):
    if r.left() < 4:
        raise Fail(TRUNC, field)
    n = r.le32(field)
    if n > cap:
        raise Fail(LIMIT, f"{field}: {n} > {cap}")
    return r.take(n, field)


def _cipher(r, field):
    c = _lp(r, MAX_PAYLOAD, field)
    if len(c) < 16 or len(c) % 16:
        raise Fail(BADVAL, f"{field}: ciphertext of {len(c)} bytes")
    return c


def _end(r, what):
    if r.left():
        raise Fail(TRAILING, f"{r.left()} bytes after {what}")


def _h(b):
    return bytes(b).hex()


def _key(r):
    t = r.le16("key.type")
    sec = r.le32("key.created")
    nsec = r.le32("key.created")
    n = r.le16("key.len")
    s = r.take(n, "key.secret")
    if n and t != 0 and (t != 1 or n < 16):
        raise Fail(BADVAL, f"CryptoKey type {t} with {n} bytes")
    dump = f"type={t} created_sec={sec} created_nsec={nsec} secret={_h(s)}"
    return dump, le16(t) + le32(sec) + le32(nsec) + le16(n) + s, s


def _blob(r):
    v = r.u8("blob.v")
    sid = r.le64("blob.secret_id")
    b = _lp(r, MAX_TICKET_BLOB, "blob.blob")
    return (f"v={v} secret_id={sid} blob={_h(b)}",
            u8(v) + le64(sid) + lp32(b), (v, sid, b))


def _authorizer(r):
    v = r.u8()
    gid = r.le64()
    sid = r.le32()
    bd, be, _ = _blob(r)
    ea = _cipher(r, "authorizer.authorize")
    return (f"v={v} global_id={gid} service_id={sid} ticket={{{bd}}} "
            f"enc_authorize={_h(ea)}",
            u8(v) + le64(gid) + le32(sid) + be + lp32(ea))


def _ticket_list(r):
    v = r.u8()
    if r.left() < 4:
        raise Fail(TRUNC, "count")
    n = r.le32()
    if n > MAX_TICKETS:
        raise Fail(LIMIT, f"{n} tickets")
    if n > r.left() // 14:
        raise Fail(TRUNC, f"{n} tickets in {r.left()} bytes")
    ds, es, entries = [], [], []
    for _ in range(n):
        sid = r.le32()
        ev = r.u8()
        et = _cipher(r, "enc_ticket")
        te = r.u8()
        t = _lp(r, MAX_PAYLOAD, "ticket")
        if te and (len(t) < 16 or len(t) % 16):
            raise Fail(BADVAL, "encrypted ticket length")
        ds.append(f"{{service_id={sid} v={ev} enc_ticket={_h(et)} "
                  f"ticket_enc={te} ticket={_h(t)}}}")
        es.append(le32(sid) + u8(ev) + lp32(et) + u8(te) + lp32(t))
        entries.append((sid, et, te, t))
    return (f"{{v={v} [{','.join(ds)}]}}",
            u8(v) + le32(n) + b"".join(es), entries)


# -- the codecs ----------------------------------------------------------

def d_auth_mon_request(r):
    mode = r.u8()
    if mode != 1 and not 10 <= mode <= 19:
        raise Fail(BADVAL, f"mode {mode}")
    t = r.le32()
    i = _lp(r, MAX_ENTITY_ID, "id")
    g = r.le64()
    return (f"mode={mode} entity_type={t} entity_id={_h(i)} global_id={g}",
            u8(mode) + le32(t) + lp32(i) + le64(g))


def d_crypto_key(r):
    d, e, _ = _key(r)
    return d, e


def d_challenge(r):
    v = r.u8()
    c = r.le64()
    return f"v={v} challenge={c:#x}", u8(v) + le64(c)


def d_ticket_blob(r):
    d, e, _ = _blob(r)
    return d, e


def d_authorizer(r):
    return _authorizer(r)


def d_request(r):
    t = r.le16()
    if t == GET_AUTH_SESSION_KEY:
        v = r.u8()
        cc = r.le64()
        k = r.le64()
        bd, be, _ = _blob(r)
        e = le16(t) + u8(v) + le64(cc) + le64(k) + be
        ok = "-"
        if v >= 2:
            o = r.le32()
            ok = f"{o:#x}"
            e += le32(o)
        return (f"type={t:#x} v={v} client_challenge={cc:#x} key={k:#x} "
                f"old_ticket={{{bd}}} other_keys={ok}", e)
    if t == GET_PRINCIPAL_SESSION_KEY:
        ad, ae = _authorizer(r)
        kv = r.u8()
        keys = r.le32()
        return (f"type={t:#x} authorizer={{{ad}}} keys_v={kv} "
                f"keys={keys:#x}", le16(t) + ae + u8(kv) + le32(keys))
    if t == GET_ROTATING_KEY:
        return f"type={t:#x}", le16(t)
    raise Fail(BADVAL, f"request type {t:#x}")


def d_reply(r, parts=None):
    t = r.le16()
    st = r.s32()
    head = le16(t) + struct.pack("<i", st)
    if t == GET_ROTATING_KEY:
        c = _cipher(r, "rotating")
        return f"type={t:#x} status={st} rotating={_h(c)}", head + lp32(c)
    if t not in (GET_AUTH_SESSION_KEY, GET_PRINCIPAL_SESSION_KEY):
        raise Fail(BADVAL, f"reply type {t:#x}")
    ld, le_, entries = _ticket_list(r)
    dump = f"type={t:#x} status={st} tickets={ld}"
    out = head + le_
    if parts is not None:
        parts["tickets"] = entries
    if t != GET_AUTH_SESSION_KEY:
        return dump, out
    cbl = Reader(_lp(r, MAX_PAYLOAD, "cbl"), "cbl")
    sec = b""
    if cbl.left():
        sec = _cipher(cbl, "cbl.secret")
        _end(cbl, "cbl")
    ex = Reader(_lp(r, MAX_PAYLOAD, "extra"), "extra")
    dump += f" con_secret={_h(sec)} extra="
    out += lp32(lp32(sec) if sec else b"")
    if parts is not None:
        parts["con_secret"] = sec
        parts["extra"] = []
    if ex.left():
        xd, xe, xent = _ticket_list(ex)
        _end(ex, "extra")
        dump += xd
        out += lp32(xe)
        if parts is not None:
            parts["extra"] = xent
    else:
        dump += "-"
        out += le32(0)
    return dump, out


def d_service_ticket(r):
    v = r.u8()
    kd, ke, _ = _key(r)
    s = r.le32()
    ns = r.le32()
    return (f"v={v} session_key={{{kd}}} validity_sec={s} "
            f"validity_nsec={ns}", u8(v) + ke + le32(s) + le32(ns))


def d_ticket_info(r):
    v = r.u8()
    tv = r.u8()
    et = r.le32()
    ei = _lp(r, MAX_ENTITY_ID, "id")
    g = r.le64()
    e = u8(v) + u8(tv) + le32(et) + lp32(ei) + le64(g)
    auid = "-"
    if tv >= 2:
        a = r.le64()
        auid = f"{a:#x}"
        e += le64(a)
    cs, cn, xs, xn = r.le32(), r.le32(), r.le32(), r.le32()
    cv = r.u8()
    aa = r.u8()
    caps = _lp(r, MAX_TICKET_BLOB, "caps")
    fl = r.le32()
    kd, ke, _ = _key(r)
    e += le32(cs) + le32(cn) + le32(xs) + le32(xn) + u8(cv) + u8(aa) + \
        lp32(caps) + le32(fl) + ke
    return (f"v={v} ticket_v={tv} entity_type={et} entity_id={_h(ei)} "
            f"global_id={g} auid={auid} created_sec={cs} created_nsec={cn} "
            f"expires_sec={xs} expires_nsec={xn} caps_v={cv} allow_all={aa} "
            f"caps={_h(caps)} flags={fl:#x} session_key={{{kd}}}", e)


def d_authorize(r):
    v = r.u8()
    n = r.le64()
    if v < 2:
        return (f"v={v} nonce={n:#x} have_challenge=- "
                f"server_challenge_plus_one=-", u8(v) + le64(n))
    hc = r.u8()
    sc = r.le64()
    return (f"v={v} nonce={n:#x} have_challenge={hc} "
            f"server_challenge_plus_one={sc:#x}",
            u8(v) + le64(n) + u8(hc) + le64(sc))


def d_authorize_reply(r):
    v = r.u8()
    n = r.le64()
    if v < 2:
        return f"v={v} nonce_plus_one={n:#x} connection_secret=-", \
            u8(v) + le64(n)
    s = _lp(r, MAX_CON_SECRET, "secret")
    return (f"v={v} nonce_plus_one={n:#x} connection_secret={_h(s)}",
            u8(v) + le64(n) + lp32(s))


DECODERS = {
    "auth_mon_request": d_auth_mon_request,
    "crypto_key": d_crypto_key,
    "cephx_server_challenge": d_challenge,
    "cephx_authorize_challenge": d_challenge,
    "cephx_ticket_blob": d_ticket_blob,
    "cephx_authorizer": d_authorizer,
    "cephx_request": d_request,
    "cephx_reply": d_reply,
    "cephx_service_ticket": d_service_ticket,
    "cephx_ticket_info": d_ticket_info,
    "cephx_authorize": d_authorize,
    "cephx_authorize_reply": d_authorize_reply,
}


def decode(codec, data):
    """(dump, canonical encoding) of |data|, or Fail."""
    r = Reader(data, codec)
    dump, out = DECODERS[codec](r)
    _end(r, codec)
    return dump, out

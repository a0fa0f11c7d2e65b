# SPDX-License-Identifier: MIT
"""AES-128-GCM secure mode: keys and nonces from the connection secret.

Follows ceph crypto_onwire.cc:
- rxtx_t::create_handler_pair(auth_meta, new_nonce_format, crossed):
  key = secret[0:16]; rx_nonce = secret[16:28]; tx_nonce = secret[28:40];
  the connecting side (client, crossed=false) receives with rx_nonce and
  sends with tx_nonce; the accepting side (server, crossed=true) swaps them.
  At least 40 bytes are used (ceph_assert_always); Ceph generates 64.
- struct nonce_t { ceph_le32 fixed; ceph_le64 counter; } is the 12-byte IV
  as it is.  reset_tx_handler()/reset_rx_handler() use the current nonce,
  then increment: msgr2.0 (new_nonce_format=false) adds 1 to |fixed| (the
  first le32, mod 2^32); msgr2.1 adds 1 to |counter| (the le64 at bytes
  4..11, mod 2^64).  Each reset is one GCM operation.
- No AAD; the tag is 16 bytes after the ciphertext (EVP_CTRL_GCM_GET_TAG).
"""

import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from . import limits
from .errors import Fail, BADTAG_AEAD, TRUNC

TAG_LEN = limits.GCM_TAG_LEN


def split_secret(secret):
    """create_handler_pair's slicing: (key, nonce_a, nonce_b) where
    nonce_a = secret[16:28] (client rx, server tx) and nonce_b =
    secret[28:40] (client tx, server rx)."""
    if len(secret) < limits.CON_SECRET_MIN:
        raise Fail(TRUNC, f"connection secret of {len(secret)} bytes")
    return secret[0:16], secret[16:28], secret[28:40]


def role_nonces(secret, role):
    """(key, rx_nonce, tx_nonce) of |role| ('client' or 'server'), as
    create_handler_pair(crossed = role == 'server') sets them up."""
    key, a, b = split_secret(secret)
    if role == "client":
        return key, a, b
    if role == "server":
        return key, b, a
    raise ValueError(role)


def nonce_add(nonce, n, rev1):
    """The nonce after |n| reset_*_handler() calls (see module doc)."""
    fixed, counter = struct.unpack("<IQ", nonce)
    if rev1:
        counter = (counter + n) % (1 << 64)
    else:
        fixed = (fixed + n) % (1 << 32)
    return struct.pack("<IQ", fixed, counter)


class NonceSeq:
    """One direction's nonce sequence: next() returns the IV of the next
    GCM operation, as reset_tx_handler()/reset_rx_handler() do."""

    def __init__(self, nonce, rev1, start=0):
        self.nonce = nonce_add(nonce, start, rev1)
        self.rev1 = rev1

    def next(self):
        cur = self.nonce
        self.nonce = nonce_add(cur, 1, self.rev1)
        return cur


def gcm_seal(key, iv, plaintext):
    """One GCM operation: ciphertext || tag (authenticated_encrypt_final)."""
    return AESGCM(key).encrypt(iv, bytes(plaintext), None)


def gcm_open(key, iv, data):
    """One GCM operation on ciphertext || tag
    (authenticated_decrypt_update_final): the plaintext, or
    Fail(M2_E_BADTAG_AEAD) when EVP_DecryptFinal_ex would fail."""
    if len(data) < TAG_LEN:
        raise Fail(TRUNC, "GCM block shorter than its tag")
    try:
        return AESGCM(key).decrypt(iv, bytes(data), None)
    except InvalidTag:
        raise Fail(BADTAG_AEAD, "GCM tag mismatch") from None


def gcm_peek(key, iv, ciphertext):
    """Decrypt without checking the tag, as msgr2.0's disassemble_preamble
    does with authenticated_decrypt_update before the tag has arrived.  GCM
    encrypts with AES-CTR starting at counter block IV || 00000002."""
    dec = Cipher(algorithms.AES(key), modes.CTR(iv + b"\x00\x00\x00\x02"))
    d = dec.decryptor()
    return d.update(bytes(ciphertext)) + d.finalize()

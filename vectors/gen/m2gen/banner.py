# SPDX-License-Identifier: MIT
"""The msgr2 banner.

Follows ceph ProtocolV2::_banner_exchange (sender) and
ProtocolV2::_handle_peer_banner / _handle_peer_banner_payload (receiver):
  "ceph v2\\n" (CEPH_BANNER_V2_PREFIX, src/include/msgr.h)
  le16 payload length
  payload: le64 supported features, le64 required features, then whatever
  else the length covers, which the receiver reads and ignores.
A prefix that is not "ceph v2\\n" is refused; one that starts "ceph v027"
(CEPH_BANNER) is logged as a msgr1 peer.  A payload shorter than 16 bytes
makes decode(uint64_t) throw, so the connection faults.
"""

from dataclasses import dataclass

from . import limits
from .errors import Fail, BADVAL, MSGR1, TRAILING, TRUNC
from .wire import Reader, le16, le64

PREFIX = b"ceph v2\n"
MSGR1_BANNER = b"ceph v027"     # CEPH_BANNER


@dataclass
class Banner:
    length: int
    supported: int
    required: int

    def dump(self):
        return (f"len={self.length} supported={self.supported:#x} "
                f"required={self.required:#x}")

    def encode(self):
        """_banner_exchange's bytes; extra payload bytes (length > 16) are
        written as zeros: the parsed value keeps only the length."""
        extra = self.length - 16
        return (PREFIX + le16(self.length) + le64(self.supported) +
                le64(self.required) + bytes(extra))


def decode(data):
    """_handle_peer_banner + _handle_peer_banner_payload on a whole banner.
    Ceph reads the 10-byte head (prefix and length) before it judges the
    prefix, so anything shorter is a truncation whatever it holds."""
    r = Reader(data, "banner")
    if len(data) < limits.BANNER_HEAD_LEN:
        raise Fail(TRUNC, "banner head")
    head = r.take(limits.BANNER_PREFIX_LEN)
    if head != PREFIX:
        if data[:len(MSGR1_BANNER)] == MSGR1_BANNER:
            raise Fail(MSGR1, "peer is using msgr V1 protocol")
        raise Fail(BADVAL, "bad banner")
    length = r.le16("payload_len")
    if length < limits.BANNER_PAYLOAD_MIN:
        raise Fail(BADVAL, f"banner payload of {length} bytes")
    payload = r.sub(length, "payload")
    supported = payload.le64("supported")
    required = payload.le64("required")
    if r.left():
        raise Fail(TRAILING, "bytes after the banner")
    return Banner(length, supported, required)

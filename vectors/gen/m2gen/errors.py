# SPDX-License-Identifier: MIT
"""Error tokens (ref/include/m2/err.h is the contract) and the one exception
every decoder here raises."""

TRUNC = "M2_E_TRUNC"            # input ends inside a field
TRAILING = "M2_E_TRAILING"      # bytes left after the last field
LIMIT = "M2_E_LIMIT"            # a length or count over a cap (limits.h)
BADVAL = "M2_E_BADVAL"          # a field holds a value not allowed
BADTAG = "M2_E_BADTAG"          # unknown or unexpected frame tag
COMPAT = "M2_E_COMPAT"          # versioned struct too new
MSGR1 = "M2_E_MSGR1"            # the peer speaks msgr1 ("ceph v027")
BADCRC = "M2_E_BADCRC"          # crc32c mismatch
BADTAG_AEAD = "M2_E_BADTAG_AEAD"  # AES-GCM tag mismatch
BADSIG = "M2_E_BADSIG"          # AUTH_SIGNATURE mismatch

ALL = (TRUNC, TRAILING, LIMIT, BADVAL, BADTAG, COMPAT, MSGR1, BADCRC,
       BADTAG_AEAD, BADSIG)


class Fail(Exception):
    """A decode failure: |err| is one of the tokens above, |why| prose."""

    def __init__(self, err, why=""):
        assert err in ALL, err
        super().__init__(f"{err}: {why}")
        self.err = err
        self.why = why

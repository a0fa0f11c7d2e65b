# SPDX-License-Identifier: MIT
"""m2gen: an independent Python model of Ceph's msgr2 encoders and decoders.

It exists only to write the golden vectors in vectors/*.json.  It was
written from Ceph's source (Pacific 16.2.15 and Quincy where they differ)
and vectors/SCHEMA.md, never from ref/: the C reference is checked against
the bytes this package produces.  Every function names the Ceph function it
follows.
"""

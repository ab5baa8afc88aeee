# zlib_inflate.py: a small pure-Python zlib standing in, in the wasm32-wasi
# interpreter, for PyMode's pure-Python zlib polyfill (lib/polyfills/zlib.py
# of its tree: "pure-Python inflate; compression writes stored blocks (valid,
# not small)"): with it, zipimport reads deflated members as it does on
# PyMode (inflated in Python at every cold start), and code that compresses
# gets what PyMode gives. verify_wasi.mjs --zlib-polyfill mounts it as zlib.py
# beside the stdlib zip. It must import nothing: zipimport imports it while
# the stdlib zip cannot be read yet. Not PyMode's code; the same API.
#
# decompress(data, wbits=15, bufsize=...): wbits -8..-15 raw deflate, 8..15
# zlib (header and adler32 checked), 24..31 gzip (header skipped, crc32
# checked); crc32 and adler32 as zlib's. Raises error on bad data.
# decompressobj(wbits): what zipfile (a deflated member read through
# importlib.resources) and gzip use: input is gathered and inflated whole once
# it is complete (tried each time it has doubled, and at flush()); output may
# exceed max_length, which zipfile and gzip accept.
# compress(data, level, wbits) and compressobj(level, method, wbits, ...):
# stored blocks in zlib, gzip or raw framing, as PyMode's polyfill writes.
# Its compressobj gathers the input and writes the whole stream at flush():
# flush(Z_FINISH) is zlib's, but a flush that keeps the stream open
# (Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_PARTIAL_FLUSH, Z_BLOCK) cannot be done that
# way: PyMode's ends the stream there (a final block, so the peer's inflater
# stops after the first message: websockets' permessage-deflate). The stand-in
# refuses it (zlib.error naming it) rather than pass what PyMode gets wrong.

MAX_WBITS = 15
DEF_BUF_SIZE = 16384
DEF_MEM_LEVEL = 8
DEFLATED = 8
Z_NO_COMPRESSION, Z_BEST_SPEED, Z_BEST_COMPRESSION, Z_DEFAULT_COMPRESSION = 0, 1, 9, -1
Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED = 0, 1, 2, 3, 4
Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK, Z_TREES = 0, 1, 2, 3, 4, 5, 6
ZLIB_VERSION = ZLIB_RUNTIME_VERSION = "1.3-pymode-verify-stand-in"


class error(Exception):
    pass


_LEN_BASE = (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
             115, 131, 163, 195, 227, 258)
_LEN_EXTRA = (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0)
_DIST_BASE = (1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
              1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577)
_DIST_EXTRA = (0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
               12, 13, 13)
_CL_ORDER = (16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15)


def _table(lengths):
    """canonical Huffman code -> {(length, code): symbol} as one dict keyed
    by (code | 1 << length), read bit by bit (codes are sent MSB first)"""
    count = [0] * 16
    for n in lengths:
        count[n] += 1
    count[0] = 0
    nxt = [0] * 16
    code = 0
    for bits in range(1, 16):
        code = (code + count[bits - 1]) << 1
        nxt[bits] = code
    t = {}
    for sym, n in enumerate(lengths):
        if n:
            t[nxt[n] | (1 << n)] = sym
            nxt[n] += 1
    return t


_FIXED_LIT = _table([8] * 144 + [9] * 112 + [7] * 24 + [8] * 8)
_FIXED_DIST = _table([5] * 30)


class _Bits:
    __slots__ = ("data", "pos", "bit", "n")

    def __init__(self, data, pos):
        self.data, self.pos, self.bit, self.n = data, pos, 0, 0

    def need(self, k):
        while self.n < k:
            if self.pos >= len(self.data):
                raise error("Error -5 while decompressing data: incomplete or truncated stream")
            self.bit |= self.data[self.pos] << self.n
            self.pos += 1
            self.n += 8

    def get(self, k):
        if self.n < k:
            self.need(k)
        v = self.bit & ((1 << k) - 1)
        self.bit >>= k
        self.n -= k
        return v

    def sym(self, t):
        code = 1
        for _ in range(16):
            if not self.n:
                self.need(1)
            code = (code << 1) | (self.bit & 1)
            self.bit >>= 1
            self.n -= 1
            s = t.get(code)
            if s is not None:
                return s
        raise error("Error -3 while decompressing data: invalid code")

    def align(self):
        self.bit >>= self.n & 7
        self.n -= self.n & 7


def _inflate(data, pos):
    """raw deflate from data[pos:]; returns (bytes, position after the last block)"""
    b = _Bits(data, pos)
    out = bytearray()
    final = 0
    while not final:
        final = b.get(1)
        kind = b.get(2)
        if kind == 0:
            b.align()
            n = b.get(16)
            if n ^ 0xFFFF != b.get(16):
                raise error("Error -3 while decompressing data: invalid stored block lengths")
            # the bit buffer is empty after align + 32 bits: read bytes directly
            p = b.pos - b.n // 8
            b.bit = b.n = 0
            if p + n > len(data):
                raise error("Error -5 while decompressing data: incomplete or truncated stream")
            out += data[p:p + n]
            b.pos = p + n
            continue
        if kind == 1:
            lit, dist = _FIXED_LIT, _FIXED_DIST
        elif kind == 2:
            hlit, hdist, hclen = b.get(5) + 257, b.get(5) + 1, b.get(4) + 4
            cl = [0] * 19
            for i in range(hclen):
                cl[_CL_ORDER[i]] = b.get(3)
            clt = _table(cl)
            lens = []
            while len(lens) < hlit + hdist:
                s = b.sym(clt)
                if s < 16:
                    lens.append(s)
                elif s == 16:
                    if not lens:
                        raise error("Error -3 while decompressing data: invalid bit length repeat")
                    lens += [lens[-1]] * (3 + b.get(2))
                elif s == 17:
                    lens += [0] * (3 + b.get(3))
                else:
                    lens += [0] * (11 + b.get(7))
            lit, dist = _table(lens[:hlit]), _table(lens[hlit:])
        else:
            raise error("Error -3 while decompressing data: invalid block type")
        while True:
            s = b.sym(lit)
            if s < 256:
                out.append(s)
            elif s == 256:
                break
            else:
                s -= 257
                if s >= 29:
                    raise error("Error -3 while decompressing data: invalid literal/length code")
                n = _LEN_BASE[s] + b.get(_LEN_EXTRA[s])
                d = b.sym(dist)
                if d >= 30:
                    raise error("Error -3 while decompressing data: invalid distance code")
                d = _DIST_BASE[d] + b.get(_DIST_EXTRA[d])
                if d > len(out):
                    raise error("Error -3 while decompressing data: invalid distance too far back")
                if d >= n:
                    start = len(out) - d
                    out += out[start:start + n]
                else:
                    for _ in range(n):
                        out.append(out[-d])
    return bytes(out), b.pos - b.n // 8


def adler32(data, value=1):
    a, b = value & 0xFFFF, (value >> 16) & 0xFFFF
    for i in range(0, len(data), 5552):
        for c in data[i:i + 5552]:
            a += c
            b += a
        a %= 65521
        b %= 65521
    return (b << 16) | a


_CRC = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0xEDB88320 if _c & 1 else _c >> 1
    _CRC.append(_c)


def crc32(data, value=0):
    c = value ^ 0xFFFFFFFF
    t = _CRC
    for x in data:
        c = t[(c ^ x) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def decompress(data, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE):
    data = bytes(data)
    if -15 <= wbits <= -8:
        return _inflate(data, 0)[0]
    if 8 <= wbits <= 15 or wbits == 0:
        if len(data) < 2 or (data[0] << 8 | data[1]) % 31 or data[0] & 15 != 8:
            raise error("Error -3 while decompressing data: incorrect header check")
        out, p = _inflate(data, 2)
        if data[p:p + 4] != adler32(out).to_bytes(4, "big"):
            raise error("Error -3 while decompressing data: incorrect data check")
        return out
    if 24 <= wbits <= 31 or 40 <= wbits <= 47:
        if data[:2] != b"\x1f\x8b":
            if wbits >= 40:
                return decompress(data, wbits - 32, bufsize)
            raise error("Error -3 while decompressing data: incorrect header check")
        flg, p = data[3], 10
        if flg & 4:
            p += 2 + (data[p] | data[p + 1] << 8)
        for bit in (8, 16):
            if flg & bit:
                p = data.index(b"\0", p) + 1
        if flg & 2:
            p += 2
        out, p = _inflate(data, p)
        if data[p:p + 4] != crc32(out).to_bytes(4, "little"):
            raise error("Error -3 while decompressing data: incorrect data check")
        return out
    raise error("Error -2 while decompressing data: invalid window size")


class _Decompress:
    def __init__(self, wbits=MAX_WBITS):
        self.wbits = wbits
        self.buf = b""
        self.tried = 0
        self.eof = False
        self.unused_data = b""
        self.unconsumed_tail = b""

    def _try(self, final):
        w = self.wbits
        try:
            if -15 <= w <= -8:
                out, p = _inflate(self.buf, 0)
                self.unused_data = self.buf[p:]
            else:
                out = decompress(self.buf, w)
        except error:
            if final:
                raise
            self.tried = len(self.buf)
            return b""
        self.eof = True
        self.buf = b""
        return out

    def decompress(self, data, max_length=0):
        if self.eof:
            self.unused_data += bytes(data)
            return b""
        self.buf += bytes(data)
        if len(self.buf) >= 2 * self.tried + 1:
            return self._try(False)
        return b""

    def flush(self, length=DEF_BUF_SIZE):
        if self.eof or not self.buf:
            return b""
        return self._try(False)


def decompressobj(wbits=MAX_WBITS, zdict=b""):
    return _Decompress(wbits)


def _stored(data):
    """data as raw deflate of stored blocks (at most 65535 bytes each), the
    last one final; no data: one empty final block"""
    out = bytearray()
    n = len(data)
    pos = 0
    while True:
        k = min(n - pos, 65535)
        last = pos + k >= n
        out.append(1 if last else 0)
        out += bytes((k & 0xFF, k >> 8, ~k & 0xFF, (~k >> 8) & 0xFF))
        out += data[pos:pos + k]
        pos += k
        if last:
            return bytes(out)


def _framing(wbits):
    """('raw' | 'zlib' | 'gzip', window bits) for a compressor's wbits, as
    zlib accepts them"""
    if -15 <= wbits <= -9:
        return "raw", -wbits
    if 9 <= wbits <= 15:
        return "zlib", wbits
    if 25 <= wbits <= 31:
        return "gzip", wbits - 16
    raise ValueError("Invalid initialization option")


def _stream(data, framing):
    kind, window = framing
    raw = _stored(data)
    if kind == "raw":
        return raw
    if kind == "zlib":
        # CMF: deflate and the window; FLG: level 0 and the check bits
        cmf = (window - 8) << 4 | 8
        return bytes((cmf, 31 - cmf * 256 % 31)) + raw + adler32(data).to_bytes(4, "big")
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + raw + crc32(data).to_bytes(4, "little") +
            (len(data) & 0xFFFFFFFF).to_bytes(4, "little"))


def _level(level):
    if not -1 <= level <= 9:
        raise error("Bad compression level")


def compress(data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS):
    _level(level)
    return _stream(bytes(data), _framing(wbits))


class _Compress:
    def __init__(self, framing):
        self._framing = framing
        self._buf = bytearray()
        self._done = False

    def compress(self, data):
        if self._done:
            raise error("Error -2 while compressing data: inconsistent stream state")
        self._buf += bytes(data)
        return b""

    def flush(self, mode=Z_FINISH):
        if mode == Z_NO_FLUSH:
            return b""
        if mode != Z_FINISH:
            raise error("compressobj().flush(%d): PyMode's zlib polyfill writes the whole stream at flush() and "
                        "cannot flush without ending it (a sync flush there ends the stream)" % mode)
        if self._done:
            raise error("Error -2 while flushing: inconsistent stream state")
        self._done = True
        out = _stream(bytes(self._buf), self._framing)
        self._buf = bytearray()
        return out

    def copy(self):
        c = _Compress(self._framing)
        c._buf, c._done = bytearray(self._buf), self._done
        return c


def compressobj(level=Z_DEFAULT_COMPRESSION, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
                strategy=Z_DEFAULT_STRATEGY, zdict=None):
    _level(level)
    if method != DEFLATED:
        raise ValueError("Invalid initialization option")
    return _Compress(_framing(wbits))

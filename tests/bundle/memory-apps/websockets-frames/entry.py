"""WebSocket protocol pieces without sockets: websockets parses an HTTP/1.1 upgrade request
from a byte stream, negotiates headers and permessage-deflate, and frames messages both ways."""
from websockets.datastructures import Headers
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory, ServerPerMessageDeflateFactory
from websockets.frames import OP_BINARY, OP_TEXT, Frame
from websockets.headers import parse_connection, parse_extension
from websockets.http11 import Request
from websockets.streams import StreamReader
from websockets.utils import accept_key

RAW = (b"GET /chat?room=1 HTTP/1.1\r\nHost: example.org\r\nUpgrade: websocket\r\n"
       b"Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
       b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")


def run(gen):
    try:
        while True:
            next(gen)
    except StopIteration as e:
        return e.value


def main():
    reader = StreamReader()
    reader.feed_data(RAW)
    req = run(Request.parse(reader.read_line))
    conn = parse_connection(req.headers["Connection"])
    exts = parse_extension(req.headers["Sec-WebSocket-Extensions"])
    resp_params, ext = ServerPerMessageDeflateFactory().process_request_params(exts[0][1], [])
    out = []
    for f in (Frame(OP_TEXT, "hello \u2713 ".encode() * 20), Frame(OP_BINARY, bytes(range(256)))):
        wire = f.serialize(mask=True, extensions=[ext])
        r2 = StreamReader()
        r2.feed_data(wire)
        back = run(Frame.parse(r2.read_exact, mask=True, extensions=[ext]))
        out.append((back.opcode.name, len(wire), back.data == f.data))
    h = Headers(Upgrade="websocket")
    h["Sec-WebSocket-Accept"] = accept_key(req.headers["Sec-WebSocket-Key"])
    return "%s %s %s %s %s %s" % (req.path, conn, resp_params, out, h["Sec-WebSocket-Accept"],
                                  ClientPerMessageDeflateFactory().get_request_params())

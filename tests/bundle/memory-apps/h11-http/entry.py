"""HTTP/1.1 without sockets: h11 parses a pipelined request and writes the response."""
import h11

RAW = (b"POST /items?id=3 HTTP/1.1\r\nHost: example.org\r\nContent-Type: application/json\r\n"
       b"Content-Length: 13\r\n\r\n{\"name\":\"x\"}\n")


def main():
    server = h11.Connection(h11.SERVER)
    server.receive_data(RAW)
    events = []
    while True:
        ev = server.next_event()
        if ev is h11.NEED_DATA or isinstance(ev, h11.EndOfMessage):
            events.append(type(ev).__name__)
            break
        events.append(type(ev).__name__)
    out = server.send(h11.Response(status_code=200, headers=[("Content-Length", "2")]))
    out += server.send(h11.Data(data=b"ok")) + server.send(h11.EndOfMessage())
    return "%s %d %s" % (events, len(out), out.split(b"\r\n")[0].decode())

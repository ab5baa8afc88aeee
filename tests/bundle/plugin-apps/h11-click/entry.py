"""An HTTP/1.1 exchange driven through h11's state machine, with a click
command line parsed from a list (no terminal): request bytes in, response out."""
import click
import h11


@click.command()
@click.option("--path", default="/")
@click.option("--greeting", default="hello")
def handler(path, greeting):
    return respond(path, greeting)


def respond(path, greeting):
    server = h11.Connection(h11.SERVER)
    server.receive_data(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: example.org\r\n\r\n")
    req = server.next_event()
    body = ("%s from %s" % (greeting, req.target.decode())).encode()
    out = server.send(h11.Response(status_code=200, headers=[("Content-Length", str(len(body)))]))
    out += server.send(h11.Data(data=body)) + server.send(h11.EndOfMessage())
    return out.decode()


def main():
    return handler.main(["--path", "/items", "--greeting", "hi"], standalone_mode=False)

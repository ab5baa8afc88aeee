"""The smallest handler: no imports, a response built from the request's parts."""


async def on_fetch(request, env):
    url = getattr(request, "url", "http://localhost/")
    parts = url.split("/", 3)
    path = "/" + (parts[3] if len(parts) > 3 else "")
    return "ok %s %d" % (path, len(url))

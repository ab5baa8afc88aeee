"""HTTP client plumbing without a network: requests builds and prepares requests
(params, JSON body, auth, cookies), urllib3 parses URLs and retries are configured."""
import requests
from requests.auth import HTTPBasicAuth
from urllib3.util import Retry, parse_url


def main():
    s = requests.Session()
    s.headers.update({"User-Agent": "demo/1"})
    req = requests.Request("POST", "https://api.example.org/v1/items", params={"q": "tea", "n": 3},
                           json={"name": "green", "tags": ["a", "b"]}, auth=HTTPBasicAuth("u", "p"),
                           cookies={"sid": "abc"})
    p = s.prepare_request(req)
    u = parse_url("https://user@b\u00fccher.example:8443/a/b?x=1#f")
    r = Retry(total=3, backoff_factor=0.5, status_forcelist=[502, 503])
    return "%s %s %s %d | %s %s %s | %s" % (p.method, p.url, p.headers["Authorization"], len(p.body),
                                            u.host, u.port, u.path, r.total)

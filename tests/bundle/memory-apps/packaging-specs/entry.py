"""Dependency metadata: versions, specifiers, markers and requirements with packaging."""
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

REQS = ["requests[socks]>=2.28,<3; python_version >= '3.8'", "numpy==1.26.*",
        "tomli>=1.1; python_version < '3.11'", "attrs @ https://example.org/attrs-23.1.0-py3-none-any.whl"]


def main():
    env = {"python_version": "3.13", "sys_platform": "emscripten", "platform_machine": "wasm32"}
    out = []
    for line in REQS:
        r = Requirement(line)
        m = r.marker.evaluate(env) if r.marker else True
        out.append("%s%s %s %s" % (r.name, sorted(r.extras), r.specifier, m))
    vs = sorted(Version(v) for v in ["1.0", "1.0.post1", "1.0rc1", "2.0.dev3", "1.10", "1.9"])
    ss = SpecifierSet(">=1.0,!=1.9,<2")
    out.append(",".join(str(v) for v in ss.filter(vs)))
    out.append(str(Marker("os_name == 'nt' or extra == 'web'").evaluate({"os_name": "posix", "extra": "web"})))
    return " | ".join(out)

# a FastAPI app on pymode (issue 11): anyio imports subprocess, ssl, socket, select, signal
# and threading eagerly; PyMode ships partial polyfills for all but signal (limited), so
# nothing is unsupported and the gate passes; anyio is `polyfill`, and the app, fastapi
# and starlette, compatible themselves, are `polyfill through` their dependency
args: audit --format json --fail-on unsupported $TMP/site $TMP/svc
exit: 0
json: d["summary"]["unsupported"] == 0 and d["gate"]["failed"] is False
json: {p["name"]: (p["own_verdict"], p["verdict"], p["through"]) for p in d["packages"]} == {"anyio": ("polyfill", "polyfill", None), "starlette": ("compatible", "polyfill", "anyio"), "fastapi": ("compatible", "polyfill", "starlette"), "svc": ("compatible", "polyfill", "fastapi"), "sniffio": ("polyfill", "polyfill", None)}
json: sorted(f["module"] for p in d["packages"] if p["name"] == "anyio" for f in p["findings"] if f["severity"] == "polyfill") == ["select", "socket", "ssl", "subprocess", "threading"]
json: [(f["kind"], f["severity"]) for p in d["packages"] if p["name"] == "anyio" for f in p["findings"] if f["module"] == "signal"] == [("limited-module", "compatible")]
json: [(f["kind"], f["severity"]) for p in d["packages"] if p["name"] == "fastapi" for f in p["findings"] if f["module"] == "logging"] == [("polyfilled-module", "compatible")]
json: [p["not_audited"] for p in d["packages"] if p["name"] == "anyio"] == [["idna"]]
json: [p["not_audited"] for p in d["packages"] if p["name"] == "fastapi"] == [["pydantic", "typing-extensions"]]
--- file site/anyio/__init__.py
from ._core._eventloop import run, sleep
from ._core._sockets import connect_tcp
from ._core._subprocesses import run_process
from ._core._synchronization import Lock
from ._backends import _asyncio
--- end
--- file site/anyio/_core/__init__.py

--- end
--- file site/anyio/_core/_eventloop.py
import math
import sys
import threading
from contextlib import contextmanager


def run(func, *args):
    import asyncio
    return asyncio.run(func(*args))
--- end
--- file site/anyio/_core/_sockets.py
import errno
import os
import socket
import ssl
import sys
from ipaddress import IPv6Address, ip_address


async def connect_tcp(host, port):
    return socket.create_connection((host, port))
--- end
--- file site/anyio/_core/_subprocesses.py
import sys
from io import BytesIO
from subprocess import PIPE, CalledProcessError, CompletedProcess


async def run_process(command):
    raise CalledProcessError(1, command)
--- end
--- file site/anyio/_core/_synchronization.py
import math
from collections import deque
from dataclasses import dataclass


class Lock:
    pass
--- end
--- file site/anyio/_backends/__init__.py

--- end
--- file site/anyio/_backends/_asyncio.py
import array
import asyncio
import concurrent.futures
import math
import select
import signal
import socket
import sys
import threading
import weakref
from asyncio import AbstractEventLoop, CancelledError
--- end
--- file site/sniffio/__init__.py
import sys
import threading

thread_local = threading.local()
--- end
--- file site/starlette/__init__.py
__version__ = "0.41.0"
--- end
--- file site/starlette/applications.py
import typing
import warnings

from starlette.routing import Router


class Starlette:
    def __init__(self):
        self.router = Router()
--- end
--- file site/starlette/routing.py
import functools
import inspect
import re
import traceback

import anyio


class Router:
    pass
--- end
--- file site/fastapi/__init__.py
__version__ = "0.115.0"

from .applications import FastAPI as FastAPI
--- end
--- file site/fastapi/applications.py
import logging
from enum import Enum

from starlette.applications import Starlette

logger = logging.getLogger("fastapi")


class FastAPI(Starlette):
    pass
--- end
--- file site/anyio-4.6.0.dist-info/METADATA
Metadata-Version: 2.1
Name: anyio
Version: 4.6.0
Requires-Dist: idna>=2.8
Requires-Dist: sniffio>=1.1
Requires-Dist: exceptiongroup>=1.0.2; python_version < "3.11"
Requires-Dist: trio>=0.26.1; extra == "trio"
--- end
--- file site/anyio-4.6.0.dist-info/RECORD
anyio/__init__.py,,
anyio/_core/__init__.py,,
anyio/_core/_eventloop.py,,
anyio/_core/_sockets.py,,
anyio/_core/_subprocesses.py,,
anyio/_core/_synchronization.py,,
anyio/_backends/__init__.py,,
anyio/_backends/_asyncio.py,,
anyio-4.6.0.dist-info/METADATA,,
anyio-4.6.0.dist-info/RECORD,,
--- end
--- file site/anyio-4.6.0.dist-info/top_level.txt
anyio
--- end
--- file site/sniffio-1.3.1.dist-info/METADATA
Metadata-Version: 2.1
Name: sniffio
Version: 1.3.1
--- end
--- file site/sniffio-1.3.1.dist-info/RECORD
sniffio/__init__.py,,
sniffio-1.3.1.dist-info/METADATA,,
sniffio-1.3.1.dist-info/RECORD,,
--- end
--- file site/sniffio-1.3.1.dist-info/top_level.txt
sniffio
--- end
--- file site/starlette-0.41.0.dist-info/METADATA
Metadata-Version: 2.1
Name: starlette
Version: 0.41.0
Requires-Dist: anyio<5,>=3.4.0
--- end
--- file site/starlette-0.41.0.dist-info/RECORD
starlette/__init__.py,,
starlette/applications.py,,
starlette/routing.py,,
starlette-0.41.0.dist-info/METADATA,,
starlette-0.41.0.dist-info/RECORD,,
--- end
--- file site/starlette-0.41.0.dist-info/top_level.txt
starlette
--- end
--- file site/fastapi-0.115.0.dist-info/METADATA
Metadata-Version: 2.1
Name: fastapi
Version: 0.115.0
Requires-Dist: starlette<0.42.0,>=0.40.0
Requires-Dist: pydantic!=1.8,<3.0.0,>=1.7.4
Requires-Dist: typing-extensions>=4.8.0
--- end
--- file site/fastapi-0.115.0.dist-info/RECORD
fastapi/__init__.py,,
fastapi/applications.py,,
fastapi-0.115.0.dist-info/METADATA,,
fastapi-0.115.0.dist-info/RECORD,,
--- end
--- file site/fastapi-0.115.0.dist-info/top_level.txt
fastapi
--- end
--- file svc/main.py
from fastapi import FastAPI

app = FastAPI()
--- end

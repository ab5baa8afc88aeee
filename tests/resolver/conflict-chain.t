# the issue's example: a conflict names the chain
dist fastapi 0.92.0 | starlette>=0.25.0,<0.26.0 | pydantic
dist starlette 0.26.1
dist pydantic 1.10.4
require fastapi
conflict fastapi 0.92.0 requires starlette>=0.25.0,<0.26.0, but the index has only starlette 0.26.1

"""A typed API layer: dataclasses with enums and typing (Literal, TypedDict), validated by hand, to JSON."""
import enum
import json
from dataclasses import asdict, dataclass, field, fields
from typing import List, Literal, Optional, TypedDict



class Status(enum.Enum):
    OPEN = "open"
    DONE = "done"


class Meta(TypedDict):
    source: str
    version: int


@dataclass
class Task:
    id: int
    title: str
    status: Status = Status.OPEN
    kind: Literal["bug", "feature"] = "bug"
    tags: List[str] = field(default_factory=list)
    parent: Optional[int] = None

    def __post_init__(self):
        if not self.title:
            raise ValueError("empty title")


def main():
    tasks = [Task(1, "boot", tags=["x"]), Task(2, "ship", Status.DONE, "feature", parent=1)]
    meta: Meta = {"source": "demo", "version": 2}
    out = [dict(asdict(t), status=t.status.value) for t in tasks]
    return json.dumps({"meta": meta, "tasks": out, "fields": [f.name for f in fields(Task)]}, sort_keys=True)

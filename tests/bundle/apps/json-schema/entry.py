"""JSON Schema validation with jsonschema (attrs, pyrsistent's pure fallback)."""
import jsonschema

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "tags"],
    "properties": {
        "name": {"type": "string", "minLength": 2},
        "age": {"type": "integer", "minimum": 0},
        "email": {"type": "string", "pattern": "^[^@]+@[^@]+$"},
        "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": True},
    },
    "additionalProperties": False,
}

DOCS = [
    {"name": "Ada", "age": 36, "email": "ada@example.org", "tags": ["a", "b"]},
    {"name": "B", "age": -1, "tags": ["a", "a", "z"], "extra": 1},
]


def main():
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    v = cls(SCHEMA)
    lines = []
    for i, doc in enumerate(DOCS):
        errs = sorted(v.iter_errors(doc), key=lambda e: (list(e.absolute_path), e.message))
        lines.append("doc%d: %s" % (i, "valid" if not errs else "; ".join(
            "/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errs)))
    return "\n".join(lines)

"""JSON hello world: no third-party packages."""
import json


def main():
    body = {"message": "hello", "items": [1, 2.5, None, True], "nested": {"é": "ünïcode"}}
    text = json.dumps(body, sort_keys=True)
    back = json.loads(text)
    return json.dumps({"echo": back, "length": len(text)}, sort_keys=True)

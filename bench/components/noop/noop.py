"""A step that costs nothing, so what is measured is the engine around it."""


def run(data=None, tag=""):
    return {"n": (data or {}).get("n", 0) + 1, "tag": tag}

"""langgraph.json points LangGraph's dev server / Studio at a graph that really compiles."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_langgraph_json_names_a_compilable_graph():
    spec = json.loads((ROOT / "langgraph.json").read_text())
    path, _, attr = spec["graphs"]["plural"].partition(":")
    module = importlib.util.spec_from_file_location("plural_graph_entry", ROOT / path)
    # importing by file path is what the dev server does; the package must import cleanly that way
    assert module is not None and module.loader is not None
    from graph import graph as graph_module

    compiled = getattr(graph_module, attr)()
    nodes = set(compiled.get_graph().nodes)
    assert {"recall", "route", "learn", "generate", "rank", "respond"} <= nodes
    assert compiled.context_schema.__name__ == "Context"

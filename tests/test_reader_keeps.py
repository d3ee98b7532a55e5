"""graph.retire.kept_by_reader: a stored line the merge removed comes back when the stale-line
reader is sure the message leaves it as it was; a line an added line rewrites is not read."""

from types import SimpleNamespace

from assistant.summary import parse, render
from assistant.summary.stale import HOLDS_BELOW
from graph.retire import kept_by_reader


class Reader:
    def __init__(self, p: dict[str, float]):
        self.p, self.read = p, []

    def p_stale(self, lines, text):
        self.read += list(lines)
        return [self.p.get(x, 0.5) for x in lines]


class Memory:
    def __init__(self):
        self.saved = []

    def set_summary(self, user_id, text, *, cause, kind):
        self.saved.append((text, cause, kind))


def _ctx(p: dict[str, float]):
    return SimpleNamespace(stale=Reader(p), memory=Memory(), user_id="u")


TS = "When you show frontend code use TypeScript."
MSG = "also I prefer functional react components with hooks, no classes"


def test_a_removed_line_the_reader_says_holds_comes_back_in_its_place():
    before = render(["I'm in Lyon.", TS, "Keep answers short."])
    after = render(["I'm in Lyon.", "Keep answers short.", "Prefer functional components."])
    ctx = _ctx({TS: HOLDS_BELOW / 2})
    result, notes = kept_by_reader({"text": MSG}, ctx, before, after)
    assert parse(result) == [
        "I'm in Lyon.",
        TS,
        "Keep answers short.",
        "Prefer functional components.",
    ]
    assert notes == [f"kept, this message does not end it: {TS}"]
    assert ctx.memory.saved and TS in ctx.memory.saved[0][1]


def test_a_line_the_reader_doubts_stays_removed():
    before, after = render([TS]), render(["Use Python for code."])
    ctx = _ctx({TS: HOLDS_BELOW * 2})
    assert kept_by_reader({"text": "python please"}, ctx, before, after) == (after, [])
    assert ctx.memory.saved == []


def test_a_line_an_added_line_rewrites_is_not_read():
    old = "Use Celsius for weather."
    before, after = render([old]), render(["Use Celsius for weather, for oven temps too."])
    ctx = _ctx({old: 0.0})
    assert kept_by_reader({"text": "and for oven temps too"}, ctx, before, after) == (after, [])
    assert ctx.stale.read == []


def test_thumbs_and_a_missing_reader_change_nothing():
    before, after = render([TS]), ""
    assert kept_by_reader({"text": MSG, "mode": "thumbs_up"}, _ctx({TS: 0.0}), before, after) == (
        after,
        [],
    )
    no_reader = SimpleNamespace(stale=None, memory=Memory(), user_id="u")
    assert kept_by_reader({"text": MSG}, no_reader, before, after) == (after, [])

"""benchmarks.summary_edits: one message against a given summary, judged by must / must_not."""

from benchmarks.summary_edits import as_summary, passes, run_example

EXAMPLE = {
    "id": "t1",
    "summary": ["I live in Berlin.", "Answer in English."],
    "previous": "",
    "message": "actually I moved to Lisbon last month",
    "after": ["I live in Lisbon.", "Answer in English."],
    "must": [["lisbon"], ["english"]],
    "must_not": ["berlin"],
}


def test_the_written_answer_passes_and_the_unchanged_summary_does_not():
    assert passes(as_summary(EXAMPLE["after"]), EXAMPLE)
    assert not passes(as_summary(EXAMPLE["summary"]), EXAMPLE)


def test_an_example_runs_through_the_product_with_the_summary_set_first(session):
    got = run_example(session, EXAMPLE, "edits-user")
    assert got["ok"], got["summary"]
    assert "English" in got["summary"]

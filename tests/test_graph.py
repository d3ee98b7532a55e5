"""The agent end to end with a fake LLM: routing, learning, revision, persistence, isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.local_session import open_session
from assistant.candidate import Candidate
from assistant.config import load_settings
from assistant.llm.base import LLMError
from assistant.text import InputError
from tests.fakes import FakeLLM

DIRECTIVE = "please keep answers under three sentences and skip the bullet points"


class FakePersonalizer:
    """Prefers shorter candidates for the group; records what it learned."""

    def __init__(self):
        self.learned: list[tuple[list[str], list[str]]] = []

    def score(self, profile, summary, prompt, candidates, *, alpha):
        totals = [
            -len(c) * (1 - alpha) + alpha * len(c) * float(profile.get("likes_long", 0))
            for c in candidates
        ]
        best = max(range(len(candidates)), key=totals.__getitem__)
        return [
            Candidate(text=c, group=-len(c), total=t, chosen=i == best)
            for i, (c, t) in enumerate(zip(candidates, totals, strict=True))
        ]

    def notes(self, scored):
        return []

    def views(self, summary):
        return []

    def learn(self, profile, prompt, winners, losers, weight=1.0):
        self.learned.append((list(winners), list(losers)))
        return {"n": len(self.learned)}


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings(
        {"data_dir": tmp_path / "data", "user": "alice"}, env={}, config_path=tmp_path / "none.toml"
    )


def _session(settings, classifier, llm=None, **kw):
    s = open_session(
        settings, llm=llm or FakeLLM(), classifier=classifier, load_personalizer=False, **kw
    )
    s.load()
    return s


def test_request_is_answered_and_streamed(settings, classifier):
    s = _session(settings, classifier)
    tokens: list[str] = []
    r = s.send("How do I boil an egg?", on_token=tokens.append)
    assert r.kind == "request"
    assert r.answer and "echo: How do I boil an egg?" in r.answer
    assert "".join(tokens) == r.answer
    assert "group prior not loaded" in " ".join(r.notes)


def test_directive_changes_summary_and_next_system_prompt(settings, classifier):
    llm = FakeLLM()
    s = _session(settings, classifier, llm=llm)
    s.send("What is a monad?")
    before_prompt = llm.last_system_prompt
    r = s.send(DIRECTIVE)
    assert r.kind == "feedback"
    assert r.directive
    assert r.summary_after != r.summary_before
    assert any(d.startswith("+") for d in r.summary_diff)
    assert "three sentences" in s.summary().lower()
    # the revision answered the previous request again, with the new summary in its system prompt
    assert r.revised and "What is a monad?" in r.answer
    assert "three sentences" in llm.last_system_prompt.lower()
    assert llm.last_system_prompt != before_prompt
    s.send("Tell me about Rust.")
    assert "three sentences" in llm.last_system_prompt.lower()


def test_a_request_that_states_a_lasting_fact_is_answered_with_it_remembered(settings, classifier):
    llm = FakeLLM()
    s = _session(settings, classifier, llm=llm)
    r = s.send("i'm vegan, what's a good high protein lunch?")
    assert r.kind == "request" and "echo:" in r.answer
    assert s.summary() == "- I'm vegan."
    assert "vegan" in llm.last_system_prompt.lower()  # this answer already uses it
    assert any("remembered from your request" in n for n in r.notes)
    s.send("How do I boil an egg?")  # a plain request leaves the summary alone
    assert s.summary() == "- I'm vegan."
    s.send("what should I see in Rome? I'm planning a trip there", mode="request")
    assert s.summary() == "- I'm vegan."


def test_a_one_off_that_contradicts_a_stored_line_is_still_a_one_off(settings, classifier):
    s = _session(settings, classifier)
    s.send("Call me Nia. And keep answers short.")
    r = s.send("For this one only, give me a long detailed breakdown of my monthly budget.")
    assert r.kind == "feedback"
    assert "short" in s.summary().lower() and "breakdown" not in s.summary().lower()


def test_a_lasting_line_takes_its_referent_from_the_previous_request(settings, classifier):
    s = _session(settings, classifier)
    s.send("do you use the oxford comma?", mode="request")
    r = s.send("always use it pls", mode="feedback")
    assert r.kind == "feedback" and "oxford comma" in s.summary().lower()
    s.send("I need to write an email to my manager Daniel about Friday", mode="request")
    s.send("he hates long emails, keep the ones to him short", mode="feedback")
    assert "daniel" in s.summary().lower()


@pytest.mark.parametrize("text", ["🙏", "...", "👍👍", "??"])
def test_a_message_with_no_words_after_a_summary_changes_nothing(settings, classifier, text):
    s = _session(settings, classifier)
    s.send("Call me Nia. And keep answers short.")
    before = s.summary()
    s.send(text)
    assert s.summary() == before


def test_explicit_feedback_mode_wins(settings, classifier):
    s = _session(settings, classifier)
    s.send("Write a haiku about rain.")
    r = s.send("How do I boil an egg?", mode="feedback")
    assert r.kind == "feedback"


def test_everything_survives_a_restart(settings, classifier):
    s = _session(settings, classifier)
    s.send("What is a monad?")
    s.send(DIRECTIVE)
    s.set_alpha(0.8)
    summary, n_versions = s.summary(), len(s.summary_history())
    s.close()
    again = _session(settings, classifier)
    assert again.summary() == summary
    assert len(again.summary_history()) == n_versions
    assert again.alpha == 0.8
    roles = [m["role"] for m in again.transcript()]
    assert roles == ["user", "assistant", "user", "assistant"]


def test_second_user_sees_nothing_of_the_first(settings, classifier):
    s = _session(settings, classifier)
    s.send("What is a monad?")
    s.send(DIRECTIVE)
    s.switch_user("bob")
    assert s.summary() == ""
    assert s.summary_history() == []
    assert s.transcript() == []
    llm = s._llm
    s.send("Tell me about Rust.")
    assert "three sentences" not in llm.last_system_prompt.lower()
    s.switch_user("alice")
    assert "three sentences" in s.summary().lower()


@pytest.mark.parametrize("bad", ["", "   ", "x" * 1_000_000])
def test_bad_input_is_refused_and_nothing_is_stored(settings, classifier, bad):
    s = _session(settings, classifier)
    with pytest.raises(InputError):
        s.send(bad)
    assert s.transcript() == []


def test_failing_model_keeps_the_store_consistent(settings, classifier):
    s = _session(settings, classifier, llm=FakeLLM(fail=True))
    with pytest.raises(LLMError, match="unreachable"):
        s.send("How do I boil an egg?")
    assert s.transcript() == []


def test_best_of_n_ranks_with_the_slider_and_learns_from_thumbs(settings, classifier):
    p = FakePersonalizer()
    s = _session(settings, classifier, personalizer=p)
    s.set_alpha(0.0)
    r = s.send("Explain recursion.")
    assert len(r.candidates) == settings.n_candidates
    chosen = [c for c in r.candidates if c.chosen]
    assert len(chosen) == 1 and chosen[0].text == r.answer
    assert r.answer == min((c.text for c in r.candidates), key=len)  # the group's choice at α=0
    s.thumbs(False)
    winners, losers = p.learned[-1]
    assert r.answer in losers and r.answer not in winners


def test_revision_counts_only_when_it_measurably_follows(settings, classifier):
    """ "Too long" then a shorter revision: revised ≻ original is evidence. A revision that is not
    shorter (the fake LLM's drafts do not get shorter when asked) is not."""
    p = FakePersonalizer()
    s = _session(settings, classifier, personalizer=p)
    first = s.send("Explain recursion.").answer
    r = s.send("Too long. Use fewer words and no bullet points please.")
    assert r.revised and r.answer
    credited = ([r.answer], [first]) in p.learned
    assert credited == (len(r.answer.split()) < len(first.split()))
    if not credited:
        assert any("not counted as evidence" in n for n in r.notes)


def test_undo_and_edit_summary(settings, classifier):
    s = _session(settings, classifier)
    s.send("What is a monad?")
    s.send(DIRECTIVE)
    learned = s.summary()
    s.edit_summary("- Prefers metric units.")
    assert s.summary() == "- Prefers metric units."
    s.undo_summary()
    assert s.summary() == learned
    kinds = [v.kind for v in s.summary_history()]
    assert kinds[-2:] == ["edit", "undo"]


def test_a_task_only_correction_revises_but_is_not_remembered(settings, classifier):
    s = _session(settings, classifier)
    s.send("Suggest four names for my bakery.")
    r = s.send("make them sound less fancy please", mode="feedback")
    assert r.kind == "feedback" and r.directive
    assert r.revised
    assert s.summary() == ""
    assert any("this answer only" in n for n in r.notes)


class ViewReadingPersonalizer(FakePersonalizer):
    """Reads lines that start with "I think" as views (the real one uses the stance model)."""

    def views(self, summary):
        lines = [x.lstrip("- ").strip() for x in summary.splitlines()]
        return [x for x in lines if x.startswith("I think")]


def test_a_stated_view_is_remembered_but_never_revised_towards(settings, classifier):
    s = _session(settings, classifier, personalizer=ViewReadingPersonalizer())
    first = s.send("Is remote work more productive than office work?").answer
    r = s.send("I think remote work is better than office work.", mode="feedback")
    assert r.kind == "feedback" and "remote work is better" in s.summary()
    assert not r.revised and any("the last answer stands" in n for n in r.notes)
    assistant_turns = [m["content"] for m in s.transcript() if m["role"] == "assistant"]
    assert assistant_turns == [first], "the answer is not redone"
    r = s.send("Keep answers under three sentences.", mode="feedback")
    assert r.revised, "a preference about answers still revises the last one"


class EveryLineAViewPersonalizer(FakePersonalizer):
    """A stance model that misreads every line as a view ('Answer in one line.' among them)."""

    def views(self, summary):
        return [x.lstrip("- ").strip() for x in summary.splitlines() if x.strip()]


def test_a_one_off_rule_misread_as_a_view_still_revises(settings, classifier):
    s = _session(settings, classifier, personalizer=EveryLineAViewPersonalizer())
    s.send("Suggest four names for my bakery.")
    r = s.send("this once, answer in one line", mode="feedback")
    assert r.revised and not any("the last answer stands" in n for n in r.notes)


def test_a_capable_model_also_judges_preferences(settings, classifier):
    from assistant.personalize import Personalizer
    from tests.test_reward_helpers import two_base_prior

    for capable in (True, False):
        pz = Personalizer(prior=two_base_prior())
        llm = FakeLLM(capable=capable)
        _session(settings, classifier, llm=llm, personalizer=pz).close()
        assert (pz.judge is llm) is capable


def test_taking_back_ones_own_rule_is_no_evidence_about_the_answer(settings, classifier):
    """'forget the last thing I said' is negative in tone, but it judges the user's own rule, not
    the answer: the rule goes and the user's position does not move."""
    p = FakePersonalizer()
    s = _session(settings, classifier, personalizer=p)
    s.send("Explain recursion.")
    s.send("add a fun fact at the end of every answer", mode="feedback")
    learned = len(p.learned)
    r = s.send("ugh no, forget the last thing I said", mode="feedback")
    assert r.sign == -1  # the tone is negative: without the check, this would teach the posterior
    assert "fun fact" not in s.summary().lower()
    assert len(p.learned) == learned and not any("position moved" in n for n in r.notes)


def test_going_back_to_an_earlier_value_takes_it_from_the_history(settings, classifier):
    """'back to the original number' names no value: the summary's history gives it, and the
    history says which line it replaced."""
    s = _session(settings, classifier)
    s.send("my grocery budget is 400 a month", mode="feedback")
    s.send("we're tightening up, make it 300", mode="feedback")
    assert "300" in s.summary() and "400" not in s.summary()
    s.send("ok things are better, back to the original number", mode="feedback")
    assert "400" in s.summary() and "300" not in s.summary()
    assert "original number" not in s.summary().lower()  # the words themselves are no line
    assert "replaced" in s.summary_history()[-1].cause


def test_going_back_with_nothing_replaced_before_stores_nothing(settings, classifier):
    s = _session(settings, classifier)
    s.send("answer in french", mode="feedback")
    before = s.summary()
    s.send("go back to the first one", mode="feedback")
    assert s.summary() == before


def test_a_bare_new_number_updates_the_stored_one(settings, classifier):
    s = _session(settings, classifier)
    s.send("keep my thermostat suggestions around 21°C", mode="feedback")
    r = s.send("ok 20, compromise")
    assert r.kind == "feedback" and "20" in s.summary() and "21" not in s.summary()

"""Who someone is outlives a fact about them, and is remembered when named by role and name
(assistant.summary.kept_names), read beside the switched-off counterpart. Cases written for this
test."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.retire
from assistant.summary.kept_names import names_left, names_said


class AllergyReader:
    """A stale-line reader sure that every allergy line has ended, and of nothing else."""

    def p_stale(self, lines, text):
        return [1.0 if "allergic" in x else 0.0 for x in lines]


@pytest.mark.parametrize(
    ("before", "after", "text", "kept"),
    [
        (["My husband Teodor is allergic to shellfish."], [], "he's not allergic after all",
         ["My husband is Teodor."]),
        (["Our cat Oliver is on a kidney diet.", "I cook."], ["I cook."], "the vet says normal food",
         ["Our cat is Oliver."]),
        (["My boss Dr. Okafor wants memos."], [], "she's fine with emails now",
         ["My boss is Dr. Okafor."]),
        (["My daughter Hana is gluten free."], ["Hana can eat anything now."], "trial's over", []),
        (["My roommate Jess is vegan."], [], "Jess moved out last weekend", []),
        (["My boyfriend Luis likes spicy food."], [], "we broke up", []),
        (["My lodger Marek pays rent."], [], "you can drop him from your notes", []),
        (["My sister Mia is vegan."], [], "lol wrong chat, ignore", []),
        (["My son is 3 and loves trains."], [], "he's into dinosaurs now", []),
        (["Emails to my manager Delphine are formal."], ["My new manager is Rahim."],
         "Delphine left, my new manager is Rahim", []),
        (["My trainer Marco wants 10k steps."], ["My trainer Mario wants 10k steps."],
         "oops, Mario, not Marco", []),
        (["My coworker Paul takes credit."], [], "forget what I said about Paul", []),
        (["My mom Ines lives with us."], [], "Ines moved into her own flat", []),
    ],
)  # fmt: skip
def test_a_name_only_the_removed_lines_held_is_kept(before, after, text, kept):
    assert names_left(before, after, text) == kept


@pytest.mark.parametrize(
    ("after", "text", "said"),
    [
        (
            [],
            "sorry my dog Biscuit keeps barking lol. anyway I'm a recruiter",
            ["My dog is Biscuit."],
        ),
        ([], "that's for when I ask for my nephew Ilan", ["My nephew is Ilan."]),
        (["My dog Biscuit is 3."], "my dog Biscuit keeps barking", []),
        (["My new manager Rahim likes memos."], "my manager Priya left", []),
        ([], "my roommate Jess moved out", []),
        ([], "my dog keeps barking", []),
    ],
)
def test_someone_named_by_role_and_name_is_remembered(after, text, said):
    assert names_said(after, text) == said


@pytest.fixture
def session(open_with):
    return open_with(AllergyReader())


def test_the_name_stays_when_its_only_line_goes_and_without_the_part_it_is_lost(session):
    session.edit_summary("- My husband Teodor is allergic to shellfish.\n- Keep answers short.")
    session.send("update: he got retested, it was something else entirely", mode="request")
    assert "allergic" not in session.summary() and "My husband is Teodor." in session.summary()
    assert "kept who they are" in session.summary_history()[-1].cause
    session.edit_summary("- My husband Teodor is allergic to shellfish.\n- Keep answers short.")
    with mock.patch.object(graph.retire, "names_left", lambda before, after, text: []):
        session.send("update: he got retested, it was something else entirely", mode="request")
    assert "Teodor" not in session.summary() and "Keep answers short." in session.summary()


def test_someone_named_in_passing_is_remembered_and_without_the_part_is_not(session):
    session.send("sorry my cat Miso keeps walking on my keyboard lol", mode="feedback")
    assert "My cat is Miso." in session.summary()
    assert "remembered who they are" in session.summary_history()[-1].cause
    session.edit_summary("- Keep answers short.")
    with mock.patch.object(graph.retire, "names_said", lambda after, text: []):
        session.send("sorry my cat Miso keeps walking on my keyboard lol", mode="feedback")
    assert "Miso" not in session.summary()

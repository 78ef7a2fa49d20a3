"""The paste-splitter on every block of findings in the five seed papers, as an officer would
paste them: exact counts, references, kinds, due dates, links and addressees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.enums import Kind
from app.paste_splitter import due_from_text, split_findings

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
IMMEDIATE = "immediate"


def seed_block(prefix: str, start: str, end: str | None) -> str:
    """The text of a seed paper from ``start`` up to (not including) ``end``."""
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    first = text.index(start)
    return text[first : text.index(end, first) if end else len(text)]


def due(finding) -> object:  # type: ignore[no-untyped-def]
    return IMMEDIATE if finding.due_immediate else finding.due_on


def test_seed_000_regional_soc_three_areas_for_improvement():
    split = split_findings(
        seed_block("000", "There were 10 x areas", "II. Joint Targeted"),
        force_name="West Midlands Police",
    )
    assert [(f.kind, f.reference) for f in split.findings] == [
        (Kind.AFI, "Area for improvement 1"),
        (Kind.AFI, "Area for improvement 2"),
        (Kind.AFI, "Area for improvement 3"),
    ]
    assert split.findings[1].text == (
        "West Midlands Police should increase its financial investigation capacity"
    )
    assert all(f.due_on is None and not f.due_immediate for f in split.findings)
    assert all(f.addressee == "West Midlands Police" and f.applies_to_force for f in split.findings)
    assert split.unused[0].startswith("There were 10 x areas for improvement")


FIREARMS_DUE = [
    date(2024, 7, 31),
    date(2024, 7, 31),
    date(2023, 10, 31),
    date(2024, 7, 31),
    date(2023, 12, 31),
    date(2023, 12, 31),
    date(2023, 10, 31),
    IMMEDIATE,
    date(2023, 12, 31),
    IMMEDIATE,
    date(2023, 12, 31),
    IMMEDIATE,
]


def test_seed_001_firearms_twelve_recommendations_with_dates_and_addressees():
    split = split_findings(
        seed_block("001", "Recommendations for Chief Officers", "A. Homicide prevention"),
        force_name="West Midlands Police",
    )
    findings = split.findings
    assert [f.reference for f in findings] == [f"Recommendation {n}" for n in range(1, 13)]
    assert {f.kind for f in findings} == {Kind.RECOMMENDATION}
    assert [due(f) for f in findings] == FIREARMS_DUE
    assert findings[0].text.startswith("By 31 July 2024, the College of Policing (CoP) should")
    assert findings[0].text.endswith("used to select public order commanders.")
    # 4 of the 12 are for the College of Policing: proposed as not applying, with the reason.
    not_for_us = [f.reference for f in findings if not f.applies_to_force]
    assert not_for_us == [
        "Recommendation 1",
        "Recommendation 4",
        "Recommendation 9",
        "Recommendation 11",
    ]
    assert findings[0].not_applicable_reason.startswith("Addressed to the College of Policing")
    assert findings[1].addressee == "chief constables"
    assert findings[6].addressee == "regional armed policing lead"
    assert findings[10].addressee == "National Armed Policing Portfolio and College of Policing"
    assert split.unused == ("Recommendations for Chief Officers and Chief Constables:",)


def test_seed_001_homicide_three_recommendations_one_split_by_a_page_break():
    split = split_findings(
        seed_block(
            "001",
            "Recommendations for Chief Officers and Chief Constables:\n\nRecommendation 1\n\nBy 1",
            "B. West Midlands Joint Custody",
        )
    )
    findings = split.findings
    assert [(f.reference, due(f)) for f in findings] == [
        ("Recommendation 1", date(2023, 12, 1)),
        ("Recommendation 2", date(2024, 8, 31)),
        ("Recommendation 3", date(2023, 12, 1)),
    ]
    # The sentence carried over the page break is joined back together.
    assert "either via the online portal or through another secure method." in findings[0].text
    assert findings[0].addressee == "Home Office" and not findings[0].applies_to_force
    assert findings[2].applies_to_force


def test_seed_001_custody_four_causes_of_concern_with_recommendations_and_16_afis():
    split = split_findings(
        seed_block("001", "HMICFRS made four recommendations", "4. Inspection Activity"),
        force_name="West Midlands Police",
    )
    findings = split.findings
    assert len(findings) == 24
    pairs = findings[:8]
    assert [(f.kind, f.reference, f.text) for f in pairs[::2]] == [
        (Kind.COC, "Cause of concern 1", "Leadership"),
        (Kind.COC, "Cause of concern 2", "Detainee risk"),
        (Kind.COC, "Cause of concern 3", "Meeting legal requirements and guidance"),
        (Kind.COC, "Cause of concern 4", "Use of force"),
    ]
    recommendations = pairs[1::2]
    assert [(f.reference, f.parent, due(f)) for f in recommendations] == [
        ("Recommendation 1", 0, None),
        ("Recommendation 2", 2, IMMEDIATE),  # "take immediate action"
        ("Recommendation 3", 4, IMMEDIATE),
        ("Recommendation 4", 6, None),
    ]
    afis = findings[8:]
    assert [f.reference for f in afis] == [f"Area for improvement {n}" for n in range(1, 17)]
    assert {f.kind for f in afis} == {Kind.AFI}
    # Bullets completing the sentence before them stay with it …
    assert afis[2].text.count("\n- ") == 5
    assert afis[2].text.endswith("to allow telephone interpreting privately.")
    assert afis[7].text.startswith("The force should improve the physical environment by:")
    assert afis[7].text.count("\n- ") == 3
    assert afis[15].text.count("\n- ") == 3
    # … and a bullet that is a whole "should" is an area for improvement of its own.
    assert afis[3].text.startswith("The force should keep detainees in custody")
    assert afis[10].text.startswith("The force shouldn't keep children in custody")
    assert split.unused[1:] == (
        "First point of contact",
        "In the custody suite – booking-in, individual needs and legal rights",
        "In the custody cell – safeguarding and healthcare",
        "Release and transfer from custody",
    )


def test_seed_002_causes_of_concern_as_sentences_with_immediate_recommendations():
    split = split_findings(seed_block("002", "- 2.14 There are 2", "2.19 Outstanding"))
    findings = split.findings
    assert [(f.kind, f.reference, f.parent, due(f)) for f in findings] == [
        (Kind.COC, "Cause of concern 1", None, None),
        (Kind.RECOMMENDATION, "Recommendation 1", 0, IMMEDIATE),
        (Kind.COC, "Cause of concern 2", None, None),
        (Kind.RECOMMENDATION, "Recommendation 2", 2, IMMEDIATE),
    ]
    assert findings[0].text.startswith("The force's response to domestic abuse is a cause")
    assert "classed as 'absent' when they should have been recorded as 'missing'" in (
        findings[2].text
    )
    assert findings[3].text.count("\n- ") == 3
    assert not findings[3].text.startswith("2.18")


@pytest.mark.parametrize(
    ("start", "end"),
    [("2.30 West Midlands", "2.31 Following"), ("- 2.36 West Midlands", "- 2.37 Again")],
)
def test_seed_002_unheaded_recommendations_due_by_a_month(start, end):
    split = split_findings(seed_block("002", start, end), force_name="West Midlands Police")
    assert [(f.reference, f.due_on) for f in split.findings] == [
        ("Recommendation 1", date(2015, 3, 31))
    ]
    assert split.findings[0].text.startswith("West Midlands Police should review")


def test_seed_002_quoted_national_recommendation():
    split = split_findings(seed_block("002", "- 2.47", "- 2.48"))
    assert len(split.findings) == 1
    assert split.findings[0].addressee == "chief constables"
    assert split.findings[0].due_on is None and not split.findings[0].due_immediate


def test_seed_003_vetting_recommendations_keep_their_numbers_and_lose_the_footnote():
    split = split_findings(seed_block("003", "Completed recommendations:", "CONTACT OFFICER"))
    findings = split.findings
    assert [(f.reference, f.due_on) for f in findings] == [
        ("Recommendation 33", date(2023, 3, 31)),
        ("Recommendation 34", date(2023, 4, 30)),
        ("Recommendation 35", date(2023, 3, 31)),
        ("Recommendation 38", date(2023, 4, 30)),
        ("Recommendation 39", date(2023, 4, 30)),
    ]
    assert findings[2].text.endswith("proactive intelligence gathering capabilities")
    assert "An inspection of vetting" not in findings[2].text
    assert findings[2].addressee == "chief constables"
    assert findings[0].text.count("\n- ") == 3


def test_seed_004_has_no_findings_text_so_nothing_is_proposed_and_nothing_lost():
    text = seed_block("004", "Inspection reports published", "The Committee is asked")
    split = split_findings(text)
    # The 2020 paper only says how many recommendations there were: no item to propose …
    assert split.findings == ()
    # … and every paragraph is handed back as unused, for the preview to show.
    assert len(split.unused) == 5
    assert "HMICFRS made seven\nrecommendations" not in split.unused[1]
    assert "HMICFRS made seven recommendations that are all for either the NCA" in split.unused[1]


def test_inline_headings_and_other_shapes():
    text = (
        "Recommendation 1: By 30 September 2025, the force should review its policy.\n"
        "AFI 2 - The force should improve supervision.\n\n"
        "Cause of concern\n\nThe force does not understand demand.\n\n"
        "Recommendations\n\nThe force should immediately produce a plan.\n"
    )
    findings = split_findings(text).findings
    assert [(f.kind, f.reference, due(f), f.parent) for f in findings] == [
        (Kind.RECOMMENDATION, "Recommendation 1", date(2025, 9, 30), None),
        (Kind.AFI, "Area for improvement 2", None, None),
        (Kind.COC, "Cause of concern 1", None, None),
        (Kind.RECOMMENDATION, "Recommendation 2", IMMEDIATE, 2),
    ]
    assert findings[0].text == "By 30 September 2025, the force should review its policy."


def test_plain_paragraphs_become_items_of_the_chosen_kind():
    split = split_findings(
        "The force should do A.\n\nThe force should do B.", default_kind=Kind.AFI
    )
    assert [(f.kind, f.reference) for f in split.findings] == [
        (Kind.AFI, "Area for improvement 1"),
        (Kind.AFI, "Area for improvement 2"),
    ]
    assert split_findings("   \n  ").findings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By 31 July 2024, the CoP should …", (date(2024, 7, 31), False)),
        ("by the end of March 2015 the force should", (date(2015, 3, 31), False)),
        ("By 1st Sept 2023 chief constables should", (date(2023, 9, 1), False)),
        ("With immediate effect, chief constables should", (None, True)),
        ("the force should immediately review", (None, True)),
        ("By 31 June 2024, the force should", (None, False)),  # no such day: left for a person
        ("The force should improve", (None, False)),
    ],
)
def test_due_dates_read_from_the_text(text, expected):
    assert due_from_text(text) == expected

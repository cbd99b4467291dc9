"""Every public function of the API says what a caller needs to know, not just one line."""

from __future__ import annotations

import inspect

import pytest

import voicemail_coach as vc

FUNCTIONS = [n for n in vc.__all__ if inspect.isfunction(getattr(vc, n))]
CONSTRUCTORS = [(vc.Prospect, "from_dict"), (vc.Caller, "from_dict")]


def test_the_api_has_the_functions_the_spec_names() -> None:
    wanted = {"load", "parse", "load_config", "recommend", "draft", "draft_many", "score"}
    assert wanted | {"styles"} <= set(FUNCTIONS)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_public_function_has_a_real_docstring(name: str) -> None:
    doc = inspect.getdoc(getattr(vc, name)) or ""
    lines = [line for line in doc.splitlines() if line.strip()]
    assert len(lines) > 1, f"{name}: a one-line docstring"
    for param in inspect.signature(getattr(vc, name)).parameters:
        assert param in doc, f"{name}: parameter {param!r} is not described"
    assert "Raises" in doc or "raise" in doc, f"{name}: what it raises is not said"


@pytest.mark.parametrize(("kind", "method"), CONSTRUCTORS)
def test_from_dict_says_what_it_takes_and_raises(kind: type, method: str) -> None:
    doc = inspect.getdoc(getattr(kind, method)) or ""
    assert len(doc.splitlines()) > 1
    assert "Raises DataError" in " ".join(doc.split())
    assert "timezone" in doc  # the zone rules


@pytest.mark.parametrize("name", [n for n in vc.__all__ if n != "__version__"])
def test_every_public_name_has_a_docstring(name: str) -> None:
    assert (inspect.getdoc(getattr(vc, name)) or "").strip(), name

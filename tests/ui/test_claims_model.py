"""The claims table model: Qt's model contract, filtering and sorting, without the window."""

import pytest
from PySide6.QtCore import Qt

from workbench.domain import Claim, ClaimKind
from workbench.domain.verdicts import DEFAULT_SCALE
from workbench.ui import claims_model as cm


def claims(n=30):
    kinds = list(ClaimKind)
    return [Claim(id=100 + i, article_id=1, text=f"Claim {i} about {'budget' if i % 3 else 'treaty'}",
                  start=i * 10, end=i * 10 + 8, attribution=f"Speaker {i % 4}" if i % 2 else None,
                  kind=kinds[i % len(kinds)], checkworthiness=(i % 10) / 10,
                  verdict="false" if i % 5 == 0 else "unverified", evidence_count=i % 3, overlap_count=i % 7 == 0)
            for i in range(n)]


@pytest.fixture
def models(qapp):
    model = cm.ClaimsModel()
    model.set_scale(DEFAULT_SCALE)
    proxy = cm.ClaimsFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_model_passes_qtmodeltester(qtmodeltester, models):
    model, proxy = models
    model.set_claims(claims())
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_display_values(models):
    model, _ = models
    model.set_claims(claims(6))
    assert model.data(model.index(0, cm.NUMBER)) == 1
    assert model.data(model.index(0, cm.VERDICT)) == "False"
    assert model.data(model.index(1, cm.ATTRIBUTION)) == "Speaker 1"
    assert model.data(model.index(0, cm.OVERLAP)) == "⚑"
    assert model.data(model.index(0, cm.TEXT), cm.ClaimIdRole) == 100


def test_search_verdict_and_kind_filters(models):
    model, proxy = models
    model.set_claims(claims())
    proxy.set_filters(search="TREATY")
    assert proxy.rowCount() == 10
    proxy.set_filters(verdict="false")
    assert all(proxy.index(r, cm.VERDICT).data() == "False" for r in range(proxy.rowCount()))
    assert proxy.rowCount() == 2  # rows 0 and 15 match both
    proxy.set_filters(search="", verdict=None, kind=str(ClaimKind.QUOTE))
    assert proxy.rowCount() == 5
    proxy.set_filters(kind=None)
    assert proxy.rowCount() == 30


def test_search_matches_speaker(models):
    model, proxy = models
    model.set_claims(claims())
    proxy.set_filters(search="speaker 3")
    assert proxy.rowCount() > 0
    assert all("Speaker 3" in proxy.index(r, cm.ATTRIBUTION).data() for r in range(proxy.rowCount()))


def test_sort_by_role_keeps_numbers(models):
    model, proxy = models
    model.set_claims(claims())
    proxy.sort(cm.WORTH, Qt.SortOrder.DescendingOrder)
    worth = [proxy.index(r, cm.WORTH).data() for r in range(proxy.rowCount())]
    assert worth == sorted(worth, reverse=True)
    numbers = {proxy.index(r, cm.NUMBER).data() for r in range(proxy.rowCount())}
    assert numbers == set(range(1, 31))  # "#" is the place in the article, whatever the order
    proxy.sort(-1)
    assert [proxy.index(r, cm.NUMBER).data() for r in range(5)] == [1, 2, 3, 4, 5]


def test_update_in_place_refilters(models):
    model, proxy = models
    model.set_claims(claims())
    proxy.set_filters(verdict="true")
    assert proxy.rowCount() == 0
    changed = model.claim_at(3)
    from dataclasses import replace

    model.update_claims([replace(changed, verdict="true")])
    assert proxy.rowCount() == 1


def test_roles_headers_and_alignment(models):
    """data() answers only the roles it knows (from Qt as plain ints or as enums); headers per orientation."""
    model, _ = models
    model.set_claims(claims(6))
    text, verdict, worth = model.index(1, cm.TEXT), model.index(0, cm.VERDICT), model.index(0, cm.WORTH)
    for role in (Qt.ItemDataRole.ToolTipRole, int(Qt.ItemDataRole.ToolTipRole)):
        assert model.data(text, role) == "<p style='white-space:pre-wrap'>Claim 1 about budget</p>"  # as text
        assert model.data(verdict, role) == f"<p style='white-space:pre-wrap'>{DEFAULT_SCALE.get('false').definition}</p>"
        assert model.data(worth, role) is None
    assert model.data(verdict, Qt.ItemDataRole.DecorationRole).name() == DEFAULT_SCALE.get("false").colour.lower()
    assert model.data(text, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(worth, Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)
    assert model.data(text, Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(text, Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(0, cm.WORTH), cm.SortRole) == 0.0
    assert model.headerData(cm.TEXT, Qt.Orientation.Horizontal) == "Claim"
    assert model.headerData(cm.OVERLAP, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == cm.HEADER_TIPS[cm.OVERLAP]
    assert model.headerData(cm.TEXT, Qt.Orientation.Vertical) is None
    assert model.headerData(len(cm.HEADERS), Qt.Orientation.Horizontal) is None
    assert model.headerData(cm.TEXT, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is None

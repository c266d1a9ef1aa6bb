"""Insights for service managers (``/advisor/insights``) and the decision-record export, for supervisors
and admins only, within their councils.

The route gathers the inputs (decision records, feedback, the knowledge base's pages) in a worker thread
and hands them to the pure :class:`~frontdoor.transparency.insights_report.InsightsReport`.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from advisor_console.base import Principal
from advisor_console.console import AdvisorConsole
from advisor_console.deps import ConsoleDep, PrincipalDep
from advisor_console.page_routes import _common, _page
from frontdoor.container import sample_kb_dir
from frontdoor.errors import DocumentLoadError, PermissionDeniedError
from frontdoor.transparency import DecisionExporter, DecisionRecordStore, ExportFormat
from frontdoor.transparency.insights_report import DocumentInfo, InsightsReport
from knowledge_base.loaders import LoaderRegistry, SourceFile
from storage.feedback_tables import FeedbackRow

__all__ = ["router"]

router = APIRouter(prefix="/advisor", include_in_schema=False)
Days = Annotated[int, Query(ge=1, le=3660)]


def _scope(who: Principal, council: str | None) -> str:
    if not who.oversees:
        raise PermissionDeniedError("insights are for supervisors and admins")
    chosen = council or min(who.councils, default="")
    if not who.may_see(chosen):
        raise PermissionDeniedError(f"council {chosen!r} is outside your scope")
    return chosen


@router.get("/insights")
async def insights(
    request: Request, who: PrincipalDep, console: ConsoleDep, council: str | None = None, days: Days = 30
) -> HTMLResponse:
    """Charts and tables for one council over the last ``days`` days."""
    council_id = _scope(who, council)
    report = await anyio.to_thread.run_sync(_report, console, council_id, days)
    return _page(
        "insights.html.j2",
        report=report,
        council_id=council_id,
        councils=sorted(who.councils),
        days=days,
        **_common(request, console, who),
    )


@router.get("/decisions/export")
async def export(
    who: PrincipalDep, console: ConsoleDep, council: str | None = None, format: str = "csv", days: Days = 30
) -> Response:
    """The council's decision records (redacted) as CSV or JSON."""
    council_id = _scope(who, council)
    fmt = ExportFormat.parse(format)

    def build() -> str:
        out = io.StringIO()
        records = DecisionRecordStore(console.services.database).iter_records(
            council_id, since=_since(days)
        )
        DecisionExporter().write(records, out, fmt)
        return out.getvalue()

    body = await anyio.to_thread.run_sync(build)
    name = f"decisions-{council_id}-{datetime.now(UTC):%Y%m%d}.{fmt.value}"
    return Response(
        body,
        media_type=fmt.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def _since(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def _report(console: AdvisorConsole, council_id: str, days: int) -> InsightsReport:
    services = console.services
    since = _since(days)
    records = list(DecisionRecordStore(services.database).iter_records(council_id, since=since))
    with services.database.session() as s:
        votes = dict(
            s.execute(
                select(FeedbackRow.helpful, func.count())
                .where(FeedbackRow.council_id == council_id, FeedbackRow.updated_at >= since)
                .group_by(FeedbackRow.helpful)
            ).all()
        )
    return InsightsReport.build(
        records,
        _documents(console, council_id),
        helpful=int(votes.get(True, 0)),
        not_helpful=int(votes.get(False, 0)),
        today=date.today(),
        review_after_months=services.settings.review_after_months,
    )


def _documents(console: AdvisorConsole, council_id: str) -> list[DocumentInfo]:
    """Indexed pages, with review dates read from the council's source folder where it has one."""
    services = console.services
    titles = {c.doc_id: c.title for c in services.store.all_chunks(council_id)}
    reviewed: dict[str, date | None] = {}
    council = services.councils.get(council_id)
    folder = sample_kb_dir(services.settings, council.knowledge_base_dir)
    if folder is not None and folder.is_dir():
        loaders = LoaderRegistry()
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and loaders.supports(p.suffix)):
            try:
                doc = loaders.load(SourceFile(path, council_id, path.relative_to(folder).as_posix(), ""))
            except DocumentLoadError:
                continue
            reviewed[doc.doc_id] = doc.last_reviewed
    return [DocumentInfo(doc_id, title, reviewed.get(doc_id)) for doc_id, title in sorted(titles.items())]

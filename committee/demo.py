"""Demo meetings 第5回〜第8回 as planned in the 2026-03-30 deck (今後の進め方), and 第5回's
reference materials (demo_materials)."""

import datetime as dt
from zoneinfo import ZoneInfo

from committee import demo_materials
from committee.models import AgendaItem, Hearing, Meeting

JST = ZoneInfo("Asia/Tokyo")

MEETINGS = [
    {
        "number": 5,
        "starts_at": dt.datetime(2026, 3, 30, 10, 0, tzinfo=JST),
        "ends_at": dt.datetime(2026, 3, 30, 12, 0, tzinfo=JST),
        "period": None,
        "place": "文部科学省 会議室（オンライン併用）",
        "is_online": True,
        "status": Meeting.Status.HELD,
        "items": [
            "令和8年度予算案（科学技術国際関係）について",
            "第7期科学技術・イノベーション基本計画（国際関係）について",
            "日本人研究者の海外派遣強化に向けての国際戦略委員会の進め方について",
            "日本人研究者の海外派遣等に関する関係機関ヒアリング",
        ],
        "hearings": {4: [("関係機関", "", "日本人研究者の海外派遣等の現状")]},
    },
    # The planned ones: a tentative period, no hearing unless given.
    {
        "number": 6,
        "period": (dt.date(2026, 4, 1), dt.date(2026, 5, 31)),
        "items": [
            "海外派遣の裾野拡大に関する方策について",
            "アカデミアにおける制度・システムの改善に関する方策について",
        ],
        "hearings": {1: [("有識者・関係機関（調整中）", "", "海外派遣の裾野拡大・制度改善")]},
    },
    {
        "number": 7,
        "period": (dt.date(2026, 5, 1), dt.date(2026, 6, 30)),
        "items": [
            "研究者の海外挑戦ニーズに応じた支援の充実・多様化に関する方策について",
            "とりまとめ骨子案について",
        ],
    },
    {
        "number": 8,
        "period": (dt.date(2026, 6, 1), dt.date(2026, 7, 31)),
        "items": ["とりまとめ案について"],
    },
]


def seed() -> list[Meeting]:
    """Create the deck's meetings once. A second run leaves them alone, so edits the
    secretariat made in the demo (reordered items, published flags) survive `make run`."""
    meetings = []
    for spec in MEETINGS:
        period = spec.get("period")
        meeting, _ = Meeting.objects.get_or_create(
            number=spec["number"],
            defaults={
                "title": f"第{spec['number']}回国際戦略委員会",
                "starts_at": spec.get("starts_at"),
                "ends_at": spec.get("ends_at"),
                "period_start": period[0] if period else None,
                "period_end": period[1] if period else None,
                "place": spec.get("place", ""),
                "is_online": spec.get("is_online", False),
                "status": spec.get("status", Meeting.Status.PLANNED),
                "is_published": True,
            },
        )
        if not meeting.agenda_items.exists():
            for position, title in enumerate(spec["items"], start=1):
                item = AgendaItem.objects.create(
                    meeting=meeting, position=position, title=title, is_published=True
                )
                for speaker, affiliation, topic in spec.get("hearings", {}).get(position, []):
                    Hearing.objects.create(
                        agenda_item=item, speaker=speaker, affiliation=affiliation, topic=topic
                    )
        meetings.append(meeting)
    demo_materials.seed()
    return meetings

"""Demo strategy, perspectives and the nine consultation questions (in our own words)."""

import datetime as dt
import json
import uuid
from pathlib import Path

from django.utils import timezone

from accounts.models import User
from accounts.roles import can_comment
from committee.models import AgendaItem
from policies.models import (
    Comment,
    Evidence,
    GlossaryTerm,
    Measure,
    Perspective,
    Pillar,
    Question,
)
from policies.services import comment_create
from schemes import demo as schemes_demo
from schemes.models import Scheme

# The strategy's pillars, their main items and measures, as the 2026-03-30 deck gives them.
PILLARS = json.loads((Path(__file__).parent / "demo_strategy.json").read_text(encoding="utf-8"))

GLOSSARY = [
    ("ASPIRE", "先端国際共同研究推進事業/プログラム"),
    ("SICORP", "国際科学技術共同研究推進事業"),
    ("NEXUS", "日ASEAN科学技術・イノベーション協働連携事業"),
    ("LOTUS", "インド若手科学頭脳循環プログラム"),
    ("SATREPS", "地球規模課題対応国際科学技術協力プログラム"),
    ("EXPERT-J", "グローバル卓越人材招へい研究大学強化事業"),
    ("J-RISE", "J-RISE Initiative（国際頭脳循環の取組強化）"),
]

# (meeting number, agenda position) each perspective is discussed at.
PERSPECTIVES = [
    (
        "個人の観点",
        "海外派遣の裾野拡大",
        (6, 1),
        [
            (
                "潜在層の掘り起こし",
                "海外での研究をキャリアの選択肢として考えてこなかった研究者（潜在層）に、"
                "どのように働きかければ海外挑戦への関心を高められるか。",
            ),
            (
                "短期の海外経験から始める",
                "博士後期課程のうちに1か月から数か月程度の短い海外経験を積む機会を設けることは、"
                "本格的な海外挑戦への第一歩として有効か。",
            ),
            (
                "海外での不安を減らす支援",
                "海外にいる日本人研究者の見える化、経験者のネットワーク、渡航後の現地サポートは、"
                "海外挑戦への不安をどこまで和らげるか。",
            ),
        ],
    ),
    (
        "システムの観点",
        "アカデミアにおける制度・システムの改善",
        (6, 2),
        [
            (
                "組織として送り出す",
                "大学・研究機関が、研究者を海外へ派遣する意味と効果を組織として検討・計画し、"
                "気運を醸成する仕組みはどうあるべきか。",
            ),
            (
                "留守中の業務への配慮",
                "所属を残したまま派遣される研究者の業務の穴が、派遣の機会を妨げないよう、"
                "組織としてどのような配慮が必要か。",
            ),
            (
                "帰国後の採用と評価",
                "国際経験を考慮した採用・評価など、「行く」だけでなく「帰る」ことへの誘因を"
                "どのように設けるべきか。",
            ),
        ],
    ),
    (
        "支援スキームの観点",
        "研究者の海外挑戦ニーズに応じた支援の充実・多様化",
        (7, 1),
        [
            (
                "十分な支援額",
                "世界的なインフレや円安を踏まえ、派遣される研究者が生活面で不安を感じない"
                "支援額はどの程度か。",
            ),
            (
                "短期から長期までの支援メニュー",
                "裾野拡大のための短期の支援に加え、長期の支援も用意し、多様なニーズに柔軟に"
                "応える仕組みをどう設計するか。",
            ),
            (
                "機関への支援",
                "個人への直接支援に加え、研究者の海外挑戦を促す大学・研究機関への支援は"
                "どのような形で有効か。",
            ),
        ],
    ),
]


# (question perspective, position), author, stance, body, reply to (index in this list) or None.
DEMO_COMMENTS = [
    (
        (1, 1),
        "member_a",
        "proposal",
        "若手のうちに**短期の共同研究**で海外の研究室を経験する機会を増やすことが、"
        "潜在層の関心を高める近道だと考えます。\n\n- 学会参加だけでなく滞在型の交流\n"
        "- 経験者による説明会",
        None,
    ),
    (
        (1, 1),
        "member_b",
        "concern",
        "短期の機会を増やしても、帰国後のポストが見えなければ長期の挑戦にはつながらない"
        "のではないでしょうか。",
        0,
    ),
    (
        (1, 2),
        "chair",
        "question",
        "博士後期課程の学生が数か月不在になる間の研究指導や単位の扱いについて、"
        "大学側の現状を事務局に整理していただけますか。",
        None,
    ),
]
# Fixed tokens make the demo comments idempotent: seeding again finds them instead of adding.
DEMO_NAMESPACE = uuid.UUID("6f1d9a52-2a0b-4c1e-9a35-0c6f1c1b7e01")


def seed_comments() -> list:
    """A few members' comments on the open ①-questions, when the demo accounts exist."""
    users = {
        u.username: u for u in User.objects.filter(username__in=["member_a", "member_b", "chair"])
    }
    created: list[Comment] = []
    for i, ((p_pos, q_pos), username, stance, body, reply_to) in enumerate(DEMO_COMMENTS):
        author = users.get(username)
        question = (
            Question.objects.filter(perspective__position=p_pos, position=q_pos)
            .select_related("perspective")
            .first()
        )
        # Accounts without their role (e.g. groups flushed in a test) simply get no comments.
        if author is None or question is None or not question.is_open() or not can_comment(author):
            continue
        parent = created[reply_to] if reply_to is not None and reply_to < len(created) else None
        created.append(
            comment_create(
                question=question,
                author=author,
                body=body,
                stance=stance,
                parent=parent,
                idempotency_token=uuid.uuid5(DEMO_NAMESPACE, str(i)),
            )
        )
    return created


def seed() -> list[Question]:
    for position, spec in enumerate(PILLARS, start=1):
        pillar, _ = Pillar.objects.update_or_create(
            position=position,
            defaults={"title": spec["title"], "main_items": "\n".join(spec["main_items"])},
        )
        for m_position, measure in enumerate(spec["measures"], start=1):
            Measure.objects.update_or_create(
                pillar=pillar,
                name=measure["name"],
                defaults={
                    "abbreviation": measure["abbreviation"],
                    "description": measure["description"],
                    "position": m_position,
                },
            )
    for abbreviation, full_name in GLOSSARY:
        GlossaryTerm.objects.update_or_create(
            abbreviation=abbreviation, defaults={"full_name": full_name}
        )

    # Comment periods are relative to the day the demo is loaded, so the demo is usable.
    today = timezone.localdate()
    opens = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time(9, 0)))
    questions = []
    for position, (label, title, (meeting_no, item_no), qs) in enumerate(PERSPECTIVES, start=1):
        closes = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=14 * position), dt.time(17, 0))
        )
        perspective, _ = Perspective.objects.update_or_create(
            position=position,
            defaults={
                "label": label,
                "title": title,
                "comment_opens_at": opens,
                "comment_closes_at": closes,
            },
        )
        item = AgendaItem.objects.filter(meeting__number=meeting_no, position=item_no).first()
        for q_position, (q_title, body) in enumerate(qs, start=1):
            question, _ = Question.objects.update_or_create(
                perspective=perspective,
                position=q_position,
                defaults={
                    "title": q_title,
                    "body": body,
                    "agenda_item": item,
                    "is_published": True,
                },
            )
            questions.append(question)
    seed_comments()
    seed_evidence()
    return questions


# (perspective, question) -> evidence in order: ("series", direction, term) | ("reference", topic)
# | ("scheme", slug) | ("measure", name), each with an optional note by the secretariat.
EVIDENCE = {
    (1, 1): [
        (("series", "outbound", "mid_long"), "中・長期派遣は2000年度のピークから減少したまま。"),
        (("measure", "海外特別研究員事業"), ""),
        (("scheme", "jsps-overseas-research-fellowships"), ""),
    ],
    (1, 2): [(("series", "outbound", "short"), "短期派遣は回復している。")],
    (2, 1): [(("reference", "world_researcher_flows"), "")],
    (3, 1): [
        (("scheme", "astar-nss-phd"), ""),
        (("scheme", "brain-link"), ""),
        (("scheme", "csc-high-level-graduate"), ""),
        (("scheme", "erasmus-plus-2021-2027"), ""),
        (("series", "outbound", "total"), "支援額の議論の前提として、派遣者数の推移。"),
    ],
    (3, 3): [(("measure", "グローバル卓越人材招へい研究大学強化事業"), "")],
}


def seed_evidence() -> list[Evidence]:
    """Link the demo evidence; existing links are kept (the secretariat may have edited notes)."""
    slugs = {t[1] for items in EVIDENCE.values() for t, _note in items if t[0] == "scheme"}
    if Scheme.objects.filter(slug__in=slugs).count() < len(slugs):
        # The schemes app seeds after this one; evidence needs its rows now.
        schemes_demo.seed()
    schemes = {s.slug: s for s in Scheme.objects.filter(slug__in=slugs)}
    measures = {m.name: m for m in Measure.objects.all()}
    linked = []
    for (p_pos, q_pos), items in EVIDENCE.items():
        question = Question.objects.filter(perspective__position=p_pos, position=q_pos).first()
        if question is None:
            continue
        for position, (target, note) in enumerate(items, start=1):
            kind = target[0]
            if kind == "series":
                fields = {"series_direction": target[1], "series_term": target[2]}
            elif kind == "reference":
                fields = {"reference_topic": target[1]}
            elif kind == "scheme":
                if target[1] not in schemes:
                    continue
                fields = {"scheme": schemes[target[1]]}
            else:
                if target[1] not in measures:
                    continue
                fields = {"measure": measures[target[1]]}
            evidence, _created = Evidence.objects.get_or_create(
                question=question, **fields, defaults={"position": position, "note": note}
            )
            linked.append(evidence)
    return linked

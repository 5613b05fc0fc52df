"""Demo report: a 骨子案 for 第7回 whose outline follows the deck's three perspectives and their
論点, in the deck's own wording. It says on its face that it is a demo draft of the secretariat,
not the committee's conclusion. Idempotent: a second run finds what the first made."""

import uuid

from accounts.models import User
from accounts.roles import is_secretariat
from committee.models import Meeting
from policies.demo import DEMO_NAMESPACE
from policies.models import Comment, Question
from reports import services
from reports.models import Edition, Report

TITLE = "日本人研究者の海外派遣強化に向けて（とりまとめ・デモ用）"

NOTICE = (
    "本骨子案はデモ用に事務局の論点を並べたたたき台であり、委員会の結論を示すものではありません。"
)

# (heading, question (perspective, position) or None, paragraph text from the deck)
OUTLINE = [
    (
        "はじめに",
        [
            (None, NOTICE),
            (
                None,
                "派遣研究者総数は回復傾向にあるものの、最盛期の平成30年度（コロナ前）の約60%にとどまる。"
                "中・長期派遣者数は平成12年度（7,674人）をピークに全体的に減少傾向にある。",
            ),
        ],
    ),
    (
        "①【個人の観点】海外派遣の裾野拡大",
        [
            (
                (1, 1),
                "海外機関での研究活動を視野に入れたキャリアパスを積極的に考えていなかった日本人研究者"
                "（潜在層）を掘り起こす方策について検討する。",
            ),
            (
                (1, 2),
                "博士後期課程学生のうちに、最初のステップとして1か月～数か月程度の比較的短い海外経験を"
                "積む機会について検討する。",
            ),
            (
                (1, 3),
                "「海外の見える化」、海外経験者のネットワーク化、渡航後のサポートにより、"
                "海外挑戦への不安を取り除く方策について検討する。",
            ),
        ],
    ),
    (
        "②【システムの観点】アカデミアにおける制度・システムの改善",
        [
            (
                (2, 1),
                "大学・研究機関が組織として研究者を海外へ派遣する意味や効果を検討・計画し、"
                "気運を醸成する仕組みについて検討する。",
            ),
            (
                (2, 2),
                "研究室・部局内の業務を理由に海外派遣の機会が抑制されないよう、組織として配慮する"
                "仕組みについて検討する。",
            ),
            (
                (2, 3),
                "国際経験を考慮した採用・評価など、「行く」のみならず「帰る」ことへの"
                "インセンティブについて検討する。",
            ),
        ],
    ),
    (
        "③【支援スキームの観点】研究者の海外挑戦ニーズに応じた支援の充実・多様化",
        [
            (
                (3, 1),
                "世界的なインフレや円安の影響等を踏まえ、金銭面で不安を感じることのない支援額に"
                "ついて検討する。",
            ),
            (
                (3, 2),
                "期間が比較的短い支援メニューに加え、期間が比較的長い支援メニューも用意し、"
                "多様なニーズに柔軟に応える仕組みについて検討する。",
            ),
            (
                (3, 3),
                "個人への直接的な支援に加え、海外挑戦を促す取組を行う大学・研究機関への支援に"
                "ついて検討する。",
            ),
        ],
    ),
]

# Demo comment index (policies.demo.DEMO_COMMENTS) -> disposition kind and reasoning.
DISPOSITIONS = {
    0: ("reflected", ""),
    1: (
        "future",
        "帰国後のポストの見通しは②の論点（帰国後の採用と評価）で引き続き検討します（デモ）。",
    ),
    2: (
        "answered",
        "大学側の現状を事務局で整理し、第8回に資料として示す予定です（デモ）。",
    ),
}


def _question(key):
    if key is None:
        return None
    return Question.objects.filter(perspective__position=key[0], position=key[1]).first()


def _outline(edition: Edition, by) -> None:
    """Write the chapters and paragraphs, each tied to the question it answers."""
    for heading, paragraphs in OUTLINE:
        section = services.section_create(edition=edition, title=heading, by=by)
        for key, text in paragraphs:
            paragraph = services.paragraph_create(section=section, body=text, by=by)
            question = _question(key)
            if question is not None:
                services.paragraph_questions_set(paragraph=paragraph, questions=[question], by=by)


def _dispositions(edition: Edition, by) -> None:
    for index, (kind, reasoning) in DISPOSITIONS.items():
        comment = Comment.objects.filter(
            idempotency_token=uuid.uuid5(DEMO_NAMESPACE, str(index))
        ).first()
        if comment is None or edition.dispositions.filter(comment=comment).exists():
            continue
        paragraph = edition.paragraphs.filter(questions=comment.question_id).first()
        if kind == "reflected" and paragraph is not None:
            services.paragraph_link_comment(
                paragraph=paragraph, comment=comment, kind=kind, reasoning=reasoning, by=by
            )
        elif kind != "reflected":
            services.disposition_set(
                edition=edition, comment=comment, kind=kind, reasoning=reasoning, by=by
            )


def seed() -> list[Edition]:
    meeting = Meeting.objects.filter(number=7).first()
    by = User.objects.filter(username="secretariat").first()
    if meeting is None or by is None or not is_secretariat(by):
        return []
    report = Report.objects.filter(title=TITLE).first() or services.report_create(
        title=TITLE, by=by
    )
    edition = report.editions.filter(kind=Edition.Kind.OUTLINE).first()
    if edition is None:
        edition = services.edition_create(
            report=report, kind=Edition.Kind.OUTLINE, meeting=meeting, by=by
        )
    if not edition.sections.exists():
        _outline(edition, by)
    _dispositions(edition, by)
    return [edition]

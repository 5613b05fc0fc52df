"""Demo materials for 第5回: the real data files the repository vendors, as 参考資料1〜3.

The 2026-03-30 deck was the 第5回 material; its slides on dispatch statistics, other countries'
schemes and the reference figures are what these CSV files hold, each row with its source. No
minutes or documents are invented: only files that exist, titled for what they are.

They go in through committee.services.material_create with the demo secretariat as the actor, so
the real-type check, the stored file under MEDIA_ROOT, the version and the change log are exactly
those of an upload.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

from accounts import demo, roles
from accounts.demo import DEMO_USERS
from accounts.models import User
from committee import filetypes, services
from committee.models import ChangeLog, Material, Meeting

MEETING_NUMBER = 5
ROOT = Path(settings.BASE_DIR)


@dataclass(frozen=True)
class DemoMaterial:
    number: str
    title: str
    path: Path  # relative to the repository root


# In the deck's order: the statistics slide, the slide on other countries' schemes, then the
# 参考資料 slides. Sources: dispatch_stats/data/SOURCES.md.
MATERIALS = [
    DemoMaterial(
        number="参考資料1",
        title=(
            "海外派遣・受入研究者数の推移（平成5年度～令和6年度、短期・中長期・総数）CSV："
            "文部科学省「国際研究交流の概況」（研究交流状況調査）の数値を、同省の公表資料・報道・"
            "第三者による図表の転記から収集したもの（各行に出典URLと取得方法を記載。"
            "統計ページの元データ）"
        ),
        path=Path("dispatch_stats/data/dispatch_researchers.csv"),
    ),
    DemoMaterial(
        number="参考資料2",
        title=(
            "研究者の海外派遣に関する各国・我が国の支援制度 CSV：シンガポール A*STAR、韓国 "
            "BRAIN LINK、中国 CSC、EU エラスムス・プラスと、海外特別研究員・EXPERT-J・ASPIRE 等の"
            "我が国の施策を、各機関の公式サイト等から収集したもの（各行に出典URLを記載、"
            "見つからなかった項目はその旨を明記。支援制度ページの元データ）"
        ),
        path=Path("schemes/data/foreign_schemes.csv"),
    ),
    DemoMaterial(
        number="参考資料3",
        title=(
            "参考指標 CSV：TOP10%論文（科学技術・学術政策研究所「科学研究のベンチマーキング2025」"
            "ほか）、研究者の国際流動（OECD「STI Scoreboard 2017」、OECD ReICO ほか）、"
            "海外特別研究員の採用・就職状況（日本学術振興会）等を公表資料から収集したもの"
            "（各行に出典URLを記載、見つからなかった数値は「NOT FOUND」と明記）"
        ),
        path=Path("dispatch_stats/data/reference_figures.csv"),
    ),
]


def demo_secretariat() -> User | None:
    """The demo secretariat account, which exists only in development (accounts.demo).

    Outside DEBUG a real account may carry the same username, so nobody is used then."""
    if not demo.enabled():
        return None
    username = next(name for name, _, role_list, _ in DEMO_USERS if roles.SECRETARIAT in role_list)
    return User.objects.filter(username=username).first()


def seed() -> list[Material]:
    """Attach the files once; returns the materials created by this run.

    A file counts as seeded once the meeting's change log records a material created with its
    SHA-256, so a second run writes nothing (no file, no version), and a material the
    secretariat renumbered, replaced or deleted in the demo stays as they left it."""
    actor = demo_secretariat()
    meeting = Meeting.objects.filter(number=MEETING_NUMBER).first()
    if actor is None or meeting is None:
        return []
    seeded = set(
        ChangeLog.objects.filter(
            meeting=meeting, model_name="material", action=ChangeLog.Action.CREATE
        ).values_list("after__sha256", flat=True)
    )
    taken = set(Material.objects.filter(meeting=meeting).values_list("number", flat=True))
    created = []
    for spec in MATERIALS:
        data = (ROOT / spec.path).read_bytes()
        if hashlib.sha256(data).hexdigest() in seeded or spec.number in taken:
            continue
        if len(data) > settings.MAX_UPLOAD_SIZE:
            raise ImproperlyConfigured(f"{spec.path} is larger than MAX_UPLOAD_SIZE")
        upload = ContentFile(data, name=spec.path.name)
        # The check an uploaded file gets; a vendored file that failed it would be a bug.
        detected = filetypes.detect(upload)
        created.append(
            services.material_create(
                meeting=meeting,
                number=spec.number,
                title=spec.title,
                is_published=True,
                upload=upload,
                content_type=detected.content_type,
                by=actor,
            )
        )
    return created

"""The demo schemes' structured facts (keyed by the CSV's English name) and the demo exchange
rates: what the deck states where the CSV is silent, each with its source."""

from decimal import Decimal

from schemes.models import DECK_CITATION as DECK
from schemes.models import Amount, PaysFor, TargetType

P, T, INST, G = Amount.Per.PERSON, Amount.Per.TEAM, Amount.Per.INSTITUTION, Amount.Per.PROGRAMME
YEAR, WHOLE, YEARS = Amount.Period.YEAR, Amount.Period.WHOLE, Amount.Period.YEARS


def amount(label, value, currency, per, period, *, source, value_max=None, years=None,
           upper=False, note=""):  # fmt: skip
    return {
        "label": label,
        "value": Decimal(value),
        "value_max": Decimal(value_max) if value_max is not None else None,
        "currency": currency,
        "per": per,
        "period": period,
        "period_years": years,
        "is_upper_limit": upper,
        "note": note,
        "source": source,
    }


# Structured facts per CSV row (keyed by the CSV's English name). Text that the CSV marks "not
# found" is replaced by the deck's statement, and the deck is then cited as that fact's source.
FACTS = {
    "A*STAR National Science Scholarship (PhD) [NSS (PhD)]": {
        "slug": "astar-nss-phd",
        "is_deck_scheme": True,
        "target_types": [TargetType.PHD_STUDENT],
        "duration": "最長5年間。留学前に原則としてA*STAR研究機関での1年間の研究研修。",
        "duration_months_max": 60,
        "duration_source": DECK,
        "support_content": "授業料全額、生活費、渡航費等を最長5年間給付。",
        "pays_for": [PaysFor.TUITION, PaysFor.LIVING, PaysFor.TRAVEL],
        "pays_for_source": DECK,
        "obligation_prefix": "終了後には一定期間（3~4年間）国内研究機関等での就業義務。",
        "has_service_bond": True,
        "service_bond_years_min": 3,
        "service_bond_years_max": 4,
        "obligation_source": DECK,
        "amounts": [],
    },
    "BRAIN LINK": {
        "slug": "brain-link",
        "is_deck_scheme": True,
        "agency": "",
        "target": "国内の研究チームを選定し、海外の大学や研究機関に派遣して共同研究を行う。",
        "target_types": [TargetType.RESEARCH_TEAM],
        "target_source": DECK,
        "duration": "各研究チームは海外で3年間勤務。",
        "duration_months_min": 36,
        "duration_months_max": 36,
        "duration_source": DECK,
        "support_content": "研究チーム単位の支援（年間16億ウォン（1.6億円）以内）。",
        "pays_for_source": DECK,
        "budget_or_amount": "年間16億ウォン（1.6億円）以内の規模（研究チームごと）",
        "obligation": "",
        "obligation_source": "",
        "sources": [DECK],
        "amounts": [
            amount(
                "研究チームごとの支援規模",
                "1600000000",
                "KRW",
                T,
                YEAR,
                upper=True,
                source=DECK,
                note="資料では「1.6億円」と併記。",
            )
        ],
    },
    "Brain Pool / Brain Pool+ (overseas scientist attraction) [related scheme, inbound]": {
        "slug": "kr-brain-pool",
        "target_types": [TargetType.RESEARCHER, TargetType.INSTITUTION],
        "duration_months_max": 60,
        "pays_for": [PaysFor.SALARY, PaysFor.LIVING, PaysFor.RESEARCH],
        "amounts": [
            amount(
                "個人型（1人当たり年額の上限）",
                "350000000",
                "KRW",
                P,
                YEAR,
                upper=True,
                source="https://www.mt.co.kr/amp/tech/2026/02/12/2026021209310767607",
            ),
            amount(
                "機関型（機関当たり年額）",
                "3000000000",
                "KRW",
                INST,
                YEAR,
                source="https://www.mt.co.kr/amp/tech/2026/02/12/2026021209310767607",
            ),
            amount(
                "2026年度予算",
                "54600000000",
                "KRW",
                G,
                YEAR,
                source="https://www.mt.co.kr/amp/tech/2026/02/12/2026021209310767607",
                note="2025年度 388億ウォンから40.7%増。",
            ),
        ],
    },
    "Global top-tier research institution cooperation hub programme"
    " [related scheme, outbound/joint]": {
        "slug": "kr-cooperation-hub",
        "target_types": [TargetType.INSTITUTION],
        "duration_months_min": 120,
        "duration_months_max": 120,
        "pays_for": [PaysFor.RESEARCH, PaysFor.TRAVEL],
        "amounts": [
            amount(
                "2024年公募（新規10課題）の総額",
                "11200000000",
                "KRW",
                G,
                WHOLE,
                source="http://business-times.co.kr/news_proc/news_contents.jsp?ncd=21158",
                note="うちTop-tier型（4課題）100億ウォン。",
            )
        ],
    },
    "State-Sponsored Graduate Study Abroad Program for Building High-Level Universities": {
        "slug": "csc-high-level-graduate",
        "is_deck_scheme": True,
        "target_types": [TargetType.PHD_STUDENT],
        "support_content": "博士課程学生等を対象に往復渡航費及び奨学金を支給。",
        "pays_for": [PaysFor.TRAVEL, PaysFor.LIVING],
        "pays_for_source": DECK,
        "obligation_prefix": "派遣者に対して帰国義務が課される。",
        "has_return_obligation": True,
        "has_service_bond": True,
        "service_bond_years_min": 2,
        "obligation_source": DECK + " ; http://china.org.cn/english/education/226236.htm",
        "amounts": [],
    },
    "Erasmus+ 2021-2027": {
        "slug": "erasmus-plus-2021-2027",
        "is_deck_scheme": True,
        "target_types": [TargetType.LEARNER],
        "amounts": [
            amount(
                "2021～2027年の予算総額",
                "26200000000",
                "EUR",
                G,
                YEARS,
                years=7,
                source=DECK,
                note="資料では「4.8兆円」と併記。2014～2020年は147億ユーロ。",
            ),
            amount(
                "EU対外政策手段からの追加分（約）",
                "2200000000",
                "EUR",
                G,
                YEARS,
                years=7,
                source="https://south.euneighbours.eu/news/erasmus-over-eu28-billion-support-mobility-and-learning-all-across/",
            ),
        ],
    },
    "JSPS Overseas Research Fellowships": {
        "slug": "jsps-overseas-research-fellowships",
        "target_types": [TargetType.POSTDOC],
        "duration_months_min": 24,
        "duration_months_max": 24,
        "pays_for": [PaysFor.TRAVEL, PaysFor.LIVING, PaysFor.RESEARCH],
        "amounts": [
            amount(
                "滞在費・研究活動費（2024年度募集、派遣先国により異なる）",
                "4500000",
                "JPY",
                P,
                YEAR,
                value_max="7500000",
                source="http://www.jsps.go.jp/english/e-ab/index.html",
            ),
            amount(
                "滞在費・研究活動費（2018年度募集、派遣先国により異なる）",
                "3800000",
                "JPY",
                P,
                YEAR,
                value_max="5200000",
                source="https://www.jsps.org/japanese_researchers/2018/02/under-this-program-fellowships-are.html",
            ),
            amount(
                "2024年度予算（推計、日本学術振興会運営費交付金の内数）",
                "2500000000",
                "JPY",
                G,
                YEAR,
                source="https://wic-net.com/material/document/16559/12",
            ),
        ],
    },
    "JSPS Overseas Challenge Program for Young Researchers": {
        "slug": "jsps-overseas-challenge",
        "target_types": [TargetType.PHD_STUDENT],
        "duration_months_min": 3,
        "duration_months_max": 12,
        "pays_for": [PaysFor.TRAVEL, PaysFor.LIVING, PaysFor.RESEARCH],
        "amounts": [
            amount(
                "滞在費（1件当たり、90日～1年の滞在全体、派遣先国により異なる）",
                "1000000",
                "JPY",
                P,
                WHOLE,
                value_max="1400000",
                source="https://www.jsps.go.jp/j-abc/gaiyo.html",
            ),
            amount(
                "ベンチフィー（上限）",
                "200000",
                "JPY",
                P,
                WHOLE,
                upper=True,
                source="https://www.jsps.go.jp/j-abc/gaiyo.html",
            ),
        ],
    },
    "EXPERT-J": {
        "slug": "expert-j",
        "target_types": [TargetType.INSTITUTION],
        "duration_months_min": 36,
        "duration_months_max": 36,
        "pays_for": [PaysFor.SALARY, PaysFor.RESEARCH],
        "amounts": [
            amount(
                "2025年度から3年間の総額",
                "3300000000",
                "JPY",
                G,
                YEARS,
                years=3,
                source="https://www.mext.go.jp/b_menu/houdou/mext_01543.html",
            )
        ],
    },
    "J-RISE Initiative": {
        "slug": "j-rise",
        "target_types": [TargetType.RESEARCHER],
        "amounts": [],
    },
    "ASPIRE (Adopting Sustainable Partnerships for Innovative Research Ecosystem)": {
        "slug": "aspire",
        "target_types": [TargetType.RESEARCHER, TargetType.PHD_STUDENT, TargetType.POSTDOC],
        "pays_for": [PaysFor.RESEARCH, PaysFor.TRAVEL],
        "amounts": [
            amount(
                "基金（2022年度補正予算）",
                "50100000000",
                "JPY",
                G,
                WHOLE,
                source="https://www.jst.go.jp/aspire/about.html",
                note="JST 440億円、AMED 61億円。",
            )
        ],
    },
    "Strategic International Collaborative Research Program (SICORP)": {
        "slug": "sicorp",
        "target_types": [TargetType.RESEARCH_TEAM],
        "duration_months_min": 36,
        "duration_months_max": 60,
        "pays_for": [PaysFor.RESEARCH, PaysFor.TRAVEL],
        "amounts": [
            amount(
                "課題当たり年額（日本側）",
                "6000000",
                "JPY",
                T,
                YEAR,
                value_max="100000000",
                source="https://www.jst.go.jp/inter/english/program_e/structure_e/general.html",
                note="約。",
            )
        ],
    },
    "Science and Technology Research Partnership for Sustainable Development (SATREPS)": {
        "slug": "satreps",
        "target_types": [TargetType.RESEARCH_TEAM, TargetType.INSTITUTION],
        "pays_for": [PaysFor.RESEARCH],
        "amounts": [
            amount(
                "JST側の課題当たり年額の上限（2026年度公募）",
                "100000000",
                "JPY",
                T,
                YEAR,
                upper=True,
                source="https://alive-business.com/grant/gx/14709.html",
                note="約。",
            )
        ],
    },
    "NEXUS": {
        "slug": "nexus",
        "name_ja": "日ASEAN科学技術・イノベーション協働連携事業（NEXUS）",
        "name_en": "NEXUS (Japan–ASEAN science, technology and innovation collaboration)",
        "target": "日本とASEAN諸国の科学技術・イノベーション協働連携。",
        "target_source": DECK,
        "sources": [DECK],
        "amounts": [],
    },
    "LOTUS Programme (Japan-India)": {
        "slug": "lotus",
        "target_types": [TargetType.PHD_STUDENT, TargetType.POSTDOC],
        "duration_months_max": 12,
        "pays_for": [PaysFor.LIVING],
        "amounts": [],
    },
    "Japan's association to Horizon Europe (Pillar II)": {
        "slug": "horizon-europe-association",
        "target_types": [TargetType.INSTITUTION, TargetType.RESEARCH_TEAM],
        "pays_for": [PaysFor.RESEARCH],
        "amounts": [
            amount(
                "ホライズン・ヨーロッパ全体の予算",
                "93500000000",
                "EUR",
                G,
                WHOLE,
                source="https://www.miragenews.com/eu-japan-wrap-up-horizon-europe-talks-1594619",
            ),
            amount(
                "日本の拠出見込額（EU予算へ）",
                "6600000",
                "EUR",
                G,
                WHOLE,
                source="https://www.miragenews.com/eu-japan-wrap-up-horizon-europe-talks-1594619",
                note="約。",
            ),
        ],
    },
}

DEMO_RATE_SOURCE = "デモ用参考値（公的な為替レートではありません）"
RATES = [
    # currency, yen per unit, source, note
    (
        "KRW",
        "0.1",
        DECK,
        "資料の併記「16億ウォン（1.6億円）」から算出した参考値（デモ用）。管理画面で公式レートに置き換えてください。",
    ),
    (
        "EUR",
        "183.21",
        DECK,
        "資料の併記「262億ユーロ（4.8兆円）」から算出した参考値（4.8兆円÷262億ユーロ≒183.21円、デモ用）。",
    ),
    ("USD", "150", DEMO_RATE_SOURCE, "デモ用の参考値。管理画面で公式レートに置き換えてください。"),
    ("SGD", "115", DEMO_RATE_SOURCE, "デモ用の参考値。管理画面で公式レートに置き換えてください。"),
    ("CNY", "21", DEMO_RATE_SOURCE, "デモ用の参考値。管理画面で公式レートに置き換えてください。"),
]

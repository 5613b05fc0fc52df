"""Splitting a transcript into statements and matching the speakers (pure functions)."""

from proceedings import transcript

TEXT = """第6回 国際戦略委員会
【主査】それでは始めます。
議題1
【A委員】ありがとうございます。
二行目も続きます。
○B委員　質問があります。
事務局（国際研究開発政策課長）　お答えします。
（議題２）
【田中参考人】ご説明します。
【Ｚ委員】最後に一言。
"""


def test_split_finds_speakers_continuations_and_agenda_markers():
    result = transcript.split(TEXT)
    names = [s.name for s in result.statements]
    secretariat = "事務局（国際研究開発政策課長）"
    assert names == ["主査", "A委員", "B委員", secretariat, "田中参考人", "Ｚ委員"]
    assert result.statements[1].text == "ありがとうございます。\n二行目も続きます。"
    assert [s.item_position for s in result.statements] == [None, 1, 1, 1, 2, 2]
    assert result.preamble == ["第6回 国際戦略委員会"]


def test_match_members_chair_secretariat_and_hearings():
    directory = transcript.build_directory(
        members=[(1, "主査（委員長）"), (2, "A委員"), (3, "B委員")],
        chair_id=1,
        hearings=[(9, "田中参考人")],
    )
    assert transcript.match("主査", directory).user_id == 1
    assert transcript.match("Ａ委員", directory).user_id == 2
    assert transcript.match("B 委員", directory).user_id == 3
    assert transcript.match("事務局（課長）", directory).kind == "secretariat"
    assert transcript.match("田中参考人", directory).hearing_id == 9
    assert transcript.match("Z委員", directory) is None
    statements = transcript.split(TEXT).statements
    assert transcript.unmatched_names(statements, directory) == ["Ｚ委員"]

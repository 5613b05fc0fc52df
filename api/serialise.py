"""Model objects (as the pages' selectors return them) to the API's plain dicts."""

from django.urls import reverse

MEETING_FIELDS = "number title status starts_at ends_at period_start period_end place is_online"


def _fields(obj, names: str) -> dict:
    """The named attributes as they are, in that order."""
    return {name: getattr(obj, name) for name in names.split()}


def absolute(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def meeting(request, m) -> dict:
    return {
        "id": m.pk,
        **_fields(m, MEETING_FIELDS),
        "url": absolute(request, "committee:meeting-detail", m.pk),
    }


def material(request, mat) -> dict:
    current = getattr(mat, "current", None)
    return {
        "id": mat.pk,
        "number": mat.number,
        "title": mat.title,
        "file_name": current.original_name if current else None,
        "content_type": current.content_type if current else None,
        "size": current.size if current else None,
        "sha256": current.sha256 if current else None,
        "updated_at": current.uploaded_at if current else None,
        "download_url": absolute(request, "committee:material-download", mat.pk)
        if current
        else None,
    }


def minutes(request, mins, m) -> dict:
    return {
        "meeting_id": m.pk,
        "meeting_number": m.number,
        "body": mins.body,
        "published_at": mins.published_at,
        "url": absolute(request, "committee:meeting-detail", m.pk),
    }


def agenda_item(item) -> dict:
    return {
        "id": item.pk,
        "position": item.position,
        "title": item.title,
        "description": item.description,
        "hearings": [
            {"id": h.pk, "speaker": h.speaker, "affiliation": h.affiliation, "topic": h.topic}
            for h in item.hearings.all()
        ],
    }


def comment(request, c) -> dict:
    return {
        "id": c.pk,
        "question_id": c.question_id,
        "question_title": c.question.title,
        "parent_id": c.parent_id,
        "author": str(c.author),
        "stance": c.stance,
        "body": c.body,
        "created_at": c.created_at,
        "edited_at": c.edited_at,
        "url": absolute(request, "policies:question-detail", c.question_id) + f"#comment-{c.pk}",
    }


def series(s) -> dict:
    return {
        **_fields(s, "direction term source_name source_url derived"),
        "values": [{"fiscal_year": y, "researchers": v} for y, v in sorted(s.values.items())],
    }


def scheme(request, s) -> dict:
    return {
        **_fields(s, "slug kind country name_ja name_en agency target duration support_content"),
        "url": absolute(request, "schemes:scheme-detail", s.slug),
    }

"""The stance grid's one query (reports.review.stances): each member's latest stance per
question and meeting window, and each question's left-out count, worked out in PostgreSQL.

Events are live comments and replies (at their edit, or posting, time), the earlier versions
of edited ones (revisions, at the time each was written), live paragraph reviews on paragraphs
answering the question, and their revisions. A window is (after, until]; DISTINCT ON keeps the
latest event of each (question, member, window). Events at the same instant are ordered as
the grid always read them: comments, their revisions, reviews, their revisions; each in its
model's order. Deleted or hidden comments and reviews by the grid's members are left out (and
so are their revisions), whenever they were written.

Parameters: q (question ids), m (member ids), i / lo / hi (window column, after, until).
Rows: (0, question, member, column, stance) and (1, question, NULL, left out, NULL).
"""

from policies.models import Comment, CommentRevision
from reports.models import Paragraph, ParagraphReview, ParagraphReviewRevision

_TABLES = {
    "comment": Comment._meta.db_table,
    "comment_rev": CommentRevision._meta.db_table,
    "review": ParagraphReview._meta.db_table,
    "review_rev": ParagraphReviewRevision._meta.db_table,
    "link": Paragraph.questions.through._meta.db_table,
}

LATEST = """
WITH link AS (
    SELECT paragraph_id, question_id FROM {link} WHERE question_id = ANY(%(q)s::bigint[])
), comment AS (
    SELECT id, question_id, author_id, created_at, COALESCE(edited_at, created_at) AS at, stance,
           deleted_at IS NOT NULL OR is_hidden AS dead
    FROM {comment}
    WHERE question_id = ANY(%(q)s::bigint[]) AND author_id = ANY(%(m)s::bigint[])
), review AS (
    SELECT r.id, link.question_id, r.author_id, r.created_at,
           COALESCE(r.edited_at, r.created_at) AS at, r.stance,
           r.deleted_at IS NOT NULL OR r.is_hidden AS dead
    FROM {review} r JOIN link USING (paragraph_id)
    WHERE r.author_id = ANY(%(m)s::bigint[])
), event AS (
    SELECT question_id, author_id, at, stance,
           0 AS source, created_at AS sub_at, id AS sub_id, 0::bigint AS rev_id
    FROM comment WHERE NOT dead
    UNION ALL
    SELECT c.question_id, c.author_id, v.written_at, v.stance, 1, v.written_at, c.id, v.id
    FROM {comment_rev} v JOIN comment c ON c.id = v.comment_id WHERE NOT c.dead
    UNION ALL
    SELECT question_id, author_id, at, stance, 2, created_at, id, 0 FROM review WHERE NOT dead
    UNION ALL
    SELECT r.question_id, r.author_id, v.written_at, v.stance, 3, v.written_at, r.id, v.id
    FROM {review_rev} v JOIN review r ON r.id = v.review_id WHERE NOT r.dead
), window_ AS (
    SELECT * FROM unnest(%(i)s::int[], %(lo)s::timestamptz[], %(hi)s::timestamptz[])
        AS w(col, after, until)
)
SELECT * FROM (
    SELECT DISTINCT ON (e.question_id, e.author_id, w.col)
           0, e.question_id, e.author_id, w.col, e.stance
    FROM event e JOIN window_ w ON e.at <= w.until AND (w.after IS NULL OR e.at > w.after)
    ORDER BY e.question_id, e.author_id, w.col,
             e.at DESC, e.source DESC, e.sub_at DESC, e.sub_id DESC, e.rev_id DESC
) latest
UNION ALL
SELECT 1, question_id, NULL, count(*)::int, NULL FROM (
    SELECT question_id FROM comment WHERE dead
    UNION ALL
    SELECT question_id FROM review WHERE dead
) dead
GROUP BY question_id
""".format(**_TABLES)

"""Views for the questions people ask of kb.sqlite (in Datasette, the sqlite3 shell or pandas).

obligation_rows   one row per obligation × unit × deadline: who (unit as written, official name, role),
                  what (provision text), by when (due text, ISO start/end), where (issue, 发文字号, title,
                  document date, page, source file).  "What must 市生态环境局 do by 2020-12-31" is one filter.
target_rows       one row per numeric target with its indicator, value, measure, year and document.
issue_rows        one row per issue with its input class and how many documents it added.

Views are (re)created when their SQL differs from what the database holds, so an older kb.sqlite gets the
current ones on its next write.
"""
from __future__ import annotations

import sqlite3

ROLE_LABEL = "CASE ou.role WHEN 'lead' THEN '牵头' WHEN 'support' THEN '配合' WHEN 'implement' THEN '组织落实' " \
             "WHEN 'responsible' THEN '负责' ELSE ou.role END"

VIEWS = {
    "obligation_rows": f"""
SELECT o.issue_id, i.gazette, i.year AS issue_year, i.number AS issue_number, d.doc_number, d.title,
       d.date AS doc_date, d.doc_type, d.issuers, d.start_page, o.id AS obligation_id, o.page,
       ou.name AS unit, COALESCE(ou.canonical, ou.name) AS canonical, ou.role, {ROLE_LABEL} AS role_label,
       dl.text AS due_text, dl.start AS due_start, dl."end" AS due_end,
       CASE WHEN dl.key IS NULL THEN NULL WHEN dl.approx THEN 'true' ELSE 'false' END AS due_approx,
       o.text, o.source AS assigned_by, i.source_path AS source
FROM obligations o
JOIN issues i ON i.id = o.issue_id
JOIN documents d ON d.key = o.document_key
JOIN obligation_units ou ON ou.obligation_key = o.key
LEFT JOIN obligation_deadlines od ON od.obligation_key = o.key
LEFT JOIN deadlines dl ON dl.key = od.deadline_key""",
    "target_rows": """
SELECT t.issue_id, i.gazette, d.doc_number, d.title, d.date AS doc_date, t.indicator, t.comparator, t.value,
       t.unit AS measure, t.normalized_value, t.base_unit, t.year,
       CASE WHEN t.aspirational THEN 'true' ELSE 'false' END AS aspirational, t.text, t.page,
       i.source_path AS source
FROM targets t
JOIN issues i ON i.id = t.issue_id
JOIN documents d ON d.key = t.document_key""",
    "issue_rows": """
SELECT i.id AS issue_id, i.gazette, i.year, i.number, i.input_class, i.class_reasons, i.page_count,
       i.source_path AS source, (SELECT count(*) FROM documents d WHERE d.issue_id = i.id) AS documents,
       (SELECT count(*) FROM obligations o WHERE o.issue_id = i.id) AS obligations,
       (SELECT count(*) FROM issue_sources s WHERE s.issue_id = i.id) AS sources
FROM issues i""",
}


def create_views(con: sqlite3.Connection) -> None:
    have = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall())
    for name, body in VIEWS.items():
        sql = f"CREATE VIEW {name} AS{body}"
        if have.get(name) == sql:
            continue
        with con:
            con.execute(f"DROP VIEW IF EXISTS {name}")
            con.execute(sql)

-- normalise.sql: makes a fresh `ciipwb demo` workbook reproducible for the golden files.
-- Keys are random and the demo writes many rows in the same second, so rows made in the
-- same second would come out in random order. Every key becomes 1000 + the row's first
-- history step, and every time that step's minute from 2026-03-01 08:00.
CREATE TEMP TABLE step AS
  SELECT tbl, CAST(row_key AS INTEGER) AS old, 1000 + min(seq) AS new FROM history
  WHERE tbl <> 'workbook' GROUP BY tbl, row_key;
CREATE TEMP VIEW t AS SELECT tbl, old, new,
  strftime('%Y-%m-%dT%H:%M:%SZ', '2026-03-01 08:00:00', '+' || (new - 1000) || ' minutes') AS at
  FROM step;
UPDATE note SET group_id = (SELECT new FROM t WHERE tbl = 'breakout_group' AND old = group_id)
  WHERE group_id IS NOT NULL;
UPDATE session_log SET group_id = (SELECT new FROM t WHERE tbl = 'breakout_group'
  AND old = group_id) WHERE group_id IS NOT NULL;
UPDATE workbook SET current_group = NULL, updated = '2026-03-01T08:00:00Z';
UPDATE role SET stakeholder_id = (SELECT new FROM t WHERE tbl = 'stakeholder'
  AND old = stakeholder_id);
UPDATE action SET owner_id = (SELECT new FROM t WHERE tbl = 'stakeholder' AND old = owner_id)
  WHERE owner_id IS NOT NULL;
UPDATE relation SET from_id = (SELECT new FROM t WHERE tbl = 'stakeholder' AND old = from_id),
  to_id = (SELECT new FROM t WHERE tbl = 'stakeholder' AND old = to_id);
UPDATE breakout_group SET created = (SELECT at FROM t WHERE tbl = 'breakout_group' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'breakout_group' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'breakout_group' AND old = id);
UPDATE stakeholder SET created = (SELECT at FROM t WHERE tbl = 'stakeholder' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'stakeholder' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'stakeholder' AND old = id);
UPDATE note SET created = (SELECT at FROM t WHERE tbl = 'note' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'note' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'note' AND old = id);
UPDATE evidence SET created = (SELECT at FROM t WHERE tbl = 'evidence' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'evidence' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'evidence' AND old = id);
UPDATE action SET created = (SELECT at FROM t WHERE tbl = 'action' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'action' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'action' AND old = id);
UPDATE role SET created = (SELECT at FROM t WHERE tbl = 'role' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'role' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'role' AND old = id);
UPDATE relation SET created = (SELECT at FROM t WHERE tbl = 'relation' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'relation' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'relation' AND old = id);
UPDATE session_log SET created = (SELECT at FROM t WHERE tbl = 'session_log' AND old = id),
  updated = (SELECT at FROM t WHERE tbl = 'session_log' AND old = id),
  id = (SELECT new FROM t WHERE tbl = 'session_log' AND old = id);
UPDATE item SET updated = '2026-03-01T08:00:00Z';

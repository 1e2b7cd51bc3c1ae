/* wb_schema_list.h: the schema objects of every workbook version, made by the migrations. */
/* Generated: tests/test-wb-schema --print > src/wb_schema_list.h (never edit by hand). */
#define WB_SCHEMA_LIST_VERSION 6
static const struct wb_schema_obj wb__schema_objs[] = {
	{ "index", "action_owner", "action", UINT64_C(0x02b2ed85f6e631cc),
	    NULL, 1, 6 },
	{ "index", "action_ref", "action", UINT64_C(0xd3c4e726c44ad1fa),
	    NULL, 1, 6 },
	{ "index", "action_ref_due", "action", UINT64_C(0x25ee1f8660acd474),
	    NULL, 5, 6 },
	{ "index", "conflict_row", "conflict", UINT64_C(0xc90a14782daea612),
	    NULL, 6, 6 },
	{ "index", "evidence_ref", "evidence", UINT64_C(0xa2fd12810527bdd6),
	    NULL, 1, 6 },
	{ "index", "history_row", "history", UINT64_C(0xa64c1f86554423fe),
	    NULL, 6, 6 },
	{ "index", "history_session", "history", UINT64_C(0x8569d6c3f4224a3e),
	    NULL, 4, 6 },
	{ "index", "history_step", "history", UINT64_C(0x86b7d0120b6ac034),
	    NULL, 1, 6 },
	{ "index", "merge_seen_row", "merge_seen", UINT64_C(0x80232fa21a0536da),
	    NULL, 6, 6 },
	{ "index", "note_ref", "note", UINT64_C(0xc752342e9e2128fa),
	    NULL, 1, 6 },
	{ "index", "note_ref_order", "note", UINT64_C(0xb8abd550f4cdfa08),
	    NULL, 5, 6 },
	{ "index", "relation_from", "relation", UINT64_C(0x4f830c365eecda3a),
	    NULL, 1, 6 },
	{ "index", "relation_to", "relation", UINT64_C(0x1d552f2515bde288),
	    NULL, 1, 6 },
	{ "index", "role_one_accountable", "role", UINT64_C(0xd187c05f39158ea8),
	    NULL, 1, 6 },
	{ "index", "role_one_per_stakeholder", "role", UINT64_C(0xf515c76181e4e7d8),
	    NULL, 1, 6 },
	{ "index", "role_ref", "role", UINT64_C(0xec06c910d89d5c62),
	    NULL, 1, 6 },
	{ "index", "sqlite_autoindex_baseline_item_1", "baseline_item", UINT64_C(0x0000000000000000),
	    NULL, 6, 6 },
	{ "index", "sqlite_autoindex_history_1", "history", UINT64_C(0x0000000000000000),
	    NULL, 1, 6 },
	{ "index", "sqlite_autoindex_item_1", "item", UINT64_C(0x0000000000000000),
	    NULL, 1, 6 },
	{ "index", "sqlite_autoindex_scale_1", "scale", UINT64_C(0x0000000000000000),
	    NULL, 1, 6 },
	{ "index", "sqlite_autoindex_search_doc_1", "search_doc", UINT64_C(0x0000000000000000),
	    NULL, 1, 6 },
	{ "index", "stakeholder_name", "stakeholder", UINT64_C(0x3e3cf06bf062a192),
	    NULL, 5, 6 },
	{ "table", "action", "action", UINT64_C(0xb3bf29643efe3a6b),
	    "CREATE TABLE action( id INTEGER PRIMARY KEY, ref TEXT NOT NULL, title TE"
	    "XT NOT NULL, owner_id INTEGER REFERENCES stakeholder(id), due TEXT CHECK"
	    " (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	    " priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high','med"
	    "ium','low')), status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('ope"
	    "n','in_progress','done','dropped')), created TEXT NOT NULL DEFAULT '', u"
	    "pdated TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0 CHEC"
	    "K (deleted IN (0, 1)))", 1, 6 },
	{ "table", "baseline_item", "baseline_item", UINT64_C(0x13294251d2d0e9b1),
	    "CREATE TABLE baseline_item( ref TEXT PRIMARY KEY, current TEXT, target T"
	    "EXT, since TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '')", 6, 6 },
	{ "table", "breakout_group", "breakout_group", UINT64_C(0xe62836effe755e81),
	    "CREATE TABLE breakout_group( id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	    " created TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '', del"
	    "eted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)))", 1, 6 },
	{ "table", "conflict", "conflict", UINT64_C(0x1f0b6d016466a35b),
	    "CREATE TABLE conflict( id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_ke"
	    "y TEXT NOT NULL, ref TEXT NOT NULL DEFAULT '', field TEXT NOT NULL, kept"
	    " TEXT, kept_source TEXT NOT NULL DEFAULT '', kept_at TEXT NOT NULL DEFAU"
	    "LT '', other TEXT, other_source TEXT NOT NULL DEFAULT '', other_at TEXT "
	    "NOT NULL DEFAULT '', resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved"
	    " IN (0, 1, 2)), created TEXT NOT NULL DEFAULT '')", 6, 6 },
	{ "table", "evidence", "evidence", UINT64_C(0xf45812e1587f3dcc),
	    "CREATE TABLE evidence( id INTEGER PRIMARY KEY, ref TEXT NOT NULL, name T"
	    "EXT NOT NULL, location TEXT NOT NULL DEFAULT '', created TEXT NOT NULL D"
	    "EFAULT '', updated TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DE"
	    "FAULT 0 CHECK (deleted IN (0, 1)))", 1, 6 },
	{ "table", "follow", "follow", UINT64_C(0xa1b34313965cc574),
	    "CREATE TABLE follow( id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER "
	    "NOT NULL DEFAULT 0, host TEXT NOT NULL DEFAULT '', active INTEGER NOT NU"
	    "LL DEFAULT 0 CHECK (active IN (0, 1)), view TEXT NOT NULL DEFAULT '', re"
	    "f TEXT NOT NULL DEFAULT '', timer_heading TEXT NOT NULL DEFAULT '', time"
	    "r_length INTEGER NOT NULL DEFAULT 0, timer_spent INTEGER NOT NULL DEFAUL"
	    "T 0, timer_since INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL DEFAU"
	    "LT '')", 2, 6 },
	{ "table", "history", "history", UINT64_C(0xfe9fa4fb9e53d714),
	    "CREATE TABLE history( id INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQU"
	    "E, step INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL, label TEXT NOT NUL"
	    "L, tbl TEXT NOT NULL, row_key TEXT NOT NULL, before TEXT, after TEXT, un"
	    "done INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2)))", 1, 3 },
	{ "table", "history", "history", UINT64_C(0xcf3f5eeaf85a4547),
	    "CREATE TABLE history( id INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQU"
	    "E, step INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL, label TEXT NOT NUL"
	    "L, tbl TEXT NOT NULL, row_key TEXT NOT NULL, before TEXT, after TEXT, un"
	    "done INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2)), session INT"
	    "EGER NOT NULL DEFAULT 0)", 4, 6 },
	{ "table", "item", "item", UINT64_C(0x8c6345479a2f334f),
	    "CREATE TABLE item( ref TEXT PRIMARY KEY, current TEXT REFERENCES scale(c"
	    "ode), target TEXT REFERENCES scale(code), needs_review INTEGER NOT NULL "
	    "DEFAULT 0 CHECK (needs_review IN (0, 1)), consensus INTEGER NOT NULL DEF"
	    "AULT 0 CHECK (consensus IN (0, 1)), updated TEXT NOT NULL DEFAULT '')", 1, 6 },
	{ "table", "merge_log", "merge_log", UINT64_C(0x2cddb53f3a867d43),
	    "CREATE TABLE merge_log( id INTEGER PRIMARY KEY, source TEXT NOT NULL, ti"
	    "tle TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, added INTEGER NOT NULL D"
	    "EFAULT 0, changed INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL D"
	    "EFAULT 0, conflicts INTEGER NOT NULL DEFAULT 0)", 6, 6 },
	{ "table", "merge_seen", "merge_seen", UINT64_C(0x851ccd1a211e95e2),
	    "CREATE TABLE merge_seen( id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_"
	    "key TEXT NOT NULL, state TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '')", 6, 6 },
	{ "table", "note", "note", UINT64_C(0x883e173e621a1ebf),
	    "CREATE TABLE note( id INTEGER PRIMARY KEY, ref TEXT NOT NULL, body TEXT "
	    "NOT NULL, group_id INTEGER REFERENCES breakout_group(id), created TEXT N"
	    "OT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '', deleted INTEGER NO"
	    "T NULL DEFAULT 0 CHECK (deleted IN (0, 1)))", 1, 4 },
	{ "table", "note", "note", UINT64_C(0x31452f1fdfc56e8c),
	    "CREATE TABLE note( id INTEGER PRIMARY KEY, ref TEXT NOT NULL, body TEXT "
	    "NOT NULL, group_id INTEGER REFERENCES breakout_group(id), created TEXT N"
	    "OT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '', deleted INTEGER NO"
	    "T NULL DEFAULT 0 CHECK (deleted IN (0, 1)), seq INTEGER)", 5, 6 },
	{ "table", "relation", "relation", UINT64_C(0xb7d60bca2e3f2711),
	    "CREATE TABLE relation( id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL "
	    "REFERENCES stakeholder(id), to_id INTEGER NOT NULL REFERENCES stakeholde"
	    "r(id), kind TEXT NOT NULL CHECK (kind IN ('depends_on','coordinates_with"
	    "','reports_to')), created TEXT NOT NULL DEFAULT '', updated TEXT NOT NUL"
	    "L DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1"
	    ")))", 1, 6 },
	{ "table", "role", "role", UINT64_C(0x237ea539da9a02e2),
	    "CREATE TABLE role( id INTEGER PRIMARY KEY, stakeholder_id INTEGER NOT NU"
	    "LL REFERENCES stakeholder(id), ref TEXT NOT NULL, role TEXT NOT NULL CHE"
	    "CK (role IN ('responsible','accountable','consulted','informed')), creat"
	    "ed TEXT NOT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '', deleted I"
	    "NTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)))", 1, 6 },
	{ "table", "scale", "scale", UINT64_C(0x8a79d80b6067783c),
	    "CREATE TABLE scale( code TEXT PRIMARY KEY, position INTEGER NOT NULL, la"
	    "bel TEXT NOT NULL, is_stage INTEGER NOT NULL CHECK (is_stage IN (0, 1)),"
	    " deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)))", 1, 6 },
	{ "table", "search_doc", "search_doc", UINT64_C(0x42013eec6c9418b2),
	    "CREATE TABLE search_doc(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, src "
	    "INTEGER NOT NULL, ref TEXT, UNIQUE (kind, src))", 1, 6 },
	{ "table", "search_tri", "search_tri", UINT64_C(0x562c9585ef659945),
	    "CREATE VIRTUAL TABLE search_tri USING fts5(body, tokenize = 'trigram')", 1, 6 },
	{ "table", "search_tri_config", "search_tri_config", UINT64_C(0x4d0457cce9dd80ee),
	    "CREATE TABLE 'search_tri_config'(k PRIMARY KEY, v) WITHOUT ROWID", 1, 6 },
	{ "table", "search_tri_content", "search_tri_content", UINT64_C(0x3b7a6174b013f731),
	    "CREATE TABLE 'search_tri_content'(id INTEGER PRIMARY KEY, c0)", 1, 6 },
	{ "table", "search_tri_data", "search_tri_data", UINT64_C(0x3cc7838210e35cb1),
	    "CREATE TABLE 'search_tri_data'(id INTEGER PRIMARY KEY, block BLOB)", 1, 6 },
	{ "table", "search_tri_docsize", "search_tri_docsize", UINT64_C(0x3815e1e679ee438c),
	    "CREATE TABLE 'search_tri_docsize'(id INTEGER PRIMARY KEY, sz BLOB)", 1, 6 },
	{ "table", "search_tri_idx", "search_tri_idx", UINT64_C(0x86b2d9f503293b29),
	    "CREATE TABLE 'search_tri_idx'(segid, term, pgno, PRIMARY KEY(segid, term"
	    ")) WITHOUT ROWID", 1, 6 },
	{ "table", "search_word", "search_word", UINT64_C(0xa32a0636b2ac5a88),
	    "CREATE VIRTUAL TABLE search_word USING fts5(body, tokenize = 'unicode61 "
	    "remove_diacritics 2')", 1, 6 },
	{ "table", "search_word_config", "search_word_config", UINT64_C(0xd23cb99bd6d07b71),
	    "CREATE TABLE 'search_word_config'(k PRIMARY KEY, v) WITHOUT ROWID", 1, 6 },
	{ "table", "search_word_content", "search_word_content", UINT64_C(0x53f650c9eb07e7ec),
	    "CREATE TABLE 'search_word_content'(id INTEGER PRIMARY KEY, c0)", 1, 6 },
	{ "table", "search_word_data", "search_word_data", UINT64_C(0x5e7ae807b879e4ee),
	    "CREATE TABLE 'search_word_data'(id INTEGER PRIMARY KEY, block BLOB)", 1, 6 },
	{ "table", "search_word_docsize", "search_word_docsize", UINT64_C(0x5f6624cdc9396c03),
	    "CREATE TABLE 'search_word_docsize'(id INTEGER PRIMARY KEY, sz BLOB)", 1, 6 },
	{ "table", "search_word_idx", "search_word_idx", UINT64_C(0x7889a2bfaa5f186e),
	    "CREATE TABLE 'search_word_idx'(segid, term, pgno, PRIMARY KEY(segid, ter"
	    "m)) WITHOUT ROWID", 1, 6 },
	{ "table", "session_log", "session_log", UINT64_C(0x5fd42db4318850bb),
	    "CREATE TABLE session_log( id INTEGER PRIMARY KEY, group_id INTEGER REFER"
	    "ENCES breakout_group(id), heading TEXT NOT NULL, consensus INTEGER NOT N"
	    "ULL DEFAULT 0 CHECK (consensus IN (0, 1)), note TEXT NOT NULL DEFAULT ''"
	    ", at TEXT NOT NULL, created TEXT NOT NULL DEFAULT '', updated TEXT NOT N"
	    "ULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,"
	    " 1)))", 1, 1 },
	{ "table", "session_log", "session_log", UINT64_C(0x5c4a6d713b035d35),
	    "CREATE TABLE session_log( id INTEGER PRIMARY KEY, group_id INTEGER REFER"
	    "ENCES breakout_group(id), heading TEXT NOT NULL, consensus INTEGER NOT N"
	    "ULL DEFAULT 0 CHECK (consensus IN (0, 1)), note TEXT NOT NULL DEFAULT ''"
	    ", at TEXT NOT NULL, created TEXT NOT NULL DEFAULT '', updated TEXT NOT N"
	    "ULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,"
	    " 1)), started TEXT NOT NULL DEFAULT '', ended TEXT NOT NULL DEFAULT '', "
	    "seconds INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0))", 2, 6 },
	{ "table", "stakeholder", "stakeholder", UINT64_C(0xa667ebbb2b3df8fa),
	    "CREATE TABLE stakeholder( id INTEGER PRIMARY KEY, name TEXT NOT NULL, ca"
	    "tegory TEXT NOT NULL CHECK (category IN ('national_government','other_go"
	    "vernment','non_governmental','individual_citizens','international_partne"
	    "r')), contact TEXT NOT NULL DEFAULT '', responsibilities TEXT NOT NULL D"
	    "EFAULT '', influence INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN"
	    " 1 AND 5), interest INTEGER NOT NULL DEFAULT 3 CHECK (interest BETWEEN 1"
	    " AND 5), engagement TEXT NOT NULL DEFAULT 'neutral' CHECK (engagement IN"
	    " ('unaware','resistant','neutral','supportive','leading')), created TEXT"
	    " NOT NULL DEFAULT '', updated TEXT NOT NULL DEFAULT '', deleted INTEGER "
	    "NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)))", 1, 6 },
	{ "table", "undo_session", "undo_session", UINT64_C(0xa6aebfc6b87996e2),
	    "CREATE TABLE undo_session( id INTEGER PRIMARY KEY, closed TEXT)", 4, 6 },
	{ "table", "workbook", "workbook", UINT64_C(0x7d479bb9ec336ce1),
	    "CREATE TABLE workbook( id INTEGER PRIMARY KEY CHECK (id = 1), title TEXT"
	    " NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '', date_start TEXT "
	    "NOT NULL DEFAULT '', date_end TEXT NOT NULL DEFAULT '', venue TEXT NOT N"
	    "ULL DEFAULT '', facilitator TEXT NOT NULL DEFAULT '', current_group INTE"
	    "GER REFERENCES breakout_group(id), updated TEXT NOT NULL DEFAULT '')", 1, 6 },
	{ "trigger", "search_action_delete", "action", UINT64_C(0x6eca9b0f278ade5a),
	    NULL, 1, 6 },
	{ "trigger", "search_action_insert", "action", UINT64_C(0x840aa9d02a2943eb),
	    NULL, 1, 6 },
	{ "trigger", "search_action_update", "action", UINT64_C(0xac6db6c4543ebf82),
	    NULL, 1, 6 },
	{ "trigger", "search_evidence_delete", "evidence", UINT64_C(0xe866d7ccaf98d58d),
	    NULL, 1, 6 },
	{ "trigger", "search_evidence_insert", "evidence", UINT64_C(0xe7b7e3e95664cb9d),
	    NULL, 1, 6 },
	{ "trigger", "search_evidence_update", "evidence", UINT64_C(0x69df981876756fbe),
	    NULL, 1, 6 },
	{ "trigger", "search_note_delete", "note", UINT64_C(0x36c9445548664864),
	    NULL, 1, 6 },
	{ "trigger", "search_note_insert", "note", UINT64_C(0x3231fba1698e1e99),
	    NULL, 1, 6 },
	{ "trigger", "search_note_update", "note", UINT64_C(0xd04372962a2b2568),
	    NULL, 1, 6 },
	{ "trigger", "search_session_log_delete", "session_log", UINT64_C(0xb6e48c489655feca),
	    NULL, 1, 6 },
	{ "trigger", "search_session_log_insert", "session_log", UINT64_C(0x40eb7e2163779052),
	    NULL, 1, 6 },
	{ "trigger", "search_session_log_update", "session_log", UINT64_C(0xb03daebe2581acd4),
	    NULL, 1, 6 },
	{ "trigger", "search_stakeholder_delete", "stakeholder", UINT64_C(0x4692dafc5097507a),
	    NULL, 1, 6 },
	{ "trigger", "search_stakeholder_insert", "stakeholder", UINT64_C(0x85ff0a187a657c4e),
	    NULL, 1, 6 },
	{ "trigger", "search_stakeholder_update", "stakeholder", UINT64_C(0xd48342357514c4c6),
	    NULL, 1, 6 },
};

/*
 * store_migrations.c - the workbook's schema as the numbered migrations that make it, one per
 * format version; store.c runs them and store_schema.c builds from them the schema a file must
 * have.
 */
#include "store/store_internal.h"

#include "base/xmem.h"

/*
 * The numbered migrations: entry N-1 takes a workbook from user_version N-1 to N. Never edit a
 * released entry; append a new one.
 */
const char *const store_migrations[] = {
    /* 1: the workbook tables (the year range is period.h's PERIOD_YEAR_MIN..MAX, as released) */
    "CREATE TABLE unit_info ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) STRICT;"
    "CREATE TABLE years ("
    "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),"
    "  grid_area TEXT NOT NULL DEFAULT '全国',"
    "  gwp_set TEXT NOT NULL DEFAULT 'AR6',"
    "  created_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE year_info ("
    "  year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (year, key)) STRICT;"
    "CREATE TABLE inventory ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    "  source TEXT NOT NULL,"
    "  facility TEXT NOT NULL DEFAULT '',"
    "  location TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL,"
    "  UNIQUE (year, source, facility)) STRICT;"
    "CREATE TABLE activity ("
    "  id INTEGER PRIMARY KEY,"
    "  inventory_id INTEGER NOT NULL REFERENCES inventory(id) ON DELETE CASCADE,"
    "  period TEXT NOT NULL,"
    "  quantity REAL NOT NULL CHECK (quantity >= 0),"
    "  unit TEXT NOT NULL,"
    "  data_source TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (inventory_id, period)) STRICT;"
    "CREATE TABLE factors ("
    "  year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    "  source TEXT NOT NULL,"
    "  value REAL NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  ncv REAL NOT NULL DEFAULT 0,"
    "  ncv_unit TEXT,"
    "  cc REAL NOT NULL DEFAULT 0,"
    "  ox REAL NOT NULL DEFAULT 0,"
    "  coal REAL NOT NULL DEFAULT 0,"
    "  coal_unit TEXT,"
    "  density REAL NOT NULL DEFAULT 0,"
    "  source_text TEXT NOT NULL,"
    "  overridden INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (year, source)) STRICT;",

    /* 2: the edit log behind undo/redo; workbooks from version 1 start with an empty history */
    "CREATE TABLE edit_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  tbl TEXT NOT NULL,"
    "  row TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  old TEXT,"
    "  new TEXT) STRICT;"
    "CREATE INDEX activity_by_entry ON activity(inventory_id);",

    /*
     * 3: undo and redo (store_log.c). An action is what one transaction changed; its log rows
     * keep the images of each row before and after. Rows logged by version 2 have no action:
     * they stay as history and cannot be undone.
     */
    "CREATE TABLE edit_action ("                /* state: 0 done, 1 undone, 2 discarded */
    "  id INTEGER PRIMARY KEY,"
    "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2))) STRICT;"
    "CREATE INDEX edit_action_by_state ON edit_action(state, id);"
    "ALTER TABLE edit_log ADD COLUMN action INTEGER REFERENCES edit_action(id);"
    "ALTER TABLE edit_log ADD COLUMN kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1, 2));"
    "ALTER TABLE edit_log ADD COLUMN before_row TEXT;"
    "ALTER TABLE edit_log ADD COLUMN after_row TEXT;"
    "CREATE INDEX edit_log_by_action ON edit_log(action);",

    /*
     * 4: 不适用 (not applicable): a period in which a source does not run (heating in summer),
     * kept as a row of quantity 0 with na 1, so that it covers its months and counts as zero.
     */
    "ALTER TABLE activity ADD COLUMN na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1));",

    /*
     * 5: who made each action (store_log.c): the session of the program that wrote it, its
     * process id and what it was ("tui", "import" ...), so that undo takes a program's own
     * actions; older actions have none. pending_edit: the text a terminal workbook was typing
     * when a signal ended it, refused as it stood, kept to be offered when it opens next (one row).
     */
    "ALTER TABLE edit_action ADD COLUMN session INTEGER;"
    "ALTER TABLE edit_action ADD COLUMN pid INTEGER;"
    "ALTER TABLE edit_action ADD COLUMN program TEXT;"
    "CREATE TABLE pending_edit ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  year INTEGER NOT NULL,"
    "  step TEXT NOT NULL,"
    "  row INTEGER NOT NULL,"
    "  col INTEGER NOT NULL,"
    "  label TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  at TEXT NOT NULL) STRICT;",

    /*
     * 6: carbon performance (store_plan.c): every setting of the base period, kept so that its
     * history shows (003 §6.2.3), the latest in force; the targets; the measures plan.
     */
    "CREATE TABLE base_period ("
    "  id INTEGER PRIMARY KEY,"
    "  kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
    "  years TEXT NOT NULL,"
    "  moving_n INTEGER NOT NULL DEFAULT 0,"
    "  reason TEXT NOT NULL DEFAULT '',"
    "  set_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE target ("
    "  id INTEGER PRIMARY KEY,"
    "  parameter TEXT NOT NULL,"
    "  base TEXT,"
    "  target_year INTEGER NOT NULL CHECK (target_year BETWEEN 1990 AND 2100),"
    "  kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)),"
    "  value REAL NOT NULL,"
    "  preset TEXT,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL) STRICT;"
    "CREATE TABLE measure ("
    "  id INTEGER PRIMARY KEY,"
    "  catalog INTEGER NOT NULL DEFAULT 0,"
    "  name TEXT NOT NULL,"
    "  resources TEXT NOT NULL DEFAULT '',"
    "  owner TEXT NOT NULL DEFAULT '',"
    "  due TEXT NOT NULL DEFAULT '',"
    "  evaluation TEXT NOT NULL DEFAULT '',"
    "  expected_tco2e REAL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL) STRICT;",

    /*
     * 7: renewables, green power and offsets (store_neutral.c, 003 §7.3): the offsets claimed
     * for a year, each with its evidence; on-site renewables and green power bought by year and
     * period; the texts of the 碳中和计划 (year 0) and of each year's statement.
     */
    "CREATE TABLE offset_claim ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL,"
    "  type TEXT NOT NULL,"
    "  project TEXT NOT NULL DEFAULT '',"
    "  serial TEXT NOT NULL DEFAULT '',"
    "  registered TEXT NOT NULL DEFAULT '',"
    "  vintage INTEGER NOT NULL DEFAULT 0,"
    "  quantity_tco2e REAL NOT NULL,"
    "  quantity_mwh REAL NOT NULL DEFAULT 0,"
    "  cancelled TEXT NOT NULL DEFAULT '',"
    "  proof TEXT NOT NULL DEFAULT '',"
    "  used_elsewhere INTEGER NOT NULL DEFAULT 0,"
    "  registry TEXT NOT NULL DEFAULT '',"
    "  location TEXT NOT NULL DEFAULT '',"
    "  area_ha REAL NOT NULL DEFAULT 0,"
    "  species TEXT NOT NULL DEFAULT '',"
    "  period TEXT NOT NULL DEFAULT '',"
    "  disclosure TEXT NOT NULL DEFAULT '',"
    "  evidence TEXT NOT NULL DEFAULT '',"
    "  evidence_file TEXT NOT NULL DEFAULT '',"
    "  evidence_sha256 TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL) STRICT;"
    "CREATE TABLE renewable ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  period TEXT NOT NULL,"
    "  quantity REAL NOT NULL,"
    "  capacity_kw REAL NOT NULL DEFAULT 0,"
    "  evidence TEXT NOT NULL DEFAULT '',"
    "  evidence_file TEXT NOT NULL DEFAULT '',"
    "  evidence_sha256 TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (year, kind, period)) STRICT;"
    "CREATE TABLE neutral_text ("
    "  year INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (year, key)) STRICT;",

    /*
     * 8: the evaluations an assessor scores (store_assess.c): per year, evaluation ("zc" 零碳机关,
     * "maturity") and item, what was entered, its evidence, who entered it and when.
     */
    "CREATE TABLE assessment ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL,"
    "  eval TEXT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  value REAL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  evidence TEXT NOT NULL DEFAULT '',"
    "  evidence_file TEXT NOT NULL DEFAULT '',"
    "  evidence_sha256 TEXT NOT NULL DEFAULT '',"
    "  assessor TEXT NOT NULL DEFAULT '',"
    "  set_at TEXT NOT NULL,"
    "  UNIQUE (year, eval, code)) STRICT;",

    /*
     * 9: fast at any size (issue 17). activity_by_entry repeated the prefix of the UNIQUE
     * (inventory_id, period) index; inventory_by_position finds a year's last position without
     * reading all its entries (every added entry asks); edit_log is made again with kind checked
     * by BETWEEN, for which SQLite builds no temporary table on every insert as it did for IN.
     * A bulk import logs its new rows as one edit_log row (store_bulk.c), not a row each.
     */
    "DROP INDEX activity_by_entry;"
    "CREATE INDEX inventory_by_position ON inventory(year, position);"
    "CREATE TABLE edit_log_v9 ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  tbl TEXT NOT NULL,"
    "  row TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  old TEXT,"
    "  new TEXT,"
    "  action INTEGER REFERENCES edit_action(id),"
    "  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 2),"
    "  before_row TEXT,"
    "  after_row TEXT) STRICT;"
    "INSERT INTO edit_log_v9 SELECT id, at, tbl, row, field, old, new, action, kind, before_row, "
    "  after_row FROM edit_log;"
    "DROP TABLE edit_log;"
    "ALTER TABLE edit_log_v9 RENAME TO edit_log;"
    "CREATE INDEX edit_log_by_action ON edit_log(action);",
};

const int store_nmigrations = (int)nitems(store_migrations);

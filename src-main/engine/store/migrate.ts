// Brings a case database to the current schema: each step not yet applied runs once, in its own
// transaction, and bumps PRAGMA user_version. A case written by a newer Swarmscope is refused rather than
// misread.
import type { Database } from './sqlite';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { APPLICATION_ID, type Migration } from './migrations/migration';

export class CaseFormatError extends Error {
  override name = 'CaseFormatError';
}

function pragmaNumber(db: Database, pragma: string): number {
  return Number(db.exec(`PRAGMA ${pragma}`)[0]?.values[0]?.[0] ?? 0);
}

/** Applies the missing steps; returns the versions it applied (empty when the database was current). */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  let version: number;
  let applicationId: number;
  try {
    version = pragmaNumber(db, 'user_version');
    applicationId = pragmaNumber(db, 'application_id');
  } catch (e) {
    throw new CaseFormatError(`not a SQLite database: ${(e as Error).message}`);
  }
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    throw new CaseFormatError('this SQLite database is not a Swarmscope case (another application wrote it)');
  }
  if (version === 0) {
    const tables = Number(db.exec("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")[0].values[0][0]);
    if (tables > 0) throw new CaseFormatError('this SQLite database is not a Swarmscope case (it has tables but no case schema)');
  } else if (applicationId !== APPLICATION_ID) {
    throw new CaseFormatError('this SQLite database is not a Swarmscope case');
  }
  if (version > latest) {
    throw new CaseFormatError(
      `this case was saved by a newer Swarmscope (case schema version ${version}; this version reads up to ${latest}). ` +
        'Update Swarmscope to open it.',
    );
  }
  const applied: number[] = [];
  for (const step of migrations) {
    if (step.version <= version) continue;
    db.exec('BEGIN');
    try {
      if (step.sql) db.exec(step.sql);
      step.up?.(db);
      db.exec(`PRAGMA user_version = ${step.version}`);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw new Error(`case schema step ${step.version} (${step.name}) failed: ${(e as Error).message}`);
    }
    applied.push(step.version);
  }
  return applied;
}

export { SCHEMA_VERSION };

import fs from 'node:fs';
import path from 'node:path';
import { environment } from '../src/platform/environment';

/** SQLite under data/ by default (WAL journal); PostgreSQL when DATABASE_URL is set. */
export default () => {
  const env = environment();
  if (env.DATABASE_URL) {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env.DATABASE_URL,
          ssl: env.DATABASE_SSL ? { rejectUnauthorized: true } : false,
        },
        pool: { min: 0, max: env.DATABASE_POOL_MAX },
      },
    };
  }
  fs.mkdirSync(path.dirname(env.DATABASE_FILENAME), { recursive: true });
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: env.DATABASE_FILENAME },
      useNullAsDefault: true,
      pool: {
        // WAL lets readers run beside the one writer; NORMAL sync is durable at each checkpoint
        // and safe against corruption in WAL mode.
        afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
          try {
            conn.pragma('journal_mode = WAL');
            conn.pragma('synchronous = NORMAL');
            conn.pragma('busy_timeout = 5000');
            conn.pragma('foreign_keys = ON');
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    },
  };
};

type SqliteConnection = { pragma(statement: string): unknown };

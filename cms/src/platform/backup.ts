import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import knex, { type Knex } from 'knex';
import type { Environment } from './environment';
import { s3ClientOptions } from './uploads';
import { OWN_QUEUE_COLUMNS } from './leased-queue';

/**
 * `npm run backup` and `npm run restore` (cms/scripts/backup.js, restore.js). A backup is a folder:
 *
 * - `database.dump` (pg_dump's custom format) or `database.sqlite` (SQLite's online backup);
 * - `uploads/`: every uploaded file, from the local disk or the S3 bucket;
 * - `private-files/`: reply attachments on the local disk (PRIVATE_FILES_DIR), or `private-bucket/`:
 *   those in S3_PRIVATE_BUCKET when it is another bucket (otherwise they are uploads under private/);
 * - `manifest.json`: the row count of every table at the moment of the copy, and the files.
 *
 * Both copies are taken while the CMS runs. The counts are of the copy itself: on PostgreSQL they
 * are read in the exported snapshot pg_dump then dumps, on SQLite from the finished copy. A restore
 * goes into an empty database (or, with `replace`, over one), puts the files back, and checks every
 * count against the manifest: a backup that does not restore equal fails there, not on the day
 * it is needed.
 */
export interface Manifest {
  format: 1;
  createdAt: string;
  database: 'postgres' | 'sqlite';
  counts: Record<string, number>;
  uploads: { store: 'disk' | 's3'; files: { key: string; contentType?: string }[] };
  /** Private files on disk (PRIVATE_FILES_DIR); on S3 they are among the uploads, under private/. */
  privateFiles: string[];
  /** The objects of S3_PRIVATE_BUCKET, when private files have a bucket of their own. */
  privateBucket?: { key: string; contentType?: string }[];
}

const run = promisify(execFile);

/** cms/public/uploads: where Strapi's local provider keeps files. */
export function localUploadsDir(): string {
  const parts = __dirname.split(path.sep);
  return path.join(parts.slice(0, parts.lastIndexOf('cms') + 1).join(path.sep), 'public', 'uploads');
}

function connect(env: Environment): Knex {
  return env.DATABASE_URL
    ? knex({ client: 'pg', connection: env.DATABASE_URL, pool: { min: 0, max: 1 } })
    : knex({
        client: 'better-sqlite3',
        connection: { filename: env.DATABASE_FILENAME },
        useNullAsDefault: true,
      });
}

async function tableNames(db: Knex): Promise<string[]> {
  if (db.client.config.client === 'pg') {
    const { rows } = await db.raw<{ rows: { tablename: string }[] }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
    );
    return rows.map((r) => r.tablename);
  }
  const rows = await db.raw<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return rows.map((r) => r.name);
}

/** Every table's row count, read through `db` (a transaction reads one snapshot). */
export async function countRows(db: Knex | Knex.Transaction): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tableNames(db as Knex)) {
    const [{ count }] = (await db(table).count({ count: '*' })) as { count: string | number }[];
    counts[table] = Number(count);
  }
  return counts;
}

const s3 = (env: Environment) => new S3Client(s3ClientOptions(env));

async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(full, base)));
    else if (entry.isFile() && entry.name !== '.gitkeep') files.push(path.relative(base, full));
  }
  return files.sort();
}

/** Every object of a bucket, written under `to` by key. */
async function downloadBucket(client: S3Client, bucket: string, to: string) {
  const files: Manifest['uploads']['files'] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      if (!Key || Key.endsWith('/')) continue;
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      const file = path.join(to, Key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, await object.Body!.transformToByteArray());
      files.push({ key: Key, contentType: object.ContentType });
    }
    token = page.NextContinuationToken;
  } while (token);
  return files;
}

/** Puts the files back into a bucket; private ones (under private/, or all) never come back public. */
async function uploadObjects(
  env: Environment,
  client: S3Client,
  bucket: string,
  from: string,
  files: Manifest['uploads']['files'],
  allPrivate = false,
) {
  for (const { key, contentType } of files) {
    const isPrivate = allPrivate || key.startsWith('private/');
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: await fs.readFile(path.join(from, key)),
        ContentType: contentType,
        ...(env.S3_ACL === 'none' ? {} : { ACL: isPrivate ? 'private' : env.S3_ACL }),
      }),
    );
  }
}

/** S3_PRIVATE_BUCKET when it names a bucket of its own; else private files are uploads too. */
const ownPrivateBucket = (env: Environment) =>
  env.S3_BUCKET && env.S3_PRIVATE_BUCKET && env.S3_PRIVATE_BUCKET !== env.S3_BUCKET
    ? env.S3_PRIVATE_BUCKET
    : null;

async function backupUploads(env: Environment, to: string, uploadsDir: string): Promise<Manifest['uploads']> {
  await fs.mkdir(to, { recursive: true });
  if (!env.S3_BUCKET) {
    const keys = await filesUnder(uploadsDir);
    for (const key of keys) {
      await fs.mkdir(path.dirname(path.join(to, key)), { recursive: true });
      await fs.copyFile(path.join(uploadsDir, key), path.join(to, key));
    }
    return { store: 'disk', files: keys.map((key) => ({ key })) };
  }
  const client = s3(env);
  try {
    return { store: 's3', files: await downloadBucket(client, env.S3_BUCKET, to) };
  } finally {
    client.destroy();
  }
}

/** Copies every file under `from` to `to`, keeping paths; private files keep mode 0600. */
async function copyTree(from: string, to: string, keys: string[]) {
  for (const key of keys) {
    await fs.mkdir(path.dirname(path.join(to, key)), { recursive: true });
    await fs.copyFile(path.join(from, key), path.join(to, key));
    await fs.chmod(path.join(to, key), 0o600);
  }
}

async function restoreUploads(env: Environment, from: string, manifest: Manifest, uploadsDir: string) {
  if (!env.S3_BUCKET) {
    for (const { key } of manifest.uploads.files) {
      await fs.mkdir(path.dirname(path.join(uploadsDir, key)), { recursive: true });
      await fs.copyFile(path.join(from, key), path.join(uploadsDir, key));
    }
    return;
  }
  const client = s3(env);
  try {
    await uploadObjects(env, client, env.S3_BUCKET, from, manifest.uploads.files);
  } finally {
    client.destroy();
  }
}

export interface BackupOptions {
  /** The folder to write; it must not exist yet. */
  to: string;
  uploadsDir?: string;
}

export async function backup(env: Environment, options: BackupOptions): Promise<Manifest> {
  await fs.mkdir(options.to, { recursive: false });
  const uploads = await backupUploads(
    env,
    path.join(options.to, 'uploads'),
    options.uploadsDir ?? localUploadsDir(),
  );
  // Taken before the database: a file stored after this has no row in the copy either, and a
  // row copied later names a file that is here (attachments are stored before their row).
  const privateFiles = env.S3_BUCKET ? [] : await filesUnder(env.PRIVATE_FILES_DIR);
  await copyTree(env.PRIVATE_FILES_DIR, path.join(options.to, 'private-files'), privateFiles);
  const privateBucketName = ownPrivateBucket(env);
  let privateBucket: Manifest['privateBucket'];
  if (privateBucketName) {
    const client = s3(env);
    try {
      privateBucket = await downloadBucket(
        client,
        privateBucketName,
        path.join(options.to, 'private-bucket'),
      );
    } finally {
      client.destroy();
    }
  }
  let counts: Record<string, number>;
  if (env.DATABASE_URL) {
    // One snapshot for the counts and the dump: exported by this transaction, read by pg_dump.
    const db = connect(env);
    try {
      counts = await db.transaction(
        async (trx) => {
          const { rows } = await trx.raw<{ rows: { snapshot: string }[] }>(
            'SELECT pg_export_snapshot() AS snapshot',
          );
          const counted = await countRows(trx);
          await run('pg_dump', [
            '--format=custom',
            '--no-owner',
            '--no-privileges',
            `--snapshot=${rows[0].snapshot}`,
            `--file=${path.join(options.to, 'database.dump')}`,
            `--dbname=${env.DATABASE_URL}`,
          ]);
          return counted;
        },
        { isolationLevel: 'repeatable read' },
      );
    } finally {
      await db.destroy();
    }
  } else {
    const file = path.join(options.to, 'database.sqlite');
    await fs.access(env.DATABASE_FILENAME); // knex would create an empty database
    // better-sqlite3's online backup, through knex's connection: pages are copied while the CMS writes.
    const source = connect(env);
    try {
      const connection = (await source.client.acquireConnection()) as {
        backup(file: string): Promise<unknown>;
      };
      try {
        await connection.backup(file);
      } finally {
        await source.client.releaseConnection(connection);
      }
    } finally {
      await source.destroy();
    }
    const copy = connect({ ...env, DATABASE_FILENAME: file });
    try {
      counts = await countRows(copy);
    } finally {
      await copy.destroy();
    }
  }
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: env.DATABASE_URL ? 'postgres' : 'sqlite',
    counts,
    uploads,
    privateFiles,
    ...(privateBucket ? { privateBucket } : {}),
  };
  await fs.writeFile(path.join(options.to, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface RestoreOptions {
  from: string;
  /** Restore over a database that has tables (they are replaced). */
  replace?: boolean;
  uploadsDir?: string;
}

/** The tables whose counts differ from the manifest's; empty when the restore is equal. */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const tables = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...tables]
    .filter((t) => expected[t] !== actual[t])
    .map((t) => `${t}: ${expected[t] ?? 'saknas/missing'} → ${actual[t] ?? 'saknas/missing'}`);
}

/**
 * Leases in a restored queue were held by processes of the server the backup was taken on, which
 * do not work on this database: without this, its rows would wait out the lease (minutes) first.
 */
async function releaseLeases(db: Knex) {
  const column = OWN_QUEUE_COLUMNS.lockedUntil;
  for (const table of await tableNames(db)) {
    if (await db.schema.hasColumn(table, column))
      await db(table)
        .whereNotNull(column)
        .update({ [column]: null });
  }
}

export async function restore(env: Environment, options: RestoreOptions): Promise<Manifest> {
  const manifest = JSON.parse(
    await fs.readFile(path.join(options.from, 'manifest.json'), 'utf8'),
  ) as Manifest;
  const target = env.DATABASE_URL ? 'postgres' : 'sqlite';
  if (manifest.database !== target) {
    throw new Error(`The backup is of ${manifest.database}, the configured database is ${target}`);
  }
  // Checked before anything is written: a restore stopped halfway is worse than none.
  if (manifest.privateBucket && !(env.S3_PRIVATE_BUCKET ?? env.S3_BUCKET)) {
    throw new Error('The backup has a private bucket of its own: set S3_PRIVATE_BUCKET (or S3_BUCKET)');
  }
  if (target === 'postgres') {
    const db = connect(env);
    try {
      const tables = await tableNames(db);
      if (tables.length > 0 && !options.replace) {
        throw new Error(
          `The database has ${tables.length} tables: restore into an empty one, or pass --replace`,
        );
      }
    } finally {
      await db.destroy();
    }
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      ...(options.replace ? ['--clean', '--if-exists'] : []),
      `--dbname=${env.DATABASE_URL}`,
      path.join(options.from, 'database.dump'),
    ]);
  } else {
    const exists = await fs.stat(env.DATABASE_FILENAME).then(
      () => true,
      () => false,
    );
    if (exists && !options.replace) {
      throw new Error(`${env.DATABASE_FILENAME} exists: restore to a new file, or pass --replace`);
    }
    await fs.mkdir(path.dirname(env.DATABASE_FILENAME), { recursive: true });
    for (const suffix of ['', '-wal', '-shm'])
      await fs.rm(`${env.DATABASE_FILENAME}${suffix}`, { force: true });
    await fs.copyFile(path.join(options.from, 'database.sqlite'), env.DATABASE_FILENAME);
  }
  await restoreUploads(
    env,
    path.join(options.from, 'uploads'),
    manifest,
    options.uploadsDir ?? localUploadsDir(),
  );
  await copyTree(
    path.join(options.from, 'private-files'),
    env.PRIVATE_FILES_DIR,
    manifest.privateFiles ?? [],
  );
  if (manifest.privateBucket) {
    // Into the restore's own private bucket, or its one bucket: the keys keep their private/ prefix.
    const bucket = (env.S3_PRIVATE_BUCKET ?? env.S3_BUCKET)!;
    const client = s3(env);
    try {
      await uploadObjects(
        env,
        client,
        bucket,
        path.join(options.from, 'private-bucket'),
        manifest.privateBucket,
        true,
      );
    } finally {
      client.destroy();
    }
  }

  const db = connect(env);
  try {
    const differences = countDifferences(manifest.counts, await countRows(db));
    if (differences.length > 0)
      throw new Error(`The restored database differs from the backup:\n${differences.join('\n')}`);
    await releaseLeases(db);
  } finally {
    await db.destroy();
  }
  return manifest;
}

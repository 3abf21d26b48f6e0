import type { Core } from '@strapi/strapi';
import type { RegisteredContact } from '../mail/mails';
import { CONTACT, NETWORK_CONTACT } from '../platform/content-types';
import type { OwnIndex } from '../platform/own-tables';

/**
 * The register's contacts as the intake reads them: one per person, found by normalised e-mail.
 * Read and written through the query engine: the input is already validated by the shared
 * schemas and serialised per address, and this is the intake's hot path.
 */

/**
 * People are found by address everywhere: the intake's fold, a reply's sender, a complaint, the
 * purge and erasure. Without these, each lookup reads the whole table on PostgreSQL (SQLite makes
 * itself a temporary index for a join, never for a single lookup).
 */
export const PERSON_ADDRESS_INDEXES: readonly OwnIndex[] = [
  { uid: CONTACT, fields: ['email'] },
  { uid: NETWORK_CONTACT, fields: ['email'] },
];

export type ContactRow = RegisteredContact & {
  id: number;
  moveStatus: string;
  firstRespondedAt: string | null;
};

export async function findContact(strapi: Core.Strapi, email: string): Promise<ContactRow | null> {
  return (await strapi.db.query(CONTACT).findOne({ where: { email } })) as ContactRow | null;
}

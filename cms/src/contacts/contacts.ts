import type { Core } from '@strapi/strapi';
import type { RegisteredContact } from '../mail/mails';
import { CONTACT } from '../platform/content-types';

/**
 * The register's contacts as the intake reads them: one per person, found by normalised e-mail.
 * Read and written through the query engine: the input is already validated by the shared
 * schemas and serialised per address, and this is the intake's hot path.
 */

export type ContactRow = RegisteredContact & {
  id: number;
  moveStatus: string;
  firstRespondedAt: string | null;
};

export async function findContact(strapi: Core.Strapi, email: string): Promise<ContactRow | null> {
  return (await strapi.db.query(CONTACT).findOne({ where: { email } })) as ContactRow | null;
}

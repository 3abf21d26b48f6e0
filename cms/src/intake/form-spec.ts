import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import type { FieldMessages, FormEncoding, Locale, PortalSection } from '@tasteget/shared';
import { recordUse, type ChallengeVerdict, type Proof, type ProofCheck } from './challenge';

/** What a portal form is (its shared schema, messages and encoding) and what it does once valid. */
export interface PortalFormSpec<S extends z.ZodType> {
  schema: S;
  messages: FieldMessages;
  encoding: FormEncoding;
  /** The portal page the form is on, where a page posted without JavaScript leads back to. */
  page: PortalSection;
  /**
   * The action records the proof of work itself, in the same step as its effect
   * (`insertWithProof`): the form is then spent exactly when it took effect. Otherwise the form
   * path records it before the action.
   */
  spendsProofItself?: boolean;
}

/** What a valid form does; `proof` is already spent unless the spec says it spends it itself. */
export type FormAction<S extends z.ZodType> = (
  input: z.output<S>,
  language: Locale,
  proof: Proof,
) => Promise<void>;

/** A checked proof before the action: refused, or admitted (and recorded, unless the action records it). */
export async function admitProof<S extends z.ZodType>(
  strapi: Core.Strapi,
  spec: PortalFormSpec<S>,
  check: ProofCheck,
): Promise<{ verdict: Exclude<ChallengeVerdict, 'ok'> } | { verdict: 'ok'; proof: Proof }> {
  if (check.verdict !== 'ok') return check;
  if (!spec.spendsProofItself && (await recordUse(strapi, check.proof)) === 'reused')
    return { verdict: 'reused' };
  return check;
}

import { z } from 'zod';

/**
 * How the parts read their environment variables: one spelling of a flag, one SMTP relay. The CMS
 * (its register mail) and the newsletter sender read the same SMTP_* variables with the same
 * schema, so the two transports cannot disagree about a relay.
 */

/** true/false, 1/0 or yes/no. */
export const envFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envPort = z.coerce.number().int().min(1).max(65535);

/** The SMTP relay; the defaults reach the local mail catcher. */
export const SMTP_VARIABLES = {
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: envPort.default(1025),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: envFlag.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
};
export type SmtpVariables = z.output<z.ZodObject<typeof SMTP_VARIABLES>>;

/** nodemailer's connection options for the relay. */
export function smtpConnection(smtp: SmtpVariables) {
  return {
    host: smtp.SMTP_HOST,
    port: smtp.SMTP_PORT,
    secure: smtp.SMTP_SECURE,
    auth: smtp.SMTP_USER ? { user: smtp.SMTP_USER, pass: smtp.SMTP_PASS ?? '' } : undefined,
  };
}

/**
 * Parses the variables a schema knows (an empty one counts as unset), or throws one error that
 * names every invalid variable under `title`.
 */
export function parseVariables<S extends z.ZodObject>(
  schema: S,
  source: Record<string, string | undefined>,
  title: string,
): z.output<S> {
  const set = Object.fromEntries(
    Object.keys(schema.shape).flatMap((name) => (source[name] ? [[name, source[name]]] : [])),
  );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    throw new Error(
      `${title}:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

import { startDovecot } from '../../scripts/lib/dovecot.mjs';

/** Debian's Dovecot for the inbound mail tests (scripts/lib/dovecot.mjs, shared with bench:inbound). */
export { startDovecot };
export type TestDovecot = Awaited<ReturnType<typeof startDovecot>>;

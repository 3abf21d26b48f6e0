import escapeHtml from 'escape-html';
import { MUNICIPALITIES, TOPICS, type Label, type Locale } from '@tasteget/shared';
import type { Preferences } from '../contacts/preferences';
import { pageShell } from './page-shell';

/**
 * The preference centre's page: a plain form that works without JavaScript and without a login
 * (the token in its address says whose it is). The address shows masked, in case a link was
 * forwarded.
 */
const TEXTS = {
  title: { sv: 'Dina nyhetsbrev', en: 'Your newsletters' },
  intro: {
    sv: 'Här väljer du vad Ta Steget skickar till',
    en: 'Here you choose what Ta Steget sends to',
  },
  newsletters: { sv: 'Nyhetsbrev', en: 'Newsletters' },
  topics: { sv: 'Ämnen du vill läsa om', en: 'Topics you would like to read about' },
  municipalities: { sv: 'Kommuner du vill följa', en: 'Municipalities you would like to follow' },
  language: { sv: 'Språk', en: 'Language' },
  save: { sv: 'Spara', en: 'Save' },
  leaveAll: { sv: 'Avsluta alla nyhetsbrev', en: 'Leave all newsletters' },
  saved: { sv: 'Dina val är sparade.', en: 'Your choices are saved.' },
  savedNone: {
    sv: 'Dina val är sparade. Du får inga nyhetsbrev från Ta Steget nu.',
    en: 'Your choices are saved. You now get no newsletters from Ta Steget.',
  },
  invalid: {
    sv: 'Formuläret kunde inte läsas, så inget ändrades. Välj igen och spara.',
    en: 'The form could not be read, so nothing changed. Choose again and save.',
  },
  leftAll: {
    sv: 'Du får inga fler nyhetsbrev eller inbjudningar från Ta Steget.',
    en: 'You will receive no more newsletters or invitations from Ta Steget.',
  },
} satisfies Record<string, Label>;

const LANGUAGES: Record<Locale, Label> = {
  sv: { sv: 'Svenska', en: 'Swedish' },
  en: { sv: 'Engelska', en: 'English' },
};

export function maskedEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

function choices(
  name: string,
  legend: string,
  options: { value: string; label: string; checked: boolean }[],
  type: 'checkbox' | 'radio' = 'checkbox',
): string {
  const e = escapeHtml;
  const items = options
    .map(
      (o) =>
        `<div><input type="${type}" id="${e(`${name}-${o.value}`)}" name="${e(name)}" value="${e(o.value)}"${o.checked ? ' checked' : ''}> <label for="${e(`${name}-${o.value}`)}">${e(o.label)}</label></div>`,
    )
    .join('');
  return `<fieldset><legend>${e(legend)}</legend>${items}</fieldset>`;
}

/** After a save: `saved-none` when no newsletter is left ticked, which leaves them all. */
export type PreferencesOutcome = 'saved' | 'saved-none' | 'left-all' | 'invalid';

const OUTCOME_TEXTS: Record<PreferencesOutcome, Label> = {
  saved: TEXTS.saved,
  'saved-none': TEXTS.savedNone,
  'left-all': TEXTS.leftAll,
  invalid: TEXTS.invalid,
};

export function preferencesPage(prefs: Preferences, action: string, outcome?: PreferencesOutcome): string {
  const l = prefs.language;
  const e = escapeHtml;
  const role = outcome === 'invalid' ? 'alert' : 'status';
  const notice = outcome ? `<p role="${role}"><strong>${e(OUTCOME_TEXTS[outcome][l])}</strong></p>` : '';
  const newsletters = choices(
    'newsletters',
    TEXTS.newsletters[l],
    prefs.newsletters.map((n) => {
      const name = (l === 'en' && n.nameEn) || n.name;
      const description = (l === 'en' && n.descriptionEn) || n.description;
      return { value: n.slug, label: description ? `${name} – ${description}` : name, checked: n.receiving };
    }),
  );
  const topics = choices(
    'interests',
    TEXTS.topics[l],
    TOPICS.values.map((t) => ({
      value: t,
      label: TOPICS.labels[t][l],
      checked: prefs.interests.includes(t),
    })),
  );
  const municipalities = choices(
    'municipalities',
    TEXTS.municipalities[l],
    MUNICIPALITIES.map((m) => ({
      value: m.slug,
      label: m.name,
      checked: prefs.municipalities.includes(m.slug),
    })),
  );
  const language = choices(
    'language',
    TEXTS.language[l],
    (['sv', 'en'] as const).map((code) => ({
      value: code,
      label: LANGUAGES[code][l],
      checked: prefs.language === code,
    })),
    'radio',
  );
  const form = `<form method="post" action="${e(action)}">${newsletters}${topics}${municipalities}${language}
<p><button type="submit" name="action" value="save">${e(TEXTS.save[l])}</button></p>
<p><button type="submit" name="action" value="leave-all">${e(TEXTS.leaveAll[l])}</button></p></form>`;
  return pageShell(
    l,
    TEXTS.title[l],
    `${notice}<p>${e(TEXTS.intro[l])} ${e(maskedEmail(prefs.email))}.</p>${form}`,
  );
}

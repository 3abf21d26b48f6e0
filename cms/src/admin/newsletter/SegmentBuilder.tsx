import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import {
  CONTACT_STATUSES,
  COUNTY_TIES,
  LOCALES,
  MUNICIPALITIES,
  NETWORK_KINDS,
  TOPICS,
  describeSegment,
  safeParseSegment,
  type Label,
  type Locale,
} from '@tasteget/shared/browser';
import { NEWSLETTER } from '../../platform/content-types';
import { useAdminLocale } from '../workspace/labels';

/**
 * The segment builder ("Urval") of the campaign's side panel: conditions picked from lists, the
 * segment in a plain sentence, and its problems in the user's language. It writes the campaign's
 * `segment` field of the Content Manager's form (hidden from the edit view: nobody types JSON); the
 * server validates it with the same shared schema when it counts and when it sends.
 */
type Condition = Record<string, unknown> & { kind: Kind };
type Draft = { match: 'all' | 'any'; conditions: Condition[] };

const KINDS = {
  municipality: { sv: 'Kommun av intresse', en: 'Municipality of interest' },
  topics: { sv: 'Ämnen', en: 'Topics' },
  moveStatus: { sv: 'Flyttstatus', en: 'Move status' },
  countyTie: { sv: 'Band till länet', en: 'Tie to the county' },
  hasChildren: { sv: 'Barn i hushållet', en: 'Children in the household' },
  language: { sv: 'Språk', en: 'Language' },
  registered: { sv: 'Registrerad mellan', en: 'Registered between' },
  hasMoved: { sv: 'Har flyttat hit', en: 'Has moved here' },
  // The two told apart: the campaign's own newsletter (yes or no), or any of those chosen.
  subscriptionConfirmed: {
    sv: 'Prenumererar på utskickets nyhetsbrev',
    en: "Subscribes to the campaign's newsletter",
  },
  newsletter: { sv: 'Prenumererar på något av nyhetsbreven', en: 'Subscribes to any of the newsletters' },
  networkKind: { sv: 'Typ av nätverkskontakt', en: 'Kind of network contact' },
} satisfies Record<string, Label>;
type Kind = keyof typeof KINDS;

const TEXTS = {
  match: { sv: 'Mottagarna ska uppfylla', en: 'Recipients must meet' },
  all: { sv: 'alla villkor', en: 'all conditions' },
  any: { sv: 'minst ett villkor', en: 'at least one condition' },
  add: { sv: 'Lägg till villkor', en: 'Add a condition' },
  remove: { sv: 'Ta bort villkoret', en: 'Remove the condition' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  from: { sv: 'Från och med', en: 'From' },
  to: { sv: 'Till och med', en: 'Until' },
  unspecified: { sv: 'Även de som inte valt kommun', en: 'Also those who chose no municipality' },
  frozen: { sv: 'Urval (låst sedan utskicket startade)', en: 'Segment (locked since sending started)' },
} satisfies Record<string, Label>;
const LANGUAGE_NAMES: Record<Locale, Label> = {
  sv: { sv: 'Svenska', en: 'Swedish' },
  en: { sv: 'Engelska', en: 'English' },
};

type Newsletter = { slug: string; name: string; nameEn: string | null };

/** The newsletters a `newsletter` condition can name, from the Content Manager (guides may read them). */
function useNewsletters(): Newsletter[] {
  const { get } = useFetchClient();
  const [newsletters, setNewsletters] = useState<Newsletter[]>([]);
  useEffect(() => {
    let cancelled = false;
    get<{ results: Newsletter[] }>(`/content-manager/collection-types/${NEWSLETTER}`, {
      params: { page: 1, pageSize: 100, sort: 'name:ASC' },
    })
      .then(({ data }) => {
        if (!cancelled) setNewsletters(data.results);
      })
      .catch(() => {
        // Without the list the condition offers no choices; the count still shows the problem.
      });
    return () => {
      cancelled = true;
    };
  }, [get]);
  return newsletters;
}

const newsletterName = (n: Newsletter, l: Locale) => (l === 'en' && n.nameEn ? n.nameEn : n.name);

/** The choices of a list condition, in the user's language. */
function choicesOf(kind: Kind, l: Locale, newsletters: Newsletter[]): { value: string; label: string }[] {
  switch (kind) {
    case 'newsletter':
      return newsletters.map((n) => ({ value: n.slug, label: newsletterName(n, l) }));
    case 'networkKind':
      return NETWORK_KINDS.values.map((k) => ({ value: k, label: NETWORK_KINDS.labels[k][l] }));
    case 'municipality':
      return MUNICIPALITIES.map((m) => ({ value: m.slug, label: m.name }));
    case 'topics':
      return TOPICS.values.map((t) => ({ value: t, label: TOPICS.labels[t][l] }));
    case 'moveStatus':
      return CONTACT_STATUSES.values.map((s) => ({ value: s, label: CONTACT_STATUSES.labels[s][l] }));
    case 'countyTie':
      return COUNTY_TIES.values.map((t) => ({ value: t, label: COUNTY_TIES.labels[t][l] }));
    case 'language':
      return LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code][l] }));
    default:
      return [];
  }
}

const BOOLEAN_KINDS: Kind[] = ['hasChildren', 'hasMoved', 'subscriptionConfirmed'];

function fresh(kind: Kind): Condition {
  if (BOOLEAN_KINDS.includes(kind)) return { kind, value: true };
  if (kind === 'registered') return { kind };
  return { kind, anyOf: [] };
}

/** What is stored, read leniently: the builder shows even a segment it would not have made. */
function draftOf(value: unknown): Draft {
  const v = (typeof value === 'string' ? safeJson(value) : value) as Partial<Draft> | null;
  return {
    match: v?.match === 'any' ? 'any' : 'all',
    conditions: Array.isArray(v?.conditions)
      ? v.conditions.filter(
          (c): c is Condition => typeof c === 'object' && c !== null && (c as Condition).kind in KINDS,
        )
      : [],
  };
}
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function ConditionEditor({
  condition,
  index,
  l,
  newsletters,
  onChange,
  onRemove,
}: {
  condition: Condition;
  index: number;
  l: Locale;
  newsletters: Newsletter[];
  onChange: (next: Condition) => void;
  onRemove: () => void;
}) {
  const kind = condition.kind;
  const anyOf = Array.isArray(condition.anyOf) ? (condition.anyOf as string[]) : [];
  const toggle = (value: string, on: boolean) =>
    onChange({ ...condition, anyOf: on ? [...anyOf, value] : anyOf.filter((v) => v !== value) });
  return (
    <Box
      padding={3}
      background="neutral100"
      hasRadius
      aria-label={`${index + 1}. ${KINDS[kind][l]}`}
      role="group"
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="omega" fontWeight="bold">
          {index + 1}. {KINDS[kind][l]}
        </Typography>
        {choicesOf(kind, l, newsletters).map((choice) => (
          <Checkbox
            key={choice.value}
            checked={anyOf.includes(choice.value)}
            onCheckedChange={(on: boolean | 'indeterminate') => toggle(choice.value, on === true)}
          >
            {choice.label}
          </Checkbox>
        ))}
        {kind === 'municipality' ? (
          <Checkbox
            checked={condition.includeUnspecified === true}
            onCheckedChange={(on: boolean | 'indeterminate') =>
              onChange({ ...condition, includeUnspecified: on === true ? true : undefined })
            }
          >
            {TEXTS.unspecified[l]}
          </Checkbox>
        ) : null}
        {BOOLEAN_KINDS.includes(kind) ? (
          <Field.Root name={`condition-${index}-value`}>
            <Field.Label>{KINDS[kind][l]}</Field.Label>
            <SingleSelect
              value={condition.value === false ? 'no' : 'yes'}
              onChange={(v: string | number) => onChange({ ...condition, value: v === 'yes' })}
            >
              <SingleSelectOption value="yes">{TEXTS.yes[l]}</SingleSelectOption>
              <SingleSelectOption value="no">{TEXTS.no[l]}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        ) : null}
        {kind === 'registered'
          ? (['from', 'to'] as const).map((end) => (
              <Field.Root key={end} name={`condition-${index}-${end}`}>
                <Field.Label>{TEXTS[end][l]}</Field.Label>
                <TextInput
                  type="date"
                  value={typeof condition[end] === 'string' ? (condition[end] as string) : ''}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                    onChange({ ...condition, [end]: e.target.value || undefined })
                  }
                />
              </Field.Root>
            ))
          : null}
        <Box>
          <Button type="button" variant="danger-light" size="S" onClick={onRemove}>
            {TEXTS.remove[l]}
          </Button>
        </Box>
      </Flex>
    </Box>
  );
}

/**
 * `readOnly` once the campaign has left its draft: its recipients are frozen and the server
 * refuses a changed segment, so the builder shows the sentence and no controls.
 */
export function SegmentBuilder({ readOnly = false }: { readOnly?: boolean }) {
  const l = useAdminLocale();
  const stored = useForm('SegmentBuilder', (s) => (s.values as { segment?: unknown }).segment);
  const onChange = useForm('SegmentBuilder', (s) => s.onChange);
  const draft = draftOf(stored);
  const save = (next: Draft) => onChange('segment', next);
  const parsed = safeParseSegment(draft);
  const newsletters = useNewsletters();
  const names = { newsletters: Object.fromEntries(newsletters.map((n) => [n.slug, newsletterName(n, l)])) };

  const sentence = parsed.success ? (
    <Typography role="note">{describeSegment(parsed.segment, l, names)}</Typography>
  ) : null;
  if (readOnly) {
    return (
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography variant="sigma">{TEXTS.frozen[l]}</Typography>
        {sentence}
      </Flex>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Field.Root name="segment-match">
        <Field.Label>{TEXTS.match[l]}</Field.Label>
        <SingleSelect
          value={draft.match}
          onChange={(v: string | number) => save({ ...draft, match: v === 'any' ? 'any' : 'all' })}
        >
          <SingleSelectOption value="all">{TEXTS.all[l]}</SingleSelectOption>
          <SingleSelectOption value="any">{TEXTS.any[l]}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      {draft.conditions.map((condition, index) => (
        <ConditionEditor
          key={index}
          condition={condition}
          index={index}
          l={l}
          newsletters={newsletters}
          onChange={(next) =>
            save({ ...draft, conditions: draft.conditions.map((c, i) => (i === index ? next : c)) })
          }
          onRemove={() => save({ ...draft, conditions: draft.conditions.filter((_, i) => i !== index) })}
        />
      ))}
      <Field.Root name="segment-add">
        <Field.Label>{TEXTS.add[l]}</Field.Label>
        <SingleSelect
          placeholder={TEXTS.add[l]}
          value=""
          onChange={(v: string | number) =>
            save({ ...draft, conditions: [...draft.conditions, fresh(v as Kind)] })
          }
        >
          {(Object.keys(KINDS) as Kind[]).map((kind) => (
            <SingleSelectOption key={kind} value={kind}>
              {KINDS[kind][l]}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {parsed.success ? (
        sentence
      ) : (
        <Flex direction="column" alignItems="stretch" gap={1}>
          {parsed.issues.map((issue) => (
            <Typography key={issue.path} textColor="danger600">
              {issue.message[l]}
            </Typography>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

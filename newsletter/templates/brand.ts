/** The Ta Steget brand in mail: colours and type that hold up in Outlook and dark mode. */
export const BRAND = {
  background: '#f2efe8',
  surface: '#ffffff',
  ink: '#1f2a2e',
  muted: '#5b6770',
  accent: '#1d5c4d',
  accentInk: '#ffffff',
  rule: '#d9d4c7',
  fontFamily: "'Helvetica Neue', Helvetica, Arial, sans-serif",
  width: 600,
} as const;

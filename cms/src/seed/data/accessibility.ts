/**
 * The demo accessibility statement (DIGG's structure), in Swedish and English. The region's
 * editors keep the real one in the CMS; dates and shortcomings here are the demo's.
 */
export const ACCESSIBILITY = {
  shared: {
    organisation: 'Region Jämtland Härjedalen',
    complianceStatus: 'partially-compliant',
    assessmentMethod: 'self-assessment',
    preparedOn: '2026-11-20',
    reviewedOn: '2026-12-01',
    feedbackEmail: 'info@tasteget.nu',
    feedbackPhone: '063-14 75 00',
    enforcementUrl: 'https://www.digg.se/tdosanmalan',
  },
  sv: {
    title: 'Tillgänglighetsredogörelse för tasteget.nu',
    intro:
      'Region Jämtland Härjedalen står bakom tasteget.nu. Vi vill att så många som möjligt ska kunna använda webbplatsen. Här beskriver vi hur den uppfyller lagen om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem.',
    shortcomings: [
      {
        description:
          'Äldre nummer av magasinet Ta Steget finns som PDF-filer som inte är tillgänglighetsanpassade.',
        reason: 'out-of-scope',
        wcagCriteria: '',
        remedy: 'Skriv till oss så skickar vi texten i ett format som fungerar för dig.',
      },
      {
        description: 'Några filmer i berättelserna saknar syntolkning.',
        reason: 'non-compliance',
        wcagCriteria: '1.2.5 Syntolkning (förinspelat)',
        remedy: 'Nya filmer syntolkas från och med 2027; äldre filmer under våren 2027.',
      },
    ],
    assessmentDescription:
      'Vi har granskat webbplatsen själva. Varje sidtyp testas automatiskt med axe och Lighthouse vid varje ändring, och vi testar manuellt med tangentbord, skärmläsare och förstoring.',
    feedbackText:
      'Om du behöver innehåll i ett annat format, eller hittar något som inte fungerar, hör av dig så svarar vi inom två arbetsdagar.',
  },
  en: {
    title: 'Accessibility statement for tasteget.nu',
    intro:
      'Region Jämtland Härjedalen is responsible for tasteget.nu. We want as many people as possible to be able to use the website. This statement describes how it complies with the Swedish act on accessibility to digital public services, the shortcomings we know of, and how to report a problem.',
    shortcomings: [
      {
        description: 'Older issues of the Ta Steget magazine are PDF files that are not accessible.',
        reason: 'out-of-scope',
        wcagCriteria: '',
        remedy: 'Write to us and we will send you the text in a format that works for you.',
      },
      {
        description: 'Some films in the stories have no audio description.',
        reason: 'non-compliance',
        wcagCriteria: '1.2.5 Audio description (prerecorded)',
        remedy: 'New films are audio described from 2027; older ones during spring 2027.',
      },
    ],
    assessmentDescription:
      'We assessed the website ourselves. Every page type is tested automatically with axe and Lighthouse on every change, and manually with keyboard, screen reader and zoom.',
    feedbackText:
      'If you need content in another format, or find something that does not work, contact us and we will answer within two working days.',
  },
} as const;

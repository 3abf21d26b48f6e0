/**
 * Swedish for the admin screens staff meet first, where Strapi 5.54's own Swedish has gaps (it
 * translates about 560 of its 920 admin texts): the start page and its widgets. Plugin texts are
 * keyed with the plugin's id. The project's own pages keep their texts in their components.
 */
export const sv: Record<string, string> = {
  'HomePage.head.title': 'Startsida',
  'HomePage.header.title': 'Hej {name}',
  'HomePage.header.subtitle': 'Välkommen till administrationspanelen',
  'HomePage.addWidget.title': 'Lägg till widget',
  'HomePage.addWidget.button': 'Lägg till widget',
  'HomePage.addWidget.noWidgetsAvailable': 'Inga widgetar att lägga till',
  'HomePage.widget.loading': 'Hämtar innehållet',
  'HomePage.widget.error': 'Innehållet kunde inte hämtas.',
  'HomePage.widget.no-data': 'Inget innehåll.',
  'HomePage.widget.no-permissions': 'Du har inte behörighet att se den här widgeten',
  'HomePage.widget.delete': 'Ta bort',
  'HomePage.widget.drag': 'Dra för att flytta',
  'widget.profile.title': 'Profil',
  'global.profile.settings': 'Profilinställningar',
  'widget.key-statistics.title': 'Statistik',
  'widget.key-statistics.list.entries': 'Poster',
  'widget.key-statistics.list.assets': 'Filer',
  'widget.last-activity.title': 'Senaste aktivitet',
  'widget.last-activity.no-activity': 'Ingen aktivitet',
  'app.components.MediaLibraryBanner.intro': 'Nytt mediebibliotek ',
  'app.components.MediaLibraryBanner.text.enabled': 'Du använder nu den nya versionen.',
  'app.components.MediaLibraryBanner.button.enabled': 'Läs mer',
  'app.components.MediaLibraryBanner.close': 'Stäng meddelandet. ',
  'content-manager.widget.last-edited.title': 'Senast ändrade poster',
  'content-manager.widget.last-published.title': 'Senast publicerade poster',
  'content-manager.widget.last-published.no-data': 'Inga publicerade poster',
  'content-manager.widget.chart-entries.title': 'Poster',
};

/** Demo newsletters beside the county's (which always exists): one offered, two by invitation. */
export const NEWSLETTERS = [
  {
    slug: 'nyinflyttad-ostersund',
    name: 'Nyinflyttad i Östersund',
    nameEn: 'New in Östersund',
    description: 'Tips, träffar och föreningsliv för dig som nyss flyttat till Östersund.',
    descriptionEn: 'Tips, meetups and clubs for those who just moved to Östersund.',
    listed: true,
  },
  {
    slug: 'ambassadorsnatverket',
    name: 'Ambassadörsnätverket',
    nameEn: 'The ambassador network',
    description: 'Brev till länets platsambassadörer.',
    descriptionEn: "Letters to the county's place ambassadors.",
    listed: false,
  },
  {
    slug: 'inbjudningar',
    name: 'Inbjudningar till inflyttarträffar',
    nameEn: 'Invitations to newcomer meetups',
    description: 'Inbjudningar som vägledarna skickar till kontakter i registret.',
    descriptionEn: 'Invitations the guides send to contacts in the register.',
    listed: false,
  },
] as const;

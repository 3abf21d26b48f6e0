import type { KommunSeed } from './types';

export const KOMMUNER: KommunSeed[] = [
  {
    municipality: 'berg',
    name: 'Berg',
    intro:
      'Berg är kommunen för dig som vill ha fjäll, skog och sjöar runt knuten – och nära till grannarna. Här finns allt från Helags och fjällbyarna kring Klövsjö till jordbruksbygden vid Storsjöns södra del. Många som flyttar hit lyfter fram lugnet, engagemanget i byarna och att friluftslivet går att kombinera med en helt vanlig vardag.',
    sections: [
      {
        theme: 'living',
        heading: 'Hitta ditt boende i Berg',
        body: [
          'Det kommunala bostadsbolaget har lägenheter i Svenstavik, Myrviken, Hackås och Åsarna, och kötiderna är ofta korta jämfört med större orter. Många inflyttare väljer också att köpa hus – villor och gårdar säljs till priser som gör det möjligt att få både utrymme och sjöutsikt.',
          'Vet du inte vilken by som passar dig? Vår flyttvägledare berättar gärna om lediga tomter, hyresmöjligheter och vilka orter som har förskola, skola och matbutik i närheten.',
        ],
        links: [
          { label: 'Lediga bostäder och tomter i Berg',
 labelEn: 'Homes and plots available in Berg', url: 'https://www.berg.kommun.example/bostader' },
        ],
      },
      {
        theme: 'work',
        heading: 'Jobb och företagande',
        body: [
          'De största arbetsgivarna är kommunen, besöksnäringen samt skogs- och lantbruket. Inom vård, skola och omsorg finns det nästan alltid lediga tjänster, och många pendlar också till Östersund, som ligger ungefär en timme bort.',
          'Den som vill starta eget får stöd av kommunens näringslivsenhet och ett aktivt nätverk av småföretagare. Fiber finns i de flesta byar, så det fungerar bra att arbeta på distans – hemifrån eller från ett kontorshotell.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Skola och förskola',
        body: [
          'Förskolor och grundskolor finns i flera av kommunens orter, och barngrupperna är ofta små. Det ger lärare och pedagoger tid att se varje barn, och skolvägen är för många en kort cykeltur.',
          'Gymnasiet läser de flesta ungdomar i Östersund, dit det går dagliga bussar. Ansökan om förskoleplats gör du digitalt, och vi försöker alltid erbjuda plats så nära hemmet som möjligt.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Fritid året runt',
        body: [
          'Vintern betyder längdskidor, skoteråkning och utförsåkning i Klövsjö. På sommaren vandrar man mot Helags, fiskar i någon av de många sjöarna eller besöker en fäbod som fortfarande är i bruk.',
          'Föreningslivet är en stor del av vardagen: idrottsklubbar, hembygdsföreningar, jaktlag och byaföreningar välkomnar nya medlemmar. Det är ofta där man hittar sina första vänner.',
        ],
      },
    ],
    guide: {
      name: 'Karin Olofsson',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@berg.kommun.example',
      phone: '+46 687 123 40',
    },
    en: {
      intro:
        'Berg is the municipality for anyone who wants mountains, forests and lakes close at hand – and neighbours who know your name. It stretches from Helags and the mountain villages around Klövsjö to the farmland along the southern part of lake Storsjön. Newcomers often mention the calm, the engaged village communities and how easy it is to combine outdoor life with everyday life.',
      sections: [
        {
          heading: 'Finding a home in Berg',
          body: [
            'The municipal housing company has flats in Svenstavik, Myrviken, Hackås and Åsarna, and waiting times are usually short compared with larger towns. Many newcomers also buy a house – detached homes and farms sell at prices that make it possible to have both space and a lake view.',
            'Not sure which village suits you? Our relocation guide is happy to tell you about available plots, rentals and which villages have a preschool, school and grocery store nearby.',
          ],
        },
        {
          heading: 'Jobs and business',
          body: [
            'The largest employers are the municipality, tourism, and forestry and farming. Healthcare, schools and social care almost always have vacancies, and many people commute to Östersund, about an hour away.',
            'If you want to start your own business, the municipality’s business unit and an active network of small business owners will support you. Most villages have fibre broadband, so remote work runs smoothly – from home or from a coworking space.',
          ],
        },
        {
          heading: 'School and preschool',
          body: [
            'There are preschools and primary schools in several of the municipality’s villages, and groups are often small. That gives teachers time to see every child, and for many families the way to school is a short bike ride.',
            'Most young people attend upper secondary school in Östersund, with daily bus connections. You apply for a preschool place online, and we always try to offer a place as close to home as possible.',
          ],
        },
        {
          heading: 'Leisure all year round',
          body: [
            'Winter means cross-country skiing, snowmobiling and downhill skiing in Klövsjö. In summer you hike towards Helags, fish in one of the many lakes or visit a summer mountain farm that is still in use.',
            'Clubs and associations are a big part of everyday life: sports clubs, local heritage societies, hunting teams and village associations all welcome new members. That is often where newcomers find their first friends.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'bracke',
    name: 'Bräcke',
    intro:
      'Bräcke är en kommun med skogar, sjöar och ett strategiskt läge vid järnvägen mellan Östersund och Sundsvall. Orterna Bräcke, Gällö, Kälarne och Pilgrimstad har var sin karaktär men samma närhet till naturen. Här kan du bo billigt och rymligt och ändå nå både flygplats och universitet inom en timme.',
    sections: [
      {
        theme: 'living',
        heading: 'Boende med utrymme',
        body: [
          'Bräcke har ett av länets mest prisvärda bostadsutbud. Hyreslägenheter finns ofta att få utan lång kötid, och på den privata marknaden säljs villor och sjönära gårdar till priser som förvånar den som kommer från en storstad.',
          'Kommunen har också byggklara tomter i flera orter. Hör av dig till vår flyttvägledare så berättar vi om aktuella objekt och vad du bör tänka på när du köper hus på landsbygden, till exempel egen brunn och avlopp.',
        ],
        links: [{ label: 'Bostäder och tomter i Bräcke',
 labelEn: 'Homes and plots in Bräcke', url: 'https://www.bracke.kommun.example/bostader' }],
      },
      {
        theme: 'work',
        heading: 'Arbete och pendling',
        body: [
          'Kommunen, träindustrin och flera transport- och logistikföretag är viktiga arbetsgivare. Det råder brist på bland annat undersköterskor, förskollärare och fordonstekniker, så den som har en sådan utbildning har goda chanser att snabbt hitta jobb.',
          'Tåget gör det enkelt att pendla: från Bräcke och Gällö når du Östersund på ungefär en halvtimme. Allt fler kombinerar också distansarbete med några dagar i veckan på ett kontor i stan.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Trygg skolgång',
        body: [
          'I kommunen finns förskolor och grundskolor i de större orterna, med små klasser och nära kontakt mellan lärare och föräldrar. Många skolor använder skogen och sjön som klassrum när vädret tillåter.',
          'Gymnasieelever pendlar i regel till Östersund med tåg eller buss. Fritidshem och skolskjuts finns för de yngre barnen, och kommunen hjälper dig att hitta rätt förskola redan innan flytten.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Fritid och friluftsliv',
        body: [
          'S:t Olavsleden, den gamla pilgrimsleden mot Trondheim, passerar genom kommunen och lockar vandrare från hela världen. Här finns också fina fiskevatten, elljusspår och skoterleder.',
          'Idrottsföreningar, körer och byalag håller liv i orterna, och sommarens marknader och festivaler samlar både bofasta och sommarboende.',
        ],
      },
    ],
    guide: {
      name: 'Jonas Berglund',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@bracke.kommun.example',
      phone: '+46 693 161 20',
    },
    en: {
      intro:
        'Bräcke is a municipality of forests and lakes with a strategic position on the railway between Östersund and Sundsvall. The towns of Bräcke, Gällö, Kälarne and Pilgrimstad each have their own character but share the same closeness to nature. You can live affordably and spaciously here and still reach both an airport and a university within an hour.',
      sections: [
        {
          heading: 'Homes with space',
          body: [
            'Bräcke has some of the most affordable housing in the county. Rental flats are often available without a long wait, and on the private market houses and lakeside farms sell at prices that surprise people moving from a big city.',
            'The municipality also has plots ready for building in several towns. Get in touch with our relocation guide to hear about current listings and what to think about when buying a rural house, such as a private well and sewage system.',
          ],
        },
        {
          heading: 'Work and commuting',
          body: [
            'The municipality, the wood industry and several transport and logistics companies are important employers. There is a shortage of assistant nurses, preschool teachers and vehicle technicians, among others, so people with those skills have good chances of finding a job quickly.',
            'The train makes commuting easy: from Bräcke and Gällö you reach Östersund in about half an hour. More and more people combine remote work with a few days a week at an office in town.',
          ],
        },
        {
          heading: 'Safe schooling',
          body: [
            'There are preschools and primary schools in the larger towns, with small classes and close contact between teachers and parents. Many schools use the forest and the lake as a classroom when the weather allows.',
            'Upper secondary students usually commute to Östersund by train or bus. After-school care and school transport are available for younger children, and the municipality helps you find the right preschool even before you move.',
          ],
        },
        {
          heading: 'Leisure and outdoor life',
          body: [
            'St. Olav’s Way, the old pilgrim route towards Trondheim, passes through the municipality and attracts hikers from all over the world. There are also excellent fishing waters, floodlit ski tracks and snowmobile trails.',
            'Sports clubs, choirs and village associations keep the towns lively, and the summer markets and festivals bring together residents and summer visitors alike.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'harjedalen',
    name: 'Härjedalen',
    intro:
      'Härjedalen är fjällkommunen med Sveg som centralort och välkända fjällbyar som Funäsdalen, Vemdalen, Lofsdalen och Tänndalen. Här lever en stark besöksnäring sida vid sida med skogsbruk, rennäring och små familjeföretag. Den som flyttar hit får fjällen som vardagsrum och en bygd där nya idéer tas emot med nyfikenhet.',
    sections: [
      {
        theme: 'living',
        heading: 'Bo i fjällen eller vid Ljusnan',
        body: [
          'I Sveg och Hede finns både hyresrätter och villor till rimliga priser. I fjällbyarna är efterfrågan högre, men det byggs nytt och det kommunala bostadsbolaget har en särskild kö för dig som flyttar hit för att arbeta året runt.',
          'Många väljer att först hyra ett tag för att lära känna bygden innan de köper. Vår flyttvägledare kan hjälpa dig att jämföra orter och hitta kontakter bland lokala hyresvärdar.',
        ],
        links: [
          { label: 'Bostadsguide för Härjedalen',
 labelEn: 'Housing guide for Härjedalen', url: 'https://www.harjedalen.kommun.example/bostader' },
        ],
      },
      {
        theme: 'work',
        heading: 'Jobb året runt',
        body: [
          'Besöksnäringen behöver personal både vinter och sommar, och allt fler säsongsanställningar blir i dag tillsvidaretjänster. Vård, skola och omsorg, bygg och installation samt fordonsservice är andra branscher med stort rekryteringsbehov.',
          'Kommunen har flera kontorshotell där distansarbetare och nystartade företag delar arbetsplats. Näringslivsenheten hjälper gärna till med kontakter om du funderar på att starta eller ta över ett företag.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Skola i en stor kommun',
        body: [
          'Förskolor och grundskolor finns i de större orterna, och skolskjuts ordnas för barn som bor längre bort. Flera skolor har friluftsdagar med skidor och skridskor som en självklar del av vintern.',
          'I Sveg finns gymnasieutbildning med inriktningar kopplade till bygdens näringar, och den som vill kan också läsa vidare i Östersund eller på distans via lärcentrum.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Fjäll, skidor och stilla vatten',
        body: [
          'Här finns några av Sveriges bästa skid- och vandringsområden, med milslånga längdspår, liftar och fjälleder direkt utanför dörren. På sommaren lockar cykling, paddling i Ljusnan och fiske i fjällsjöarna.',
          'Bygdens kulturliv är rikt, med fäbodmusik, hantverkstraditioner och en levande sydsamisk kultur. Nyinflyttade bjuds regelbundet in till träffar där man kan lära känna både ortsbor och andra nya.',
        ],
      },
    ],
    guide: {
      name: 'Lina Persson',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@harjedalen.kommun.example',
      phone: '+46 680 165 30',
    },
    en: {
      intro:
        'Härjedalen is the mountain municipality, with Sveg as its main town and well-known mountain villages such as Funäsdalen, Vemdalen, Lofsdalen and Tänndalen. A strong tourism industry thrives side by side with forestry, reindeer herding and small family businesses. Moving here means having the mountains as your living room and a community that welcomes new ideas with curiosity.',
      sections: [
        {
          heading: 'Live in the mountains or by the Ljusnan river',
          body: [
            'In Sveg and Hede there are both rental flats and houses at reasonable prices. Demand is higher in the mountain villages, but new homes are being built and the municipal housing company has a special queue for people who move here to work all year round.',
            'Many people choose to rent for a while to get to know the area before buying. Our relocation guide can help you compare villages and find contacts among local landlords.',
          ],
        },
        {
          heading: 'Work all year round',
          body: [
            'Tourism needs staff both in winter and summer, and more and more seasonal jobs are becoming permanent positions. Healthcare, schools and social care, construction and installation, and vehicle service are other sectors with a great need to recruit.',
            'The municipality has several coworking spaces where remote workers and start-ups share a workplace. The business unit is happy to put you in touch with the right people if you are thinking of starting or taking over a business.',
          ],
        },
        {
          heading: 'School in a large municipality',
          body: [
            'There are preschools and primary schools in the larger villages, and school transport is arranged for children who live further away. Several schools have outdoor days with skiing and skating as a natural part of winter.',
            'Sveg offers upper secondary programmes linked to the local industries, and you can also continue your studies in Östersund or remotely through the local learning centre.',
          ],
        },
        {
          heading: 'Mountains, skiing and still waters',
          body: [
            'Some of Sweden’s best skiing and hiking areas are here, with miles of cross-country tracks, ski lifts and mountain trails right outside your door. In summer there is cycling, paddling on the Ljusnan river and fishing in the mountain lakes.',
            'Local cultural life is rich, with traditional herding music, craft traditions and a living South Sami culture. Newcomers are regularly invited to meetups where they can get to know both locals and other new residents.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'krokom',
    name: 'Krokom',
    intro:
      'Krokom ligger bara en kvart från Östersund men erbjuder landsbygdens lugn, med byar längs Storsjön, Alsensjön och ända upp mot norska gränsen. Här bor många barnfamiljer som vill ha nära till både stadens utbud och skogen. Kommunen växer, och det märks i nya bostadsområden, förskolor och ett livligt föreningsliv.',
    sections: [
      {
        theme: 'living',
        heading: 'Nya bostäder och gamla gårdar',
        body: [
          'I Krokom, Ås, Dvärsätt och Nälden byggs det nya villor, radhus och hyresrätter, och kommunen säljer tomter i flera områden. Längre norrut, i Föllinge och Offerdal, finns gott om äldre gårdar med mark för den som drömmer om hästar, höns eller odling.',
          'Tänk på att det kan ta tid att hitta rätt, särskilt nära Östersund. Anmäl dig gärna till tomtkön tidigt och hör av dig till flyttvägledaren för aktuell information.',
        ],
        links: [{ label: 'Tomtkö och bostäder i Krokom',
 labelEn: 'Plot queue and homes in Krokom', url: 'https://www.krokom.kommun.example/bostader' }],
      },
      {
        theme: 'work',
        heading: 'Nära till jobben',
        body: [
          'Många Krokomsbor arbetar i Östersund, medan andra har jobb inom kommunens egna verksamheter, lantbruket, energisektorn eller i något av de många småföretagen. Bussarna går tätt och cykelvägen mot Östersund används flitigt från vår till höst.',
          'Kommunen behöver bland annat lärare, sjuksköterskor och socialsekreterare. Företagare får stöd genom näringslivskontoret och lokala företagarföreningar som ordnar frukostmöten och nätverksträffar.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Förskola och skola nära hemmet',
        body: [
          'Krokom har förskolor och grundskolor i de flesta större byar, flera av dem nybyggda. Kommunen satsar på utomhuspedagogik och naturnära lärande, och många förskolor har egen skogsgård.',
          'Gymnasiet ligger i Östersund, en kort bussresa bort. Vill du ha förskoleplats direkt när du flyttar, ansök gärna innan du har skrivit dig i kommunen – det går bra att lämna in ansökan i förväg.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Fritid för alla åldrar',
        body: [
          'Här kan du åka skridskor på Storsjöns is, vandra på Sösjöfjällen eller besöka hällristningarna i Glösa. Elljusspåren i byarna är välbesökta vinterkvällar, och sommaren bjuder på bad, fiske och paddling.',
          'Idrottsföreningarna har aktiviteter för barn och vuxna, och byahus och bygdegårdar ordnar allt från loppis till dans. Det är lätt att bli en del av gemenskapen om man säger ja till att hjälpa till.',
        ],
      },
    ],
    guide: {
      name: 'Erik Sundqvist',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@krokom.kommun.example',
      phone: '+46 640 161 10',
    },
    en: {
      intro:
        'Krokom lies just fifteen minutes from Östersund yet offers the calm of the countryside, with villages along lakes Storsjön and Alsensjön and all the way up to the Norwegian border. Many families with children live here to be close to both the town and the forest. The municipality is growing, which shows in new residential areas, new preschools and lively clubs and associations.',
      sections: [
        {
          heading: 'New homes and old farms',
          body: [
            'New houses, terraced homes and rental flats are being built in Krokom, Ås, Dvärsätt and Nälden, and the municipality sells plots in several areas. Further north, in Föllinge and Offerdal, there are plenty of older farms with land for anyone dreaming of horses, hens or growing their own food.',
            'It can take time to find the right home, especially close to Östersund. Sign up for the plot queue early and contact the relocation guide for up-to-date information.',
          ],
        },
        {
          heading: 'Close to the jobs',
          body: [
            'Many Krokom residents work in Östersund, while others work in the municipality’s own services, in farming, the energy sector or one of the many small businesses. Buses run frequently, and the cycle path to Östersund is well used from spring to autumn.',
            'The municipality needs teachers, nurses and social workers, among others. Business owners get support from the business office and local business associations that organise breakfast meetings and networking events.',
          ],
        },
        {
          heading: 'Preschool and school close to home',
          body: [
            'Krokom has preschools and primary schools in most larger villages, several of them newly built. The municipality invests in outdoor education and nature-based learning, and many preschools have their own forest area.',
            'Upper secondary school is in Östersund, a short bus ride away. If you want a preschool place as soon as you move, apply before you have registered in the municipality – you can submit your application in advance.',
          ],
        },
        {
          heading: 'Leisure for all ages',
          body: [
            'You can skate on the ice of lake Storsjön, hike in the Sösjö mountains or visit the rock carvings at Glösa. The floodlit ski tracks in the villages are busy on winter evenings, and summer brings swimming, fishing and paddling.',
            'Sports clubs offer activities for children and adults, and village halls organise everything from flea markets to dances. It is easy to become part of the community if you say yes to lending a hand.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'ragunda',
    name: 'Ragunda',
    intro:
      'Ragunda är älvdalens kommun, där Indalsälven slingrar sig genom ett landskap av skog, odlingsmark och små samhällen. Orterna Hammarstrand, Stugun och Bispgården erbjuder ett tryggt liv med korta avstånd och låga boendekostnader. Här finns också Döda fallet, ett av Sveriges mest speciella naturminnen.',
    sections: [
      {
        theme: 'living',
        heading: 'Prisvärt boende vid älven',
        body: [
          'I Ragunda kan du ofta flytta in i en hyreslägenhet inom några veckor, och villapriserna hör till de lägsta i länet. Många hus ligger med utsikt över älven eller med egen skog och mark.',
          'Kommunen har ett nätverk av lokala kontaktpersoner som kan tipsa om hus som är på väg ut på marknaden. Hör av dig, så hjälper vi dig att komma i kontakt med rätt personer.',
        ],
        links: [
          { label: 'Hyresrätter och hus i Ragunda',
 labelEn: 'Rentals and houses in Ragunda', url: 'https://www.ragunda.kommun.example/bostader' },
        ],
      },
      {
        theme: 'work',
        heading: 'Arbetsliv och företagande',
        body: [
          'Vattenkraften, skogsbruket och kommunens egna verksamheter ger många arbetstillfällen. Det finns ett stort behov av personal inom vård och omsorg, förskola och skola samt inom tekniska yrken som elektriker och maskinförare.',
          'Ragunda har en stark tradition av småföretagande och ett lokalt utvecklingsbolag som hjälper nya företagare med allt från affärsplan till lokaler. Pendlingen till Östersund och Sollefteå går bra med bil eller buss.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Små skolor med stort engagemang',
        body: [
          'Kommunens förskolor och grundskolor har små grupper och personal som ofta arbetat länge på samma plats. Barnen blir sedda, och föräldrarna känner ofta varandra.',
          'Gymnasiestudierna sker i regel i Östersund eller Sollefteå, och kommunen ordnar resor. Lärcentrum i Hammarstrand gör det också möjligt för vuxna att studera på distans på hemmaplan.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Natur och kultur nära',
        body: [
          'Döda fallet, med sina stigar och sommarteatrar, är en självklar utflykt. Älven bjuder på fiske och paddling, och skogarna är fulla av bär, svamp och vilt.',
          'Trav, skoter, jakt och körsång är några av de intressen som samlar människor här. Föreningarna välkomnar gärna nya medlemmar – och ofta blir man snabbt tillfrågad om att vara med och arrangera något.',
        ],
      },
    ],
    guide: {
      name: 'Anders Holm',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@ragunda.kommun.example',
      phone: '+46 696 682 10',
    },
    en: {
      intro:
        'Ragunda is the river valley municipality, where the Indalsälven river winds through a landscape of forest, farmland and small communities. Hammarstrand, Stugun and Bispgården offer a safe life with short distances and low housing costs. Ragunda is also home to Döda fallet, the Dead Falls, one of Sweden’s most remarkable natural monuments.',
      sections: [
        {
          heading: 'Affordable living by the river',
          body: [
            'In Ragunda you can often move into a rental flat within a few weeks, and house prices are among the lowest in the county. Many houses have a view over the river or come with their own forest and land.',
            'The municipality has a network of local contacts who can tip you off about houses about to go on the market. Get in touch and we will help you reach the right people.',
          ],
        },
        {
          heading: 'Working life and business',
          body: [
            'Hydropower, forestry and the municipality’s own services provide many jobs. There is a great need for staff in health and social care, preschools and schools, and technical trades such as electricians and machine operators.',
            'Ragunda has a strong tradition of small businesses and a local development company that helps new entrepreneurs with everything from business plans to premises. Commuting to Östersund and Sollefteå works well by car or bus.',
          ],
        },
        {
          heading: 'Small schools with great commitment',
          body: [
            'The municipality’s preschools and schools have small groups and staff who have often worked in the same place for many years. Children are seen, and parents often know each other.',
            'Upper secondary studies usually take place in Östersund or Sollefteå, and the municipality arranges travel. The learning centre in Hammarstrand also makes it possible for adults to study remotely close to home.',
          ],
        },
        {
          heading: 'Nature and culture nearby',
          body: [
            'The Dead Falls, with its trails and summer theatre, is an obvious day trip. The river offers fishing and paddling, and the forests are full of berries, mushrooms and game.',
            'Harness racing, snowmobiling, hunting and choir singing are some of the interests that bring people together here. Clubs are happy to welcome new members – and you will often quickly be asked to help organise something.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'stromsund',
    name: 'Strömsund',
    intro:
      'Strömsund är länets till ytan största kommun, med vidsträckta skogar, fjällen i Frostviken och Vildmarksvägen som slingrar sig upp mot Stekenjokk. Centralorten Strömsund ligger vackert vid Ströms Vattudal, och byarna har en stark sammanhållning. Här får du gott om plats, ren luft och en vardag där naturen alltid finns nära.',
    sections: [
      {
        theme: 'living',
        heading: 'Plats för dig',
        body: [
          'Det finns lediga hyresrätter i Strömsund, Hammerdal, Hoting och Gäddede, ofta utan kötid. Villor och gårdar säljs till låga priser, och många inflyttare har köpt hus med sjötomt för vad en bostadsrätt kostar i en storstad.',
          'Kommunen har även ett antal fritidshus som blivit permanentbostäder och hjälper gärna till med råd kring renovering, energiförsörjning och vinterväg.',
        ],
        links: [
          { label: 'Lediga bostäder i Strömsund',
 labelEn: 'Homes available in Strömsund', url: 'https://www.stromsund.kommun.example/bostader' },
        ],
      },
      {
        theme: 'work',
        heading: 'Jobb i en växande bygd',
        body: [
          'Kommunen är största arbetsgivare, följd av tillverkningsindustri, skogsbruk, turism och handel. Det finns särskilt stor efterfrågan på sjuksköterskor, lärare, svetsare och fordonsmekaniker.',
          'Vildmarksturismen växer, och allt fler driver små företag inom guidning, boende och mat. Kontorshotellet i Strömsund är en naturlig mötesplats för distansarbetare och företagare.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Förskola, skola och gymnasium',
        body: [
          'Det finns förskolor och grundskolor i de flesta större orter, och i Strömsund finns även gymnasieskola. De små skolorna i byarna har ofta åldersblandade klasser och ett nära samarbete med föräldrarna.',
          'Förskoleplats kan i regel erbjudas inom några veckor. Kommunen hjälper även nyanlända familjer med modersmålsundervisning och studiehandledning.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Vildmark och gemenskap',
        body: [
          'Vildmarksvägen, Hällingsåfallet och fjällen i Frostviken lockar besökare från hela världen – för dig som bor här är de en del av vardagen. Vintertid finns skidspår, skoterleder och isfiske i mängd.',
          'Det finns ett rikt föreningsliv med allt från hockey och skytte till teater och hantverk. Nyinflyttade bjuds in till välkomstträffar flera gånger om året.',
        ],
      },
    ],
    guide: {
      name: 'Sofia Eriksson',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@stromsund.kommun.example',
      phone: '+46 670 164 00',
    },
    en: {
      intro:
        'Strömsund is the largest municipality in the county by area, with vast forests, the Frostviken mountains and the Wilderness Road winding up towards Stekenjokk. The main town, Strömsund, lies beautifully by the Ströms Vattudal lakes, and the villages have a strong sense of community. Here you get plenty of space, clean air and an everyday life where nature is always close.',
      sections: [
        {
          heading: 'Room for you',
          body: [
            'There are rental flats available in Strömsund, Hammerdal, Hoting and Gäddede, often with no waiting time. Houses and farms sell at low prices, and many newcomers have bought a lakeside house for what a flat costs in a big city.',
            'A number of holiday homes have also become permanent homes, and the municipality is happy to advise on renovation, energy supply and winter road access.',
          ],
        },
        {
          heading: 'Jobs in a growing region',
          body: [
            'The municipality is the largest employer, followed by manufacturing, forestry, tourism and retail. There is particularly strong demand for nurses, teachers, welders and vehicle mechanics.',
            'Wilderness tourism is growing, and more and more people run small businesses in guiding, accommodation and food. The coworking space in Strömsund is a natural meeting place for remote workers and business owners.',
          ],
        },
        {
          heading: 'Preschool, school and upper secondary',
          body: [
            'There are preschools and primary schools in most of the larger villages, and Strömsund also has an upper secondary school. The small village schools often have mixed-age classes and work closely with parents.',
            'A preschool place can usually be offered within a few weeks. The municipality also supports newly arrived families with mother tongue tuition and study guidance.',
          ],
        },
        {
          heading: 'Wilderness and community',
          body: [
            'The Wilderness Road, the Hällingsåfallet waterfall and the Frostviken mountains attract visitors from all over the world – for residents they are part of everyday life. In winter there are plenty of ski tracks, snowmobile trails and ice fishing spots.',
            'Clubs and associations cover everything from ice hockey and shooting to theatre and crafts. Newcomers are invited to welcome meetups several times a year.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'are',
    name: 'Åre',
    intro:
      'Åre är mer än en skidort: kommunen sträcker sig från Storlien vid norska gränsen till Hallen och Mörsil, med Järpen som centralort. Här möts internationell besöksnäring, lantbruk och en växande skara distansarbetare och entreprenörer. Naturen är fantastisk året om, och tågförbindelserna gör det lätt att ta sig både till Östersund och Trondheim.',
    sections: [
      {
        theme: 'living',
        heading: 'Hitta ditt hem i Åre kommun',
        body: [
          'Bostadsmarknaden i Åre by är tuff, men i Järpen, Mörsil, Undersåker och Hallen finns fler möjligheter till rimliga priser. Det byggs nya hyresrätter i flera orter, och kommunen arbetar aktivt för att fler bostäder ska gå till åretruntboende.',
          'Ett bra råd är att söka brett och att höra av sig till lokala arbetsgivare – flera av dem hjälper nyanställda med boende under den första tiden.',
        ],
        links: [
          { label: 'Bostäder för åretruntboende i Åre',
 labelEn: 'Year-round homes in Åre', url: 'https://www.are.kommun.example/bostader' },
        ],
      },
      {
        theme: 'work',
        heading: 'Jobb och entreprenörskap',
        body: [
          'Besöksnäringen är den största branschen, men kommunen, vården, byggsektorn och en växande tech- och designscen erbjuder också många jobb. Det finns ett särskilt stort behov av lärare, förskollärare och personal inom äldreomsorgen.',
          'Åre har ett av landets tätaste nätverk av entreprenörer och distansarbetare, med kontorshotell, inkubator och återkommande företagarträffar. Här är det vanligt att kombinera flera uppdrag eller att starta något eget.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Skola med fjället som granne',
        body: [
          'Kommunen har förskolor och grundskolor i de flesta orter och ett gymnasium med inriktningar mot bland annat skidsport och besöksnäring. Många skolor har utedagar där skidor, skridskor och vandring ingår.',
          'Eftersom många familjer flyttar hit kan det vara kö till förskolan i Åre by, medan det i regel finns plats i övriga orter. Ansök i god tid före flytten.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Fritid på riktigt',
        body: [
          'Utförsåkning, längdskidor, topptur, mountainbike, vandring och paddling – i Åre är friluftslivet en livsstil. Storlienfjällen och Kallbygden erbjuder också lugnare alternativ för den som vill undvika turiststråken.',
          'Kultur- och restaurangutbudet är stort för en landsbygdskommun, och föreningslivet är aktivt i alla byar. Nya invånare har lätt att hitta likasinnade, oavsett om intresset är klättring, körsång eller hantverk.',
        ],
      },
    ],
    guide: {
      name: 'Hanna Lindgren',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@are.kommun.example',
      phone: '+46 647 161 50',
    },
    en: {
      intro:
        'Åre is more than a ski resort: the municipality stretches from Storlien on the Norwegian border to Hallen and Mörsil, with Järpen as its main town. International tourism meets farming and a growing number of remote workers and entrepreneurs. Nature is spectacular all year round, and the train connections make it easy to reach both Östersund and Trondheim.',
      sections: [
        {
          heading: 'Finding your home in Åre',
          body: [
            'The housing market in Åre village is tough, but Järpen, Mörsil, Undersåker and Hallen offer more options at reasonable prices. New rental flats are being built in several villages, and the municipality is actively working to ensure more homes go to year-round residents.',
            'A good piece of advice is to search widely and to contact local employers – several of them help new employees with housing during the first period.',
          ],
        },
        {
          heading: 'Jobs and entrepreneurship',
          body: [
            'Tourism is the largest industry, but the municipality, healthcare, construction and a growing tech and design scene also offer many jobs. There is a particular need for teachers, preschool teachers and elderly care staff.',
            'Åre has one of the densest networks of entrepreneurs and remote workers in the country, with coworking spaces, an incubator and regular business meetups. It is common here to combine several assignments or to start something of your own.',
          ],
        },
        {
          heading: 'School with the mountain next door',
          body: [
            'The municipality has preschools and primary schools in most villages and an upper secondary school with programmes in, among other things, ski sports and tourism. Many schools have outdoor days with skiing, skating and hiking.',
            'Because many families move here, there can be a queue for preschool in Åre village, while places are usually available in the other villages. Apply well before you move.',
          ],
        },
        {
          heading: 'Leisure for real',
          body: [
            'Downhill skiing, cross-country skiing, ski touring, mountain biking, hiking and paddling – in Åre outdoor life is a lifestyle. The Storlien mountains and the Kall area also offer quieter alternatives away from the tourist trails.',
            'The range of culture and restaurants is large for a rural municipality, and clubs are active in every village. New residents easily find like-minded people, whether they are into climbing, choir singing or crafts.',
          ],
        },
      ],
    },
  },
  {
    municipality: 'ostersund',
    name: 'Östersund',
    intro:
      'Östersund är länets stad, vackert belägen vid Storsjön med utsikt mot fjällen. Här finns universitet, sjukhus, flygplats och ett rikt kultur- och matliv – och ändå bara några minuter till skidspåret eller badplatsen. Staden växer, och många som flyttar hit beskriver en ovanlig kombination av stadspuls och naturnära vardag.',
    sections: [
      {
        theme: 'living',
        heading: 'Bo i stan, på Frösön eller på landet',
        body: [
          'Östersund erbjuder allt från lägenheter i centrum och på Frösön till villor i Brunflo, Lit och Orrviken. Det byggs många nya bostäder, både hyresrätter och bostadsrätter, men efterfrågan är stor – börja gärna söka i god tid.',
          'Flera arbetsgivare och hyresvärdar har samarbeten för att underlätta för nyinflyttade. Vår flyttvägledare kan berätta mer om andrahandsmarknaden, studentbostäder och nyproduktion.',
        ],
        links: [
          {
            label: 'Bostäder och nyproduktion i Östersund',
 labelEn: 'Homes and new builds in Östersund',
            url: 'https://www.ostersund.kommun.example/bostader',
          },
        ],
      },
      {
        theme: 'work',
        heading: 'Länets största arbetsmarknad',
        body: [
          'Regionen, kommunen, universitetet och flera statliga myndigheter är stora arbetsgivare, och det privata näringslivet är starkt inom it, turism, handel och livsmedel. Det råder brist på bland annat sjuksköterskor, läkare, ingenjörer och lärare.',
          'Östersund har dessutom ett livaktigt entreprenörsklimat med inkubatorer, kontorshotell och nätverk för kvinnliga företagare, internationella talanger och unga innovatörer.',
        ],
      },
      {
        theme: 'school-childcare',
        heading: 'Från förskola till universitet',
        body: [
          'Kommunen har ett brett utbud av förskolor och grundskolor, både kommunala och fristående, samt flera gymnasieskolor med nationella program och idrottsinriktningar. Internationella familjer kan få stöd med studiehandledning och modersmålsundervisning.',
          'Universitetet i Östersund erbjuder utbildningar inom bland annat turism, vård, teknik och samhällsvetenskap – både på campus och på distans.',
        ],
      },
      {
        theme: 'leisure',
        heading: 'Stad och natur i ett',
        body: [
          'Längdspåren och skidskyttearenan ligger mitt i staden, och på vintern plogas skridskobanor på Storsjön. På sommaren cyklar och paddlar man, och Frösön bjuder på promenader med utsikt över fjällen.',
          'Restauranger, teater, konserter och festivaler ger staden liv året runt, och Östersunds matkultur har uppmärksammats långt utanför länets gränser. Föreningslivet är stort och välkomnande.',
        ],
      },
    ],
    guide: {
      name: 'Maria Åkesson',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'flytt@ostersund.kommun.example',
      phone: '+46 63 14 30 00',
    },
    en: {
      intro:
        'Östersund is the county’s town, beautifully situated on lake Storsjön with a view of the mountains. It has a university, a hospital, an airport and a rich cultural and food scene – yet the ski track or the beach is only minutes away. The town is growing, and many newcomers describe an unusual combination of urban life and closeness to nature.',
      sections: [
        {
          heading: 'Live in town, on Frösön or in the countryside',
          body: [
            'Östersund offers everything from flats in the centre and on Frösön to houses in Brunflo, Lit and Orrviken. Many new homes are being built, both rentals and owner-occupied flats, but demand is high – start looking in good time.',
            'Several employers and landlords work together to make things easier for newcomers. Our relocation guide can tell you more about the sublet market, student housing and new developments.',
          ],
        },
        {
          heading: 'The county’s largest job market',
          body: [
            'The region, the municipality, the university and several government agencies are major employers, and the private sector is strong in IT, tourism, retail and food. There is a shortage of nurses, doctors, engineers and teachers, among others.',
            'Östersund also has a lively entrepreneurial climate with incubators, coworking spaces and networks for women entrepreneurs, international talent and young innovators.',
          ],
        },
        {
          heading: 'From preschool to university',
          body: [
            'The municipality offers a wide range of preschools and schools, both municipal and independent, as well as several upper secondary schools with national programmes and sports profiles. International families can get support with study guidance and mother tongue tuition.',
            'The university in Östersund offers programmes in tourism, healthcare, engineering and social sciences, among others – both on campus and online.',
          ],
        },
        {
          heading: 'Town and nature in one',
          body: [
            'The cross-country tracks and the biathlon arena are right in town, and in winter skating rinks are ploughed on lake Storsjön. In summer people cycle and paddle, and Frösön offers walks with views of the mountains.',
            'Restaurants, theatre, concerts and festivals keep the town lively all year round, and Östersund’s food culture has drawn attention far beyond the county. Clubs and associations are many and welcoming.',
          ],
        },
      ],
    },
  },
];
